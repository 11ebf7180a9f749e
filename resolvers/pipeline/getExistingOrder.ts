/**
 * createOrder, step 5 — runs only when this checkout (client token) was already placed: reads that first
 * order, so a retried createOrder returns it instead of placing a second one.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../../model/keys';

export function request(ctx: Context) {
  if (!ctx.stash.existingOrderId) {
    runtime.earlyReturn(null);
  }
  return ddb.get({ key: orderKey(ctx.stash.existingOrderId), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  if (!ctx.result) {
    util.error(`Order ${ctx.stash.existingOrderId} of this client token was not found.`, 'NotFound');
  }
  ctx.stash.order = ctx.result;
  return null;
}
