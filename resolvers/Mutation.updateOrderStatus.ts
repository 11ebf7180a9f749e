/**
 * Mutation.updateOrderStatus(id, status) — staff only (schema directive). Pipeline:
 * checkStatusChangeDetails → getOrderForStatusChange → writeOrderStatusChange; the order as it reads after the change is left in
 * `ctx.stash.order`.
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
