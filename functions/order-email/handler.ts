/**
 * order-email Lambda: orders-email queue → one SES templated email per order event, plus its raw MIME
 * copy in the emails bucket. Idempotent on the event id (Powertools idempotency on the single table):
 * a redelivered message never sends a second email. Failed records are reported in batchItemFailures,
 * retried by the queue and moved to its DLQ after maxReceiveCount, with the reason logged here.
 *
 * The recipient is the order's verified customerEmail or, for orders placed with an access token, the
 * owner's verified email in the user pool (recipient.ts); never an unverified address.
 *
 * Order of the side effects, to keep "SES accepted it but the record does not say COMPLETED" as short as
 * it can be: the idempotent work only resolves the recipient and sends; Powertools writes COMPLETED (with
 * SES's message id and the send time) as soon as the send returns. The raw copy is written after that,
 * from the stored outcome, so it exists only for emails SES accepted and says so in its headers; if writing
 * it fails, the retry finds COMPLETED, sends nothing and writes the same copy again.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import type { OrderEvent } from '../../model/order-events';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import type { RecordErrorReporter } from '../shared/event-errors';
import { createIdempotentProcessor } from '../shared/idempotency';
import { createLogger } from '../shared/logger';
import { processOrderEventBatch } from '../shared/order-event-queue';
import { archiveEmail, sendTemplatedEmail } from './email-adapters';
import { archivedEmailMime, noEmailReason, planOrderEmail, type EmailDelivery } from './plan-order-email';
import { resolveRecipient } from './recipient';

export interface OrderEmailDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** Told each record's error (the local fabric keeps it as the message's cause); nothing in AWS. */
  readonly onRecordError?: RecordErrorReporter;
  readonly now?: () => Date;
}

/** What happened to one event's email; stored in its idempotency record. */
export type OrderEmailOutcome =
  | {
      readonly eventId: string;
      readonly sent: true;
      readonly to: string;
      readonly sesMessageId: string;
      readonly sentAt: string;
      readonly archiveKey: string;
    }
  | { readonly eventId: string; readonly sent: false; readonly reason: string };

export type OrderEmailHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createOrderEmailHandler({ settings, clients, now = () => new Date(), onRecordError }: OrderEmailDeps): OrderEmailHandler {
  const logger = createLogger('order-email', settings.logLevel);

  const userPool = settings.userPoolId ? { cognito: clients.cognito, userPoolId: settings.userPoolId } : null;

  const emailOnce = createIdempotentProcessor<OrderEvent, OrderEmailOutcome>({
    consumer: 'order-email',
    settings,
    dynamodb: clients.dynamodb,
    work: async (event) => {
      const deferred = noEmailReason(event);
      if (deferred) {
        logger.info('No email for this order event', { eventId: event.eventId, reason: deferred });
        return { eventId: event.eventId, sent: false, reason: deferred };
      }
      const recipient = await resolveRecipient(event, userPool);
      if (recipient.to === null) {
        logger.info('No email for this order event', { eventId: event.eventId, reason: recipient.reason });
        return { eventId: event.eventId, sent: false, reason: recipient.reason };
      }
      const plan = planOrderEmail(event, settings.email, recipient.to)!;
      const sesMessageId = await sendTemplatedEmail(clients.sesv2, settings.email, plan);
      // Nothing else may happen before this returns: Powertools records COMPLETED right after it.
      return { eventId: event.eventId, sent: true, to: plan.to, sesMessageId, sentAt: now().toISOString(), archiveKey: plan.archiveKey };
    },
  });

  /** The raw copy of an email SES accepted, rebuilt from the stored outcome (the same bytes on every attempt). */
  async function archiveSent(event: OrderEvent, outcome: OrderEmailOutcome): Promise<void> {
    if (!outcome.sent || !outcome.to) return; // records written before outcomes had `to`
    const plan = planOrderEmail(event, settings.email, outcome.to)!;
    const delivery: EmailDelivery = { sesMessageId: outcome.sesMessageId, sentAt: outcome.sentAt };
    await archiveEmail(clients.s3, settings.emailsBucket, plan, archivedEmailMime(plan, settings.email, delivery), delivery);
    logger.info('Sent order email', { eventId: event.eventId, template: plan.templateName, sesMessageId: outcome.sesMessageId });
  }

  return async (event, context) => {
    return processOrderEventBatch(event, context, {
      logger,
      failureMessage: 'Order email failed; the queue will retry it, then move it to the DLQ',
      onRecordError,
      handle: async (orderEvent) => {
        const outcome = await emailOnce.process(orderEvent, context);
        await archiveSent(orderEvent, outcome);
        return outcome;
      },
    });
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
