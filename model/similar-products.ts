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
