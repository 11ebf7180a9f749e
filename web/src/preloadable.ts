/**
 * A page component in its own chunk that can be fetched before it is first rendered. Once its code is there
 * (`preload()` resolved) it renders at once like a static import; before that, like `React.lazy` (the nearest
 * Suspense shows its fallback). main.tsx preloads the first page of the URL alongside config.json, so the
 * first render never waits or flashes a fallback; index.html's preload hint (web/first-page-preload.ts) has
 * usually fetched the chunk with the entry already.
 */
import { createElement, lazy, type ComponentType } from 'react';

export interface PreloadableComponent<P extends object> {
  (props: P): ReturnType<typeof createElement>;
  /** Fetches the component's code; resolves once it renders without suspending. Tries again after a failure. */
  preload(): Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  const Page = (props: P) => createElement<P>(loaded ?? Lazy, props);
  return Object.assign(Page, { preload });
}
