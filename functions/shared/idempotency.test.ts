/**
 * The idempotency lock of the queue consumers against DynamoDB Local: how long an INPROGRESS record holds
 * the event, compared with how long the queue keeps the message away (wiring/events.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings } from '../../config/settings';
import { lambdaContext } from '../../local/event-fabric/lambda-context';
import { createTestTable, type TestTable } from '../../test/support/table';
import { lambdas, queues } from '../../wiring/events';
import { createIdempotentProcessor, idempotencyPartition, inProgressLockSeconds } from './idempotency';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('idempotency');
});

afterAll(() => {
  table?.client.destroy();
});

function visibilityTimeoutOf(consumer: string): number {
  const trigger = lambdas.find((l) => l.name === consumer)!.trigger;
  if (trigger.kind !== 'queue') throw new Error(`${consumer} is not a queue consumer`);
  return queues.find((q) => q.name === trigger.queue)!.visibilityTimeoutSeconds;
}

describe('the in-progress lock of a queue consumer', () => {
  it.each(['order-email', 'order-lake'])('%s: lasts at least its queue visibility timeout and its own timeout', (consumer) => {
    const lambda = lambdas.find((l) => l.name === consumer)!;
    expect(inProgressLockSeconds(consumer)).toBeGreaterThanOrEqual(visibilityTimeoutOf(consumer));
    expect(inProgressLockSeconds(consumer)).toBeGreaterThanOrEqual(lambda.timeoutSeconds);
  });

  it('is written so it outlives the visibility timeout, even when the invocation has only its 30 s timeout left', async () => {
    const settings = { ...localLambdaSettings(), tableName: table.tableName, idempotency: { tableName: table.tableName, expirySeconds: 3600 } };
    const lambda = lambdas.find((l) => l.name === 'order-email')!;
    const context = lambdaContext({ functionName: 'order-email', region: 'us-east-1', timeoutMs: lambda.timeoutSeconds * 1000, memoryMb: 256 });
    let lockExpiresAt = 0;
    const startedAt = Date.now();
    const processor = createIdempotentProcessor<{ eventId: string }, string>({
      consumer: 'order-email',
      settings,
      dynamodb: table.client,
      work: async (event) => {
        // What a redelivery would find while this attempt is still running (e.g. stalled on a slow SES call).
        const { Items = [] } = await table.documentClient.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': idempotencyPartition('order-email') },
            ConsistentRead: true,
          }),
        );
        expect(Items).toHaveLength(1);
        const Item = Items[0];
        expect(Item?.idempotencyStatus).toBe('INPROGRESS');
        expect(event.eventId).toBe('01JPAXQ7N4M2ZC3V5B6N7M8K9P#v1');
        lockExpiresAt = Number(Item?.inProgressExpiresAtMs);
        return 'done';
      },
    });
    await expect(processor.process({ eventId: '01JPAXQ7N4M2ZC3V5B6N7M8K9P#v1' }, context)).resolves.toBe('done');
    // The message may come back once the visibility timeout after its receive has passed; the lock must
    // still be held then, or the redelivery would run the work beside the stalled attempt.
    expect(lockExpiresAt).toBeGreaterThanOrEqual(startedAt + visibilityTimeoutOf('order-email') * 1000);
  });
});
