/**
 * upsertProduct, step 1: one strongly consistent BatchGetItem of the stored product and the guard of the
 * SKU it wants. Replacing an unknown id fails with NotFound; a SKU held by another product with Conflict.
 * Leaves the stored version (null for a new product) in `ctx.stash.previous`, so the write step can keep
 * createdAt and delete search entries of words the product loses.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey, skuKey } from '../../model/keys';
import { productInputOf, type ProductInput, type ProductItem, type SkuGuardItem } from '../../model/product-items';
import { failOnDataSourceError } from '../support/data-source-error';

interface BatchResult {
  data: Record<string, (Record<string, unknown> | null)[]>;
  unprocessedKeys?: Record<string, unknown[]>;
}

export function request(ctx: Context) {
  const product: ProductInput = ctx.stash.product;
  return ddb.batchGet({
    tables: { [tableNameOf(ctx.env)]: { keys: [productKey(product.id), skuKey(product.sku)], consistentRead: true } },
  });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const table = tableNameOf(ctx.env);
  const result: BatchResult = ctx.result;
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : undefined;
  if (unprocessed && unprocessed.length > 0) {
    util.error('The catalog could not be read completely; please retry.', 'ServiceUnavailable');
  }
  const product: ProductInput = ctx.stash.product;
  const found = result.data[table] || [];
  const stored = found[0] ? (found[0] as unknown as ProductItem) : null;
  const guard = found[1] ? (found[1] as unknown as SkuGuardItem) : null;
  if (ctx.stash.replacing && !stored) {
    util.error(`Product ${product.id} not found.`, 'NotFound', null, { id: product.id });
  }
  if (guard && guard.productId !== product.id) {
    util.error(`SKU ${product.sku} already used by product ${guard.productId}.`, 'Conflict', null, {
      field: 'sku',
      sku: product.sku,
      productId: guard.productId,
    });
  }
  ctx.stash.previous = stored ? productInputOf(stored) : null;
  return null;
}
