/**
 * How the app takes over a prerendered page (functions/prerender/) without showing different content on
 * the way: the app renders into a detached element while the prerendered markup stays on screen, and the
 * two are swapped once the app's page has settled — its heading is there, nothing is busy or loading, and
 * its lists are at least as long as the prerendered ones (or a moment passed: the catalog may have changed
 * since the page was rendered). The prerendered page uses the app's own components, so the swap shows the
 * same page, now live. A page that is not prerendered (index.html) renders in place as before.
 * The home page is prerendered too (functions/prerender/, served for `/`).
 */
const SETTLE_DEADLINE_MS = 10_000;
/** How long a settled page may wait for its lists to be as long as the prerendered ones. */
const SHORTER_LIST_GRACE_MS = 1_500;

/** What the keyboard reaches, in document order. */
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

function listItems(element: Element): number {
  return element.querySelectorAll('main li').length;
}

function settled(container: Element): boolean {
  return (
    container.querySelector('main h1') !== null &&
    container.querySelector('[aria-busy="true"], .loading') === null
  );
}

/** The element the app should render into: `mount` itself, or a detached one when `mount` holds a prerendered page. */
export function takeOver(mount: HTMLElement): { container: HTMLElement; prerendered: boolean } {
  if (!mount.hasAttribute('data-prerendered')) return { container: mount, prerendered: false };
  // An old hash link (`/#/carrito`, from before path URLs) is served the home page, which is not the page it
  // asks for: that goes at once, and the app renders the page in place (the router rewrites the URL).
  if (window.location.hash.startsWith('#/')) {
    mount.removeAttribute('data-prerendered');
    mount.replaceChildren();
    return { container: mount, prerendered: false };
  }
  const container = document.createElement('div');
  const started = performance.now();
  let settledAt: number | null = null;
  const swap = () => {
    observer.disconnect();
    container.id = mount.id;
    const focused = document.activeElement;
    const focusedIndex = focused && mount.contains(focused) ? [...mount.querySelectorAll(FOCUSABLE)].indexOf(focused) : -1;
    mount.replaceWith(container);
    // Someone typing into the prerendered search box keeps their text and place.
    if (focused instanceof HTMLInputElement && focused.name === 'q' && focused.value) {
      const input = container.querySelector<HTMLInputElement>('input[name="q"]');
      if (input) {
        input.value = focused.value;
        input.focus();
      }
    } else if (focusedIndex >= 0) {
      // Someone moving with the keyboard stays where they were: the same control of the same page.
      const same = container.querySelectorAll<HTMLElement>(FOCUSABLE)[focusedIndex];
      if (same && same.tagName === focused!.tagName && same.textContent === focused!.textContent) same.focus();
    }
  };
  const check = () => {
    const now = performance.now();
    if (now - started > SETTLE_DEADLINE_MS) return swap();
    if (!settled(container)) {
      settledAt = null;
      return;
    }
    settledAt ??= now;
    if (listItems(container) >= listItems(mount) || now - settledAt > SHORTER_LIST_GRACE_MS) swap();
  };
  const observer = new MutationObserver(check);
  observer.observe(container, { childList: true, subtree: true, attributes: true, characterData: true });
  // Also on a timer: the grace and the deadline pass without mutations.
  const timer = window.setInterval(() => {
    if (!container.isConnected) check();
    if (container.isConnected) window.clearInterval(timer);
  }, 250);
  return { container, prerendered: true };
}
