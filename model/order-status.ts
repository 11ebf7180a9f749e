/**
 * The life cycle of an order: which status changes staff may make. PENDING → PAID → SHIPPED → DELIVERED,
 * and PENDING or PAID → CANCELLED (which returns the reserved stock). Everything else is refused.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */

import type { OrderStatus } from './schema-types.generated';
export type { OrderStatus };

/** Every allowed [from, to] pair. A list, not an object map, so a status string can never hit a prototype key. */
const ALLOWED_TRANSITIONS: [OrderStatus, OrderStatus][] = [
  ['PENDING', 'PAID'],
  ['PAID', 'SHIPPED'],
  ['SHIPPED', 'DELIVERED'],
  ['PENDING', 'CANCELLED'],
  ['PAID', 'CANCELLED'],
];

export function canChangeOrderStatus(from: string, to: string): boolean {
  return ALLOWED_TRANSITIONS.some((pair) => pair[0] === from && pair[1] === to);
}

/** The statuses an order in `from` may move to next. */
export function nextOrderStatuses(from: string): OrderStatus[] {
  return ALLOWED_TRANSITIONS.filter((pair) => pair[0] === from).map((pair) => pair[1]);
}

/** A change to this status gives the order's units back to stock in the same transaction. */
export function statusReturnsStock(to: string): boolean {
  return to === 'CANCELLED';
}

/** The statuses from which a shopper may cancel their own order: only before it is paid. */
const SHOPPER_CANCELLABLE: OrderStatus[] = ['PENDING'];

export function canShopperCancelOrder(from: string): boolean {
  return SHOPPER_CANCELLABLE.some((status) => status === from) && canChangeOrderStatus(from, 'CANCELLED');
}
