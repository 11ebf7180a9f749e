/**
 * The prerender Lambda on the real DynamoDB Local stream, run by the local event fabric exactly as
 * `npm start` runs it: products written to the table → pages in the web bucket folder (through the local
 * S3 endpoint). A price update and a deactivation change the page; the sitemap lists each active product once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { categoryItem, productItem, type ProductInput } from '../../model/product-items';
import { productPath } from '../../model/shop-paths';
import { createTestTable, type TestTable } from '../../test/support/table';
import { seedProduct } from '../../test/support/products';
import { expandJsonLd, first, readHtml } from '../../test/support/html-document';
import { startEventPipeline, type EventPipeline } from '../../local/event-fabric';
import { waitUntil } from '../../local/free-port';
import { deployLocalShell } from '../../local/prerendered-site';

const rootDir = path.resolve(import.meta.dirname, '..', '..');
const S = 'https://schema.org/';
let table: TestTable;
let dataDir: string;
let pipeline: EventPipeline;

beforeAll(async () => {
  table = await createTestTable('prerender');
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-prerender-'));
  await deployLocalShell(rootDir, path.join(dataDir, 'web'));
  await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: categoryItem('Analgésicos') }));
  pipeline = await startEventPipeline({
    dynamodbEndpoint: table.endpoint,
    tableName: table.tableName,
    dataDir,
    pollIntervalMs: 50,
    firehoseBufferIntervalMs: 100,
    logLevel: 'SILENT',
    log: () => undefined,
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  table?.documentClient.destroy();
  table?.client.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const pageFile = (product: Pick<ProductInput, 'id' | 'name' | 'lab'>) => path.join(pipeline.webDir, productPath(product).slice(1));
const readIfAny = (file: string) => readFile(file, 'utf8').catch(() => '');

async function waitForPage(product: ProductInput, holds: (html: string) => boolean, what: string): Promise<string> {
  let html = '';
  await waitUntil(async () => holds((html = await readIfAny(pageFile(product)))), what, 90_000, 100);
  return html;
}

async function offerOf(html: string): Promise<Record<string, unknown>> {
  const [node] = await expandJsonLd(readHtml(html).jsonLd[0]);
  return first(node!, 'offers') as Record<string, unknown>;
}

async function put(product: ProductInput): Promise<void> {
  await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: productItem(product) }));
}

describe('prerender Lambda on the table stream', () => {
  it('writes the page of a new product, rewrites it after a price update and marks it unavailable after deactivation', async () => {
    const product = await seedProduct(table, { name: 'Ibuprofeno 400 mg', lab: 'Senosiain', priceCents: 8950 });
    const created = await waitForPage(product, (html) => html.includes('product:price:amount'), 'the product page');
    expect(readHtml(created).meta.get('product:price:amount')).toBe('89.50');
    expect(readHtml(created).meta.get('og:title')).toBe('Ibuprofeno 400 mg · FarmaCruz');
    expect(readHtml(created).meta.get('og:image')).toMatch(/^https?:\/\/.+\/social-default\.png$/);
    expect(first(await offerOf(created), 'price')).toBe('89.50');
    expect(first(await offerOf(created), 'availability')).toBe(`${S}InStock`);

    await put({ ...product, priceCents: 7425, updatedAt: new Date().toISOString() });
    const repriced = await waitForPage(product, (html) => html.includes('content="74.25"'), 'the new price on the page');
    expect(first(await offerOf(repriced), 'price')).toBe('74.25');
    expect(first(await offerOf(repriced), 'priceCurrency')).toBe('MXN');
    expect(readHtml(repriced).textOf('p')).toContain('$74.25 MXN');

    await put({ ...product, priceCents: 7425, active: false, updatedAt: new Date().toISOString() });
    const deactivated = await waitForPage(product, (html) => html.includes('noindex'), 'the deactivated page');
    expect(first(await offerOf(deactivated), 'availability')).toBe(`${S}Discontinued`);
    expect(readHtml(deactivated).textOf('p')).toContain('Producto no disponible');
    await waitUntil(async () => !(await readIfAny(path.join(pipeline.webDir, 'sitemap.xml'))).includes(product.id), 'the sitemap without the product', 60_000);
  }, 240_000);

  it('lists every active product in the sitemap once, and renders their category page', async () => {
    const products: ProductInput[] = [];
    for (let i = 0; i < 5; i++) products.push(await seedProduct(table, { name: `Paracetamol ${100 + i} mg`, active: i !== 4 }));
    const sitemapFile = path.join(pipeline.webDir, 'sitemap.xml');
    await waitUntil(async () => {
      const sitemap = await readIfAny(sitemapFile);
      return products.slice(0, 4).every((p) => sitemap.includes(p.id));
    }, 'the products in the sitemap', 90_000);
    const sitemap = await readFile(sitemapFile, 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(new Set(locs).size).toBe(locs.length);
    for (const product of products.slice(0, 4)) expect(locs.filter((loc) => loc.endsWith(productPath(product))).length).toBe(1);
    expect(sitemap).not.toContain(products[4]!.id);
    const category = await readFile(path.join(pipeline.webDir, 'categoria', 'analgesicos'), 'utf8');
    expect(category).toContain(productPath(products[0]!));
  }, 240_000);
});
