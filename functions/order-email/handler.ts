/**
 * order-email Lambda: orders-email queue → one SES templated email per order event, plus its raw MIME
 * copy in the emails bucket. Idempotent on the event id (Powertools idempotency on the single table):
 * a redelivered message never sends a second email. Failed records are reported in batchItemFailures,
 * retried by the queue and moved to its DLQ after maxReceiveCount, with the reason logged here.
 *
 * Order of the side effects: the copy is written first (same key on every attempt, so a retry just
 * overwrites it), then the email is sent. If sending fails nothing was sent and the retry is clean.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import type { OrderEvent } from '../../model/order-events';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createIdempotentProcessor } from '../shared/idempotency';
import { createLogger } from '../shared/logger';
import { parseOrderEventMessage } from '../shared/order-event-message';
import { archiveEmail, sendTemplatedEmail } from './email-adapters';
import { planOrderEmail } from './plan-order-email';

export interface OrderEmailDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

export interface OrderEmailOutcome {
  readonly eventId: string;
  readonly sent: boolean;
  readonly messageId?: string;
  readonly archiveKey?: string;
}

export type OrderEmailHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createOrderEmailHandler({ settings, clients, now = () => new Date() }: OrderEmailDeps): OrderEmailHandler {
  const logger = createLogger('order-email', settings.logLevel);

  const emailOnce = createIdempotentProcessor<OrderEvent, OrderEmailOutcome>({
    consumer: 'order-email',
    settings,
    dynamodb: clients.dynamodb,
    work: async (event) => {
      const plan = planOrderEmail(event, settings.email, now());
      if (!plan) {
        logger.info('Order has no email address; nothing to send', { eventId: event.eventId });
        return { eventId: event.eventId, sent: false };
      }
      await archiveEmail(clients.s3, settings.emailsBucket, plan);
      const messageId = await sendTemplatedEmail(clients.sesv2, settings.email, plan);
      logger.info('Sent order email', { eventId: event.eventId, template: plan.templateName, messageId });
      return { eventId: event.eventId, sent: true, messageId, archiveKey: plan.archiveKey };
    },
  });

  return async (event, context) => {
    const handleRecord = async (record: SQSRecord) => {
      try {
        return await emailOnce.process(parseOrderEventMessage(record.body), context);
      } catch (error) {
        logger.error('Order email failed; the queue will retry it, then move it to the DLQ', {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          error: error as Error,
        });
        throw error;
      }
    };
    return processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), { context });
  };
}

let deployed: OrderEmailHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: OrderEmailHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('order-email');
    return createOrderEmailHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
