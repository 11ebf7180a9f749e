/**
 * Product.similar, step 1: reads the product's `PRODUCT#id / SIMILAR` item. Result: the listed ids, most
 * similar first; none when the nightly job has not covered the product yet.
 */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { similarProductIds, similarProductsKey, type SimilarProductsItem } from '../../model/similar-products';
import { failOnDataSourceError } from '../support/data-source-error';

export function request(ctx: Context) {
  return ddb.get({ key: similarProductsKey(ctx.stash.similarOf) });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  return similarProductIds(ctx.result as SimilarProductsItem | null, ctx.stash.similarOf);
}
