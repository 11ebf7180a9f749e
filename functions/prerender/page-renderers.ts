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
  loaded ??= (async () => {
    // Under tsx (npm start, npm run prerender) the web app's .tsx files are outside the Node tsconfig's files,
    // so tsx compiles their JSX with the classic transform: React.createElement on a global React. Vitest and
    // the Lambda bundle use the automatic runtime and never read it.
    const globals = globalThis as { React?: unknown };
    if (globals.React === undefined) {
      const react = (await import('react')) as { default?: unknown };
      globals.React = react.default ?? react;
    }
    const module = (await import(/* @vite-ignore */ PAGES_MODULE)) as { pageRenderers: PageRenderers };
    return module.pageRenderers;
  })();
  return loaded;
}
