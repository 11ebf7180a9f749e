/**
 * Subscription.onOrderChanged(status) — staff (group `admin`, by the schema directive and checked again
 * here): every new or changed order, or only those now in `status`.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { isStaff, type CallerIdentity } from '../model/order-access';
import { staffOrderChangesFilter } from '../model/order-subscriptions';

export function request() {
  return { payload: null };
}

export function response(ctx: Context<{ status?: string | null }>) {
  const identity = ctx.identity as CallerIdentity | null;
  if (!identity || !isStaff(identity)) {
    util.unauthorized();
  }
  const filter = staffOrderChangesFilter(ctx.args.status);
  if (filter !== null) {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  }
  return null;
}
