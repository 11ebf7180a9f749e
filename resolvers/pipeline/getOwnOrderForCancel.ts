/**
 * cancelMyOrder, step 1: reads the order and checks that the caller placed it (someone else's order answers
 * NotFound, as an unknown one: its existence is not told) and that it is still unpaid (PENDING; anything else
 * fails with Conflict, errorInfo {from, to}). The order goes to `ctx.stash.currentOrder`, the target status to
 * `ctx.stash.targetStatus` for writeOrderStatusChange (shared with updateOrderStatus).
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../../model/keys';
import type { CallerIdentity } from '../../model/order-access';
import { ORDER_LIMITS } from '../../model/order-input';
import { canShopperCancelOrder } from '../../model/order-status';

/** The reason recorded when a shopper cancels their own order (shown to staff and in the email, in Spanish). */
const SHOPPER_CANCEL_REASON = 'Cancelado por el cliente desde la tienda en línea';

interface Args {
  id: string;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length === 0 || ctx.args.id.length > ORDER_LIMITS.maxIdLength) {
    util.error(`Order ${ctx.args.id.slice(0, 64)} was not found.`, 'NotFound');
  }
  return ddb.get({ key: orderKey(ctx.args.id), consistentRead: true });
}

export function response(ctx: Context<Args>) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const caller = ctx.identity as CallerIdentity;
  if (!ctx.result || ctx.result.ownerId !== caller.sub) {
    util.error(`Order ${ctx.args.id} was not found.`, 'NotFound');
  }
  const from = ctx.result.status;
  if (!canShopperCancelOrder(from)) {
    util.error(`Only an unpaid order can be cancelled by its shopper; this one is ${from}.`, 'Conflict', null, { from, to: 'CANCELLED' });
  }
  ctx.stash.currentOrder = ctx.result;
  ctx.stash.targetStatus = 'CANCELLED';
  // The history entry and the cancellation email say who cancelled (staff cancels carry their own reason).
  ctx.stash.statusDetails = { reason: SHOPPER_CANCEL_REASON };
  return null;
}
