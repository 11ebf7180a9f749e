/**
 * order-lake Lambda: orders-lake queue → one analytics record per order event on the Kinesis stream
 * (Firehose delivers it to the data bucket, by date, gzipped). Idempotent on the event id, so a
 * redelivered message puts no second record; duplicates Kinesis/Firehose may still make are removed by
 * event_id downstream. Failed records are reported in batchItemFailures and end in the DLQ.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import type { OrderEvent } from '../../model/order-events';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import type { RecordErrorReporter } from '../shared/event-errors';
import { createIdempotentProcessor } from '../shared/idempotency';
import { createLogger } from '../shared/logger';
import { processOrderEventBatch } from '../shared/order-event-queue';
import { lakeRecordFromEvent } from './lake-record';
import { putLakeRecord } from './put-lake-record';

export interface OrderLakeDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** Told each record's error (the local fabric keeps it as the message's cause); nothing in AWS. */
  readonly onRecordError?: RecordErrorReporter;
}

export type OrderLakeHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createOrderLakeHandler({ settings, clients, onRecordError }: OrderLakeDeps): OrderLakeHandler {
  const logger = createLogger('order-lake', settings.logLevel);

  const recordOnce = createIdempotentProcessor<OrderEvent, { eventId: string; sequenceNumber: string }>({
    consumer: 'order-lake',
    settings,
    dynamodb: clients.dynamodb,
    work: async (event) => {
      const sequenceNumber = await putLakeRecord(clients.kinesis, settings.lakeStreamName, lakeRecordFromEvent(event));
      logger.debug('Put lake record', { eventId: event.eventId, sequenceNumber });
      return { eventId: event.eventId, sequenceNumber };
    },
  });

  return async (event, context) => {
    return processOrderEventBatch(event, context, {
      logger,
      failureMessage: 'Lake record failed; the queue will retry it, then move it to the DLQ',
      onRecordError,
      handle: (orderEvent) => recordOnce.process(orderEvent, context),
    });
  };
}

let deployed: OrderLakeHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: OrderLakeHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('order-lake');
    return createOrderLakeHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
