/**
 * The `PRODUCT#id / SIMILAR` item (docs/data-model.md): a product's most similar products, written by the
 * nightly `similarity` job and read by the Product.similar resolver. Bundled into APPSYNC_JS, so written
 * in its subset.
 */
import { productKey } from './keys';

export const SIMILAR_SK = 'SIMILAR';

export interface SimilarProductEntry {
  productId: string;
  score: number;
}

export interface SimilarProductsItem {
  PK: string;
  SK: string;
  type: 'SimilarProducts';
  productId: string;
  /** Most similar first. */
  similar: SimilarProductEntry[];
  computedAt: string;
}

/** Default and largest `limit` of Product.similar: the job stores this many per product. */
export const SIMILAR_PRODUCTS_STORED = 8;

export function similarProductsKey(productId: string) {
  return { PK: productKey(productId).PK, SK: SIMILAR_SK };
}

export function similarProductsItem(
  productId: string,
  similar: SimilarProductEntry[],
  computedAt: string,
): SimilarProductsItem {
  return {
    ...similarProductsKey(productId),
    type: 'SimilarProducts',
    productId,
    similar,
    computedAt,
  };
}

export type SimilarLimitCheck = { ok: true; limit: number } | { ok: false; message: string };

/** The `limit` argument of Product.similar: 1 to 8, all stored ones (8) when omitted. */
export function checkSimilarLimit(limit: number | null | undefined): SimilarLimitCheck {
  if (limit === null || limit === undefined) return { ok: true, limit: SIMILAR_PRODUCTS_STORED };
  if (Math.floor(limit) !== limit || limit < 1 || limit > SIMILAR_PRODUCTS_STORED) {
    return { ok: false, message: `limit must be a whole number from 1 to ${SIMILAR_PRODUCTS_STORED}.` };
  }
  return { ok: true, limit };
}

/** Ids a stored SIMILAR item lists, most similar first (none when the job has not run for the product). */
export function similarProductIds(item: SimilarProductsItem | null | undefined, productId: string): string[] {
  if (!item || !item.similar) return [];
  return item.similar.map((entry) => entry.productId).filter((id) => id !== productId);
}

/**
 * The products to show: the read products in the stored order, without inactive or missing ones (a
 * product may have been deactivated since the nightly run), at most `limit`.
 */
export function pickSimilarProducts<T extends { id: string; active: boolean }>(
  ids: string[],
  found: (T | null)[],
  limit: number,
): T[] {
  const byId: Record<string, T> = {};
  found.forEach((item) => {
    if (item && item.active === true) {
      byId[item.id] = item;
    }
  });
  return ids
    .filter((id) => Object.hasOwn(byId, id))
    .map((id) => byId[id] as T)
    .slice(0, limit);
}
