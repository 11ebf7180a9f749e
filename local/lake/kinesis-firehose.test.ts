import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS } from '../dynamodb-local';
import { expandTimestampNamespace, startFirehoseDelivery } from './firehose-delivery';
import { startKinesisServer, streamLogFile, type KinesisServer } from './kinesis-server';
import { readLakeObjects } from './read-lake';

let dataDir: string;
let lakeDir: string;
let server: KinesisServer;
let kinesis: KinesisClient;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-kinesis-'));
  lakeDir = path.join(dataDir, 'lake');
  server = await startKinesisServer({ host: '127.0.0.1', region: 'us-east-1', dataDir, streams: ['lake'] });
  kinesis = new KinesisClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: LOCAL_CREDENTIALS, requestHandler: new NodeHttpHandler() });
});

afterEach(async () => {
  kinesis.destroy();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const firehose = () =>
  startFirehoseDelivery({
    deliveryStreamName: 'orders-lake',
    sourceLogFile: streamLogFile(dataDir, 'lake'),
    dataDir,
    bucketDir: lakeDir,
    prefix: 'orders/dt=!{timestamp:yyyy-MM-dd}/',
    bufferIntervalMs: 60_000,
    bufferSizeBytes: 5 * 1024 * 1024,
    log: () => undefined,
  });

const put = (...lines: string[]) =>
  kinesis.send(new PutRecordsCommand({ StreamName: 'lake', Records: lines.map((line) => ({ Data: new TextEncoder().encode(`${line}\n`), PartitionKey: line })) }));

describe('local Kinesis and Firehose', () => {
  it('acknowledges PutRecords from the v3 client with increasing sequence numbers', async () => {
    const result = await put('{"n":1}', '{"n":2}');
    expect(result.FailedRecordCount).toBe(0);
    const [a, b] = result.Records!.map((r) => BigInt(r.SequenceNumber!));
    expect(b! > a!).toBe(true);
  });

  it('delivers records as one gzipped newline-JSON object per flush under the dated Firehose key', async () => {
    const delivery = await firehose();
    await put('{"n":1}', '{"n":2}');
    await delivery.flush();
    await delivery.stop();
    const objects = await readLakeObjects(lakeDir);
    expect(objects).toHaveLength(1);
    expect(objects[0]!.key).toMatch(new RegExp(`^orders/dt=${new Date().toISOString().slice(0, 10)}/orders-lake-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz$`));
    expect(objects[0]!.records).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('resumes after what it delivered, so a restart delivers new records only', async () => {
    const first = await firehose();
    await put('{"n":1}');
    await first.stop();
    await put('{"n":2}');
    const second = await firehose();
    await second.stop();
    expect((await readLakeObjects(lakeDir)).map((o) => o.records)).toEqual(expect.arrayContaining([[{ n: 1 }], [{ n: 2 }]]));
    expect((await readLakeObjects(lakeDir)).flatMap((o) => o.records)).toHaveLength(2);
    expect(await readdir(path.join(lakeDir, 'orders'))).toHaveLength(1);
  });

  it('expands the timestamp namespace in UTC', () => {
    expect(expandTimestampNamespace('orders/dt=!{timestamp:yyyy-MM-dd}/h=!{timestamp:HH}/', new Date('2025-03-14T23:59:00Z'))).toBe('orders/dt=2025-03-14/h=23/');
  });
});
