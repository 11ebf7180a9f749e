/**
 * order-realtime Lambda: table stream → Mutation.publishOrderChange (IAM, SigV4), so every change of an order,
 * whoever made it (staff, the reservation sweeper, a payment webhook, the pipeline), reaches its subscribers.
 * Records are published one after the other, in stream order; a record whose publish fails is reported in
 * batchItemFailures, so the stream retries from it (a subscriber may then get the same order twice: each
 * message is the whole order, so that is harmless).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { orderToPublish } from './order-publication';
import { createSignedGraphQLClient, publishOrderChange } from './publish-order-change';

export interface OrderRealtimeDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
}

export type OrderRealtimeHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export function createOrderRealtimeHandler({ settings, clients }: OrderRealtimeDeps): OrderRealtimeHandler {
  const logger = createLogger('order-realtime', settings.logLevel);
  const graphql = createSignedGraphQLClient({ url: settings.graphqlUrl, region: settings.aws.region, credentials: clients.credentials });

  const handleRecord = async (record: DynamoDBRecord): Promise<string | null> => {
    const order = orderToPublish(record);
    if (!order) return null;
    try {
      await publishOrderChange(graphql, order);
      logger.debug('Published an order change', { orderId: order.id, version: order.version, status: order.status });
      return String(order.id);
    } catch (error) {
      logger.error('Publishing an order change failed; the stream will retry it', {
        orderId: order.id,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        error: error as Error,
      });
      throw error;
    }
  };

  return async (event, context) =>
    // In stream order, one after the other: a later change never overtakes an earlier one.
    processPartialResponse(event, handleRecord, new BatchProcessor(EventType.DynamoDBStreams), { context, processInParallel: false });
}

let deployed: OrderRealtimeHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, credentials from the function's role. */
export const handler: OrderRealtimeHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('order-realtime');
    return createOrderRealtimeHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
