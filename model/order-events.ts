/**
 * Order events: what the `orders` topic carries, one per order state change (wiring/events.ts). Built by
 * the order-stream Lambda from the table stream, consumed by order-email and order-lake.
 *
 * The event id is `<orderId>#v<version>`: the order item's `version` grows by one on every change, so
 * the same change always gets the same id however often the stream or a queue redelivers it, and
 * consumers deduplicate on it.
 *
 * Types and small pure helpers only; kept inside the APPSYNC_JS subset because model/ may be bundled
 * into resolvers.
 */
import type { Address } from './order-input';
import type { CardPaymentRecord, CardRefundRecord } from './order-items';
import type { PaymentMethod } from './order-payment';

import type { OrderStatus } from './schema-types.generated';
export type { OrderStatus };

export const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

/** One line of an order as stored on the Order item (docs/data-model.md). */
export interface OrderLineSnapshot {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  prescriptionRequired: boolean;
  /** The product's category at ordering time; absent on orders placed before lines carried it. */
  categoryId?: string;
  categoryName?: string;
}

/** The stored order address (model/order-input.ts). */
export type ShippingAddressSnapshot = Address;

export interface StatusChangeSnapshot {
  status: OrderStatus;
  at: string;
  by?: string;
  byEmail?: string;
  /** Why staff cancelled the order (CANCELLED entries). */
  reason?: string;
  /** Carrier and tracking number (SHIPPED entries). */
  carrier?: string;
  trackingNumber?: string;
}

/** The Order item's attributes without its table keys: the state an event carries. */
export interface OrderSnapshot {
  id: string;
  ownerId: string;
  customerEmail?: string;
  status: OrderStatus;
  currency: string;
  lines: OrderLineSnapshot[];
  itemCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  shippingAddress: ShippingAddressSnapshot;
  statusHistory: StatusChangeSnapshot[];
  clientToken?: string;
  /** How the shopper pays (absent on orders placed before payments existed). */
  paymentMethod?: PaymentMethod;
  /** The card payment that paid the order (stripe-webhook). */
  cardPayment?: CardPaymentRecord;
  /** The refund of that payment once the order was cancelled (order-refund). */
  cardRefund?: CardRefundRecord;
  /** While PENDING with a timed reservation: when it ends. */
  reservationExpiresAt?: string;
  /** SPEI orders: the reference (concepto) of the transfer. */
  paymentReference?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * OrderRefunded: a cancelled order's card payment was refunded (the order now holds `cardRefund`); the status
 * does not move (CANCELLED → CANCELLED), and the shopper's cancellation email is sent on it.
 */
export type OrderEventType = 'OrderPlaced' | 'OrderStatusChanged' | 'OrderCancelled' | 'OrderRefunded';

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled', 'OrderRefunded'];

/** Bumped only on a breaking change of the event shape; consumers reject versions they do not know. */
export const ORDER_EVENT_SCHEMA_VERSION = 1;

interface OrderEventBase {
  schemaVersion: 1;
  /** `<orderId>#v<version>`: stable across redeliveries. */
  eventId: string;
  orderId: string;
  /** The order's `version` after the change. */
  orderVersion: number;
  /** When the change happened: the order's `updatedAt`. */
  occurredAt: string;
  /** The order after the change. */
  order: OrderSnapshot;
}

export interface OrderPlaced extends OrderEventBase {
  eventType: 'OrderPlaced';
  status: OrderStatus;
}

export interface OrderStatusChanged extends OrderEventBase {
  eventType: 'OrderStatusChanged';
  previousStatus: OrderStatus;
  status: OrderStatus;
}

export interface OrderCancelled extends OrderEventBase {
  eventType: 'OrderCancelled';
  previousStatus: OrderStatus;
  status: 'CANCELLED';
}

export interface OrderRefunded extends OrderEventBase {
  eventType: 'OrderRefunded';
  previousStatus: 'CANCELLED';
  status: 'CANCELLED';
}

export type OrderEvent = OrderPlaced | OrderStatusChanged | OrderCancelled | OrderRefunded;

export function orderEventId(orderId: string, version: number): string {
  return `${orderId}#v${version}`;
}

/**
 * SNS message attributes every order event is published with, so queues can subscribe with filter
 * policies (e.g. only `eventType = OrderPlaced`).
 */
export const ORDER_EVENT_ATTRIBUTE = {
  eventType: 'eventType',
  status: 'status',
  eventId: 'eventId',
  schemaVersion: 'schemaVersion',
  /** `held` when the order holds a refundable card payment (Stripe), else `none`: order-refund's queue filters on it. */
  cardPayment: 'cardPayment',
} as const;

export type CardPaymentAttribute = 'held' | 'none';

/**
 * Whether a cancelled order's payment goes back automatically through Stripe: a card payment. An OXXO payment
 * (cash at the store, recorded the same way) is not: Stripe cannot refund OXXO payments through its API, so
 * staff settle those with the shopper (docs/orders.md).
 */
export function holdsRefundableCardPayment(order: { cardPayment?: unknown; paymentMethod?: string }): boolean {
  return Boolean(order.cardPayment) && order.paymentMethod !== 'OXXO';
}

export function cardPaymentAttributeOf(order: { cardPayment?: unknown; paymentMethod?: string }): CardPaymentAttribute {
  return holdsRefundableCardPayment(order) ? 'held' : 'none';
}
