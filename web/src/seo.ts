/**
 * What search engines are told by the running app: only the home page, categories and products may be
 * indexed; the cart, account, orders, staff pages, search results and unknown paths get
 * `<meta name="robots" content="noindex">` (the prerendered pages carry their own tags, functions/prerender/).
 * After the first navigation the prerendered page's tags (canonical URL, Open Graph…) describe another
 * page, so they are removed.
 */
import { useEffect, useRef } from 'react';
import type { Route } from './router';

const INDEXABLE_SECTIONS = new Set(['categoria', 'producto']);

export function isIndexable(route: Pick<Route, 'path'>): boolean {
  const section = route.path[0];
  return section === undefined || INDEXABLE_SECTIONS.has(section);
}

export function useSearchEngineTags(route: Route): void {
  const first = useRef(route.location);
  useEffect(() => {
    if (route.location !== first.current) {
      for (const element of document.querySelectorAll('[data-prerendered-head]')) element.remove();
    }
    let robots = document.head.querySelector<HTMLMetaElement>('meta[name="robots"]');
    if (!isIndexable(route)) {
      if (!robots) {
        robots = document.createElement('meta');
        robots.name = 'robots';
        document.head.append(robots);
      }
      robots.content = 'noindex, nofollow';
    } else if (robots && !robots.hasAttribute('data-prerendered-head')) {
      robots.remove();
    }
  }, [route]);
}
