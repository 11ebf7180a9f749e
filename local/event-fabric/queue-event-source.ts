/**
 * The local SQS → Lambda event source mapping: polls a FileQueue, invokes the handler in-process with
 * an AWS-shaped SQSEvent of up to batchSize messages, deletes what succeeded and leaves what failed to
 * come back after the visibility timeout (ReportBatchItemFailures). A thrown error, a timeout or an
 * invalid batchItemFailures answer fails the whole batch, as in Lambda. Several batches may be in flight
 * at once, like Lambda's concurrent pollers.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext, LOCAL_ACCOUNT_ID, withinTimeout } from './lambda-context';
import { PolledEventSource } from './poller';
import type { FileQueue, QueueMessage } from './queue-store';

export type SqsLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface QueueBatchReport {
  readonly lambda: string;
  readonly queue: string;
  readonly messageIds: readonly string[];
  readonly receiveCounts: readonly number[];
  readonly failedMessageIds: readonly string[];
  readonly error?: string;
}

export interface QueueEventSourceOptions {
  readonly lambda: string;
  readonly handler: SqsLambdaHandler;
  readonly queue: FileQueue;
  readonly deadLetterQueue: FileQueue;
  readonly region: string;
  readonly batchSize: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutMs: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly pollIntervalMs: number;
  readonly maxConcurrentBatches: number;
  readonly paused?: boolean;
  /**
   * Errors of the records the handler failed, by message id, as its `onRecordError` tells them: a partial
   * batch failure (batchItemFailures) carries no error text, so this is where each message's real cause
   * comes from. Read and cleared after each invocation.
   */
  readonly recordErrors?: Map<string, string>;
  readonly onBatch?: (report: QueueBatchReport) => void;
  readonly onDeadLetter?: (message: QueueMessage, reason: string) => void;
  readonly log: (line: string) => void;
}

export function toSqsRecord(message: QueueMessage, queueArn: string, region: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: LOCAL_ACCOUNT_ID,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.messageAttributes).map(([name, a]) => [
        name,
        {
          dataType: a.dataType,
          ...(a.stringValue !== undefined ? { stringValue: a.stringValue } : {}),
          ...(a.binaryValue !== undefined ? { binaryValue: a.binaryValue } : {}),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** `Name: message` of an error (an SDK error's name is its error code, e.g. `MessageRejected`). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/** The per-record errors of Powertools' FullBatchFailureError ("All records failed processing"), described. */
export function recordCauses(error: unknown): string[] {
  const recordErrors = (error as { recordErrors?: unknown } | null)?.recordErrors;
  return Array.isArray(recordErrors) ? recordErrors.map(describeError) : [];
}

export class QueueEventSource extends PolledEventSource {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queueArn: string;

  constructor(private readonly options: QueueEventSourceOptions) {
    super({
      description: `[${options.lambda}] polling ${options.queue.name}`,
      pollIntervalMs: options.pollIntervalMs,
      ...(options.paused ? { paused: true } : {}),
      log: options.log,
    });
    this.queueArn = `arn:aws:sqs:${options.region}:${LOCAL_ACCOUNT_ID}:${options.queue.name}`;
  }

  /** Stops polling and waits for the batches in flight to finish. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts batches while messages are visible and fewer than maxConcurrentBatches are in flight. */
  protected async pass(): Promise<boolean> {
    while (this.poller.active && this.inFlight.size < this.options.maxConcurrentBatches) {
      const batch = await this.options.queue.receive({
        max: this.options.batchSize,
        visibilityTimeoutMs: this.options.visibilityTimeoutMs,
        maxReceiveCount: this.options.maxReceiveCount,
        deadLetterQueue: this.options.deadLetterQueue,
        onDeadLetter: (message, reason) => {
          this.options.log(
            `[${this.options.lambda}] message ${message.messageId} moved to ${this.options.deadLetterQueue.name}: ${reason}`,
          );
          this.options.onDeadLetter?.(message, reason);
        },
      });
      if (batch.length === 0) break;
      const invocation = this.invoke(batch)
        .catch((error: unknown) => this.options.log(`[${this.options.lambda}] settling a batch failed: ${String(error)}`))
        .finally(() => {
          this.inFlight.delete(invocation);
          this.wake();
        });
      this.inFlight.add(invocation);
    }
    // A finished batch wakes the poller; idle polling picks up what arrives otherwise.
    return false;
  }

  private async invoke(batch: QueueMessage[]): Promise<void> {
    const { lambda, handler, queue, timeoutMs } = this.options;
    const event: SQSEvent = { Records: batch.map((m) => toSqsRecord(m, this.queueArn, this.options.region)) };
    const context = lambdaContext({ functionName: lambda, region: this.options.region, timeoutMs, memoryMb: this.options.memoryMb });
    const ids = new Set(batch.map((m) => m.messageId));
    let failed: Set<string>;
    let error: string | undefined;
    const recordErrors = this.options.recordErrors;
    for (const id of ids) recordErrors?.delete(id);
    try {
      const response = await withinTimeout(Promise.resolve(handler(event, context)), timeoutMs, lambda);
      const identifiers = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      if (identifiers.some((id) => !id || !ids.has(id))) {
        // Lambda treats an answer naming messages that are not in the batch as a failure of the batch.
        failed = ids;
        error = `${lambda} returned invalid batchItemFailures: ${JSON.stringify(identifiers)}`;
      } else {
        failed = new Set(identifiers);
        if (failed.size > 0) error = `${lambda} reported the message in batchItemFailures`;
      }
    } catch (thrown) {
      failed = ids;
      error = `${lambda} failed: ${describeError(thrown)}`;
      const causes = recordCauses(thrown);
      if (causes.length > 0) {
        // Powertools' "All records failed processing" carries each record's error: keep the real cause.
        const distinct = [...new Set(causes)];
        error = `${lambda} failed: ${distinct.length === 1 ? distinct[0] : `records failed with: ${distinct.join(' | ')}`}`;
      }
    }
    // Each failed message keeps its own error when the handler told it (a partial batch failure), else the batch's.
    const causes = new Map<string, string>();
    const answeredValidly = error === undefined || !error.startsWith(`${lambda} returned invalid`);
    for (const id of failed) {
      const cause = recordErrors?.get(id);
      if (cause !== undefined && answeredValidly) causes.set(id, `${lambda} failed: ${cause}`);
    }
    for (const id of ids) recordErrors?.delete(id);
    if (causes.size > 0) {
      const distinct = [...new Set(causes.values())];
      error = distinct.length === 1 ? distinct[0] : `${lambda} failed: records failed with: ${distinct.map((c) => c.slice(`${lambda} failed: `.length)).join(' | ')}`;
    }
    for (const message of batch) {
      const handle = message.receiptHandle ?? '';
      if (failed.has(message.messageId)) await queue.recordFailure(handle, causes.get(message.messageId) ?? error ?? 'failed');
      else await queue.delete(handle);
    }
    if (error) this.options.log(`[${lambda}] ${failed.size}/${batch.length} message(s) of ${queue.name} will be retried: ${error}`);
    this.options.onBatch?.({
      lambda,
      queue: queue.name,
      messageIds: batch.map((m) => m.messageId),
      receiveCounts: batch.map((m) => m.receiveCount),
      failedMessageIds: [...failed],
      ...(error ? { error } : {}),
    });
  }
}
