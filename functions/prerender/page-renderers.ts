/**
 * Loads the page renderers (pages.tsx) at run time for Node tools and the local stack. The module path is
 * not a literal on purpose: this file is checked by the Node tsconfig, which has no DOM or JSX, and must not
 * follow the import into the web app's components (functions/prerender/tsconfig.json checks them). The
 * Lambda entry (handler.ts) imports pages.tsx directly, so its bundle contains them.
 */
import type { PageRenderers } from './page-types';

const PAGES_MODULE = './pages.tsx';

let loaded: Promise<PageRenderers> | undefined;

export function loadPageRenderers(): Promise<PageRenderers> {
  loaded ??= (import(/* @vite-ignore */ PAGES_MODULE) as Promise<{ pageRenderers: PageRenderers }>).then((module) => module.pageRenderers);
  return loaded;
}
