/**
 * The browser every web test and `npm run bench:web` drive: Debian's headless Chromium, through playwright-core.
 */
import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium 156 as Debian ships it (156.0.8078.114 here) opens two pages of its own UI in every new headless window, the
 * omnibox popups (chrome://omnibox-popup.top-chrome/, a few hundred modules of the browser's JavaScript), while
 * the shop's page loads in it. On two cores they take the CPU the page is measured on: at 4× throttle a bare
 * HTML page's first paint went from 280 to 400 ms and the home page's LCP from 600 to 1,280 ms (medians of 9).
 * A shopper's browser has its UI loaded before the shop opens, and no test uses the address bar, so they are off.
 */
const NO_BROWSER_UI_PAGES = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', NO_BROWSER_UI_PAGES];

/** Headless Chromium from Debian, as every web test and bench/web.ts drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
