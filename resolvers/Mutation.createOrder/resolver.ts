/**
 * Mutation.createOrder — a pipeline whose steps and their order are in steps.ts and whose stash is typed
 * in stash.ts. The steps leave the order item in the stash's `order` (the new one, or the first order
 * placed with the same client token); this maps it to the schema.
 */
import { util, type Context } from '@aws-appsync/utils';
import { toOrderView } from '../../model/order-view';
import { createOrderStash } from './stash';

export function request(ctx: Context) {
  createOrderStash(ctx).order = null;
  return {};
}

export function response(ctx: Context) {
  const order = createOrderStash(ctx).order;
  if (!order) {
    // Every path through the steps either sets the order or fails; this is a broken pipeline, not bad input.
    return util.error('createOrder finished without an order.', 'InternalFailure');
  }
  return toOrderView(order);
}
