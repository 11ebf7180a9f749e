/**
 * Subscription.onMyOrderChanged(id) — a shopper's own orders in real time. Ownership is the server's: the
 * filter always holds `ownerId = <caller's sub>`, so another shopper's order id subscribes to nothing. With
 * `id`, the subscription ends when that order reaches a final status (Mutation.publishOrderChange).
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { CallerIdentity } from '../model/order-access';
import { myOrderChangesFilter, oneOrderInvalidationFilter } from '../model/order-subscriptions';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<{ id?: string | null }>) {
  const identity = ctx.identity as CallerIdentity | null;
  if (!identity || !identity.sub) {
    util.unauthorized();
  }
  const caller = identity as CallerIdentity;
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(myOrderChangesFilter(caller.sub, ctx.args.id)));
  if (ctx.args.id) {
    extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter(oneOrderInvalidationFilter(ctx.args.id)));
  }
  return null;
}
