/**
 * Product.similar, step 2: reads the similar products (at most 8 ids) in one BatchGetItem and keeps the
 * active ones in the stored order, up to the limit. Result: the products (none without ids to read).
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey } from '../../model/keys';
import type { ProductItem } from '../../model/product-items';
import { toProductView } from '../../model/product-view';
import { pickSimilarProducts } from '../../model/similar-products';
import { failOnDataSourceError } from '../support/data-source-error';

interface BatchResult {
  data: Record<string, (ProductItem | null)[]>;
  unprocessedKeys?: Record<string, unknown[]>;
}

export function request(ctx: Context) {
  const ids: string[] = ctx.prev.result;
  ctx.stash.similarIds = ids;
  if (ids.length === 0) {
    // BatchGetItem refuses an empty key list; nothing to read means nothing similar.
    runtime.earlyReturn([]);
  }
  return ddb.batchGet({ tables: { [tableNameOf(ctx.env)]: { keys: ids.map((id) => productKey(id)) } } });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const table = tableNameOf(ctx.env);
  const result: BatchResult = ctx.result;
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : undefined;
  if (unprocessed && unprocessed.length > 0) {
    util.error('The catalog could not be read completely; please retry.', 'ServiceUnavailable');
  }
  const products = pickSimilarProducts(ctx.stash.similarIds, result.data[table] || [], ctx.stash.similarLimit);
  return products.map((item) => toProductView(item));
}
