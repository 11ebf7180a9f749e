/**
 * Who receives which order change in real time (Subscription.onMyOrderChanged / onOrderChanged, published by
 * Mutation.publishOrderChange). The filters are built from the subscriber's identity on the server: a shopper's
 * subscription always carries `ownerId = <own sub>`, whatever arguments the client sent. Filters are written in
 * the `util.transform.toSubscriptionFilter` input form (AppSync turns them into filter groups).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { ORDER_LIMITS } from './order-input';
import type { OrderItem } from './order-items';
import { nextOrderStatuses } from './order-status';

/** The subscription whose one-order subscribers are ended when the order can no longer change. */
export const MY_ORDER_SUBSCRIPTION_FIELD = 'onMyOrderChanged';

export type OrderChangeFilter = Record<string, { eq: string }>;

/** A shopper's own orders; with `orderId`, that one order only (still only when it is the caller's). */
export function myOrderChangesFilter(ownerSub: string, orderId: string | null | undefined): OrderChangeFilter {
  const filter: OrderChangeFilter = { ownerId: { eq: ownerSub } };
  if (orderId) filter.id = { eq: orderId };
  return filter;
}

/** Invalidation filter of a one-order subscription: ended by `invalidateSubscriptions({ payload: { id } })`. */
export function oneOrderInvalidationFilter(orderId: string): OrderChangeFilter {
  return { id: { eq: orderId } };
}

/** Staff: every order, or those now in one status. Null: no filter (every change). */
export function staffOrderChangesFilter(status: string | null | undefined): OrderChangeFilter | null {
  return status ? { status: { eq: status } } : null;
}

/** No status move is possible from here (DELIVERED, CANCELLED): one-order subscriptions can end. */
export function isFinalOrderStatus(status: string): boolean {
  return nextOrderStatuses(status).length === 0;
}

/**
 * Why a published order item cannot be shown as an Order, or null when it can. The publisher sends stored
 * items from the table stream; this guards the view against anything else reaching the mutation.
 */
export function publishedOrderProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'order must be a JSON object';
  const item = value as Record<string, unknown>;
  if (item.type !== undefined && item.type !== 'Order') return 'order is not an Order item';
  const texts = ['id', 'ownerId', 'status', 'currency', 'createdAt', 'updatedAt'];
  for (const name of texts) {
    if (typeof item[name] !== 'string' || (item[name] as string).length === 0) return `order.${name} must be a non-empty string`;
  }
  if ((item.id as string).length > ORDER_LIMITS.maxIdLength) return 'order.id is too long';
  const lists = ['lines', 'statusHistory'];
  for (const name of lists) {
    if (!Array.isArray(item[name])) return `order.${name} must be a list`;
  }
  const address = item.shippingAddress;
  if (address === null || typeof address !== 'object' || Array.isArray(address)) return 'order.shippingAddress must be an object';
  return null;
}

export type PublishedOrder = OrderItem;
