/**
 * createOrder, last step — returns the order this checkout (client token) placed before, so a retried
 * createOrder gets the first order instead of a second one. One step for both ways of learning it:
 * getOrderProducts found the token item, or writeNewOrder lost the token to a concurrent request and
 * DynamoDB returned the token item with the cancellation (AppSync asks for it by default). Either way the
 * order id is known and one consistent GetItem reads the order.
 *
 * When the transaction lost the token but DynamoDB returned no item, the order id is unknown; rather than a
 * second lookup step, the request fails with Conflict and the client's retry (same token) finds the order
 * in getOrderProducts.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../../model/keys';
import { createOrderStash } from './stash';

export function request(ctx: Context) {
  const stash = createOrderStash(ctx);
  if (stash.order) {
    // The new order was written: nothing to look up.
    runtime.earlyReturn(null);
  }
  if (!stash.placedOrderId) {
    if (stash.clientTokenTaken) {
      util.error('This checkout is being placed by another request; please retry.', 'Conflict');
    }
    runtime.earlyReturn(null);
  }
  return ddb.get({ key: orderKey(stash.placedOrderId as string), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const stash = createOrderStash(ctx);
  if (!ctx.result) {
    util.error(`Order ${stash.placedOrderId} of this client token was not found.`, 'NotFound');
  }
  stash.order = ctx.result;
  return null;
}
