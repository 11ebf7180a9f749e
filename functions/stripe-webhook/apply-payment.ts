/**
 * What a verified Stripe event does to the shop (the webhook's logic; handler.ts verifies the signature first).
 *
 * A paid Checkout Session (`checkout.session.completed` with payment_status `paid`, or
 * `checkout.session.async_payment_succeeded` for methods that settle later) for an order that is still PENDING
 * moves it to PAID in one TransactWriteItems:
 *   [0] the event's item `STRIPEEVENT#<event id>`, on condition it does not exist — a redelivered or replayed
 *       event fails here and changes nothing (idempotent by event id);
 *   [1] the order → PAID with its card payment (session, PaymentIntent, amount), history entry by "stripe", on
 *       condition it is still PENDING at the version just read — the expiry job, a staff change or the shopper
 *       cancelling at the same moment make it fail, and the order is read again;
 *   [2…] model/order-reservation.ts's plan for leaving PENDING: the reservation item deleted, the unpaid count − 1.
 * A payment that finds the order no longer PENDING (cancelled by expiry or by someone, or already paid with
 * another session), or whose amount is not the order's, is refunded in full through Stripe's refund API (the
 * idempotency key is the PaymentIntent, so a retry never refunds twice) and recorded as a `REFUND#` item of
 * the order, with the event item in the same transaction. Never re-reserved: the stock may be sold meanwhile
 * (docs/orders.md).
 * Every other event type is acknowledged and ignored: a declined card leaves the session open, an abandoned
 * or expired session leaves the order to its reservation's end.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type Stripe from 'stripe';
import { orderKey, stripeEventKey } from '../../model/keys';
import { orderStatusUpdate, type CardPaymentRecord, type OrderItem } from '../../model/order-items';
import { reservationEndOf } from '../../model/order-reservation';
import { reservationEndTransactItems } from '../reservation-expiry/release-expired';
import { refundItem, type RefundPayment, type RefundReason } from '../shared/stripe-refund';

/** Who the history entry of a card payment names. */
export const STRIPE_ACTOR = 'stripe';

/** Applied events are remembered this long (Stripe retries a delivery for up to 3 days). */
export const STRIPE_EVENT_RETENTION_DAYS = 90;

/** How many times a payment re-reads an order that changed under it before giving up (Stripe retries later). */
const MAX_ATTEMPTS = 5;

export type PaymentOutcome =
  /** The order became PAID. */
  | 'paid'
  /** This event was applied before: nothing done. */
  | 'duplicate'
  /** The order was already paid with this same PaymentIntent (another event of the same payment). */
  | 'already-paid'
  /** The payment could not pay the order (cancelled, paid otherwise, wrong amount, unknown order): refunded. */
  | 'refunded'
  /** Not an event that pays anything, or a session without an order of ours. */
  | 'ignored';

export interface PaymentDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Refunds a PaymentIntent in full (functions/shared/stripe-refund.ts: one refund per PaymentIntent). */
  readonly refund: RefundPayment;
  readonly now: () => Date;
}

export interface PaymentResult {
  readonly outcome: PaymentOutcome;
  readonly orderId?: string;
}

function paymentIntentIdOf(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  if (typeof intent === 'string') return intent;
  return intent ? intent.id : null;
}

function orderIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.client_reference_id ?? session.metadata?.orderId ?? null;
  return id && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? id : null;
}

/** The Checkout Session of an event that says its payment went through, or null. */
export function paidSessionOf(event: Stripe.Event): Stripe.Checkout.Session | null {
  if (event.type === 'checkout.session.completed') {
    return event.data.object.payment_status === 'paid' ? event.data.object : null;
  }
  if (event.type === 'checkout.session.async_payment_succeeded') return event.data.object;
  return null;
}

function eventItem(event: Stripe.Event, outcome: PaymentOutcome, orderId: string, now: Date) {
  return {
    ...stripeEventKey(event.id),
    type: 'StripeEvent',
    eventId: event.id,
    eventType: event.type,
    outcome,
    orderId,
    at: now.toISOString(),
    ttl: Math.floor(now.getTime() / 1000) + STRIPE_EVENT_RETENTION_DAYS * 24 * 3600,
  };
}

const eventPut = (tableName: string, item: Record<string, unknown>) => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
});

/** True when the transaction failed on its first item: the event's own record, i.e. it was applied already. */
function failedOnEventRecord(error: TransactionCanceledException): boolean {
  return error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
}

async function alreadyApplied(deps: PaymentDeps, eventId: string): Promise<boolean> {
  const read = await deps.documentClient.send(new GetCommand({ TableName: deps.tableName, Key: stripeEventKey(eventId), ConsistentRead: true }));
  return read.Item !== undefined;
}

export async function applyStripeEvent(event: Stripe.Event, deps: PaymentDeps): Promise<PaymentResult> {
  const session = paidSessionOf(event);
  if (!session) return { outcome: 'ignored' };
  const paymentIntentId = paymentIntentIdOf(session);
  const orderId = orderIdOf(session);
  // A session of the same Stripe account that is not one of our orders is none of our business.
  if (!paymentIntentId || !orderId) return { outcome: 'ignored' };
  if (await alreadyApplied(deps, event.id)) return { outcome: 'duplicate', orderId };

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = deps.now();
    const read = await deps.documentClient.send(new GetCommand({ TableName: deps.tableName, Key: orderKey(orderId), ConsistentRead: true }));
    const order = read.Item as OrderItem | undefined;
    const amountMatches =
      order !== undefined && session.amount_total === order.totalCents && (session.currency ?? '').toUpperCase() === order.currency.toUpperCase();

    if (order && order.cardPayment?.paymentIntentId === paymentIntentId) {
      // The same payment told twice (e.g. completed, then async_payment_succeeded): remember this event too.
      try {
        await deps.documentClient.send(
          new TransactWriteCommand({ TransactItems: [eventPut(deps.tableName, eventItem(event, 'already-paid', order.id, now))] }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
      }
      return { outcome: 'already-paid', orderId: order.id };
    }

    if (order && order.status === 'PENDING' && amountMatches) {
      const change = orderStatusUpdate(order, 'PAID', now.toISOString(), STRIPE_ACTOR);
      const cardPayment: CardPaymentRecord = {
        provider: 'stripe',
        checkoutSessionId: session.id,
        paymentIntentId,
        amountCents: session.amount_total ?? order.totalCents,
        currency: order.currency,
        paidAt: now.toISOString(),
      };
      try {
        await deps.documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              eventPut(deps.tableName, eventItem(event, 'paid', order.id, now)),
              {
                Update: {
                  TableName: deps.tableName,
                  Key: orderKey(order.id),
                  UpdateExpression:
                    'SET #status = :status, GSI2PK = :gsi2pk, #version = :version, updatedAt = :updatedAt, cardPayment = :payment, statusHistory = list_append(statusHistory, :history)',
                  ConditionExpression: '#status = :pending AND #version = :expectedVersion',
                  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':status': change.set.status,
                    ':gsi2pk': change.set.GSI2PK,
                    ':version': change.set.version,
                    ':updatedAt': change.set.updatedAt,
                    ':payment': cardPayment,
                    ':history': change.appendedHistory,
                    ':pending': 'PENDING',
                    ':expectedVersion': change.expectedVersion,
                  },
                },
              },
              ...reservationEndTransactItems(deps.tableName, reservationEndOf(order, 'PAID')),
            ],
          }),
        );
        return { outcome: 'paid', orderId: order.id };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (failedOnEventRecord(error)) return { outcome: 'duplicate', orderId: order.id };
        continue; // The order changed under us (expiry, staff, the shopper): read it again.
      }
    }

    // Nothing this payment can pay: give the money back, once, and say so on the order.
    const reason: RefundReason = !order ? 'UnknownOrder' : order.status !== 'PENDING' ? 'OrderNotPending' : 'AmountMismatch';
    const refund = await deps.refund(paymentIntentId, { orderId, reason });
    const record = refundItem({
      orderId,
      paymentIntentId,
      refund,
      amountCents: session.amount_total ?? 0,
      currency: session.currency ?? '',
      reason,
      orderStatus: order ? order.status : null,
      at: now.toISOString(),
    });
    try {
      await deps.documentClient.send(
        new TransactWriteCommand({
          TransactItems: [eventPut(deps.tableName, eventItem(event, 'refunded', orderId, now)), { Put: { TableName: deps.tableName, Item: record } }],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (failedOnEventRecord(error)) return { outcome: 'duplicate', orderId };
      throw error;
    }
    return { outcome: 'refunded', orderId };
  }
  throw new Error(`Order ${orderId} kept changing while payment ${paymentIntentId} was applied; Stripe will deliver the event again`);
}
