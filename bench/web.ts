/**
 * `npm run bench:web`: the storefront's budgets on the production build, in Chromium.
 *
 *  - Initial JS: gzip bytes of the scripts index.html loads up front (entry + modulepreloads); staff pages
 *    are a lazy chunk and not counted. Budget ≤ 90 kB.
 *  - LCP and CLS on home and on a product page, at 4× CPU throttling (Chrome DevTools' "4× slowdown"),
 *    median of RUNS cold loads each. Budgets: LCP ≤ 800 ms, CLS ≤ 0.02.
 *
 * The build is served as static files (gzip, like CloudFront) by a small server here, with /config.json
 * pointing at a local stack started on free ports and a temporary data folder.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { loadLocalStackSettings } from '../config/settings';
import { findFreePort } from '../local/free-port';
import { startLocalStack } from '../local/stack';

const RUNS = 5;
const BUDGET = { initialJsGzipBytes: 90 * 1024, lcpMs: 800, cls: 0.02 };
const CPU_THROTTLE = 4;

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-web-build-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-web-'));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

function serveStatic(dir: string, config: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(config);
      return;
    }
    let file = path.join(dir, path.normalize(url.pathname));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dir, 'index.html');
    const body = readFileSync(file);
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const compressible = /text|javascript|json|svg/.test(type);
    res.writeHead(200, {
      'content-type': type,
      ...(compressible ? { 'content-encoding': 'gzip' } : {}),
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(compressible ? gzipSync(body) : body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The scripts index.html loads before anything else: the entry module and its modulepreloads. */
function initialScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(sources)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const OBSERVE = `
  window.__vitals = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
`;

console.log('Building the web app (production)…');
await build({ root: path.join(rootDir, 'web'), configFile: false, plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
const scripts = initialScripts(html);
let initialBytes = 0;
for (const src of scripts) initialBytes += gzipSync(readFileSync(path.join(outDir, src))).length;
const staffChunks = scripts.some((src) => readFileSync(path.join(outDir, src), 'utf8').includes('Pedidos (personal)')) ? 'in the initial JS (!)' : 'a lazy chunk, not loaded by shoppers';

console.log('Starting the local stack…');
const [api, dynamodb, cognito, web, mail, staticPort] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
const settings = loadLocalStackSettings({
  FARMACRUZ_DATA_DIR: dataDir,
  FARMACRUZ_API_PORT: String(api),
  FARMACRUZ_DYNAMODB_PORT: String(dynamodb),
  FARMACRUZ_COGNITO_PORT: String(cognito),
  FARMACRUZ_WEB_PORT: String(web),
  FARMACRUZ_MAIL_PORT: String(mail),
  FARMACRUZ_DEMO_PRODUCTS: '300',
});
const stack = await startLocalStack(settings, rootDir, () => undefined);
const config = await (await fetch(`http://127.0.0.1:${web}/config.json`)).text();
const server = await serveStatic(outDir, config, staticPort);
const siteUrl = `http://127.0.0.1:${staticPort}/`;

const { graphqlUrl, apiKey } = JSON.parse(config) as { graphqlUrl: string; apiKey: string };
const listed = (await (
  await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ query: '{ products(limit: 1) { items { id } } }' }) })
).json()) as { data: { products: { items: { id: string }[] } } };
const productId = listed.data.products.items[0]!.id;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const results: { page: string; viewport: string; lcp: number; cls: number }[] = [];
try {
  for (const viewport of [{ name: '1280×900', width: 1280, height: 900 }, { name: '390×844', width: 390, height: 844 }]) {
    for (const [name, url] of [['home', siteUrl], ['product', `${siteUrl}producto/${productId}`]] as const) {
      const lcps: number[] = [];
      const clss: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await page.addInitScript(OBSERVE);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
        await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
        await page.waitForTimeout(500); // late layout shifts (images, fonts) still count
        const vitals = await page.evaluate(() => (window as unknown as { __vitals: { lcp: number; cls: number } }).__vitals);
        lcps.push(vitals.lcp);
        clss.push(vitals.cls);
        await context.close();
      }
      results.push({ page: name, viewport: viewport.name, lcp: median(lcps), cls: Math.max(...clss) });
    }
  }
} finally {
  await browser.close();
  server.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
}

const pass = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
console.log(`\nInitial JS (gzip): ${(initialBytes / 1024).toFixed(1)} kB in ${scripts.length} file(s) — budget ${BUDGET.initialJsGzipBytes / 1024} kB: ${pass(initialBytes <= BUDGET.initialJsGzipBytes)}; staff pages: ${staffChunks}`);
console.log(`LCP median of ${RUNS} cold loads and worst CLS, CPU throttled ${CPU_THROTTLE}×:`);
for (const r of results) {
  console.log(
    `  ${r.page.padEnd(8)} ${r.viewport.padEnd(9)} LCP ${Math.round(r.lcp)} ms (${pass(r.lcp <= BUDGET.lcpMs)})   CLS ${r.cls.toFixed(3)} (${pass(r.cls <= BUDGET.cls)})`,
  );
}
