/**
 * `npm run bench:pipeline`: how fast an order written to the table becomes (a) an email in the local
 * mailbox and (b) a record in the lake folder, through the whole local event pipeline with the real
 * handlers. Side by side with the floor it sits on: how long DynamoDB Local takes to show a written item
 * on its stream (PutItem → GetRecords, polled at the same interval).
 *
 * Phases, each bounded in count and time:
 *   1. raw stream floor: 50 items, one at a time;
 *   2. latency: 200 orders, 4 at a time (each client writes its next order once the last one was emailed
 *      and recorded), so the pipeline is measured unsaturated;
 *   3. throughput: 200 orders written at once; events/s until every email and lake record arrived, next to
 *      DynamoDB Local's own PutItem rate (each event costs 5 table writes: the order, and a put + update
 *      of an idempotency record in each of the two consumers).
 * Also checks no loss and no duplicate: exactly one email and one lake record per order.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { startEventPipeline } from '../local/event-fabric';
import { headerOf, readMailbox } from '../local/mail/ses-server';
import { sampleOrderItem } from '../test/support/orders';

const ORDERS = 200;
const LATENCY_CLIENTS = 4;
const WRITES_PER_EVENT = 5;
const RAW_PROBES = 50;
const POLL_MS = 50;
const FIREHOSE_BUFFER_MS = 250;
const PHASE_DEADLINE_MS = 120_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

/** Watches the mailbox and the lake folder, noting when each event id first appears in each and how often. */
class Arrivals {
  readonly email = new Map<string, number>();
  readonly lake = new Map<string, number>();
  readonly emailCount = new Map<string, number>();
  readonly lakeCount = new Map<string, number>();
  private readonly seenEmails = new Set<string>();
  private readonly seenObjects = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private scanning = false;

  constructor(
    private readonly sesEndpoint: string,
    private readonly lakeDir: string,
  ) {}

  start() {
    this.timer = setInterval(() => void this.scan(), 100);
  }

  stop() {
    clearInterval(this.timer);
  }

  private async scan() {
    if (this.scanning) return;
    this.scanning = true;
    try {
      const now = performance.now();
      for (const email of await readMailbox(this.sesEndpoint, Date.now() / 1000 - 2)) {
        if (this.seenEmails.has(email.messageId)) continue;
        this.seenEmails.add(email.messageId);
        const eventId = headerOf(email, 'X-FarmaCruz-Event-Id') ?? '';
        if (!this.email.has(eventId)) this.email.set(eventId, now);
        this.emailCount.set(eventId, (this.emailCount.get(eventId) ?? 0) + 1);
      }
      let files: string[] = [];
      try {
        files = (await readdir(this.lakeDir, { recursive: true })).filter((f) => f.endsWith('.gz'));
      } catch {
        files = [];
      }
      for (const file of files) {
        if (this.seenObjects.has(file)) continue;
        this.seenObjects.add(file);
        const lines = gunzipSync(await readFile(path.join(this.lakeDir, file))).toString('utf8').split('\n').filter(Boolean);
        for (const line of lines) {
          const eventId = (JSON.parse(line) as { event_id: string }).event_id;
          if (!this.lake.has(eventId)) this.lake.set(eventId, now);
          this.lakeCount.set(eventId, (this.lakeCount.get(eventId) ?? 0) + 1);
        }
      }
    } finally {
      this.scanning = false;
    }
  }

  async waitFor(eventIds: string[], deadline: number) {
    while (performance.now() < deadline) {
      if (eventIds.every((id) => this.email.has(id) && this.lake.has(id))) return true;
      await sleep(20);
    }
    return false;
  }
}

async function rawStreamFloor(client: DynamoDBClient, endpoint: string, tableName: string): Promise<number[]> {
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const arn = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table!.LatestStreamArn!;
  const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!.at(-1)!;
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'LATEST' }))).ShardIterator!;
  const latencies: number[] = [];
  for (let i = 0; i < RAW_PROBES; i += 1) {
    const started = performance.now();
    await client.send(new PutItemCommand({ TableName: tableName, Item: { PK: { S: `PROBE#${i}` }, SK: { S: 'PROBE' } } }));
    for (;;) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      iterator = page.NextShardIterator!;
      if ((page.Records ?? []).length > 0) break;
      await sleep(POLL_MS);
    }
    latencies.push(performance.now() - started);
  }
  streams.destroy();
  return latencies;
}

async function main() {
  const dynamodb = await startDynamoDbLocal();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-bench-pipeline-'));
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const documents = DynamoDBDocumentClient.from(client);
  try {
    await ensureTable(client, 'bench-probe');
    const floor = await rawStreamFloor(client, dynamodb.endpoint, 'bench-probe');

    await ensureTable(client, 'bench-orders');
    const pipeline = await startEventPipeline({
      dynamodbEndpoint: dynamodb.endpoint,
      tableName: 'bench-orders',
      dataDir,
      pollIntervalMs: POLL_MS,
      firehoseBufferIntervalMs: FIREHOSE_BUFFER_MS,
      logLevel: 'WARN',
    });
    const arrivals = new Arrivals(pipeline.sesEndpoint, pipeline.lakeDir);
    arrivals.start();
    const put = async () => {
      const item = sampleOrderItem({ createdAt: new Date().toISOString() });
      await documents.send(new PutCommand({ TableName: 'bench-orders', Item: item }));
      return `${item.id}#v1`;
    };

    // Warm-up: first invocations load modules and open connections.
    const warm = await Promise.all(Array.from({ length: 5 }, put));
    await arrivals.waitFor(warm, performance.now() + PHASE_DEADLINE_MS);

    // Latency, closed loop: LATENCY_CLIENTS orders in flight at a time.
    const written = new Map<string, number>();
    const latencyDeadline = performance.now() + PHASE_DEADLINE_MS;
    let issued = 0;
    await Promise.all(
      Array.from({ length: LATENCY_CLIENTS }, async () => {
        while (issued < ORDERS && performance.now() < latencyDeadline) {
          issued += 1;
          const started = performance.now();
          const eventId = await put();
          written.set(eventId, started);
          await arrivals.waitFor([eventId], latencyDeadline);
        }
      }),
    );
    const pacedComplete = await arrivals.waitFor([...written.keys()], performance.now() + 10_000);
    const emailLatency = [...written].filter(([id]) => arrivals.email.has(id)).map(([id, t]) => arrivals.email.get(id)! - t);
    const lakeLatency = [...written].filter(([id]) => arrivals.lake.has(id)).map(([id, t]) => arrivals.lake.get(id)! - t);

    // Throughput, all at once.
    const burstStart = performance.now();
    const burst: string[] = [];
    for (let i = 0; i < ORDERS; i += 10) burst.push(...(await Promise.all(Array.from({ length: Math.min(10, ORDERS - i) }, put))));
    const burstComplete = await arrivals.waitFor(burst, burstStart + PHASE_DEADLINE_MS);
    const lastArrival = Math.max(...burst.map((id) => Math.max(arrivals.email.get(id) ?? Infinity, arrivals.lake.get(id) ?? Infinity)));
    const burstSeconds = (lastArrival - burstStart) / 1000;

    // DynamoDB Local's own write rate on this machine: 2 s of PutItem from 10 clients.
    const rawWriteStart = performance.now();
    let rawWrites = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        while (performance.now() - rawWriteStart < 2000) {
          await documents.send(new PutCommand({ TableName: 'bench-probe', Item: { PK: `RAW#${client}#${rawWrites}`, SK: 'RAW' } }));
          rawWrites += 1;
        }
      }),
    );
    const rawWritesPerSecond = rawWrites / ((performance.now() - rawWriteStart) / 1000);

    await sleep(1000); // let any duplicate show up before counting
    arrivals.stop();
    const all = [...written.keys(), ...burst, ...warm];
    const missing = all.filter((id) => !arrivals.email.has(id) || !arrivals.lake.has(id)).length;
    const duplicates = all.filter((id) => (arrivals.emailCount.get(id) ?? 0) > 1 || (arrivals.lakeCount.get(id) ?? 0) > 1).length;
    await pipeline.stop();

    const floorP50 = percentile(floor, 50);
    console.log(`Local event pipeline (poll ${POLL_MS} ms, Firehose buffer ${FIREHOSE_BUFFER_MS} ms)`);
    console.log(`  raw stream floor   PutItem → GetRecords      p50 ${fmt(floorP50)}  p99 ${fmt(percentile(floor, 99))}  (${floor.length} items)`);
    const eventsPerSecond = burst.length / burstSeconds;
    const writeBound = rawWritesPerSecond / WRITES_PER_EVENT;
    console.log(`  order → email      ${written.size} orders, ${LATENCY_CLIENTS} in flight  p50 ${fmt(percentile(emailLatency, 50))}  p99 ${fmt(percentile(emailLatency, 99))}  (${(percentile(emailLatency, 50) / floorP50).toFixed(1)}× the floor)`);
    console.log(`  order → lake       ${written.size} orders, ${LATENCY_CLIENTS} in flight  p50 ${fmt(percentile(lakeLatency, 50))}  p99 ${fmt(percentile(lakeLatency, 99))}  (includes the Firehose buffer)`);
    console.log(`  throughput         ${burst.length} orders at once: all emailed and in the lake after ${burstSeconds.toFixed(2)} s = ${eventsPerSecond.toFixed(1)} events/s`);
    console.log(`  write floor        DynamoDB Local PutItem ${rawWritesPerSecond.toFixed(0)}/s ÷ ${WRITES_PER_EVENT} writes per event = ${writeBound.toFixed(1)} events/s; pipeline at ${((eventsPerSecond / writeBound) * 100).toFixed(0)}% of it`);
    console.log(`  delivery           missing ${missing}, duplicated ${duplicates} of ${all.length} events${pacedComplete && burstComplete ? '' : '  (a phase hit its deadline)'}`);
    if (missing > 0 || duplicates > 0) process.exitCode = 1;
  } finally {
    documents.destroy();
    client.destroy();
    await dynamodb.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
