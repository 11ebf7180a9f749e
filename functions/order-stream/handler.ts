/**
 * order-stream Lambda: table stream → order events on the orders topic. Thin: each record goes through
 * the pure orderEventFromStreamRecord and, when it means an event, to SNS. A record whose publish fails
 * is reported in batchItemFailures (ReportBatchItemFailures), so the stream retries from it and no event
 * is lost; records that mean no event succeed without doing anything.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { orderEventFromStreamRecord } from './order-event-from-change';
import { publishOrderEvent } from './publish-order-event';

export interface OrderStreamDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
}

export type OrderStreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export function createOrderStreamHandler({ settings, clients }: OrderStreamDeps): OrderStreamHandler {
  const logger = createLogger('order-stream', settings.logLevel);

  const handleRecord = async (record: DynamoDBRecord): Promise<string | null> => {
    const event = orderEventFromStreamRecord(record);
    if (!event) return null;
    try {
      const messageId = await publishOrderEvent(clients.sns, settings.ordersTopicArn, event);
      logger.debug('Published order event', { eventId: event.eventId, eventType: event.eventType, messageId });
      return event.eventId;
    } catch (error) {
      logger.error('Publishing an order event failed; the stream will retry it', {
        eventId: event.eventId,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error: error as Error,
      });
      throw error;
    }
  };

  return async (event, context) =>
    // A processor per invocation: it holds the batch being processed.
    processPartialResponse(event, handleRecord, new BatchProcessor(EventType.DynamoDBStreams), { context });
}

let deployed: OrderStreamHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: OrderStreamHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('order-stream');
    return createOrderStreamHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
