/**
 * The one prerenderer of the shop's public pages, used by the prerender Lambda (what changed on the table
 * stream), the full render (`npm run prerender`, the local stack's first start) and the tests:
 *   - `renderWholeSite`: every active product's page (at its canonical address and under its id alone:
 *     productIdPageKey), every category's page, the home page, sitemap and
 *     robots.txt;
 *   - `renderChanges`: the pages of the products that changed and of their categories (old and new), the
 *     home page when a product card changed, and the sitemap when the set of listed URLs changed.
 * Pages are written to a SiteStore (the web bucket). The shell is the deployed index.html, read from the
 * same bucket, so pages load the app build that is live.
 */
import { categoryPath, productPath } from '../../model/shop-paths';
import type { CategoryView, ProductView } from '../../model/product-view';
import type { CatalogReader } from './catalog-reader';
import { loadPageRenderers } from './page-renderers';
import { CATEGORY_PAGE_SIZE, categoryPageKey, productIdPageKey, productPageKey, type PageRenderers, type SiteOptions } from './page-types';
import { checkShell } from './shell';
import { MAX_URLS_PER_SITEMAP, ROBOTS_KEY, SITEMAP_KEY, SITEMAP_PART_PREFIX, robotsTxt, sitemapFiles, type SitemapEntry } from './sitemap';
import { contentTypeOfKey, type SiteStore } from './site-store';

/** The key of the web app's index.html in the web bucket: the shell of every page. */
export const SHELL_KEY = 'index.html';

export interface SiteRenderOptions {
  readonly shopUrl: string;
  readonly store: SiteStore;
  readonly catalog: CatalogReader;
  /** The shell; read from the store's SHELL_KEY when not given. */
  readonly shell?: string;
  readonly maxUrlsPerSitemap?: number;
  /** Pages rendered and written at once. */
  readonly concurrency?: number;
  /** The page renderers (pages.tsx); loaded at run time when not given (see page-renderers.ts). */
  readonly renderers?: PageRenderers;
}

export interface SiteRenderReport {
  readonly productPages: number;
  readonly categoryPages: number;
  /** Whether the home page (the whole catalog's first products) was rendered. */
  readonly homePage: boolean;
  readonly deletedPages: number;
  readonly sitemapUrls: number | null;
  readonly bytesWritten: number;
  /** Set when nothing could be rendered because the web app is not in the bucket yet (no index.html). */
  readonly skipped?: 'no-shell';
}

interface Site extends SiteOptions {
  readonly renderers: PageRenderers;
}

async function siteOptions(options: SiteRenderOptions): Promise<Site | null> {
  const shell = options.shell ?? (await options.store.read(SHELL_KEY));
  if (shell === null) return null;
  checkShell(shell);
  return { shopUrl: options.shopUrl, shell, renderers: options.renderers ?? (await loadPageRenderers()) };
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

class Writer {
  bytes = 0;
  constructor(private readonly store: SiteStore) {}
  async put(key: string, body: string): Promise<void> {
    await this.store.put(key, body, contentTypeOfKey(key));
    this.bytes += Buffer.byteLength(body);
  }
}

/** The sitemap's entries: home, every category with active products, every active product once. */
export function sitemapEntries(products: readonly ProductView[], categories: readonly CategoryView[]): SitemapEntry[] {
  const listed = new Map<string, ProductView>();
  for (const product of products) if (product.active) listed.set(product.id, product);
  const withProducts = new Set([...listed.values()].map((p) => p.categoryId));
  return [
    { path: '/' },
    ...categories.filter((c) => withProducts.has(c.id)).map((c) => ({ path: categoryPath(c.id) })),
    ...[...listed.values()].map((p) => ({ path: productPath(p), lastModified: p.updatedAt })),
  ];
}

async function writeSitemap(options: SiteRenderOptions, writer: Writer, products: readonly ProductView[], categories: readonly CategoryView[]): Promise<number> {
  const entries = sitemapEntries(products, categories);
  const { files, partKeys } = sitemapFiles(options.shopUrl, entries, options.maxUrlsPerSitemap ?? MAX_URLS_PER_SITEMAP);
  // Parts first, the file that points at them last; then parts a smaller catalog no longer needs.
  for (const file of [...files].reverse()) await writer.put(file.key, file.body);
  for (let part = partKeys.length + 1; ; part++) {
    const key = `${SITEMAP_PART_PREFIX}sitemap-${part}.xml`;
    if ((await options.store.read(key)) === null) break;
    await options.store.delete(key);
  }
  return entries.length;
}

/** A product's page, written at its canonical key and under its id alone (productIdPageKey); gives the keys written. */
async function writeProductPage(site: Site, writer: Writer, product: ProductView): Promise<string[]> {
  const page = site.renderers.renderProductPage(product, site);
  const keys = [...new Set([page.key, productIdPageKey(product)])];
  for (const key of keys) await writer.put(key, page.html);
  return keys;
}

/** A category's page, or the home page (`category` null: the whole catalog's first products). */
async function renderCatalogPage(options: SiteRenderOptions, site: Site, writer: Writer, category: CategoryView | null, categories: readonly CategoryView[]): Promise<void> {
  const page = await options.catalog.categoryPage(category?.id ?? null, CATEGORY_PAGE_SIZE);
  const rendered = site.renderers.renderCatalogPage({ category, categories, ...page }, site);
  await writer.put(rendered.key, rendered.html);
}

export async function renderWholeSite(options: SiteRenderOptions): Promise<SiteRenderReport> {
  const site = await siteOptions(options);
  if (!site) throw new Error(`No ${SHELL_KEY} in the web bucket: deploy the web app before prerendering its pages`);
  const writer = new Writer(options.store);
  const concurrency = options.concurrency ?? 16;
  const [products, categories] = await Promise.all([options.catalog.activeProducts(), options.catalog.categories()]);
  await inBatches(products, concurrency, async (product) => {
    await writeProductPage(site, writer, product);
  });
  await inBatches([null, ...categories], concurrency, (category) => renderCatalogPage(options, site, writer, category, categories));
  await writer.put(ROBOTS_KEY, robotsTxt(options.shopUrl));
  const sitemapUrls = await writeSitemap(options, writer, products, categories);
  return { productPages: products.length, categoryPages: categories.length, homePage: true, deletedPages: 0, sitemapUrls, bytesWritten: writer.bytes };
}

/** A product as it was before and is after a change (null: absent). */
export interface ProductChange {
  readonly before: ProductView | null;
  readonly after: ProductView | null;
}

/** Fields a product card on a category page or the home page shows (web/src/pages/ProductCard.tsx), and listing membership. */
function cardOf(p: ProductView | null): string {
  if (!p || !p.active) return '';
  return JSON.stringify([p.name, p.lab, p.presentation, p.price, p.stock === 0, p.prescriptionRequired, p.imageUrl, p.categoryId]);
}

/** Everything a product page shows. */
function pageOf(p: ProductView | null): string {
  if (!p) return '';
  const { createdAt: _created, updatedAt: _updated, ...shown } = p;
  return JSON.stringify(shown);
}

export function listedPath(p: ProductView | null): string | null {
  return p && p.active ? productPath(p) : null;
}

/**
 * Renders what a batch of product changes affects. The product pages are rendered from the item as it is
 * now in the table (read again: a batch may hold several versions of one product, and a retried batch
 * an older one), so pages never go back in time.
 */
export async function renderChanges(changes: readonly ProductChange[], options: SiteRenderOptions): Promise<SiteRenderReport> {
  const relevant = changes.filter((c) => pageOf(c.before) !== pageOf(c.after) || productPath(c.before ?? c.after!) !== productPath(c.after ?? c.before!));
  if (relevant.length === 0) return { productPages: 0, categoryPages: 0, homePage: false, deletedPages: 0, sitemapUrls: null, bytesWritten: 0 };
  const site = await siteOptions(options);
  // Before the first deployment of the web app there is nothing to render into; the deployment renders all.
  if (!site) return { productPages: 0, categoryPages: 0, homePage: false, deletedPages: 0, sitemapUrls: null, bytesWritten: 0, skipped: 'no-shell' };
  const writer = new Writer(options.store);
  const ids = [...new Set(relevant.map((c) => (c.after ?? c.before)!.id))];
  const categoryIds = new Set<string>();
  let sitemapChanged = false;
  for (const change of relevant) {
    if (cardOf(change.before) !== cardOf(change.after)) {
      if (change.before) categoryIds.add(change.before.categoryId);
      if (change.after) categoryIds.add(change.after.categoryId);
    }
    if (listedPath(change.before) !== listedPath(change.after)) sitemapChanged = true;
  }
  let productPages = 0;
  let deletedPages = 0;
  const oldKeys = new Set(relevant.flatMap((c) => (c.before ? [productPageKey(c.before)] : [])));
  const keptKeys = new Set<string>();
  await inBatches(ids, options.concurrency ?? 16, async (id) => {
    const product = await options.catalog.product(id);
    if (!product) return;
    for (const key of await writeProductPage(site, writer, product)) keptKeys.add(key);
    productPages++;
  });
  // A renamed product's page moves: the old address is removed (its new page has the canonical URL).
  for (const key of oldKeys) {
    if (keptKeys.has(key)) continue;
    await options.store.delete(key);
    deletedPages++;
  }
  let categoryPages = 0;
  let sitemapUrls: number | null = null;
  // A changed card may be on the home page too (the whole catalog's first products by name): it is rendered
  // again with the categories, one query; telling whether the card is among those first would cost the same.
  const homePage = categoryIds.size > 0;
  if (categoryIds.size > 0 || sitemapChanged) {
    const categories = await options.catalog.categories();
    for (const category of categories.filter((c) => categoryIds.has(c.id))) {
      await renderCatalogPage(options, site, writer, category, categories);
      categoryPages++;
    }
    if (homePage) await renderCatalogPage(options, site, writer, null, categories);
    if (sitemapChanged) sitemapUrls = await writeSitemap(options, writer, await options.catalog.activeProducts(), categories);
  }
  return { productPages, categoryPages, homePage, deletedPages, sitemapUrls, bytesWritten: writer.bytes };
}

export { SITEMAP_KEY, categoryPageKey };
