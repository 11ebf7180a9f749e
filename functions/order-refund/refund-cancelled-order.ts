/**
 * What order-refund does with one order event: a CANCELLED order that holds a card payment gets that payment
 * back in full, once, and says so.
 *
 *   1. Read the order (consistent). Nothing to do unless it is CANCELLED, holds `cardPayment` and no
 *      `cardRefund` yet (a redelivered event, or a second worker that got there first, stops here).
 *   2. Refund the PaymentIntent through functions/shared/stripe-refund.ts, the webhook's own refund: the
 *      idempotency key is the PaymentIntent, so two deliveries racing past step 1 still make one refund
 *      (Stripe answers the second request with the first refund).
 *   3. One TransactWriteItems: the order records `cardRefund` (amount, Stripe's refund id, when), its version
 *      + 1, on condition it still holds no refund at the version read; and the `REFUND#<PaymentIntent>` item.
 *      A worker that loses the race finds the refund recorded and stops. The new version reaches the table
 *      stream as OrderRefunded, on which order-email sends the shopper's cancellation email with the refund.
 * A failure (Stripe down, throttling) throws: the queue retries, then keeps the message in its DLQ (alarm).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderKey } from '../../model/keys';
import { holdsRefundableCardPayment, type OrderEvent } from '../../model/order-events';
import type { CardRefundRecord, OrderItem } from '../../model/order-items';
import { refundItem, type RefundPayment } from '../shared/stripe-refund';

export interface OrderRefundDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly refund: RefundPayment;
  readonly now: () => Date;
}

export type OrderRefundOutcome =
  /** The payment was refunded now and the order records it. */
  | { readonly outcome: 'refunded'; readonly refund: CardRefundRecord }
  /** The order already records its refund (a redelivery, or another worker). */
  | { readonly outcome: 'already-refunded'; readonly refund: CardRefundRecord }
  /** Nothing to refund: not a cancellation, or the order holds no card payment. */
  | { readonly outcome: 'nothing-to-refund'; readonly reason: string };

/** Re-reads of an order that changed between the read and the write (its status cannot: CANCELLED is final). */
const MAX_ATTEMPTS = 5;

async function readOrder(deps: OrderRefundDeps, orderId: string): Promise<OrderItem | undefined> {
  const read = await deps.documentClient.send(new GetCommand({ TableName: deps.tableName, Key: orderKey(orderId), ConsistentRead: true }));
  return read.Item as OrderItem | undefined;
}

export async function refundCancelledOrder(event: OrderEvent, deps: OrderRefundDeps): Promise<OrderRefundOutcome> {
  if (event.eventType !== 'OrderCancelled') return { outcome: 'nothing-to-refund', reason: `${event.eventType} is not a cancellation` };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const order = await readOrder(deps, event.orderId);
    if (!order) return { outcome: 'nothing-to-refund', reason: 'the order does not exist' };
    if (order.cardRefund) return { outcome: 'already-refunded', refund: order.cardRefund };
    if (order.status !== 'CANCELLED') return { outcome: 'nothing-to-refund', reason: `the order is ${order.status}` };
    const payment = order.cardPayment;
    if (!payment || !holdsRefundableCardPayment(order)) return { outcome: 'nothing-to-refund', reason: 'the order holds no card payment' };

    const issued = await deps.refund(payment.paymentIntentId, { orderId: order.id, reason: 'OrderCancelled' });
    const at = deps.now().toISOString();
    const record: CardRefundRecord = {
      provider: 'stripe',
      paymentIntentId: payment.paymentIntentId,
      refundId: issued.id,
      amountCents: issued.amountCents,
      currency: issued.currency,
      status: issued.status,
      refundedAt: at,
    };
    try {
      await deps.documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: deps.tableName,
                Key: orderKey(order.id),
                UpdateExpression: 'SET cardRefund = :refund, #version = :next, updatedAt = :at',
                ConditionExpression: '#status = :cancelled AND #version = :read AND attribute_not_exists(cardRefund)',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: { ':refund': record, ':next': order.version + 1, ':at': at, ':cancelled': 'CANCELLED', ':read': order.version },
              },
            },
            {
              Put: {
                TableName: deps.tableName,
                Item: refundItem({
                  orderId: order.id,
                  paymentIntentId: payment.paymentIntentId,
                  refund: issued,
                  amountCents: issued.amountCents,
                  currency: issued.currency,
                  reason: 'OrderCancelled',
                  orderStatus: order.status,
                  at,
                }),
              },
            },
          ],
        }),
      );
      return { outcome: 'refunded', refund: record };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // Another worker recorded it, or the order changed under us: read it again (Stripe's key keeps it one refund).
    }
  }
  throw new Error(`Order ${event.orderId} kept changing while its refund was recorded; the queue will deliver the event again`);
}
