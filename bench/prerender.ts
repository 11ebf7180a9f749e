/**
 * `npm run bench:prerender`: time to render every prerendered page of a catalog and the bytes written —
 * the full render (`renderWholeSite`: every active product's page, every category page, sitemap, robots.txt)
 * of 1,200 and 20,000 products into a folder (the local web bucket's stand-in), plus one product change
 * (`renderChanges`: its page and its category page, as the prerender Lambda does per stream batch).
 *
 * Products come from the demo catalog generator (1,991 distinct products at most); past that, copies with
 * new ids and a batch number in the name. The catalog is read from memory, so the figures are rendering
 * and writing, not DynamoDB reads. Bounded: sizes up to 100,000, each size in order, one run each.
 *
 *   npm run bench:prerender                       # 1,200 and 20,000 products
 *   npm run bench:prerender -- --sizes 1200
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { demoCategories, generateDemoCatalog } from '../local/demo-catalog/generate';
import { toProductView, type ProductView } from '../model/product-view';
import type { ProductItem } from '../model/product-items';
import { memoryCatalogReader } from '../functions/prerender/catalog-reader';
import { renderChanges, renderWholeSite } from '../functions/prerender/site';
import { folderSiteStore } from '../functions/prerender/site-store';
import { machineDescription } from './support/load';

const MAX_SIZE = 100_000;
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizesArg = process.argv.indexOf('--sizes');
const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [1200, 20_000]).filter((n) => n > 0 && n <= MAX_SIZE);

function catalog(count: number): ProductView[] {
  const demo = generateDemoCatalog({ count: Math.min(count, 1991) }).map((p) => toProductView({ ...p, PK: '', SK: '', type: 'Product' } as unknown as ProductItem));
  const products = [...demo];
  for (let batch = 2; products.length < count; batch++) {
    for (const p of demo) {
      if (products.length >= count) break;
      products.push({ ...p, id: ulid(), sku: `${p.sku}-${batch}`, name: `${p.name} (lote ${batch})` });
    }
  }
  return products;
}

const shell = await readFile(path.join(rootDir, 'web', 'index.html'), 'utf8');
const shopUrl = 'https://www.farmacruz.mx';
console.log(`bench:prerender on ${machineDescription()}`);
const rows: string[] = [];
for (const size of sizes) {
  const products = catalog(size);
  const reader = memoryCatalogReader(products, demoCategories());
  const dir = await mkdtemp(path.join(tmpdir(), 'farmacruz-bench-prerender-'));
  try {
    const store = folderSiteStore(dir);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const report = await renderWholeSite({ shopUrl, store, catalog: reader, shell });
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const changed = { ...products[0]!, price: { ...products[0]!.price, amountCents: products[0]!.price.amountCents + 100 } };
    const changeReader = memoryCatalogReader([changed, ...products.slice(1)], demoCategories());
    const changeStart = performance.now();
    const change = await renderChanges([{ before: products[0]!, after: changed }], { shopUrl, store, catalog: changeReader, shell });
    const changeMs = performance.now() - changeStart;
    const pages = report.productPages + report.categoryPages;
    rows.push(
      `${String(size).padStart(6)} products: ${pages} pages + sitemap (${report.sitemapUrls} URLs) + robots.txt in ${(wallMs / 1000).toFixed(1)} s wall, ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (${(wallMs / pages).toFixed(2)} ms/page); ${(report.bytesWritten / 1024 / 1024).toFixed(1)} MiB written ` +
        `(${Math.round(report.bytesWritten / pages / 1024 * 10) / 10} KiB/page avg); one price change: ${change.productPages} product + ${change.categoryPages} category page in ${changeMs.toFixed(0)} ms`,
    );
    console.log(rows.at(-1));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
