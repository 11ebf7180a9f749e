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
 *   4. crash: the pipeline as its own process (local/event-fabric/run.ts, queues at a 3 s visibility timeout),
 *      300 orders written 10 at a time while it is SIGKILLed twice mid-stream (once a third, then two thirds,
 *      of the emails arrived) and restarted on the same data folder; then every email and lake record is
 *      counted. Loss fails the run; duplicated emails are the crash window docs/event-pipeline.md describes
 *      (SES accepted, the process died before the COMPLETED write) and are reported, as are lake records
 *      repeated before the readers' dedupe on event_id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
import { headerOf, readMailbox, startLocalSes } from '../local/mail/ses-server';
import { sampleOrderItem } from '../test/support/orders';

const ORDERS = 200;
const LATENCY_CLIENTS = 4;
const WRITES_PER_EVENT = 5;
const RAW_PROBES = 50;
const POLL_MS = 50;
const FIREHOSE_BUFFER_MS = 250;
const PHASE_DEADLINE_MS = 120_000;
const CRASH_ORDERS = 300;
const CRASH_KILLS = 2;
const CRASH_VISIBILITY_SECONDS = 3;

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

/** The pipeline as its own process, as `npm start` runs it, so it can be killed without a clean stop. */
async function spawnPipeline(args: { dynamodb: string; table: string; dataDir: string; ses: string }): Promise<{ child: ChildProcess; lakeDir: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', 'local/event-fabric/run.ts',
      '--dynamodb', args.dynamodb, '--table', args.table, '--data-dir', args.dataDir, '--ses', args.ses,
      '--poll-ms', String(POLL_MS),
      '--visibility-timeout', String(CRASH_VISIBILITY_SECONDS),
      '--lambda-timeout', String(CRASH_VISIBILITY_SECONDS),
      '--firehose-buffer-ms', '250',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let buffered = '';
  const lakeDir = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the pipeline process did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the pipeline process exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const ready = buffered.split('\n').find((line) => line.startsWith('ready '));
      if (ready) {
        clearTimeout(timer);
        resolve((JSON.parse(ready.slice('ready '.length)) as { lakeDir: string }).lakeDir);
      }
    });
  });
  child.stdout!.resume();
  return { child, lakeDir };
}

function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface CrashReport {
  readonly orders: number;
  readonly kills: number;
  readonly missingEmails: number;
  readonly missingLake: number;
  readonly duplicatedEmails: number;
  readonly extraEmails: number;
  readonly duplicatedLake: number;
  readonly seconds: number;
  readonly complete: boolean;
}

/** Phase 4: orders written while the pipeline process is SIGKILLed mid-stream and restarted. */
async function crashScenario(endpoint: string, client: DynamoDBClient, documents: DynamoDBDocumentClient): Promise<CrashReport> {
  const table = 'bench-crash';
  await ensureTable(client, table);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-bench-crash-'));
  const ses = await startLocalSes({ host: '127.0.0.1' });
  let running: ChildProcess | undefined;
  try {
    const started = performance.now();
    let pipeline = await spawnPipeline({ dynamodb: endpoint, table, dataDir, ses: ses.endpoint });
    running = pipeline.child;
    const arrivals = new Arrivals(ses.endpoint, pipeline.lakeDir);
    arrivals.start();
    const ids: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (ids.length < CRASH_ORDERS && performance.now() - started < PHASE_DEADLINE_MS) {
        const batch = Array.from({ length: Math.min(10, CRASH_ORDERS - ids.length) }, () => sampleOrderItem({ createdAt: new Date().toISOString() }));
        await Promise.all(batch.map((item) => documents.send(new PutCommand({ TableName: table, Item: item }))));
        ids.push(...batch.map((item) => `${item.id}#v1`));
        await sleep(50);
      }
      writing = false;
    })();
    let kills = 0;
    for (let kill = 1; kill <= CRASH_KILLS; kill += 1) {
      const threshold = Math.floor((CRASH_ORDERS * kill) / (CRASH_KILLS + 1));
      const deadline = performance.now() + PHASE_DEADLINE_MS;
      while (arrivals.email.size < threshold && performance.now() < deadline) await sleep(5);
      await killHard(pipeline.child);
      kills += 1;
      pipeline = await spawnPipeline({ dynamodb: endpoint, table, dataDir, ses: ses.endpoint });
      running = pipeline.child;
    }
    await writer;
    const complete = !writing && (await arrivals.waitFor(ids, performance.now() + PHASE_DEADLINE_MS));
    await sleep(CRASH_VISIBILITY_SECONDS * 1000 + 2000); // let late redeliveries show up before counting
    arrivals.stop();
    const seconds = (performance.now() - started) / 1000;
    const emailCounts = ids.map((id) => arrivals.emailCount.get(id) ?? 0);
    return {
      orders: ids.length,
      kills,
      missingEmails: emailCounts.filter((n) => n === 0).length,
      missingLake: ids.filter((id) => !arrivals.lake.has(id)).length,
      duplicatedEmails: emailCounts.filter((n) => n > 1).length,
      extraEmails: emailCounts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      duplicatedLake: ids.filter((id) => (arrivals.lakeCount.get(id) ?? 0) > 1).length,
      seconds,
      complete,
    };
  } finally {
    if (running) await killHard(running);
    await ses.close();
    await rm(dataDir, { recursive: true, force: true });
  }
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

    const crash = await crashScenario(dynamodb.endpoint, client, documents);

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
    console.log(
      `  crash              ${crash.orders} orders, pipeline process SIGKILLed ${crash.kills}× mid-stream and restarted (visibility ${CRASH_VISIBILITY_SECONDS} s): ` +
        `missing ${crash.missingEmails} emails / ${crash.missingLake} lake records, duplicated emails ${crash.duplicatedEmails} (${crash.extraEmails} extra), ` +
        `lake records repeated before dedupe ${crash.duplicatedLake}, ${crash.seconds.toFixed(1)} s${crash.complete ? '' : '  (hit its deadline)'}`,
    );
    if (missing > 0 || duplicates > 0 || crash.missingEmails > 0 || crash.missingLake > 0) process.exitCode = 1;
  } finally {
    documents.destroy();
    client.destroy();
    await dynamodb.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
