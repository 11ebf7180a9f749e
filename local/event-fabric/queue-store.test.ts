import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileQueue } from './queue-store';

let dataDir: string;
let queue: FileQueue;
let dlq: FileQueue;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-queue-'));
  queue = await FileQueue.open(dataDir, 'orders-email');
  dlq = await FileQueue.open(dataDir, 'orders-email-dlq');
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const receive = (now: number, max = 10) => queue.receive({ max, visibilityTimeoutMs: 1000, maxReceiveCount: 3, deadLetterQueue: dlq, now });

describe('file-backed SQS queue', () => {
  it('hides a received message for the visibility timeout, then delivers it again with a higher receive count', async () => {
    await queue.send({ body: 'a' });
    const [first] = await receive(10_000);
    expect(first).toMatchObject({ body: 'a', receiveCount: 1 });
    expect(await receive(10_500)).toEqual([]);
    const [again] = await receive(11_001);
    expect(again).toMatchObject({ messageId: first!.messageId, receiveCount: 2 });
  });

  it('delivers oldest first, at most the batch size', async () => {
    for (const body of ['1', '2', '3']) await queue.send({ body });
    expect((await receive(10_000, 2)).map((m) => m.body)).toEqual(['1', '2']);
  });

  it('deletes only with the latest receipt handle', async () => {
    await queue.send({ body: 'a' });
    const [first] = await receive(10_000);
    const [second] = await receive(11_001);
    expect(await queue.delete(first!.receiptHandle!)).toBe(false);
    expect(await queue.delete(second!.receiptHandle!)).toBe(true);
    expect(await queue.depth()).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue with the last error', async () => {
    await queue.send({ body: 'poison' });
    for (const now of [10_000, 11_001, 12_002]) {
      const [message] = await receive(now);
      await queue.recordFailure(message!.receiptHandle!, 'ValidationError: not an order event');
    }
    expect(await receive(13_003)).toEqual([]);
    const [dead] = await dlq.list();
    expect(dead).toMatchObject({ body: 'poison', receiveCount: 3, deadLetter: { sourceQueue: 'orders-email' } });
    expect(dead!.deadLetter!.reason).toContain('ValidationError: not an order event');
  });

  it('keeps messages and their in-flight state on disk for the next process', async () => {
    await queue.send({ body: 'a' });
    await receive(10_000);
    const reopened = await FileQueue.open(dataDir, 'orders-email');
    expect(await reopened.depth(10_500)).toMatchObject({ visible: 0, inFlight: 1 });
    const [again] = await reopened.receive({ max: 10, visibilityTimeoutMs: 1000, maxReceiveCount: 3, deadLetterQueue: dlq, now: 11_001 });
    expect(again).toMatchObject({ body: 'a', receiveCount: 2 });
  });

  it('redrives dead letters back with a fresh receive count', async () => {
    await queue.send({ body: 'poison' });
    for (const now of [10_000, 11_001, 12_002]) await receive(now);
    await receive(13_003);
    expect(await dlq.redriveTo(queue)).toBe(1);
    expect(await dlq.list()).toEqual([]);
    const [back] = await receive(14_000);
    expect(back).toMatchObject({ body: 'poison', receiveCount: 1 });
    expect(back!.deadLetter).toBeUndefined();
  });
});
