/**
 * The frame every consumer of an order-event queue shares (order-email, order-lake, order-refund): each SQS
 * record is parsed as an OrderEvent and handed to `handle`. A record that fails is logged with its receive count,
 * told to `onRecordError` (the local fabric keeps it as the message's cause), and reported in batchItemFailures
 * (Powertools' partial batch response), so the queue retries that record alone and then moves it to its DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { OrderEvent } from '../../model/order-events';
import type { RecordErrorReporter } from './event-errors';
import { parseOrderEventMessage } from './order-event-message';

export interface OrderEventBatchOptions {
  readonly logger: Logger;
  /** The error log line, e.g. "Order email failed; the queue will retry it, then move it to the DLQ". */
  readonly failureMessage: string;
  readonly onRecordError?: RecordErrorReporter;
  readonly handle: (orderEvent: OrderEvent) => Promise<unknown>;
}

export function processOrderEventBatch(event: SQSEvent, context: Context, options: OrderEventBatchOptions): Promise<SQSBatchResponse> {
  const { logger, failureMessage, onRecordError, handle } = options;
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        return await handle(parseOrderEventMessage(record.body));
      } catch (error) {
        logger.error(failureMessage, {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          error: error as Error,
        });
        onRecordError?.(record.messageId, error);
        throw error;
      }
    },
    new BatchProcessor(EventType.SQS),
    { context },
  );
}
