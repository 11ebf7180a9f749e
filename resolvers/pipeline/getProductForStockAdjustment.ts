/**
 * adjustStock, step 1: checks the change (whole, not 0, at most 100,000 either way) and the reason
 * (ValidationError naming the field), reads the product (consistent; NotFound) and checks the stock would not
 * go below zero (ValidationError, field "change", errorInfo.available). Leaves `ctx.stash.stockProduct` and
 * `ctx.stash.stockChange` ({ change, reason, after }).
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { productKey } from '../../model/keys';
import { MAX_PRODUCT_ID_LENGTH } from '../../model/product-upsert';
import { checkStockAdjustment, stockAfterAdjustment } from '../../model/stock-adjustment';
import { failOnDataSourceError } from '../support/data-source-error';

interface Args {
  productId: string;
  change: number;
  reason: string;
}

export function request(ctx: Context<Args>) {
  const check = checkStockAdjustment(ctx.args.change, ctx.args.reason);
  if (!check.ok) {
    util.error(check.message, 'ValidationError', null, { field: check.field });
  }
  if (ctx.args.productId.length === 0 || ctx.args.productId.length > MAX_PRODUCT_ID_LENGTH) {
    util.error(`Product ${ctx.args.productId.slice(0, 64)} not found.`, 'NotFound', null, { id: ctx.args.productId.slice(0, 64) });
  }
  ctx.stash.stockChange = check.ok ? { change: check.change, reason: check.reason, after: 0 } : null;
  return ddb.get({ key: productKey(ctx.args.productId), consistentRead: true });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error);
  if (!ctx.result) {
    util.error(`Product ${ctx.args.productId} not found.`, 'NotFound', null, { id: ctx.args.productId });
  }
  const after = stockAfterAdjustment(ctx.result.stock, ctx.args.change);
  if (!after.ok) {
    util.error(after.message, 'ValidationError', null, { field: 'change', available: ctx.result.stock });
  }
  ctx.stash.stockProduct = ctx.result;
  ctx.stash.stockChange.after = after.ok ? after.stock : ctx.result.stock;
  return null;
}
