/**
 * The prerendered pages as a crawler and a chat app read them: parsed HTML, Open Graph and Twitter tags,
 * JSON-LD expanded against schema.org; hostile product text stays text; sitemaps split past the limit.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProductView } from '../../model/product-view';
import { expandJsonLd, first, readHtml } from '../../test/support/html-document';
import { memoryCatalogReader } from './catalog-reader';
import { renderCatalogPage, renderProductPage } from './pages';
import { APP_START_SCRIPT, appCodeAfterContent, checkShell } from './shell';
import { renderChanges, renderWholeSite, sitemapEntries } from './site';
import { robotsTxt, sitemapFiles } from './sitemap';
import { HOME_PAGE_KEY, PRERENDERED_KEY_PATTERNS, siteKeyOfPath } from './page-types';
import type { SiteStore } from './site-store';

const shell = readFileSync(path.join(import.meta.dirname, '..', '..', 'web', 'index.html'), 'utf8');
const shopUrl = 'https://www.farmacruz.mx';
const S = 'https://schema.org/';

function product(overrides: Partial<ProductView> = {}): ProductView {
  return {
    id: '01JGYEDF1GP1ZH2AKM8TZ9WS1N',
    sku: 'ANA-00001',
    barcode: '7501234567895',
    name: 'Ibuprofeno 400 mg',
    description: 'Analgésico y antiinflamatorio.',
    activeIngredients: ['Ibuprofeno'],
    lab: 'Senosiain',
    presentation: 'Caja con 30 tabletas',
    categoryId: 'analgesicos',
    categoryName: 'Analgésicos',
    price: { amountCents: 8950, currency: 'MXN' },
    stock: 40,
    prescriptionRequired: false,
    imageUrl: null,
    imageSizes: [],
    maxPerOrder: null,
    active: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    ...overrides,
  };
}

function memoryStore(): SiteStore & { files: Map<string, string> } {
  const files = new Map<string, string>([['index.html', shell]]);
  return {
    files,
    put: async (key, body) => void files.set(key, body),
    delete: async (key) => void files.delete(key),
    read: async (key) => files.get(key) ?? null,
  };
}

describe('product page', () => {
  it('carries the title, description, canonical URL, Open Graph and Twitter tags with an absolute image and the price', () => {
    const page = renderProductPage(product(), { shopUrl, shell });
    expect(page.key).toBe('producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N');
    const doc = readHtml(page.html);
    const url = `${shopUrl}/${page.key}`;
    expect(doc.title).toBe('Ibuprofeno 400 mg · FarmaCruz');
    expect(doc.canonical).toBe(url);
    expect(doc.meta.get('description')).toMatch(/^\$89\.50 MXN · Senosiain · Caja con 30 tabletas/);
    expect(doc.meta.get('robots')).toBe('index, follow');
    expect(doc.meta.get('og:type')).toBe('product');
    expect(doc.meta.get('og:title')).toContain('Ibuprofeno 400 mg');
    expect(doc.meta.get('og:url')).toBe(url);
    expect(doc.meta.get('og:image')).toBe(`${shopUrl}/social-default.png`);
    expect(doc.meta.get('og:description')).toContain('$89.50');
    expect(doc.meta.get('product:price:amount')).toBe('89.50');
    expect(doc.meta.get('product:price:currency')).toBe('MXN');
    expect(doc.meta.get('twitter:card')).toBe('summary_large_image');
    expect(doc.meta.get('twitter:image')).toBe(`${shopUrl}/social-default.png`);
    expect(doc.meta.get('twitter:data1')).toBe('$89.50 MXN');
    // The shell's generic title and description are replaced, not duplicated.
    expect(doc.textOf('title')).toHaveLength(1);
    expect(page.html).not.toContain('tu farmacia en línea</title>');
    // The visible page is the app's product page, marked for the takeover.
    expect(doc.attributeOf('root', 'data-prerendered')).toBe('product');
    expect(doc.textOf('h1')).toEqual(['Ibuprofeno 400 mg']);
    // The app starts after the first paint: its entry is imported by one inline module script, not loaded as one.
    expect(doc.scripts.some((s) => s.src === '/src/main.tsx')).toBe(false);
    expect(doc.scripts.filter((s) => s.type === 'module')).toEqual([{ type: 'module', src: undefined, text: APP_START_SCRIPT }]);
    expect(page.html).toContain('<meta name="app-entry" content="/src/main.tsx">');
    expect(page.html).toContain('<link rel="modulepreload" crossorigin href="/src/main.tsx">');
  });

  it("puts the page's content before the app's code: the shell's scripts and module preloads move after it, in order", () => {
    // A built index.html as `vite build` writes it: the entry and its preloads in <head>, with the stylesheet.
    const built = [
      '<!doctype html>',
      '<html lang="es">',
      '  <head>',
      '    <meta charset="utf-8" />',
      '    <title>FarmaCruz</title>',
      "    <script>window.__farmacruzConfig = fetch('/config.json');</script>",
      '    <script type="module" crossorigin src="/assets/index-abc.js"></script>',
      '    <link rel="modulepreload" crossorigin href="/assets/framework-def.js">',
      '    <script>(function(){/* first page preload */})()</script>',
      '    <link rel="stylesheet" crossorigin href="/assets/index-ghi.css">',
      '  </head>',
      '  <body>',
      '    <div id="root"></div>',
      '  </body>',
      '</html>',
    ].join('\n');
    for (const html of [renderProductPage(product(), { shopUrl, shell: built }).html, renderProductPage(product(), { shopUrl, shell }).html]) {
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head).not.toMatch(/<script(?![^>]*application\/ld\+json)|modulepreload|app-entry/);
      const contentEnd = html.indexOf('</h1>');
      const appCode = [...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>|<link rel="modulepreload"[^>]*>|<meta name="app-entry"[^>]*>/g)];
      expect(appCode.length).toBeGreaterThanOrEqual(3);
      for (const tag of appCode) expect(tag.index).toBeGreaterThan(contentEnd);
    }
    const page = renderProductPage(product(), { shopUrl, shell: built }).html;
    expect(page.slice(0, page.indexOf('</head>'))).toContain('<link rel="stylesheet" crossorigin href="/assets/index-ghi.css">');
    // The same scripts in the same order: the configuration request first, the start script where the entry was.
    expect(readHtml(page).scripts.filter((s) => s.type !== 'application/ld+json')).toEqual([
      { type: undefined, src: undefined, text: "window.__farmacruzConfig = fetch('/config.json');" },
      { type: 'module', src: undefined, text: APP_START_SCRIPT },
      { type: undefined, src: undefined, text: '(function(){/* first page preload */})()' },
    ]);
    const order = ['__farmacruzConfig', 'rel="modulepreload" crossorigin href="/assets/index-abc.js"', 'name="app-entry"', APP_START_SCRIPT, 'framework-def.js', 'first page preload'];
    const positions = order.map((part) => page.indexOf(part));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A shell without scripts is unchanged by the move.
    expect(appCodeAfterContent('<html><head><title>x</title></head><body><div id="root"></div></body></html>')).toBe('<html><head><title>x</title></head><body><div id="root"></div></body></html>');
  });

  it('starts the app once, after the first paint, or after a second when nothing paints (a background tab)', async () => {
    const run = (frames: boolean) => {
      const imported: string[] = [];
      const timers: { ms: number; run: () => void }[] = [];
      const frameCallbacks: (() => void)[] = [];
      const document = { querySelector: (selector: string) => (selector === 'meta[name="app-entry"]' ? { content: '/assets/index-abc.js' } : null) };
      const start = new Function('document', 'requestAnimationFrame', 'setTimeout', 'importApp', APP_START_SCRIPT.replace(/import\(/g, 'importApp('));
      start(document, (callback: () => void) => frameCallbacks.push(callback), (callback: () => void, ms = 0) => timers.push({ ms, run: callback }), (entry: string) => imported.push(entry));
      if (frames) for (const callback of frameCallbacks.splice(0)) callback();
      for (const timer of timers.sort((a, b) => a.ms - b.ms)) timer.run();
      return { imported, waitedForFrame: timers.some((timer) => timer.ms === 0) };
    };
    expect(run(true)).toEqual({ imported: ['/assets/index-abc.js'], waitedForFrame: true });
    expect(run(false)).toEqual({ imported: ['/assets/index-abc.js'], waitedForFrame: false });
  });

  it("uses the product's own picture, made absolute when stored as a path", () => {
    const own = readHtml(renderProductPage(product({ imageUrl: 'https://cdn.farmacruz.mx/products/ibu.webp' }), { shopUrl, shell }).html);
    expect(own.meta.get('og:image')).toBe('https://cdn.farmacruz.mx/products/ibu.webp');
    const relative = readHtml(renderProductPage(product({ imageUrl: '/images/ibu.webp' }), { shopUrl, shell }).html);
    expect(relative.meta.get('og:image')).toBe(`${shopUrl}/images/ibu.webp`);
  });

  it('shows the largest size made from an uploaded photo, and never a drawn SVG packshot in a link preview', () => {
    const sized = product({
      imageUrl: '/images/products/p1/original.webp',
      imageSizes: [
        { url: 'https://img.farmacruz.mx/products/p1/320.webp', width: 320, height: 320 },
        { url: 'https://img.farmacruz.mx/products/p1/960.webp', width: 960, height: 960 },
        { url: 'https://img.farmacruz.mx/products/p1/640.webp', width: 640, height: 640 },
      ],
    });
    expect(readHtml(renderProductPage(sized, { shopUrl, shell }).html).meta.get('og:image')).toBe('https://img.farmacruz.mx/products/p1/960.webp');
    const drawn = readHtml(renderProductPage(product({ imageUrl: '/images/demo/01J.svg' }), { shopUrl, shell }).html);
    expect(drawn.meta.get('og:image')).toBe(`${shopUrl}/social-default.png`);
    expect(drawn.meta.get('twitter:image')).toBe(`${shopUrl}/social-default.png`);
  });

  it('is valid JSON-LD: a Product with an Offer (price, MXN, availability) and the Drug facts', async () => {
    const doc = readHtml(renderProductPage(product({ prescriptionRequired: true }), { shopUrl, shell }).html);
    expect(doc.jsonLd).toHaveLength(1);
    const [node] = await expandJsonLd(doc.jsonLd[0]);
    expect(node!['@type']).toEqual([`${S}Product`, `${S}Drug`]);
    expect(first(node!, 'name')).toBe('Ibuprofeno 400 mg');
    expect(first(node!, 'sku')).toBe('ANA-00001');
    expect(first(node!, 'gtin13')).toBe('7501234567895');
    expect(first(node!, 'activeIngredient')).toBe('Ibuprofeno');
    expect(first(node!, 'prescriptionStatus')).toBe(`${S}PrescriptionOnly`);
    const offer = first(node!, 'offers') as Record<string, unknown>;
    expect(offer['@type']).toEqual([`${S}Offer`]);
    expect(first(offer, 'price')).toBe('89.50');
    expect(first(offer, 'priceCurrency')).toBe('MXN');
    expect(first(offer, 'availability')).toBe(`${S}InStock`);
  });

  it('is a plain Product (no Drug facts) without active ingredients, OutOfStock when sold out', async () => {
    const doc = readHtml(renderProductPage(product({ activeIngredients: [], stock: 0, name: 'Cepillo dental suave' }), { shopUrl, shell }).html);
    const [node] = await expandJsonLd(doc.jsonLd[0]);
    expect(node!['@type']).toEqual([`${S}Product`]);
    expect(first(node!, 'prescriptionStatus')).toBeUndefined();
    expect(first(first(node!, 'offers') as Record<string, unknown>, 'availability')).toBe(`${S}OutOfStock`);
    expect(doc.meta.get('product:availability')).toBe('out of stock');
  });

  it('marks a deactivated product unavailable and noindex', async () => {
    const doc = readHtml(renderProductPage(product({ active: false }), { shopUrl, shell }).html);
    expect(doc.meta.get('robots')).toBe('noindex, follow');
    const [node] = await expandJsonLd(doc.jsonLd[0]);
    expect(first(first(node!, 'offers') as Record<string, unknown>, 'availability')).toBe(`${S}Discontinued`);
    expect(doc.textOf('p').join(' ')).toContain('Producto no disponible');
  });

  it('keeps hostile product text as text: no script, tag or attribute escapes into the page', () => {
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & <!--';
    const page = renderProductPage(product({ name: `Ibuprofeno ${hostile}`, description: hostile, lab: `Lab ${hostile}` }), { shopUrl, shell });
    const doc = readHtml(page.html);
    expect(doc.scripts.filter((s) => s.text.includes('alert'))).toHaveLength(1); // only inside the JSON-LD, as data
    expect(doc.scripts.filter((s) => s.type === 'application/ld+json')).toHaveLength(1);
    expect(doc.textOf('img')).toHaveLength(0);
    expect((doc.jsonLd[0] as { name: string }).name).toBe(`Ibuprofeno ${hostile}`);
    expect(doc.textOf('h1')).toEqual([`Ibuprofeno ${hostile}`]);
    expect(doc.title).toBe(`Ibuprofeno ${hostile} · FarmaCruz`);
    expect(doc.meta.get('og:title')).toBe(`Ibuprofeno ${hostile} · FarmaCruz`);
  });

  it('refuses a shell that is not the app index.html', () => {
    expect(() => checkShell('<html><body>hola</body></html>')).toThrow(/index.html/);
  });
});

describe('category page', () => {
  it('lists the first products with their links, in the catalog layout', () => {
    const products = [product(), product({ id: '01JGYEDF1GP1ZH2AKM8TZ9WS2A', name: 'Naproxeno 250 mg', lab: 'Liomont' })];
    const page = renderCatalogPage({ category: { id: 'analgesicos', name: 'Analgésicos' }, categories: [{ id: 'analgesicos', name: 'Analgésicos' }, { id: 'bebes', name: 'Bebés' }], products, hasMore: true }, { shopUrl, shell });
    expect(page.key).toBe('categoria/analgesicos');
    const doc = readHtml(page.html);
    expect(doc.canonical).toBe(`${shopUrl}/categoria/analgesicos`);
    expect(doc.textOf('h1')).toEqual(['Analgésicos']);
    expect(page.html).toContain('href="/producto/naproxeno-250-mg-liomont-01JGYEDF1GP1ZH2AKM8TZ9WS2A"');
    expect(page.html).toContain('Ver más productos');
    expect(doc.meta.get('og:title')).toBe('Analgésicos · FarmaCruz');
  });
});

describe('home page', () => {
  it('lists the whole catalog\'s first products with every category, at the key CloudFront serves for /', () => {
    const products = [product(), product({ id: '01JGYEDF1GP1ZH2AKM8TZ9WS2A', name: 'Pañales etapa 3', lab: 'Huggies', categoryId: 'bebes', categoryName: 'Bebés' })];
    const categories = [{ id: 'analgesicos', name: 'Analgésicos' }, { id: 'bebes', name: 'Bebés' }];
    const page = renderCatalogPage({ category: null, categories, products, hasMore: true }, { shopUrl, shell });
    expect(page.key).toBe(HOME_PAGE_KEY);
    expect(siteKeyOfPath('/')).toBe(HOME_PAGE_KEY);
    expect(page.key).not.toBe('index.html'); // the shell of every other path stays the app's own
    const doc = readHtml(page.html);
    expect(doc.canonical).toBe(`${shopUrl}/`);
    expect(doc.textOf('h1')).toEqual(['Todos los productos']);
    // The title the app sets on the home page (web/src/pages/Catalog.tsx), so the takeover changes nothing.
    expect(doc.textOf('title')).toEqual(['Tu farmacia en línea · FarmaCruz']);
    expect(page.html).toContain('aria-current="page">Todos los productos</a>');
    expect(page.html).toContain('href="/categoria/bebes"');
    expect(page.html).toContain('href="/producto/panales-etapa-3-huggies-01JGYEDF1GP1ZH2AKM8TZ9WS2A"');
    expect(page.html).toContain('href="/producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N"');
    expect(page.html).toContain('Ver más productos');
    expect(page.html).toContain('data-prerendered="home"');
    expect(doc.meta.get('robots')).toBe('index, follow');
  });

  it('is rendered with the whole site from the first products by name, and again when a product card changes', async () => {
    const categories = [{ id: 'analgesicos', name: 'Analgésicos' }, { id: 'bebes', name: 'Bebés' }];
    const many = Array.from({ length: 30 }, (_, i) => product({ id: `01JGYEDF1GP1ZH2AKM8TZ9WS${String(i).padStart(2, '0')}`, name: `Producto ${String(i).padStart(2, '0')}`, categoryId: i % 2 ? 'bebes' : 'analgesicos' }));
    const store = memoryStore();
    const report = await renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(many, categories) });
    expect(report.homePage).toBe(true);
    const home = store.files.get(HOME_PAGE_KEY)!;
    const listed = [...home.matchAll(/<strong class="name">([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(listed).toEqual(many.slice(0, 24).map((p) => p.name));
    expect(home).toContain('Ver más productos');

    // A new price on the first product's card reaches the home page.
    const before = many[0]!;
    const after = { ...before, price: { amountCents: 12345, currency: 'MXN' as const } };
    const catalog = memoryCatalogReader([after, ...many.slice(1)], categories);
    const change = await renderChanges([{ before, after }], { shopUrl, store, catalog });
    expect(change).toMatchObject({ productPages: 1, categoryPages: 1, homePage: true });
    expect(store.files.get(HOME_PAGE_KEY)).toContain('123.45');
    // A stock change within stock does not change a card: the home page is left as it is.
    const stock = await renderChanges([{ before: after, after: { ...after, stock: 39 } }], { shopUrl, store, catalog });
    expect(stock).toMatchObject({ productPages: 1, categoryPages: 0, homePage: false });
  });
});

describe('site', () => {
  const categories = [{ id: 'analgesicos', name: 'Analgésicos' }, { id: 'bebes', name: 'Bebés' }];

  it('the sitemap lists home, categories with products and every active product once', async () => {
    const products = [product(), product({ id: '01JGYEDF1GP1ZH2AKM8TZ9WS2B', name: 'Naproxeno' }), product({ id: '01JGYEDF1GP1ZH2AKM8TZ9WS2C', active: false })];
    const store = memoryStore();
    const report = await renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(products, categories) });
    expect(report.productPages).toBe(2);
    // Each active product's page is also under its id alone (a hand-typed or id-only link), the same page,
    // whose canonical URL names the slugged address; the sitemap lists only that one.
    const page = store.files.get('producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N')!;
    expect(store.files.get('producto/01JGYEDF1GP1ZH2AKM8TZ9WS1N')).toBe(page);
    expect(readHtml(page).canonical).toBe(`${shopUrl}/producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N`);
    expect(store.files.has('producto/01JGYEDF1GP1ZH2AKM8TZ9WS2C')).toBe(false);
    const sitemap = store.files.get('sitemap.xml')!;
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([`${shopUrl}/`, `${shopUrl}/categoria/analgesicos`, `${shopUrl}/producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N`, `${shopUrl}/producto/naproxeno-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS2B`]);
    expect(store.files.get('robots.txt')).toBe(robotsTxt(shopUrl));
    expect(store.files.get('robots.txt')).toContain(`Sitemap: ${shopUrl}/sitemap.xml`);
  });

  it('splits into a sitemap index past the per-file limit, and removes parts no longer needed', async () => {
    const many = Array.from({ length: 7 }, (_, i) => product({ id: `01JGYEDF1GP1ZH2AKM8TZ9WS${String(i).padStart(2, '0')}`, name: `Producto ${i}` }));
    const { files, partKeys } = sitemapFiles(shopUrl, sitemapEntries(many, categories), 3);
    expect(partKeys).toEqual(['sitemaps/sitemap-1.xml', 'sitemaps/sitemap-2.xml', 'sitemaps/sitemap-3.xml']);
    expect(files[0]!.body).toContain('<sitemapindex');
    expect(files[0]!.body).toContain(`<loc>${shopUrl}/sitemaps/sitemap-3.xml</loc>`);
    const listed = files.slice(1).flatMap((f) => [...f.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(listed).toHaveLength(9); // home + 1 category + 7 products
    expect(new Set(listed).size).toBe(9);

    const store = memoryStore();
    await renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(many, categories), maxUrlsPerSitemap: 3 });
    expect(store.files.has('sitemaps/sitemap-3.xml')).toBe(true);
    await renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(many.slice(0, 1), categories), maxUrlsPerSitemap: 3 });
    expect([...store.files.keys()].filter((key) => key.startsWith('sitemaps/'))).toEqual([]);
    expect(store.files.get('sitemap.xml')).toContain('<urlset');
  });

  it('a change renders the product and its category; a rename moves the page; nothing without a shell', async () => {
    const before = product();
    const after = product({ name: 'Ibuprofeno 600 mg', price: { amountCents: 9900, currency: 'MXN' } });
    const store = memoryStore();
    const catalog = memoryCatalogReader([after], categories);
    store.files.set('producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N', 'old');
    const report = await renderChanges([{ before, after }], { shopUrl, store, catalog });
    expect(report).toMatchObject({ productPages: 1, categoryPages: 1, homePage: true, deletedPages: 1 });
    expect(store.files.has('producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N')).toBe(false);
    expect(store.files.get('producto/ibuprofeno-600-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N')).toContain('99.00');
    // The page under the id alone stays, and shows the product as it is now.
    expect(store.files.get('producto/01JGYEDF1GP1ZH2AKM8TZ9WS1N')).toBe(store.files.get('producto/ibuprofeno-600-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N'));
    expect(report.sitemapUrls).not.toBeNull(); // the listed URL changed
    // A change of nothing the pages show renders nothing.
    const untouched = await renderChanges([{ before: after, after: { ...after, updatedAt: '2026-12-01T00:00:00.000Z' } }], { shopUrl, store, catalog });
    expect(untouched).toMatchObject({ productPages: 0, categoryPages: 0, sitemapUrls: null });
    // A stock change renders the product page only.
    const stock = await renderChanges([{ before: after, after: { ...after, stock: 39 } }], { shopUrl, store, catalog: memoryCatalogReader([{ ...after, stock: 39 }], categories) });
    expect(stock).toMatchObject({ productPages: 1, categoryPages: 0, sitemapUrls: null });
    // A product whose name gives no slug has one address, its id: the page is written once and kept.
    const unnamed = product({ id: '01JGYEDF1GP1ZH2AKM8TZ9WS3D', name: '¿?', lab: '' });
    const named = { ...unnamed, name: 'Gasas' };
    const unnamedStore = memoryStore();
    await renderChanges([{ before: null, after: unnamed }], { shopUrl, store: unnamedStore, catalog: memoryCatalogReader([unnamed], categories) });
    expect([...unnamedStore.files.keys()].filter((key) => key.startsWith('producto/'))).toEqual(['producto/01JGYEDF1GP1ZH2AKM8TZ9WS3D']);
    const renamed = await renderChanges([{ before: unnamed, after: named }], { shopUrl, store: unnamedStore, catalog: memoryCatalogReader([named], categories) });
    expect(renamed.deletedPages).toBe(0);
    expect([...unnamedStore.files.keys()].filter((key) => key.startsWith('producto/')).sort()).toEqual(['producto/01JGYEDF1GP1ZH2AKM8TZ9WS3D', 'producto/gasas-01JGYEDF1GP1ZH2AKM8TZ9WS3D']);
    store.files.delete('index.html');
    expect(await renderChanges([{ before, after }], { shopUrl, store, catalog })).toMatchObject({ skipped: 'no-shell', productPages: 0 });
  });
});

describe('keys the prerenderer owns in the web bucket', () => {
  it('every object a full render writes matches PRERENDERED_KEY_PATTERNS (the deployment leaves those alone, the Lambda may write only those)', async () => {
    const categories = [{ id: 'analgesicos', name: 'Analgésicos' }];
    const many = Array.from({ length: 5 }, (_, i) => product({ id: `01JGYEDF1GP1ZH2AKM8TZ9WS${String(i).padStart(2, '0')}`, name: `Producto ${i}` }));
    const store = memoryStore();
    await renderWholeSite({ shopUrl, store, catalog: memoryCatalogReader(many, categories), maxUrlsPerSitemap: 3 });
    const written = [...store.files.keys()].filter((key) => key !== 'index.html');
    const matches = (key: string) => PRERENDERED_KEY_PATTERNS.some((pattern) => (pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern));
    expect(written.some((key) => key.startsWith('sitemaps/'))).toBe(true);
    expect(written.filter((key) => !matches(key))).toEqual([]);
    // The app's own files are never among them.
    for (const appFile of ['index.html', 'config.json', 'assets/index-abc.js', 'favicon.svg', 'social-default.png']) expect(matches(appFile), appFile).toBe(false);
  });
});

describe('renderers loaded at run time', () => {
  it('render under tsx, as npm start and npm run prerender load them (the classic JSX transform needs React)', () => {
    const root = path.join(import.meta.dirname, '..', '..');
    const script = [
      `import { loadPageRenderers } from ${JSON.stringify(path.join(root, 'functions/prerender/page-renderers.ts'))};`,
      `const renderers = await loadPageRenderers();`,
      `const page = renderers.renderProductPage(${JSON.stringify(product())}, { shopUrl: ${JSON.stringify(shopUrl)}, shell: ${JSON.stringify(shell)} });`,
      `console.log(JSON.stringify({ key: page.key, hasName: page.html.includes('Ibuprofeno 400 mg') }));`,
    ].join('\n');
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toMatch(/React is not defined/);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ key: 'producto/ibuprofeno-400-mg-senosiain-01JGYEDF1GP1ZH2AKM8TZ9WS1N', hasName: true });
  }, 150_000);
});
