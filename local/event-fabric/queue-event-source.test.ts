/**
 * The real cause of a dead letter when its last delivery failed beside records that succeeded (a partial
 * batch failure): Lambda's batchItemFailures carry no error text, so the handler tells the fabric each
 * record's error (`onRecordError`) and the message keeps it as its last error and dead-letter reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { waitUntil } from '../free-port';
import { QueueEventSource, type QueueBatchReport } from './queue-event-source';
import { FileQueue, type QueueMessage } from './queue-store';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-queue-source-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** What SES answers for an unverified sender, as the SDK raises it. */
class MessageRejected extends Error {
  override readonly name = 'MessageRejected';
}

describe('queue event source', () => {
  it('dead-letters a record that failed beside successful ones with its own error, not a generic reason', async () => {
    const queue = await FileQueue.open(dataDir, 'orders-email');
    const deadLetterQueue = await FileQueue.open(dataDir, 'orders-email-dlq');
    const recordErrors = new Map<string, string>();
      // Built like the deployed handlers: Powertools' partial batch response, each record's error told.
    const handler = (event: SQSEvent, context: Context) =>
      processPartialResponse(
        event,
        async (record: SQSRecord) => {
          if (record.body === 'bad') {
            const error = new MessageRejected('Email address is not verified: pedidos@farmacruz.example');
            recordErrors.set(record.messageId, `${error.name}: ${error.message}`);
            throw error;
          }
        },
        new BatchProcessor(EventType.SQS),
        { context },
      );
    const batches: QueueBatchReport[] = [];
    const deadLetters: { message: QueueMessage; reason: string }[] = [];
    const source = new QueueEventSource({
      lambda: 'order-email',
      handler,
      queue,
      deadLetterQueue,
      recordErrors,
      region: 'us-east-1',
      batchSize: 10,
      maxReceiveCount: 2,
      visibilityTimeoutMs: 200,
      timeoutMs: 30_000,
      memoryMb: 256,
      pollIntervalMs: 20,
      maxConcurrentBatches: 1,
      onBatch: (report) => batches.push(report),
      onDeadLetter: (message, reason) => deadLetters.push({ message, reason }),
      log: () => undefined,
    });
    await queue.send({ body: 'bad' });
    await queue.send({ body: 'good-1' });
    source.start();
    try {
      // Every delivery of the bad record shares its batch with a good one.
      await waitUntil(async () => batches.length >= 1, 'the first delivery', 30_000, 20);
      source.pause();
      await waitUntil(async () => (await queue.depth()).visible === 1, 'the bad record visible again', 30_000, 20);
      await queue.send({ body: 'good-2' });
      source.resume();
      await waitUntil(async () => deadLetters.length > 0, 'the bad record in the dead-letter queue', 30_000, 20);
    } finally {
      await source.stop();
    }
    const withBad = batches.filter((batch) => batch.failedMessageIds.length > 0);
    expect(withBad.length).toBeGreaterThanOrEqual(2);
    for (const batch of withBad) {
      expect(batch.messageIds.length).toBeGreaterThan(1);
      expect(batch.error).toBe('order-email failed: MessageRejected: Email address is not verified: pedidos@farmacruz.example');
    }
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.message.body).toBe('bad');
    expect(deadLetters[0]!.reason).toBe(
      'received 2 times (maxReceiveCount 2); last error: order-email failed: MessageRejected: Email address is not verified: pedidos@farmacruz.example',
    );
    const [stored] = await deadLetterQueue.list();
    expect(stored!.deadLetter?.reason).toBe(deadLetters[0]!.reason);
    expect(recordErrors.size).toBe(0);
  }, 60_000);
});
