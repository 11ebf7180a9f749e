/**
 * Prerendered pages in a real Chromium against the whole local stack (as `npm start` serves them): a product,
 * a category and the home page opened directly show their content before any JavaScript runs, and the app takes
 * over without showing anything else on the way (no "Cargando…", no other heading, the same visible text),
 * after which the page works as the app. Also: the sitemap and robots.txt are served, the cart and account
 * pages say noindex. Screenshots in .artifacts/web/<size>-prerendered-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { productPath } from '../../model/shop-paths';
import { VIEWPORTS, shot, startBrowserStack, type BrowserStack } from './browser-stack';

let env: BrowserStack;
interface Listed { id: string; name: string; lab: string; stock: number; price: { amountCents: number } }
let product: Listed;

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 150 });
  const data = await env.graphql<{ products: { items: Listed[] } }>('query { products(category: "analgesicos", limit: 24) { items { id name lab stock price { amountCents } } } }', {});
  product = data.products.items.find((p) => p.stock > 10)!;
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

/** Records, from the first byte of the page, every main heading shown and whether anything loading was shown. */
const WATCH = `
  window.__seen = { headings: [], loading: false, before: null };
  const record = () => {
    const main = document.querySelector('main');
    if (!main) return;
    const h1 = main.querySelector('h1');
    const text = h1 ? h1.textContent : null;
    if (text !== null && window.__seen.headings[window.__seen.headings.length - 1] !== text) window.__seen.headings.push(text);
    if (/Cargando|Buscando/.test(main.textContent) || main.querySelector('[aria-busy="true"]')) window.__seen.loading = true;
  };
  new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => {
    record();
    const content = document.querySelector('main article, main .catalog');
    window.__seen.before = { content: content ? content.innerText : null, header: document.querySelector('header')?.innerText ?? null };
  });
`;

interface Seen { headings: string[]; loading: boolean; before: { content: string | null; header: string | null } | null }

async function openAndWatchTakeover(page: Page, url: string): Promise<{ seen: Seen; after: { content: string | null; header: string | null } }> {
  await page.addInitScript(WATCH);
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  // The app has taken over once the root is no longer the prerendered one.
  await page.waitForFunction(() => !document.querySelector('#root[data-prerendered]') && document.querySelector('#root main h1'), undefined, { timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
  const after = await page.evaluate(() => {
    const content = document.querySelector<HTMLElement>('main article, main .catalog');
    return { content: content ? content.innerText : null, header: document.querySelector<HTMLElement>('header')?.innerText ?? null };
  });
  return { seen, after };
}

describe('prerendered pages in Chromium', () => {
  for (const viewport of VIEWPORTS) {
    it(`product at ${viewport.width}×${viewport.height}: its content without JavaScript, then the app takes over showing the same`, async () => {
      const url = `${env.webUrl}${productPath(product).slice(1)}`;
      const noScript = await env.browser.newContext({ viewport, javaScriptEnabled: false });
      try {
        const page = await noScript.newPage();
        await page.goto(url);
        expect(await page.locator('main h1').innerText()).toBe(product.name);
        expect(await page.title()).toBe(`${product.name} · FarmaCruz`);
        // Link previews show the product's own picture: the largest WebP of its demo packshot, served.
        const previewImage = await page.locator('meta[property="og:image"]').getAttribute('content');
        expect(previewImage).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/images/demo/${product.id}-640\\.webp$`));
        const preview = await page.request.get(previewImage!);
        expect([preview.status(), preview.headers()['content-type']]).toEqual([200, 'image/webp']);
        // The picture itself is drawn without JavaScript, at the width the screen needs.
        const picture = page.locator('main article img');
        await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
        await page.screenshot({ path: `${process.cwd()}/.artifacts/web/${viewport.name}-prerendered-product-nojs.png`, fullPage: true });
      } finally {
        await noScript.close();
      }

      const context = await env.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const { seen, after } = await openAndWatchTakeover(page, url);
        expect(seen.headings).toEqual([product.name]);
        expect(seen.loading).toBe(false);
        expect(seen.before?.content).toContain(product.name);
        expect(after.content).toBe(seen.before?.content);
        expect(after.header).toBe(seen.before?.header);
        await shot(page, viewport, 'prerendered-product');
        // It is the app now: adding to the cart works.
        await page.getByRole('button', { name: 'Agregar al carrito' }).click();
        await page.getByTestId('cart-link').filter({ hasText: 'Carrito (1)' }).waitFor({ timeout: 30_000 });
        // Leaving the page removes its canonical and Open Graph tags; the cart says noindex.
        await page.getByTestId('cart-link').click();
        await page.getByRole('heading', { name: /carrito/i }).first().waitFor({ timeout: 30_000 });
        expect(await page.locator('link[rel="canonical"]').count()).toBe(0);
        expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`home at ${viewport.width}×${viewport.height}: the first products without JavaScript, then the app takes over with the same`, async () => {
      const noScript = await env.browser.newContext({ viewport, javaScriptEnabled: false });
      try {
        const page = await noScript.newPage();
        await page.goto(env.webUrl);
        expect(await page.locator('main h1').innerText()).toBe('Todos los productos');
        expect(await page.getByTestId('product-card').count()).toBe(24);
        expect(await page.title()).toBe('Tu farmacia en línea · FarmaCruz');
        expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(env.webUrl);
        await page.screenshot({ path: `${process.cwd()}/.artifacts/web/${viewport.name}-prerendered-home-nojs.png`, fullPage: true });
      } finally {
        await noScript.close();
      }
      const context = await env.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const { seen, after } = await openAndWatchTakeover(page, env.webUrl);
        expect(seen.headings).toEqual(['Todos los productos']);
        expect(seen.loading).toBe(false);
        expect(after.content).toBe(seen.before?.content);
        expect(after.header).toBe(seen.before?.header);
        await shot(page, viewport, 'prerendered-home');
        // It is the app now: "Ver más" loads the next page.
        await page.getByRole('button', { name: 'Ver más productos' }).click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=product-card]').length > 24, undefined, { timeout: 30_000 });
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`category at ${viewport.width}×${viewport.height}: the app takes over with the same products`, async () => {
      const context = await env.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const { seen, after } = await openAndWatchTakeover(page, `${env.webUrl}categoria/analgesicos`);
        expect(seen.headings).toEqual(['Analgésicos']);
        expect(seen.loading).toBe(false);
        expect(after.content).toBe(seen.before?.content);
        await shot(page, viewport, 'prerendered-category');
        await page.getByRole('link', { name: new RegExp(product.name) }).first().click();
        await page.getByRole('heading', { level: 1, name: product.name }).waitFor({ timeout: 30_000 });
        expect(new URL(page.url()).pathname).toBe(productPath(product));
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it('keyboard focus stays on the same control when the app takes over', async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORTS[0] });
    try {
      const page = await context.newPage();
      // The app's code is held back until the shopper has tabbed into the prerendered page.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/src\/main\.tsx/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(env.webUrl, { waitUntil: 'commit' });
      await page.locator('#root[data-prerendered] a.brand').waitFor({ timeout: 60_000 });
      await page.keyboard.press('Tab'); // the skip link
      await page.keyboard.press('Tab'); // the shop's name, a link home
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('FarmaCruz, inicio');
      release();
      await page.waitForFunction(() => !document.querySelector('#root[data-prerendered]') && document.querySelector('#root main h1'), undefined, { timeout: 60_000 });
      expect(await page.evaluate(() => document.getElementById('root')!.contains(document.activeElement) && document.activeElement?.getAttribute('aria-label'))).toBe('FarmaCruz, inicio');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('an old hash link opens its own page: the home page served for / gives way at once', async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORTS[0] });
    try {
      const page = await context.newPage();
      await page.goto(`${env.webUrl}#/producto/${product.id}`);
      await page.getByRole('heading', { level: 1, name: product.name }).waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).pathname).toBe(`/producto/${product.id}`);
      expect(await page.locator('#root[data-prerendered]').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Todos los productos' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('serves sitemap.xml and robots.txt; a product by its id alone gets its page; app paths without a prerendered page fall back to the app', async () => {
    const sitemap = await (await fetch(`${env.webUrl}sitemap.xml`)).text();
    expect(sitemap).toContain(`<loc>${env.webUrl}${productPath(product).slice(1)}</loc>`);
    const robots = await fetch(`${env.webUrl}robots.txt`);
    expect(robots.headers.get('content-type')).toContain('text/plain');
    expect(await robots.text()).toContain(`Sitemap: ${env.webUrl}sitemap.xml`);
    // A link with the id alone gets the product's page too; one with an old slug, the app (it finds the id).
    const byId = await fetch(`${env.webUrl}producto/${product.id}`, { headers: { accept: 'text/html' } });
    expect(byId.status).toBe(200);
    const byIdHtml = await byId.text();
    expect(byIdHtml).toContain('data-prerendered="product"');
    expect(byIdHtml).toContain(`<link rel="canonical" href="${env.webUrl}${productPath(product).slice(1)}"`);
    const fallback = await fetch(`${env.webUrl}producto/nombre-anterior-${product.id}`, { headers: { accept: 'text/html' } });
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toContain('<div id="root"></div>');
  });
});
