/**
 * DynamoDB Local as the stack runs it (through local/dynamodb-local-launcher): its stream store stays bounded
 * while it runs. DynamoDB Local deletes old stream records only when it opens its database; the launcher
 * deletes them periodically inside the running server. The test shortens the retention (default 24 h + 6 h)
 * and the interval (default 1 h) so it can watch a trim happen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { waitUntil } from './free-port';
import { ensureTable } from './table';

const RETENTION_MS = 10_000;
const TABLE = 'stream-trim';

let dynamodb: DynamoDbLocal;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let dataDir: string;
const output: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-dynamodb-local-'));
  dynamodb = await startDynamoDbLocal({
    dbPath: dataDir,
    log: (line) => output.push(line),
    streamRecordTrim: { everyMs: 500, retentionMs: RETENTION_MS },
  });
  const config = { endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
  client = new DynamoDBClient(config);
  streams = new DynamoDBStreamsClient(config);
  await ensureTable(client, TABLE);
}, 120_000);

afterAll(async () => {
  client?.destroy();
  streams?.destroy();
  await dynamodb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The partition keys of every record the table's stream still holds, read from the start of every shard. */
async function streamKeys(): Promise<string[]> {
  const table = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error('the table has no stream');
  const keys: string[] = [];
  const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  for (const shard of described.StreamDescription?.Shards ?? []) {
    const start = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = start.ShardIterator;
    // Bounded: a shard of this test holds a handful of records.
    for (let page = 0; iterator && page < 50; page += 1) {
      const records = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      for (const record of records.Records ?? []) keys.push(String(record.dynamodb?.Keys?.PK?.S));
      if ((records.Records ?? []).length === 0) break;
      iterator = records.NextShardIterator;
    }
  }
  return keys;
}

const put = (pk: string) =>
  client.send(new PutItemCommand({ TableName: TABLE, Item: { PK: { S: pk }, SK: { S: 'x' }, type: { S: 'Test' } } }));

describe('DynamoDB Local as the stack starts it', () => {
  it('deletes stream records past their retention while it runs, and keeps the stream working', async () => {
    const old = ['OLD#1', 'OLD#2', 'OLD#3', 'OLD#4', 'OLD#5'];
    for (const pk of old) await put(pk);
    const written = Date.now();
    expect((await streamKeys()).filter((key) => key.startsWith('OLD#')).length).toBeGreaterThan(0);

    // Past the retention, the running server deletes them (DynamoDB Local alone would keep them until its next start).
    await waitUntil(async () => (await streamKeys()).every((key) => !key.startsWith('OLD#')), 'the old stream records to be trimmed', 90_000, 500);
    expect(Date.now() - written).toBeGreaterThanOrEqual(RETENTION_MS - 1000);
    // The server says so; its line comes through the pipe a moment after the records are gone.
    await waitUntil(async () => output.some((line) => /Stream store trimmed: \d+ records/.test(line)), 'the trim to be logged', 10_000, 100);
    // The stream store got its lookup indexes (without them every write slows with every stream record kept).
    expect(output).toContain('Stream store indexed by stream and by shard');
    expect(output.filter((line) => /Stream store (index|trim) failed/.test(line))).toEqual([]);

    // The stream goes on after a trim: a record written now is delivered from the start of the shard.
    await put('NEW#1');
    expect(await streamKeys()).toEqual(['NEW#1']);
  }, 150_000);
});
