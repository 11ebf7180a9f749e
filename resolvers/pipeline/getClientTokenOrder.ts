/**
 * createOrder, step 4 — runs only when the transaction lost the client token to a concurrent request and
 * DynamoDB did not say which order holds it: reads the token item to learn that order's id.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { CallerIdentity } from '../../model/order-access';
import { clientTokenKey } from '../../model/keys';
import type { OrderRequest } from '../../model/order-input';

export function request(ctx: Context) {
  if (ctx.stash.order) {
    // The new order was written: nothing left to look up, straight to the resolver's response.
    runtime.earlyReturn(null, { skipTo: 'END' });
  }
  if (!ctx.stash.clientTokenTaken || ctx.stash.existingOrderId) {
    runtime.earlyReturn(null);
  }
  const order: OrderRequest = ctx.stash.orderRequest;
  return ddb.get({ key: clientTokenKey((ctx.identity as CallerIdentity).sub, order.clientToken), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  if (!ctx.result) {
    util.error('The order placed with this client token could not be found; please retry.', 'Conflict');
  }
  ctx.stash.existingOrderId = ctx.result.orderId;
  return null;
}
