/**
 * The table items of an order (docs/data-model.md): the `ORDER#id / ORDER` item with its index keys, the
 * client-token item that makes a retried createOrder find the first order, and the change a status move
 * makes. The event pipeline reads these items from the table stream, so their attributes follow the data
 * model exactly. Plain JS values, not DynamoDB-typed attribute values.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { clientTokenKey, customerOrderIndexKeys, orderKey, ordersByStatusPartition, userOrdersPartition } from './keys';
import type { Address } from './order-input';
import type { OrderLine, PricedOrder } from './order-pricing';
import type { OrderStatus } from './order-status';
import type { PaymentMethod } from './order-payment';
import type { PrescriptionVerificationRecord } from './order-status-details';

export interface StatusChange {
  status: OrderStatus;
  at: string;
  by?: string;
  /** The verified email of who made the change (staff pages show it; `by` is the Cognito username). */
  byEmail?: string;
  /** Why the order was cancelled (CANCELLED entries). */
  reason?: string;
  /** Carrier and tracking number (SHIPPED entries). */
  carrier?: string;
  trackingNumber?: string;
}

/** Who made a status change and what they said about it (model/order-status-details.ts). */
export interface StatusChangeNote {
  byEmail?: string;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
}

export interface OrderItem {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  GSI2PK: string;
  GSI2SK: string;
  /** Orders of one customer email (staff search); absent when the order has no email. */
  GSI3PK?: string;
  GSI3SK?: string;
  type: 'Order';
  id: string;
  ownerId: string;
  customerEmail?: string;
  status: OrderStatus;
  currency: string;
  lines: OrderLine[];
  itemCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  shippingAddress: Address;
  statusHistory: StatusChange[];
  /** Set once a pharmacist checked the prescription of an order with prescription lines. */
  prescriptionVerification?: PrescriptionVerificationRecord;
  /** How the shopper pays (absent on orders placed before payments existed). */
  paymentMethod?: PaymentMethod;
  /** While PENDING: when the reservation ends and the stock goes back (model/order-reservation.ts). */
  reservationExpiresAt?: string;
  /** SPEI orders: the reference the shopper writes in the transfer. */
  paymentReference?: string;
  /** Set by the Stripe webhook with PAID: the card payment that paid the order. */
  cardPayment?: CardPaymentRecord;
  /** Set by order-refund once a cancelled order's card payment was refunded through Stripe. */
  cardRefund?: CardRefundRecord;
  /** Cash on delivery: set with DELIVERED, when staff record the cash as collected (the order's total). */
  cashPayment?: CashPaymentRecord;
  clientToken: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What staff record when a cash-on-delivery order is delivered and paid (writeOrderStatusChange). */
export interface CashPaymentRecord {
  amountCents: number;
  currency: string;
  collectedAt: string;
  /** Cognito username of the staff member who recorded it. */
  by?: string;
}

/** What a card payment records on the order it paid (functions/stripe-webhook). */
export interface CardPaymentRecord {
  provider: 'stripe';
  checkoutSessionId: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  paidAt: string;
}

/** What the refund of a cancelled card-paid order records on the order (functions/order-refund). */
export interface CardRefundRecord {
  provider: 'stripe';
  paymentIntentId: string;
  /** Stripe's refund id (re_…). */
  refundId: string;
  amountCents: number;
  currency: string;
  /** Stripe's refund status when it answered (succeeded, pending…). */
  status: string | null;
  refundedAt: string;
}

export interface ClientTokenItem {
  PK: string;
  SK: string;
  type: 'ClientToken';
  ownerId: string;
  clientToken: string;
  orderId: string;
  createdAt: string;
}

/** Who places or changes an order, from the caller's Cognito identity. */
export interface OrderActor {
  sub: string;
  username?: string;
  email?: string;
}

export interface NewOrder {
  id: string;
  now: string;
  /** How the order is paid and until when its stock is held; absent for callers that predate payments. */
  payment?: { method: PaymentMethod; reservationExpiresAt?: string; reference?: string };
  actor: OrderActor;
  clientToken: string;
  shippingAddress: Address;
  priced: PricedOrder;
}

/** The sort key that lists a user's orders by creation time (GSI1) — newest first when read backwards. */
export function userOrderSortKey(createdAt: string, id: string): string {
  return `ORDER#${createdAt}#${id}`;
}

/** The sort key that lists orders of one status by creation time (GSI2). */
export function statusOrderSortKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

function statusChange(status: OrderStatus, at: string, by: string | undefined): StatusChange {
  const change: StatusChange = { status, at };
  if (by) change.by = by;
  return change;
}

/** A new PENDING order, version 1, with one history entry. */
export function newOrderItem(order: NewOrder): OrderItem {
  const item: OrderItem = {
    ...orderKey(order.id),
    GSI1PK: userOrdersPartition(order.actor.sub),
    GSI1SK: userOrderSortKey(order.now, order.id),
    GSI2PK: ordersByStatusPartition('PENDING'),
    GSI2SK: statusOrderSortKey(order.now, order.id),
    type: 'Order',
    id: order.id,
    ownerId: order.actor.sub,
    status: 'PENDING',
    currency: order.priced.currency,
    lines: order.priced.lines,
    itemCount: order.priced.itemCount,
    subtotalCents: order.priced.subtotalCents,
    shippingCents: order.priced.shippingCents,
    totalCents: order.priced.totalCents,
    shippingAddress: order.shippingAddress,
    statusHistory: [statusChange('PENDING', order.now, order.actor.username)],
    clientToken: order.clientToken,
    version: 1,
    createdAt: order.now,
    updatedAt: order.now,
  };
  if (order.actor.email) {
    item.customerEmail = order.actor.email;
    const customerIndex = customerOrderIndexKeys(order.actor.email, order.now, order.id);
    item.GSI3PK = customerIndex.GSI3PK;
    item.GSI3SK = customerIndex.GSI3SK;
  }
  if (order.payment) {
    item.paymentMethod = order.payment.method;
    if (order.payment.reservationExpiresAt) item.reservationExpiresAt = order.payment.reservationExpiresAt;
    if (order.payment.reference) item.paymentReference = order.payment.reference;
  }
  return item;
}

export function clientTokenItem(ownerId: string, clientToken: string, orderId: string, now: string): ClientTokenItem {
  return { ...clientTokenKey(ownerId, clientToken), type: 'ClientToken', ownerId, clientToken, orderId, createdAt: now };
}

/** An item's attributes without its primary key (`PK`, `SK`), as put requests take them next to `key`. */
export function itemAttributes<T extends { PK: string; SK: string }>(item: T): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  const values = item as unknown as Record<string, unknown>;
  Object.keys(values)
    .filter((name) => name !== 'PK' && name !== 'SK')
    .forEach((name) => {
      attributes[name] = values[name];
    });
  return attributes;
}

/** What a status move writes: the attributes that change, and the order as it will read afterwards. */
export interface OrderStatusUpdate {
  /** Set on the item; `statusHistory` gets `appendedHistory` appended rather than replaced. */
  set: { status: OrderStatus; GSI2PK: string; version: number; updatedAt: string };
  appendedHistory: StatusChange[];
  /** The version the stored item must still have (optimistic lock). */
  expectedVersion: number;
  after: OrderItem;
}

export function orderStatusUpdate(
  order: OrderItem,
  to: OrderStatus,
  now: string,
  by: string | undefined,
  note: StatusChangeNote = {},
): OrderStatusUpdate {
  const change = statusChange(to, now, by);
  if (note.byEmail) change.byEmail = note.byEmail;
  if (note.reason) change.reason = note.reason;
  if (note.carrier) change.carrier = note.carrier;
  if (note.trackingNumber) change.trackingNumber = note.trackingNumber;
  const set = { status: to, GSI2PK: ordersByStatusPartition(to), version: order.version + 1, updatedAt: now };
  return {
    set,
    appendedHistory: [change],
    expectedVersion: order.version,
    after: { ...order, ...set, statusHistory: order.statusHistory.concat([change]) },
  };
}
