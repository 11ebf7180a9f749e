/**
 * Idempotent event processing with AWS Lambda Powertools, its records kept in the single table under
 * their own partition per consumer: PK `IDEMPOTENCY#<consumer>`, SK `<consumer>#<md5 of the event id>`.
 * The Powertools DynamoDB persistence layer does the conditional put / update / delete; it works the same
 * against DynamoDB Local. Records expire through the table's TTL attribute (IDEMPOTENCY_EXPIRY_ATTRIBUTE).
 *
 * Why it is safe: the first delivery writes an INPROGRESS record with a conditional put; a concurrent
 * duplicate fails that put and is retried later by its queue; a later duplicate finds COMPLETED and gets
 * the stored result without running the work again. A failure deletes the record so the retry can run.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { LambdaSettings } from '../../config/settings';

/** Attribute the table's TTL must be set on (epoch seconds) so old idempotency records disappear. */
export const IDEMPOTENCY_EXPIRY_ATTRIBUTE = 'ttl';

export function idempotencyPartition(consumer: string): string {
  return `IDEMPOTENCY#${consumer}`;
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
  return {
    process(event, context) {
      // A config per invocation: it carries the invocation's context, whose remaining time bounds the
      // INPROGRESS lock, so a crashed attempt never blocks the event until the record expires.
      const config = new IdempotencyConfig({
        eventKeyJmesPath: 'eventId',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: options.settings.idempotency.expirySeconds,
        lambdaContext: context,
      });
      const idempotent = makeIdempotent(options.work, { persistenceStore, config, keyPrefix: options.consumer });
      return idempotent(event);
    },
  };
}
