/**
 * What the page renderers (pages.tsx: React server rendering of the web app's components, type-checked with
 * the browser's types by functions/prerender/tsconfig.json) take and give, without importing them: the rest
 * of the prerenderer, the Lambda factory and the local stack are Node code checked without DOM types, and
 * get the renderers passed in (the Lambda entry imports them; Node tools load them, page-renderers.ts).
 */
import type { CategoryView, ProductView } from '../../model/product-view';
import { categoryPath, productPath } from '../../model/shop-paths';
import { ROBOTS_KEY, SITEMAP_KEY, SITEMAP_PART_PREFIX } from './sitemap';

export const SHOP_NAME = 'FarmaCruz';
/** The picture a link preview shows for a product without one (web/public, 1200×630). */
export const DEFAULT_SOCIAL_IMAGE_PATH = '/social-default.png';
/** Products on the first page of a category: the web app's page size (web/src/pages/Catalog.tsx). */
export const CATEGORY_PAGE_SIZE = 24;

export interface SiteOptions {
  /** The shop's public origin, e.g. https://www.farmacruz.mx (canonical URLs, images). */
  readonly shopUrl: string;
  /** The web app's index.html (see shell.ts). */
  readonly shell: string;
}

export interface RenderedPage {
  /** Object key in the web bucket (the URL path without its leading slash). */
  readonly key: string;
  readonly html: string;
}

/**
 * The home page's object key in the web bucket, which CloudFront serves for `/` (its default root object).
 * Not index.html: that is the app's shell, served for every path without an object of its own.
 */
export const HOME_PAGE_KEY = 'inicio.html';

/** The object key a request path would be served from, when the path names one (`/` → the home page). */
export function siteKeyOfPath(urlPath: string): string {
  return urlPath === '/' ? HOME_PAGE_KEY : urlPath.replace(/^\/+/, '');
}

/** A page of the catalog: a category's, or the home page's (every category: `category` null). */
export interface CatalogPageInput {
  readonly category: CategoryView | null;
  /** Every category, in the catalog's order (the side navigation). */
  readonly categories: readonly CategoryView[];
  /** The category's (home: the catalog's) first active products in the API's order (by name), at most CATEGORY_PAGE_SIZE. */
  readonly products: readonly ProductView[];
  /** True when the category has more active products than `products`. */
  readonly hasMore: boolean;
}

export interface PageRenderers {
  renderProductPage(product: ProductView, options: SiteOptions): RenderedPage;
  /** A category's page, or the home page when `input.category` is null. */
  renderCatalogPage(input: CatalogPageInput, options: SiteOptions): RenderedPage;
}

export function productPageKey(product: Pick<ProductView, 'id' | 'name' | 'lab'>): string {
  return productPath(product).slice(1);
}

/**
 * The same page under the product's id alone, `producto/<id>`: the address a hand-typed or id-only link opens
 * (the app finds a product by the id at the end of its path), served prerendered like the canonical one
 * instead of by the app alone, which at 4× CPU throttle paints its product twice as late. The page's canonical
 * URL names the slugged address, so search engines list that one. For a product whose name gives no slug the
 * two keys are the same.
 */
export function productIdPageKey(product: Pick<ProductView, 'id'>): string {
  return `producto/${encodeURIComponent(product.id)}`;
}

export function categoryPageKey(categoryId: string): string {
  return categoryPath(categoryId).slice(1);
}

/**
 * Every object key the prerenderer writes or deletes in the web bucket, as S3 key patterns: the Lambda's
 * write grants and the web app deployment's exclusions (infra/constructs/web.ts) both read this list
 * (functions/prerender/pages.test.ts checks that every key a render writes matches one).
 */
export const PRERENDERED_KEY_PATTERNS: readonly string[] = [
  HOME_PAGE_KEY,
  'producto/*',
  'categoria/*',
  `${SITEMAP_PART_PREFIX}*`,
  SITEMAP_KEY,
  ROBOTS_KEY,
];
