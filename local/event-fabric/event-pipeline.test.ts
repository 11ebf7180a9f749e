/**
 * The order event pipeline end to end on the real DynamoDB Local stream, with the real handlers:
 * table → order-stream → SNS → queues → order-email (local SES + emails folder) and order-lake
 * (Kinesis → Firehose → lake folder). Orders are written to the table directly in the documented shape.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { createTestTable, type TestTable } from '../../test/support/table';
import { sampleOrderItem, withStatus, type OrderItem } from '../../test/support/orders';
import { waitUntil } from '../free-port';
import { LOCAL_CREDENTIALS } from '../dynamodb-local';
import { headerOf, readMailbox, startLocalSes, type LocalSes, type MailboxEmail } from '../mail/ses-server';
import { readLakeRecords } from '../lake/read-lake';
import { orderEventFromChange } from '../../functions/order-stream/order-event-from-change';
import { queueFolder, type QueueMessage } from './queue-store';
import { startEventPipeline, type EventPipeline, type EventPipelineOptions, type PipelineActivity } from './index';

let ses: LocalSes;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ses = await startLocalSes({ host: '127.0.0.1' });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await ses.close();
});

interface Harness {
  table: TestTable;
  dataDir: string;
  activity: PipelineActivity[];
  start(overrides?: Partial<EventPipelineOptions>): Promise<EventPipeline>;
  putOrder(item: OrderItem): Promise<void>;
}

async function harness(): Promise<Harness> {
  const table = await createTestTable('events');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-events-'));
  const activity: PipelineActivity[] = [];
  cleanups.push(async () => {
    table.documentClient.destroy();
    table.client.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    table,
    dataDir,
    activity,
    async start(overrides = {}) {
      const pipeline = await startEventPipeline({
        dynamodbEndpoint: table.endpoint,
        tableName: table.tableName,
        dataDir,
        sesEndpoint: ses.endpoint,
        pollIntervalMs: 50,
        firehoseBufferIntervalMs: 100,
        logLevel: 'SILENT',
        log: () => undefined,
        observer: (a) => activity.push(a),
        ...overrides,
      });
      cleanups.push(() => pipeline.stop());
      return pipeline;
    },
    async putOrder(item) {
      await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: item }));
    },
  };
}

async function emailsFor(eventId: string): Promise<MailboxEmail[]> {
  return (await readMailbox(ses.endpoint)).filter((e) => headerOf(e, 'X-FarmaCruz-Event-Id') === eventId);
}

async function lakeRecordsFor(lakeDir: string, eventId: string) {
  return (await readLakeRecords<{ event_id: string }>(lakeDir)).filter((r) => r.event_id === eventId);
}

async function waitForEmail(eventId: string): Promise<MailboxEmail> {
  await waitUntil(async () => (await emailsFor(eventId)).length > 0, `an email for ${eventId}`, 20_000, 50);
  return (await emailsFor(eventId))[0]!;
}

async function waitForLakeRecord(lakeDir: string, eventId: string): Promise<void> {
  await waitUntil(async () => (await lakeRecordsFor(lakeDir, eventId)).length > 0, `a lake record for ${eventId}`, 20_000, 50);
}

function queueBatches(activity: PipelineActivity[], lambda: string) {
  return activity.filter((a): a is Extract<PipelineActivity, { kind: 'queue-batch' }> => a.kind === 'queue-batch' && a.lambda === lambda);
}

function publishedEventIds(activity: PipelineActivity[]): string[] {
  return activity
    .filter((a): a is Extract<PipelineActivity, { kind: 'published' }> => a.kind === 'published')
    .map((a) => (JSON.parse(a.message.body) as { eventId?: string }).eventId ?? '(malformed)');
}

describe('event pipeline', () => {
  it('emails a placed order with its lines and totals, keeps the .eml copy and records it in the lake', async () => {
    const h = await harness();
    const pipeline = await h.start();
    const order = sampleOrderItem({ shippingCents: 9_900 });
    const eventId = `${order.id}#v1`;

    await h.putOrder(order);

    const email = await waitForEmail(eventId);
    expect(email.destination.to).toEqual(['ana.lopez@example.com']);
    expect(email.subject).toBe(`Recibimos tu pedido #${order.id.slice(-8)} – FarmaCruz`);
    expect(email.body.text).toContain('2 x $45.50 MXN = $91.00 MXN');
    expect(email.body.text).toContain('1 x $1,144.00 MXN = $1,144.00 MXN');
    expect(email.body.text).toContain('Subtotal (3 productos): $1,235.00 MXN');
    expect(email.body.text).toContain('Envío: $99.00 MXN');
    expect(email.body.text).toContain('Total: $1,334.00 MXN');
    expect(email.body.html).toContain('Amoxicilina 500 mg, 12 cápsulas');

    const copy = path.join(pipeline.emailsDir, '2025', '03', '14', order.id, 'v1-OrderPlaced.eml');
    await waitUntil(async () => existsSync(copy), 'the archived copy', 5_000, 50);
    const mime = await readFile(copy, 'utf8');
    expect(mime).toContain('To: ana.lopez@example.com');
    expect(mime).toContain(`X-FarmaCruz-Event-Id: ${eventId}`);

    await waitForLakeRecord(pipeline.lakeDir, eventId);
    const [record] = await lakeRecordsFor(pipeline.lakeDir, eventId);
    expect(record).toMatchObject({ event_type: 'OrderPlaced', total_cents: 133_400, line_count: 2, ship_postal_code: '03100' });
    const dated = await readdir(path.join(pipeline.lakeDir, 'orders'));
    expect(dated).toEqual([`dt=${new Date().toISOString().slice(0, 10)}`]);
  });

  it('emails status changes with the new status', async () => {
    const h = await harness();
    await h.start();
    const order = sampleOrderItem();
    await h.putOrder(order);
    await waitForEmail(`${order.id}#v1`);

    await h.putOrder(withStatus(order, 'SHIPPED', '2025-03-15T15:30:00.000Z'));

    const email = await waitForEmail(`${order.id}#v2`);
    expect(email.subject).toBe(`Tu pedido #${order.id.slice(-8)}: Enviado – FarmaCruz`);
    expect(email.body.text).toContain('Tu pedido va en camino');
  });

  it('does not deliver records of other entities to order-stream', async () => {
    const h = await harness();
    const pipeline = await h.start();
    await h.table.documentClient.send(
      new PutCommand({ TableName: h.table.tableName, Item: { PK: 'PRODUCT#p1', SK: 'PRODUCT', type: 'Product', name: 'Paracetamol' } }),
    );
    const order = sampleOrderItem();
    await h.putOrder(order);

    await waitForLakeRecord(pipeline.lakeDir, `${order.id}#v1`);
    // Other stream consumers (prerender reads products) have their own filters; order-stream gets the order alone.
    const batches = h.activity.filter(
      (a): a is Extract<PipelineActivity, { kind: 'stream-batch' }> => a.kind === 'stream-batch' && a.lambda === 'order-stream',
    );
    expect(batches.reduce((sum, b) => sum + b.delivered, 0)).toBe(1);
    expect(publishedEventIds(h.activity)).toEqual([`${order.id}#v1`]);
  });

  it('sends one email when the same queue message is delivered again', async () => {
    const h = await harness();
    const pipeline = await h.start({ pausedLambdas: ['order-email'] });
    const order = sampleOrderItem();
    const eventId = `${order.id}#v1`;
    await h.putOrder(order);

    // Keep a copy of the queued message as SQS holds it, to deliver it a second time later.
    const folder = queueFolder(h.dataDir, 'orders-email');
    await waitUntil(async () => (await readdir(folder)).some((n) => n.endsWith('.json')), 'the queued message', 10_000, 50);
    const [fileName] = (await readdir(folder)).filter((n) => n.endsWith('.json'));
    const original = JSON.parse(await readFile(path.join(folder, fileName!), 'utf8')) as QueueMessage;
    pipeline.resume('order-email');
    await waitForEmail(eventId);
    await waitUntil(async () => queueBatches(h.activity, 'order-email').length === 1, 'the first delivery to finish', 5_000, 20);
    // The handler's success deletes the message; put the copy back only once that delete is done.
    await waitUntil(async () => !(await readdir(folder)).includes(fileName!), 'the delivered message to be deleted', 5_000, 20);

    await writeFile(path.join(folder, fileName!), JSON.stringify(original));

    await waitUntil(async () => queueBatches(h.activity, 'order-email').length === 2, 'the redelivery', 10_000, 20);
    const [first, second] = queueBatches(h.activity, 'order-email');
    expect(second!.messageIds).toEqual(first!.messageIds);
    expect(second!.failedMessageIds).toEqual([]);
    expect(await emailsFor(eventId)).toHaveLength(1);
  });

  it('retries only the failing record of a batch, then moves it to the dead-letter queue', async () => {
    const h = await harness();
    // A visibility timeout well above a warm invocation's time, so only failures bring messages back.
    const pipeline = await h.start({ visibilityTimeoutSeconds: 1 });
    const sns = new SNSClient({ region: 'us-east-1', endpoint: pipeline.lambdaSettings.aws.endpoints.sns, credentials: LOCAL_CREDENTIALS });
    cleanups.push(async () => sns.destroy());
    const publish = (entries: { Id: string; Message: string }[]) =>
      sns.send(new PublishBatchCommand({ TopicArn: pipeline.lambdaSettings.ordersTopicArn, PublishBatchRequestEntries: entries }));
    const [warmUp, ...good] = [sampleOrderItem(), sampleOrderItem(), sampleOrderItem()].map((item) => orderEventFromChange('INSERT', undefined, item)!);
    await publish([{ Id: 'warm', Message: JSON.stringify(warmUp) }]);
    await waitForEmail(warmUp!.eventId);
    const emailQueueEmpty = async () => {
      const depth = (await pipeline.queueDepths()).find((d) => d.queue === 'orders-email');
      return depth?.visible === 0 && depth.inFlight === 0;
    };
    await waitUntil(emailQueueEmpty, 'the warm-up delivery to finish', 10_000, 20);
    h.activity.length = 0;

    pipeline.pause('order-email');
    await publish([
      { Id: 'good1', Message: JSON.stringify(good[0]) },
      { Id: 'poison', Message: JSON.stringify({ schemaVersion: 1, eventId: 'not-an-order' }) },
      { Id: 'good2', Message: JSON.stringify(good[1]) },
    ]);
    // SNS fans out to the queue after PublishBatch answers; resume only once all three wait there, so the
    // first receive takes them as one batch (on a loaded machine it could otherwise take the first alone).
    const emailQueueHolds = async (count: number) =>
      (await pipeline.queueDepths()).find((d) => d.queue === 'orders-email')?.visible === count;
    await waitUntil(() => emailQueueHolds(3), 'the three messages in the email queue', 10_000, 20);
    pipeline.resume('order-email');

    const deadLetteredFromEmail = () => h.activity.find((a) => a.kind === 'dead-lettered' && a.queue === 'orders-email');
    await waitUntil(async () => deadLetteredFromEmail() !== undefined, 'the poison message in the DLQ', 20_000, 50);

    const batches = queueBatches(h.activity, 'order-email');
    expect(batches[0]!.messageIds).toHaveLength(3);
    const poisonId = batches[0]!.failedMessageIds[0]!;
    expect(batches[0]!.failedMessageIds).toEqual([poisonId]);
    // A partial batch failure (the good records succeeded beside it) keeps the record's real error too,
    // not "reported the message in batchItemFailures".
    expect(batches[0]!.error).toMatch(/^order-email failed: ValidationError: /);
    expect(batches.slice(1).map((b) => b.messageIds)).toEqual([[poisonId], [poisonId], [poisonId], [poisonId]]);
    expect(batches.map((b) => b.receiveCounts[b.messageIds.indexOf(poisonId)])).toEqual([1, 2, 3, 4, 5]);
    for (const event of good) expect(await emailsFor(event.eventId)).toHaveLength(1);

    expect(deadLetteredFromEmail()).toMatchObject({ message: { messageId: poisonId } });
    // The real cause travels with the dead letter (npm run queues shows it), not Powertools' summary.
    const reason = (deadLetteredFromEmail() as { reason: string }).reason;
    expect(reason).toMatch(/last error: order-email failed: ValidationError: /);
    expect(reason).not.toMatch(/All records failed/);
    const [dead] = await readdir(queueFolder(h.dataDir, 'orders-email-dlq'));
    const stored = JSON.parse(await readFile(path.join(queueFolder(h.dataDir, 'orders-email-dlq'), dead!), 'utf8')) as QueueMessage;
    expect(stored.deadLetter?.reason).toBe(reason);
    const depths = await pipeline.queueDepths();
    expect(depths.find((d) => d.queue === 'orders-email')).toMatchObject({ visible: 0, inFlight: 0 });
    expect(depths.find((d) => d.queue === 'orders-email-dlq')).toMatchObject({ visible: 1 });
  });

  it('removes temporary files a crash left in its folders when it starts', async () => {
    const h = await harness();
    const leftover = path.join(queueFolder(h.dataDir, 'orders-email'), 'x.json.0badf00d.tmp');
    await mkdir(path.dirname(leftover), { recursive: true });
    await writeFile(leftover, '{"half":');
    const old = Date.now() / 1000 - 60;
    await utimes(leftover, old, old);
    await h.start();
    expect(existsSync(leftover)).toBe(false);
  });

  it('delivers an order written while the pipeline was stopped exactly once after it starts again', async () => {
    const h = await harness();
    const first = await h.start();
    await first.stop();
    const order = sampleOrderItem();
    const eventId = `${order.id}#v1`;

    await h.putOrder(order);
    const second = await h.start();

    await waitForEmail(eventId);
    await waitForLakeRecord(second.lakeDir, eventId);
    expect(publishedEventIds(h.activity)).toEqual([eventId]);
    expect(await emailsFor(eventId)).toHaveLength(1);
    expect(await lakeRecordsFor(second.lakeDir, eventId)).toHaveLength(1);
  });

  it('delivers an event published before a stop to each consumer exactly once after the restart', async () => {
    const h = await harness();
    const first = await h.start({ pausedLambdas: ['order-email', 'order-lake'] });
    const order = sampleOrderItem();
    const eventId = `${order.id}#v1`;
    await h.putOrder(order);
    await waitUntil(async () => publishedEventIds(h.activity).includes(eventId), 'the event on the topic', 10_000, 20);
    await first.stop();

    const second = await h.start();

    await waitForEmail(eventId);
    await waitForLakeRecord(second.lakeDir, eventId);
    // A batch is reported once its handler has returned and its messages are settled, which can be after the
    // email and the lake record exist.
    const settled = (lambda: string) => queueBatches(h.activity, lambda).length > 0;
    await waitUntil(async () => settled('order-email') && settled('order-lake'), 'both batches settled', 10_000, 20);
    // The stream checkpoint held: the event was not published again, and each queue delivered it once.
    expect(publishedEventIds(h.activity)).toEqual([eventId]);
    expect(queueBatches(h.activity, 'order-email').flatMap((b) => b.messageIds)).toHaveLength(1);
    expect(queueBatches(h.activity, 'order-lake').flatMap((b) => b.messageIds)).toHaveLength(1);
    expect(await emailsFor(eventId)).toHaveLength(1);
    expect(await lakeRecordsFor(second.lakeDir, eventId)).toHaveLength(1);
  });
});
