/**
 * The production build (`vite build` with web/vite.config.ts, what `npm run build:web` deploys), which the other
 * web tests do not run (they use the development server): its own build plugins and code splitting work.
 *  - Each `graphql()` document is bundled only with the pages that use it: no staff document in what a
 *    shopper's first page loads (web/graphql-documents.ts).
 *  - index.html fetches the landing page's chunk for the URL (web/first-page-preload.ts).
 *  - In Chromium at both sizes, served like CloudFront (local/built-site.ts, with its Content-Security-Policy:
 *    nothing refused, index.html's inline scripts run by their hashes): the prerendered home, a product without a
 *    prerendered page, a prerendered product (built shell) that the app takes over, a search with its
 *    filters, and a login (the auth client is downloaded on first use) work; axe finds nothing.
 * Screenshots in .artifacts/web/<size>-build-*.png.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { dynamoCatalogReader } from '../../functions/prerender/catalog-reader';
import { renderWholeSite } from '../../functions/prerender/site';
import { folderSiteStore } from '../../functions/prerender/site-store';
import { serveBuiltSite } from '../../local/built-site';
import { findFreePort } from '../../local/free-port';
import { DEMO_USERS } from '../../local/demo-users';
import { VIEWPORTS, rootDir, shot, startBrowserStack, type BrowserStack } from './browser-stack';

let env: BrowserStack;
let outDir: string;
let server: Server;
let siteUrl: string;
const requested = new Set<string>();
interface Listed { id: string; name: string }
let product: Listed;
let prerenderedKey: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-web-build-test-'));
  await build({ root: path.join(rootDir, 'web'), configFile: path.join(rootDir, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  env = await startBrowserStack({ demoProducts: 60 });
  const port = await findFreePort();
  siteUrl = `http://127.0.0.1:${port}/`;
  server = await serveBuiltSite({ dir: outDir, config: JSON.stringify(env.config), port, onScript: (script) => requested.add(script), imageSources: [new URL(env.webUrl).origin] });
  const shell = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  await renderWholeSite({ shopUrl: siteUrl, store: folderSiteStore(outDir), shell, catalog: dynamoCatalogReader(env.documents, env.settings.tableName) });
  const data = await env.graphql<{ products: { items: Listed[] } }>('query { products(limit: 5) { items { id name } } }', {});
  product = data.products.items[0]!;
  prerenderedKey = readdirSync(path.join(outDir, 'producto')).find((key) => key.endsWith(`-${product.id}`))!;
  expect(prerenderedKey).toBeTruthy();
}, 400_000);

afterAll(async () => {
  server?.close();
  await env?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const assetText = (script: string) => readFileSync(path.join(outDir, script), 'utf8');

describe('the production build', () => {
  it('bundles each GraphQL document with the pages that use it, and index.html preloads the landing page', () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const catalogChunk = readdirSync(path.join(outDir, 'assets')).find((file) => /^Catalog-.*\.js$/.test(file))!;
    const staffChunk = readdirSync(path.join(outDir, 'assets')).find((file) => /^StaffProducts-.*\.js$/.test(file))!;
    // The catalog's queries are in its chunk, as query text; the staff products query only in the staff chunk.
    expect(assetText(`assets/${catalogChunk}`)).toContain('query Products(');
    expect(assetText(`assets/${staffChunk}`)).toContain('query StaffProducts(');
    for (const file of readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js') && !/^Staff|^Sales/.test(f))) {
      expect(assetText(`assets/${file}`), file).not.toContain('query StaffProducts(');
    }
    // The landing pages' chunks are named in index.html's preload script, by path; the script runs before the
    // stylesheet (an inline script after it would wait for it), and the entry's own chunks are preloaded too.
    expect(html).toContain(`/assets/${catalogChunk}`);
    expect(html.indexOf('location.pathname')).toBeGreaterThan(0);
    expect(html.indexOf('location.pathname')).toBeLessThan(html.indexOf('rel="stylesheet"'));
    expect(html).toMatch(/<link rel="modulepreload"[^>]* href="\/assets\/framework-[^"]+\.js"/);
    expect(html).toMatch(/\/assets\/ProductDetail-[^"]+\.js/);
  });

  for (const viewport of VIEWPORTS) {
    it(`works in Chromium at ${viewport.width}×${viewport.height}: home, product, prerendered product, search, login`, async () => {
      const context = await env.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const failures: string[] = [];
        page.on('pageerror', (error) => failures.push(String(error)));
        // Served under CloudFront's Content-Security-Policy: anything it refuses is logged as an error.
        const refused: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
        });

        requested.clear();
        await page.goto(siteUrl);
        await page.getByTestId('product-card').first().waitFor({ timeout: 60_000 });
        expect(await page.locator('main h1').innerText()).toBe('Todos los productos');
        // The home page is the prerendered one, and index.html's inline scripts ran under the policy (by hash).
        expect(await (await fetch(siteUrl)).text()).toContain('data-prerendered="home"');
        expect(await page.evaluate(() => (window as { __farmacruzConfig?: unknown }).__farmacruzConfig instanceof Promise)).toBe(true);
        expect([...requested].some((script) => assetText(script).includes('query StaffProducts('))).toBe(false);
        expect([...requested].some((script) => /ProductDetail-/.test(script))).toBe(false);
        await shot(page, viewport, 'build-home');

        // A product the app alone renders: a link with an old slug has no page (one with the id alone has).
        await page.goto(`${siteUrl}producto/nombre-anterior-${product.id}`);
        await page.locator('main h1', { hasText: product.name }).waitFor({ timeout: 60_000 });
        expect(await page.locator('#root[data-prerendered]').count()).toBe(0);
        await shot(page, viewport, 'build-product');

        await page.goto(`${siteUrl}producto/${prerenderedKey}`);
        await page.waitForFunction(() => !document.querySelector('#root[data-prerendered]') && document.querySelector('#root main h1'), undefined, { timeout: 60_000 });
        expect(await page.locator('main h1').innerText()).toBe(product.name);
        await shot(page, viewport, 'build-product-prerendered');

        await page.goto(`${siteUrl}buscar?q=paracetamol`);
        await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
        // On a phone the filters fold behind their button: present, not necessarily visible.
        await page.locator('select[name="lab"]').waitFor({ state: 'attached', timeout: 60_000 });
        expect(await page.locator('main h1').innerText()).toBe('Resultados para «paracetamol»');

        await page.goto(`${siteUrl}entrar`);
        const shopper = DEMO_USERS.find((user) => user.role === 'shopper')!;
        await page.locator('main input[name="email"]').fill(shopper.email);
        await page.locator('main input[name="password"]').fill(shopper.password);
        await page.locator('main button[type="submit"]').click();
        await page.getByRole('link', { name: 'Mis pedidos' }).waitFor({ timeout: 60_000 });
        expect(failures).toEqual([]);
        expect(refused).toEqual([]);
      } finally {
        await context.close();
      }
    }, 300_000);
  }
});
