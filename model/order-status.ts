/**
 * The life cycle of an order: which status changes staff may make. PENDING → PAID → SHIPPED → DELIVERED,
 * and PENDING or PAID → CANCELLED (which returns the reserved stock). Everything else is refused.
 *
 * Cash on delivery (a method that `paysOnDelivery`, model/payment-methods.ts) is paid when the order is handed
 * over, so it skips PAID: PENDING ("not paid yet": stock held with no time limit) → SHIPPED → DELIVERED (the
 * delivery is the payment: staff record it as "delivered and cash collected"), and PENDING → CANCELLED. Prepaid
 * orders cannot ship unpaid, and a cash order is never marked PAID before anyone has the cash.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */

import type { OrderStatus } from './schema-types.generated';
import { paysOnDelivery } from './payment-methods';
export type { OrderStatus };

/** Which orders a move applies to: every order, only those paid before shipping, only those paid on delivery. */
type PaymentTiming = 'ANY' | 'PREPAID' | 'ON_DELIVERY';

/** Every allowed [from, to, orders] triple. A list, not an object map, so a status string can never hit a prototype key. */
const ALLOWED_TRANSITIONS: [OrderStatus, OrderStatus, PaymentTiming][] = [
  ['PENDING', 'PAID', 'PREPAID'],
  ['PENDING', 'SHIPPED', 'ON_DELIVERY'],
  ['PAID', 'SHIPPED', 'ANY'],
  ['SHIPPED', 'DELIVERED', 'ANY'],
  ['PENDING', 'CANCELLED', 'ANY'],
  ['PAID', 'CANCELLED', 'ANY'],
];

function appliesTo(timing: PaymentTiming, paymentMethod: string | null | undefined): boolean {
  if (timing === 'ANY') return true;
  return paysOnDelivery(paymentMethod) ? timing === 'ON_DELIVERY' : timing === 'PREPAID';
}

/** `paymentMethod`: the order's (absent on orders placed before payments existed: paid before shipping). */
export function canChangeOrderStatus(from: string, to: string, paymentMethod?: string | null): boolean {
  return ALLOWED_TRANSITIONS.some((t) => t[0] === from && t[1] === to && appliesTo(t[2], paymentMethod));
}

/** The statuses an order in `from`, paid by `paymentMethod`, may move to next. */
export function nextOrderStatuses(from: string, paymentMethod?: string | null): OrderStatus[] {
  return ALLOWED_TRANSITIONS.filter((t) => t[0] === from && appliesTo(t[2], paymentMethod)).map((t) => t[1]);
}

/** Whether this change settles a cash-on-delivery order: the cash is collected when it is delivered. */
export function collectsCashOnDelivery(to: string, paymentMethod: string | null | undefined): boolean {
  return to === 'DELIVERED' && paysOnDelivery(paymentMethod);
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
