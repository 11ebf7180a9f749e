/**
 * The shop's public URLs, built in one place for the web app's links, the prerendered pages, the sitemap
 * and the order emails: `/producto/ibuprofeno-400-mg-senosiain-01J…`, `/categoria/analgesicos`,
 * `/buscar?q=…`. A product's slug is for people and search engines only: the page is found by the id at
 * its end (a ULID has no '-'), so an old or shortened slug still opens the product, and the page's
 * canonical URL names the current one.
 */
import { slugify } from './search-text';

export interface ProductPathFields {
  readonly id: string;
  readonly name: string;
  /** The laboratory; part of the slug when known ("…-senosiain-<id>"). */
  readonly lab?: string | null;
}

/** Longest slug before the id: long names stay readable in a chat preview and under URL length limits. */
const MAX_SLUG_LENGTH = 80;

export function productSlug(product: ProductPathFields): string {
  const slug = slugify(`${product.name} ${product.lab ?? ''}`);
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 0 ? cut.slice(0, lastDash) : cut;
}

export function productPath(product: ProductPathFields): string {
  const slug = productSlug(product);
  return `/producto/${slug ? `${slug}-` : ''}${encodeURIComponent(product.id)}`;
}

/** The product id in a `/producto/<segment>` path segment: what follows the last '-', or the whole segment. */
export function productIdFromSegment(segment: string): string {
  const lastDash = segment.lastIndexOf('-');
  return lastDash >= 0 ? segment.slice(lastDash + 1) : segment;
}

export function categoryPath(categoryId: string): string {
  return `/categoria/${encodeURIComponent(categoryId)}`;
}

export function searchPath(text: string): string {
  return `/buscar?q=${encodeURIComponent(text)}`;
}

export function orderPath(orderId: string): string {
  return `/pedidos/${encodeURIComponent(orderId)}`;
}

/** An absolute URL of the shop: `shopUrl` is its origin with or without a trailing slash. */
export function shopUrlOf(shopUrl: string, appPath: string): string {
  const base = shopUrl.endsWith('/') ? shopUrl.slice(0, -1) : shopUrl;
  return `${base}${appPath}`;
}
