/**
 * Mutation.publishOrderChange(order) — backend only (IAM; the order-realtime Lambda signs it). No data source:
 * the published order item comes back as the Order its subscribers receive, exactly as `order(id)` shows it.
 * When the order can no longer change, the subscriptions to that one order end (their invalidation filter
 * matches its id).
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import {
  isFinalOrderStatus,
  MY_ORDER_SUBSCRIPTION_FIELD,
  publishedOrderProblem,
  type PublishedOrder,
} from '../model/order-subscriptions';
import { toOrderView } from '../model/order-view';

export function request(ctx: Context<{ order: unknown }>) {
  const problem = publishedOrderProblem(ctx.args.order);
  if (problem !== null) {
    util.error(problem, 'ValidationError', null, { field: 'order' });
  }
  return { payload: ctx.args.order };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const order = ctx.result as PublishedOrder;
  if (isFinalOrderStatus(order.status)) {
    extensions.invalidateSubscriptions({ subscriptionField: MY_ORDER_SUBSCRIPTION_FIELD, payload: { id: order.id } });
  }
  return toOrderView(order);
}
