/**
 * The router: app paths like `/producto/01H…?x=1` → { path: ['producto', '01H…'], query }.
 *
 * Every navigation goes through the History API (pushState/popstate), so Back is told apart from a link:
 * a link starts the next page at the top, Back restores the page's scroll and whatever the page kept in
 * its history entry (`entryState`, e.g. the "Ver más" pages already loaded). URLs are written by `href()`
 * in one place: real paths (`/producto/…`, served by the web server's fallback to index.html or by a
 * prerendered page); `MODE` 'hash' would give hash URLs (`#/producto/…`) with the same pages and links.
 * Old hash links (`/#/producto/…`, in emails and chats from before) are rewritten to their path on load
 * and when the hash changes.
 */
import { useSyncExternalStore } from 'react';

type RouterMode = 'hash' | 'path';
const MODE = 'path' as RouterMode;

export interface Route {
  readonly path: readonly string[];
  readonly query: URLSearchParams;
  /** The app path with its query, e.g. "/buscar?q=ibu" (what `href` and `navigate` take). */
  readonly location: string;
  /** True when this route was reached with Back/Forward (restore scroll), false for links and first load. */
  readonly popped: boolean;
}

interface EntryState {
  readonly scrollY?: number;
  readonly [key: string]: unknown;
}

/** In path mode, an old hash link (`/#/carrito`) is replaced by its path (`/carrito`) without a new entry. */
function redirectLegacyHash(): void {
  if (MODE !== 'path' || !window.location.hash.startsWith('#/')) return;
  window.history.replaceState(window.history.state, '', window.location.hash.slice(1));
}

/** The app path of the current URL. */
function currentLocation(): string {
  const raw = MODE === 'hash' ? window.location.hash.replace(/^#/, '') : `${window.location.pathname}${window.location.search}`;
  return raw.startsWith('/') ? raw : `/${raw}`;
}

function parse(location: string, popped: boolean): Route {
  const [pathPart = '', queryPart = ''] = location.split('?');
  const path = pathPart
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, query: new URLSearchParams(queryPart), location, popped };
}

/** The URL for an app path: `href('/carrito')` → "#/carrito" (hash mode) or "/carrito" (path mode). */
export function href(to: string): string {
  return MODE === 'hash' ? `#${to}` : to;
}

type Listener = (route: Route) => void;
const listeners = new Set<Listener>();
// Outside a browser (the page prerenderer renders the same components in Node) there is no location.
const inBrowser = typeof window !== 'undefined';
if (inBrowser) redirectLegacyHash();
let current: Route = parse(inBrowser ? currentLocation() : '/', false);

function entryStateNow(): EntryState {
  const state: unknown = window.history.state;
  return state && typeof state === 'object' ? (state as EntryState) : {};
}

function notify(popped: boolean): void {
  current = parse(currentLocation(), popped);
  for (const listener of listeners) listener(current);
}

/** Goes to an app path; `replace` rewrites the current history entry instead of adding one. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState({}, '', href(to));
  } else {
    window.history.replaceState({ ...entryStateNow(), scrollY: window.scrollY }, '', window.location.href);
    window.history.pushState({}, '', href(to));
  }
  notify(false);
}

/** What the page stored in this history entry under `name` (restored on Back and on reload). */
export function entryState<T>(name: string): T | undefined {
  return entryStateNow()[name] as T | undefined;
}

export function setEntryState(name: string, value: unknown): void {
  window.history.replaceState({ ...entryStateNow(), [name]: value }, '', window.location.href);
}

/** The app path a same-document link points to, or null for other links (new tab, other site, downloads). */
function linkTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  if (MODE === 'hash') {
    if (url.pathname !== window.location.pathname || !url.hash.startsWith('#/')) return null;
    return url.hash.slice(1);
  }
  // A link to a spot on this page (`#contenido`) is the browser's to follow.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return null;
  if (url.hash.startsWith('#/')) return url.hash.slice(1);
  return `${url.pathname}${url.search}`;
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  window.history.scrollRestoration = 'manual';
  document.addEventListener('click', (event) => {
    const to = linkTarget(event);
    if (to === null) return;
    event.preventDefault();
    navigate(to);
  });
  window.addEventListener('popstate', () => {
    redirectLegacyHash();
    notify(true);
  });
  // A hash typed into the address bar, or an old link written without the router.
  window.addEventListener('hashchange', () => {
    redirectLegacyHash();
    if (currentLocation() !== current.location) notify(false);
  });
}

function subscribe(onChange: () => void): () => void {
  install();
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
}

/** The route of the current URL, outside React (the app's start preloads its page). */
export function currentRoute(): Route {
  return current;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => current);
}

/** The scroll position saved in the current history entry (set when the shopper left it). */
export function savedScroll(): number | undefined {
  return entryStateNow().scrollY;
}
