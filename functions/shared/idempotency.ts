/**
 * Idempotent event processing with AWS Lambda Powertools, its records kept in the single table under
 * their own partition per consumer: PK `IDEMPOTENCY#<consumer>`, SK `<consumer>#<md5 of the event id>`.
 * The Powertools DynamoDB persistence layer does the conditional put / update / delete; it works the same
 * against DynamoDB Local. Records expire through the table's TTL attribute (IDEMPOTENCY_EXPIRY_ATTRIBUTE).
 *
 * Why it is safe: the first delivery writes an INPROGRESS record with a conditional put; a concurrent
 * duplicate fails that put and is retried later by its queue; a later duplicate finds COMPLETED and gets
 * the stored result without running the work again. A failure deletes the record so the retry can run.
 *
 * How long the INPROGRESS lock lasts: as long as the consumer's queue keeps the message invisible (its
 * visibility timeout, wiring/events.ts), never less than the function's timeout. Powertools' default (the
 * invocation's remaining time, 30 s) expired before the 60 s visibility timeout, so a redelivery of a message
 * whose first attempt was stalled (not dead) could run the work next to it: a second email. With the lock
 * covering the whole visibility window, a redelivery either finds COMPLETED, or finds the lock and is retried
 * by its queue, or (the holder died) finds it expired and runs. What remains is a crash after the side
 * effect and before the COMPLETED write: see docs/event-pipeline.md.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { LambdaSettings } from '../../config/settings';
import { lambdas, queues } from '../../wiring/events';

/** Attribute the table's TTL must be set on (epoch seconds) so old idempotency records disappear. */
export const IDEMPOTENCY_EXPIRY_ATTRIBUTE = 'ttl';

export function idempotencyPartition(consumer: string): string {
  return `IDEMPOTENCY#${consumer}`;
}

/**
 * Seconds the INPROGRESS lock of a queue consumer lasts: its queue's visibility timeout (a stalled attempt
 * keeps the lock until its message can come back), at least the function's timeout.
 */
export function inProgressLockSeconds(consumer: string): number {
  const lambda = lambdas.find((l) => l.name === consumer);
  if (!lambda) throw new Error(`No function ${consumer} in wiring/events.ts`);
  const trigger = lambda.trigger;
  const queue = trigger.kind === 'queue' ? queues.find((q) => q.name === trigger.queue) : undefined;
  return Math.max(lambda.timeoutSeconds, queue ? queue.visibilityTimeoutSeconds : 0);
}

export interface IdempotentEventProcessor<E extends { eventId: string }, R> {
  /** Runs `work` once per event id; a redelivered event returns the first result without running it. */
  process(event: E, context: Context): Promise<R>;
}

export function createIdempotentProcessor<E extends { eventId: string }, R>(options: {
  consumer: string;
  settings: LambdaSettings;
  dynamodb: DynamoDBClient;
  work: (event: E) => Promise<R>;
}): IdempotentEventProcessor<E, R> {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.settings.idempotency.tableName,
    awsSdkV3Client: options.dynamodb,
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: idempotencyPartition(options.consumer),
    expiryAttr: IDEMPOTENCY_EXPIRY_ATTRIBUTE,
    inProgressExpiryAttr: 'inProgressExpiresAtMs',
    statusAttr: 'idempotencyStatus',
    dataAttr: 'result',
    validationKeyAttr: 'validation',
  });
  const lockMs = (options.settings.idempotency.inProgressLockSeconds ?? inProgressLockSeconds(options.consumer)) * 1000;
  return {
    process(event, context) {
      // A config per invocation. Powertools sets the INPROGRESS lock to "now + the context's remaining time";
      // the context handed to it reports the lock length instead, so the lock lasts the visibility window
      // (and still expires, so a crashed attempt never blocks the event until the record expires).
      const lockContext: Context = { ...context, getRemainingTimeInMillis: () => lockMs };
      const config = new IdempotencyConfig({
        eventKeyJmesPath: 'eventId',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: options.settings.idempotency.expirySeconds,
        lambdaContext: lockContext,
      });
      const idempotent = makeIdempotent(options.work, { persistenceStore, config, keyPrefix: options.consumer });
      return idempotent(event);
    },
  };
}
