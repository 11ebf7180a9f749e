/**
 * A pipeline process killed with SIGKILL (no clean stop) loses no order event: a new process on the same
 * data folder delivers it, once to each consumer. The kill points are deterministic: the process runs
 * with some functions paused, so the event is known to be at a given stage when it dies.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../../test/support/table';
import { sampleOrderItem } from '../../test/support/orders';
import { waitUntil } from '../free-port';
import { headerOf, readMailbox, startLocalSes, type LocalSes } from '../mail/ses-server';
import { readLakeRecords } from '../lake/read-lake';

let ses: LocalSes;
let table: TestTable;
const children: ChildProcess[] = [];
const folders: string[] = [];

beforeAll(async () => {
  ses = await startLocalSes({ host: '127.0.0.1' });
});

beforeEach(async () => {
  // A table (and so a stream) per test: a fresh data folder reads its stream from the start.
  table = await createTestTable('killed');
});

afterEach(async () => {
  // Wait for each child to be gone before removing the folder it writes to.
  await Promise.all(children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null).map((child) => kill(child)));
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  table.documentClient.destroy();
  table.client.destroy();
});

afterAll(async () => {
  await ses.close();
});

interface RunningPipeline {
  readonly child: ChildProcess;
  readonly published: string[];
  readonly lakeDir: string;
}

async function runPipeline(dataDir: string, paused: string[] = []): Promise<RunningPipeline> {
  const child = spawn(
    process.execPath,
    [
      // One process (tsx as a loader, not its CLI, which runs the script in a child that SIGKILL would orphan).
      '--import',
      'tsx',
      'local/event-fabric/run.ts',
      '--dynamodb', table.endpoint,
      '--table', table.tableName,
      '--data-dir', dataDir,
      '--ses', ses.endpoint,
      '--poll-ms', '50',
      '--firehose-buffer-ms', '200',
      ...(paused.length ? ['--paused', paused.join(',')] : []),
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  children.push(child);
  const published: string[] = [];
  let lakeDir = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('published ')) published.push(line.slice('published '.length));
      if (line.startsWith('ready ')) lakeDir = (JSON.parse(line.slice('ready '.length)) as { lakeDir: string }).lakeDir;
    }
  });
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`the pipeline process exited with ${child.exitCode}`);
    return lakeDir !== '';
  }, 'the pipeline process to start', 60_000, 50);
  return { child, published, lakeDir };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function emailCount(eventId: string): Promise<number> {
  return (await readMailbox(ses.endpoint)).filter((e) => headerOf(e, 'X-FarmaCruz-Event-Id') === eventId).length;
}

async function lakeCount(lakeDir: string, eventId: string): Promise<number> {
  return (await readLakeRecords<{ event_id: string }>(lakeDir)).filter((r) => r.event_id === eventId).length;
}

async function expectDeliveredOnce(lakeDir: string, eventId: string): Promise<void> {
  await waitUntil(async () => (await emailCount(eventId)) > 0 && (await lakeCount(lakeDir, eventId)) > 0, `delivery of ${eventId}`, 30_000, 100);
  expect(await emailCount(eventId)).toBe(1);
  expect(await lakeCount(lakeDir, eventId)).toBe(1);
}

describe('a killed pipeline process', () => {
  it('replays an order it had not read from the stream yet', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-killed-'));
    folders.push(dataDir);
    const first = await runPipeline(dataDir, ['order-stream']);
    const order = sampleOrderItem();
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: order }));
    await kill(first.child);

    const second = await runPipeline(dataDir);

    await expectDeliveredOnce(second.lakeDir, `${order.id}#v1`);
    expect(second.published).toEqual([`${order.id}#v1`]);
  });

  it('delivers an event it had published but not consumed, without publishing it again', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-killed-'));
    folders.push(dataDir);
    const first = await runPipeline(dataDir, ['order-email', 'order-lake']);
    const order = sampleOrderItem();
    const eventId = `${order.id}#v1`;
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: order }));
    await waitUntil(async () => first.published.includes(eventId), 'the event on the topic', 30_000, 50);
    // The stream checkpoint is saved just after the batch is published; a kill before that replays the record
    // (at least once, as Lambda's stream polling does). This case is about the queues: kill once it is saved.
    const checkpointFile = path.join(dataDir, 'streams', `${table.tableName}.order-stream.json`);
    await waitUntil(async () => JSON.stringify(JSON.parse(await readFile(checkpointFile, 'utf8').catch(() => '{}'))).includes('sequenceNumber'), 'the stream checkpoint', 30_000, 20);
    await kill(first.child);

    const second = await runPipeline(dataDir);

    await expectDeliveredOnce(second.lakeDir, eventId);
    expect(second.published).toEqual([]);
  });
});
