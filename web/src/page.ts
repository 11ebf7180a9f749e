/**
 * What every page does for people using a screen reader or a keyboard: a document title of its own, and on
 * navigation the focus moved to its main heading (so the next Tab starts in the new content) and the scroll
 * put back where the shopper left the page when they came back with Back.
 */
import { useEffect, useRef } from 'react';
import { savedScroll, type Route } from './router';

const SHOP_NAME = 'FarmaCruz';

/** Sets the document title while the page is shown: "Carrito · FarmaCruz". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · ${SHOP_NAME}`;
  }, [title]);
}

/** Polls (one frame at a time, up to `deadlineMs`) until `ready` holds, then runs `then`. */
function whenReady(ready: () => boolean, then: () => void, deadlineMs: number): () => void {
  const start = performance.now();
  let frame = 0;
  const tick = () => {
    if (ready() || performance.now() - start > deadlineMs) then();
    else frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}

/** After each navigation: focus the main heading, and restore the scroll on Back or start at the top. */
export function useNavigationFocus(route: Route): void {
  // The page as first loaded keeps the browser's focus and scroll; only later navigations move them.
  const initial = useRef(route);
  useEffect(() => {
    if (route === initial.current) return;
    // A control that changes the URL of the page it is on (a search filter, the sort) keeps the focus and the scroll.
    if (!route.popped && document.activeElement?.closest('[data-keep-focus]')) return;
    const target = route.popped ? (savedScroll() ?? 0) : 0;
    const heading = () => document.querySelector<HTMLElement>('main h1');
    const cancelFocus = whenReady(
      () => heading() !== null && !document.querySelector('main [aria-busy="true"]'),
      () => {
        const h1 = heading();
        if (h1) {
          if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
          h1.focus({ preventScroll: true });
        }
      },
      5000,
    );
    const cancelScroll = whenReady(
      () => document.documentElement.scrollHeight >= target + window.innerHeight && !document.querySelector('main [aria-busy="true"]'),
      () => window.scrollTo(0, target),
      5000,
    );
    return () => {
      cancelFocus();
      cancelScroll();
    };
  }, [route]);
}
