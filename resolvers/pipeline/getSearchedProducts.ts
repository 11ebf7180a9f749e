/**
 * searchProducts, step 2: reads the found products by id in one BatchGetItem (at most 100 ids: the page
 * size) and keeps the active ones, in the order the search found them. Result: the page of products.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey } from '../../model/keys';
import type { ProductItem } from '../../model/product-items';
import { toProductPage } from '../../model/product-view';
import { failOnDataSourceError } from '../support/data-source-error';
import type { FoundSearchEntries } from './findSearchEntries';

interface BatchResult {
  data: Record<string, (ProductItem | null)[]>;
  unprocessedKeys?: Record<string, unknown[]>;
}

export function request(ctx: Context) {
  const found: FoundSearchEntries = ctx.prev.result;
  ctx.stash.searchNextToken = found.nextToken;
  if (found.productIds.length === 0) {
    runtime.earlyReturn(toProductPage([], found.nextToken));
  }
  const keys = found.productIds.map((id) => productKey(id));
  return ddb.batchGet({ tables: { [tableNameOf(ctx.env)]: { keys } } });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const table = tableNameOf(ctx.env);
  const result: BatchResult = ctx.result;
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : undefined;
  if (unprocessed && unprocessed.length > 0) {
    util.error('The catalog could not be read completely; please retry.', 'ServiceUnavailable');
  }
  const products = (result.data[table] || []).filter((item) => item !== null && item.active === true) as ProductItem[];
  return toProductPage(products, ctx.stash.searchNextToken);
}
