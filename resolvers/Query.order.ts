/**
 * Query.order(id) — one order, for its owner or staff only. NotFound when there is no such order,
 * Unauthorized when the caller is neither its owner nor in the `admin` group.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../model/keys';
import { canReadOrder, type CallerIdentity } from '../model/order-access';
import { ORDER_LIMITS } from '../model/order-input';
import { toOrderView } from '../model/order-view';

export function request(ctx: Context<{ id: string }>) {
  // An id no order can have (ULIDs are 26 characters) is not worth a round trip, nor a DynamoDB key error.
  if (ctx.args.id.length === 0 || ctx.args.id.length > ORDER_LIMITS.maxIdLength) {
    util.error(`Order ${ctx.args.id.slice(0, 64)} was not found.`, 'NotFound');
  }
  return ddb.get({ key: orderKey(ctx.args.id) });
}

export function response(ctx: Context<{ id: string }>) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  if (!ctx.result) {
    util.error(`Order ${ctx.args.id} was not found.`, 'NotFound');
  }
  if (!canReadOrder(ctx.identity as CallerIdentity, ctx.result.ownerId)) {
    util.error('Not authorized to read this order.', 'Unauthorized');
  }
  return toOrderView(ctx.result);
}
