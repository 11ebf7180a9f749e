/**
 * Mutation.cancelMyOrder(id) — a signed-in shopper cancels their own unpaid order. Pipeline:
 * getOwnOrderForCancel → writeOrderStatusChange (the same versioned transaction as staff's updateOrderStatus,
 * returning the stock; a second cancel finds the order CANCELLED and fails with Conflict, so stock comes back
 * once). The order as it reads after the change is left in `ctx.stash.order`.
 */
import type { Context } from '@aws-appsync/utils';
import { toOrderView } from '../model/order-view';

export function request(ctx: Context) {
  ctx.stash.order = null;
  return {};
}

export function response(ctx: Context) {
  return toOrderView(ctx.stash.order);
}
