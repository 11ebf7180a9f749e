/**
 * The one way the shop gives a card payment back: a full refund of the PaymentIntent through Stripe's refund
 * API, recorded as the order's `ORDER#<id> / REFUND#<PaymentIntent>` item. Used by stripe-webhook (a payment
 * that arrived for an order it cannot pay) and order-refund (staff or anything cancelled a PAID card order).
 *
 * Exactly one refund per PaymentIntent whoever asks and however often: the idempotency key is the
 * PaymentIntent, so Stripe answers a repeated request (a redelivered event, a retried Lambda, the webhook and
 * order-refund both) with the first refund instead of refunding again.
 */
import type Stripe from 'stripe';
import { orderRefundKey } from '../../model/keys';

/** Refunds a PaymentIntent in full; Stripe's answer (the first refund when the key was used before). */
export type RefundPayment = (paymentIntentId: string, metadata: Record<string, string>) => Promise<IssuedRefund>;

export interface IssuedRefund {
  readonly id: string;
  readonly status: string | null;
  readonly amountCents: number;
  /** Upper case (MXN), as orders keep it. */
  readonly currency: string;
}

/** One refund per PaymentIntent, whatever happens (Stripe keeps a key's answer for at least 24 hours). */
export function refundIdempotencyKey(paymentIntentId: string): string {
  return `farmacruz-refund-${paymentIntentId}`;
}

export function stripeRefunder(stripe: Stripe): RefundPayment {
  return async (paymentIntentId, metadata) => {
    const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, metadata }, { idempotencyKey: refundIdempotencyKey(paymentIntentId) });
    return { id: refund.id, status: refund.status, amountCents: refund.amount, currency: refund.currency.toUpperCase() };
  };
}

/** Why a payment was given back. */
export type RefundReason =
  /** The payment arrived for an order no longer PENDING (expired, cancelled, paid with another session). */
  | 'OrderNotPending'
  /** The payment's amount or currency is not the order's. */
  | 'AmountMismatch'
  /** The session names an order that does not exist. */
  | 'UnknownOrder'
  /** The order it paid was cancelled afterwards (staff, or anything else moving a PAID order to CANCELLED). */
  | 'OrderCancelled';

export interface RefundItem {
  PK: string;
  SK: string;
  type: 'Refund';
  orderId: string;
  provider: 'stripe';
  paymentIntentId: string;
  refundId: string;
  amountCents: number;
  currency: string;
  reason: RefundReason;
  /** The order's status when the refund was decided. */
  orderStatus: string | null;
  refundStatus: string | null;
  at: string;
}

export function refundItem(entry: {
  orderId: string;
  paymentIntentId: string;
  refund: { id: string; status: string | null };
  amountCents: number;
  currency: string;
  reason: RefundReason;
  orderStatus: string | null;
  at: string;
}): RefundItem {
  return {
    ...orderRefundKey(entry.orderId, entry.paymentIntentId),
    type: 'Refund',
    orderId: entry.orderId,
    provider: 'stripe',
    paymentIntentId: entry.paymentIntentId,
    refundId: entry.refund.id,
    amountCents: entry.amountCents,
    currency: entry.currency.toUpperCase(),
    reason: entry.reason,
    orderStatus: entry.orderStatus,
    refundStatus: entry.refund.status,
    at: entry.at,
  };
}
