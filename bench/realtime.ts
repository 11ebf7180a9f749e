/**
 * Benchmark (issue 17): real-time subscriptions on the local runtime. 1,000 subscriptions, each on its own
 * WebSocket connection (AppSync's protocol, real Cognito JWTs from cognito-local), against the runtime in its
 * own process; order changes published through Mutation.publishOrderChange signed with SigV4, as the
 * order-realtime Lambda does.
 *
 *   staff feed   1,000 onOrderChanged subscriptions (staff): every change goes to all 1,000
 *   shoppers     1,000 onMyOrderChanged subscriptions of 50 shoppers (20 each): a change goes to its owner's 20
 *                and the filter keeps it from the other 980 (counted: any stray delivery fails the run)
 *
 * Latency: from just before the mutation is sent to each subscriber's receipt of the data message, p50/p99
 * over every delivery, and the time until the last subscriber of a change has it. Changes are published one
 * after the other (bounded: BENCH_CHANGES, default 40 per scenario). Memory per connection: the server
 * process's resident memory with the 1,000 connections and subscriptions open, minus before, divided by 1,000.
 *
 *   npm run bench:realtime      (env BENCH_SUBSCRIPTIONS, BENCH_CHANGES to change 1000 and 40)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { ulid } from 'ulid';
import { createAuthClient } from '../auth-client/auth-client';
import { createSignedGraphQLClient, publishOrderChange } from '../functions/order-realtime/publish-order-change';
import { startCognitoLocal } from '../local/cognito-local';
import { ensureDemoUsers } from '../local/demo-users';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { provisionUserPool } from '../local/user-pool';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { keepAliveDynamoDbClient, startApiProcess, type ApiProcess } from './support/api-process';
import { machineDescription } from './support/load';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 40);
const SHOPPERS = 50;
const TABLE = 'bench-realtime';
const API_KEY = 'da2-benchmark-api-key';
const PASSWORD = 'Bench-Realtime1';
const WAIT_MS = 60_000;
const FIELDS = 'id ownerId status updatedAt total { amountCents currency } statusHistory { status at by }';

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

interface Subscriber {
  readonly socket: WebSocket;
  readonly owner: string | null;
  /** orderId → receipt time (ms, performance.now()). */
  readonly received: Map<string, number>;
}

async function subscribe(api: ApiProcess, idToken: string, query: string, owner: string | null): Promise<Subscriber> {
  const host = api.graphqlUrl.host;
  const header = Buffer.from(JSON.stringify({ host, Authorization: idToken })).toString('base64');
  const socket = new WebSocket(`${api.realtimeUrl}?header=${header}&payload=e30=`, ['graphql-ws']);
  const received = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no start_ack within 60 s')), WAIT_MS);
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: Record<string, { id: string } | null> } };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: 's', type: 'start', payload: { data: JSON.stringify({ query, variables: {} }), extensions: { authorization: { host, Authorization: idToken } } } }));
      } else if (message.type === 'start_ack') {
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'error' || message.type === 'connection_error') {
        reject(new Error(JSON.stringify(message)));
      } else if (message.type === 'data') {
        const order = Object.values(message.payload?.data ?? {})[0];
        if (order) received.set(order.id, performance.now());
      }
    });
  });
  return { socket, owner, received };
}

function orderOf(ownerId: string) {
  const at = new Date().toISOString();
  return {
    id: ulid(), ownerId, status: 'PAID', version: 2, currency: 'MXN', lines: [], itemCount: 0, subtotalCents: 0, shippingCents: 4900,
    totalCents: 4900, clientToken: randomUUID(), statusHistory: [{ status: 'PAID', at, by: 'personal' }], createdAt: at, updatedAt: at,
    shippingAddress: { recipientName: 'Ana', line1: 'Calle 1', city: 'Veracruz', state: 'Veracruz', postalCode: '91700', country: 'MX' },
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface ScenarioResult {
  readonly name: string;
  readonly deliveries: number;
  readonly p50: number;
  readonly p99: number;
  readonly lastP50: number;
  readonly lastP99: number;
  readonly stray: number;
  readonly rssPerConnection: number;
}

async function scenario(
  name: string,
  api: ApiProcess,
  connect: (index: number) => Promise<Subscriber>,
  owners: readonly string[],
  publish: ReturnType<typeof createSignedGraphQLClient>,
): Promise<ScenarioResult> {
  const before = rssBytes(api.pid);
  const subscribers: Subscriber[] = [];
  // Connect in bounded batches (the server and cognito-local are on the same 2 cores).
  for (let i = 0; i < SUBSCRIPTIONS; i += 50) {
    subscribers.push(...(await Promise.all(Array.from({ length: Math.min(50, SUBSCRIPTIONS - i) }, (_, j) => connect(i + j)))));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = rssBytes(api.pid);
  const latencies: number[] = [];
  const lasts: number[] = [];
  let stray = 0;
  for (let change = 0; change < CHANGES; change++) {
    const ownerId = owners[change % owners.length]!;
    const order = orderOf(ownerId);
    const targets = subscribers.filter((s) => s.owner === null || s.owner === ownerId);
    const sent = performance.now();
    await publishOrderChange(publish, order);
    await waitFor(() => targets.every((s) => s.received.has(order.id)), `${name}: change ${change} at all ${targets.length} subscribers`);
    const times = targets.map((s) => s.received.get(order.id)! - sent);
    latencies.push(...times);
    lasts.push(Math.max(...times));
  }
  // Deliveries that should not have happened (another owner's order).
  for (const s of subscribers) {
    if (s.owner === null) continue;
    stray += [...s.received.keys()].length - changesOf(s.owner, owners);
  }
  for (const s of subscribers) s.socket.close();
  latencies.sort((a, b) => a - b);
  lasts.sort((a, b) => a - b);
  return {
    name,
    deliveries: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lastP50: percentile(lasts, 50),
    lastP99: percentile(lasts, 99),
    stray,
    rssPerConnection: (after - before) / SUBSCRIPTIONS,
  };
}

/** How many of the published changes belong to `owner` (changes go to owners round-robin). */
function changesOf(owner: string, owners: readonly string[]): number {
  const index = owners.indexOf(owner);
  return index < 0 ? 0 : Math.floor(CHANGES / owners.length) + (index < CHANGES % owners.length ? 1 : 0);
}

const dynamodb = await startDynamoDbLocal();
const cognitoDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-cognito-'));
const cognito = await startCognitoLocal({ dataDir: cognitoDir });
const client = keepAliveDynamoDbClient(dynamodb.endpoint, 8);
let server: ApiProcess | undefined;
try {
  await ensureTable(client, TABLE);
  const pool = await provisionUserPool({ endpoint: cognito.endpoint, dataDir: cognitoDir });
  const users = [
    { role: 'staff' as const, email: 'personal@bench.test', password: PASSWORD, name: 'Personal', groups: ['admin'] },
    ...Array.from({ length: SHOPPERS }, (_, i) => ({ role: 'shopper' as const, email: `comprador${i}@bench.test`, password: PASSWORD, name: `Comprador ${i}`, groups: [] })),
  ];
  const created = await ensureDemoUsers(pool, users);
  const auth = createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId });
  const sessions = await Promise.all(users.map((u) => auth.login({ email: u.email, password: u.password })));
  const staffToken = sessions[0]!.tokens.idToken;
  const shopperTokens = sessions.slice(1).map((s) => s.tokens.idToken);
  const shopperSubs = created.slice(1).map((c) => c.username);

  await bundleAppSyncCode(rootDir);
  server = await startApiProcess([dynamodb.endpoint, TABLE, API_KEY, pool.issuer, pool.clientId], 8);
  const api = server;
  const publish = createSignedGraphQLClient({ url: api.graphqlUrl.toString(), region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  // Warm-up: the resolver bundles and the parsed documents.
  await publishOrderChange(publish, orderOf(shopperSubs[0]!));

  const results: ScenarioResult[] = [];
  results.push(
    await scenario('staff feed (all 1,000 get each change)', api, () => subscribe(api, staffToken, `subscription { onOrderChanged { ${FIELDS} } }`, null), shopperSubs, publish),
  );
  results.push(
    await scenario(
      `shoppers (${SHOPPERS} × ${SUBSCRIPTIONS / SHOPPERS}, owner's get it)`,
      api,
      (i) => subscribe(api, shopperTokens[i % SHOPPERS]!, `subscription { onMyOrderChanged { ${FIELDS} } }`, shopperSubs[i % SHOPPERS]!),
      shopperSubs,
      publish,
    ),
  );

  console.log(`bench:realtime — ${SUBSCRIPTIONS} subscriptions (one WebSocket each), ${CHANGES} changes per scenario, runtime in its own process`);
  console.log(`machine: ${machineDescription()}`);
  console.log(`${'scenario'.padEnd(44)} ${'deliveries'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'last p50'.padStart(9)} ${'last p99'.padStart(9)} ${'stray'.padStart(6)} ${'KiB/conn'.padStart(9)}`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(44)} ${String(r.deliveries).padStart(10)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.lastP50.toFixed(2).padStart(9)} ${r.lastP99.toFixed(2).padStart(9)} ${String(r.stray).padStart(6)} ${(r.rssPerConnection / 1024).toFixed(1).padStart(9)}`,
    );
  }
  console.log('latency: mutation sent → data message at a subscriber; last: until the last subscriber of a change has it; KiB/conn: server RSS growth per open connection with its subscription');
  if (results.some((r) => r.stray !== 0)) throw new Error('a subscriber received an order that is not its own');
} finally {
  server?.stop();
  client.destroy();
  await Promise.allSettled([dynamodb.stop(), cognito.stop()]);
  rmSync(cognitoDir, { recursive: true, force: true });
}
