/**
 * Mutation.createOrder — pipeline: validateOrderInput → getOrderProducts → writeNewOrder →
 * getClientTokenOrder → getExistingOrder. The functions leave the order item in `ctx.stash.order`
 * (the new one, or the first order placed with the same client token); this maps it to the schema.
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
