/**
 * order-refund Lambda: orders-refund queue (SNS filter: OrderCancelled events of orders holding a card payment)
 * → the order's card payment refunded in full through Stripe, once, recorded on the order
 * (refund-cancelled-order.ts). Delivery is at least once; the refund is exactly once per PaymentIntent (the
 * order's state and Stripe's idempotency key). Failed records are reported in batchItemFailures, retried by the
 * queue and moved to its DLQ after maxReceiveCount (its depth alarm), with the reason logged here.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import type { RecordErrorReporter } from '../shared/event-errors';
import { createLogger } from '../shared/logger';
import { processOrderEventBatch } from '../shared/order-event-queue';
import { stripeClientLoader } from '../shared/stripe';
import { stripeRefunder } from '../shared/stripe-refund';
import { refundCancelledOrder, type OrderRefundOutcome } from './refund-cancelled-order';

export interface OrderRefundHandlerDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** Told each record's error (the local fabric keeps it as the message's cause); nothing in AWS. */
  readonly onRecordError?: RecordErrorReporter;
  readonly now?: () => Date;
}

export type OrderRefundHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createOrderRefundHandler({ settings, clients, onRecordError, now = () => new Date() }: OrderRefundHandlerDeps): OrderRefundHandler {
  const logger = createLogger('order-refund', settings.logLevel);
  const stripeClient = stripeClientLoader(settings.stripe, settings.aws.region);

  return async (event, context) => {
    return processOrderEventBatch(event, context, {
      logger,
      failureMessage: 'Refund failed; the queue will retry it, then move it to the DLQ',
      onRecordError,
      handle: async (orderEvent): Promise<OrderRefundOutcome> => {
        const { stripe } = await stripeClient();
        const result = await refundCancelledOrder(orderEvent, {
          documentClient: clients.documentClient,
          tableName: settings.tableName,
          refund: stripeRefunder(stripe),
          now,
        });
        if (result.outcome === 'refunded') {
          logger.info('Refunded the card payment of a cancelled order', { eventId: orderEvent.eventId, orderId: orderEvent.orderId, refundId: result.refund.refundId });
        } else {
          logger.info('No refund made for this order event', { eventId: orderEvent.eventId, ...result });
        }
        return result;
      },
    });
  };
}

let deployed: OrderRefundHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment; the Stripe secret is read at the first call. */
export const handler: OrderRefundHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('order-refund');
    return createOrderRefundHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
