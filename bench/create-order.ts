/**
 * Benchmark (issue: orders): `createOrder` with 2 lines through the local AppSync runtime — real JWTs from
 * cognito-local, the pipeline (validate → BatchGetItem → TransactWriteItems) in the sandbox — against the
 * raw TransactWriteItems of the same shape (put order, put client token, put reservation, unpaid count + 1,
 * 2 conditional stock decrements)
 * sent straight to the same DynamoDB Local, same run. Prints orders/s, p50/p99 and the ratio.
 *
 * The two scenarios alternate over BENCH_ROUNDS rounds (raw, createOrder, raw, createOrder, …): a shared
 * machine's slow spell then hits both alike, and neither always runs on a colder JVM (the first scenario of
 * a run used to pay DynamoDB Local's JIT warm-up for transactions). Each round's ratio compares two runs
 * seconds apart; the figure to read is the median of the rounds' ratios. An unmeasured warm-up round of
 * both (up to 5 s each) comes first. Bounded: every scenario stops after BENCH_SECONDS or 100,000 requests,
 * whichever comes first.
 *
 *   npm run bench:orders        (env BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCY: defaults 10, 3 and 20)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { createAuthClient } from '../auth-client/auth-client';
import { startCognitoLocal } from '../local/cognito-local';
import { ensureDemoUsers } from '../local/demo-users';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { provisionUserPool } from '../local/user-pool';
import { productKey, unpaidOrdersKey } from '../model/keys';
import { clientTokenItem, newOrderItem } from '../model/order-items';
import { DEFAULT_ORDER_POLICY, ORDER_POLICY_ENV, reservationMillis } from '../model/order-payment';
import { priceOrder, type ProductForOrder } from '../model/order-pricing';
import { reservationItem } from '../model/order-reservation';
import { productItem, type ProductInput } from '../model/product-items';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { keepAliveDynamoDbClient, startApiProcess, type ApiProcess } from './support/api-process';
import { formatResults, machineDescription, runLoad, type LoadOptions, type LoadResult } from './support/load';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
/** createOrder's throughput against raw TransactWriteItems that issue 13 asks to keep. */
const GOAL = 0.7;
if (!(seconds > 0 && seconds <= 120) || !Number.isInteger(rounds) || rounds < 1 || rounds > 10) {
  throw new Error('BENCH_SECONDS must be from 1 to 120 and BENCH_ROUNDS a whole number from 1 to 10');
}
const load: LoadOptions = { concurrency, durationMs: seconds * 1000, maxRequests: 100_000, warmupPerClient: 5 };
const API_KEY = 'da2-benchmark-api-key';
const TABLE = 'bench-orders';
const PRODUCTS = 200;
const SHOPPERS = 8;
const PASSWORD = 'Bench-Shopper1';
const address = {
  recipientName: 'Ana López García',
  line1: 'Av. Independencia 1234',
  city: 'Veracruz',
  state: 'Veracruz',
  postalCode: '91700',
  country: 'MX',
};

const createOrder = `mutation($input: CreateOrderInput!) {
  createOrder(input: $input) { id status total { amountCents currency } lines { productId quantity } }
}`;

function catalogProduct(i: number, now: string): ProductInput {
  return {
    id: ulid(),
    sku: `BENCH-${i}`,
    name: `Producto de prueba ${i}`,
    activeIngredients: ['Paracetamol'],
    lab: 'Laboratorios Pisa',
    presentation: 'Caja con 20 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 1000 + 37 * i,
    currency: 'MXN',
    stock: 10_000_000,
    prescriptionRequired: false,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

const dynamodb = await startDynamoDbLocal();
const cognitoDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-cognito-'));
const cognito = await startCognitoLocal({ dataDir: cognitoDir });
const client = keepAliveDynamoDbClient(dynamodb.endpoint, concurrency + 8);
let server: ApiProcess | undefined;
try {
  await ensureTable(client, TABLE);
  const now = new Date().toISOString();
  const products = Array.from({ length: PRODUCTS }, (_, i) => catalogProduct(i, now));
  const documents = DynamoDBDocumentClient.from(client);
  for (let i = 0; i < products.length; i += 25) {
    const chunk = products.slice(i, i + 25).map((p) => ({ PutRequest: { Item: productItem(p) } }));
    await documents.send(new BatchWriteCommand({ RequestItems: { [TABLE]: chunk } }));
  }
  const pair = (i: number): [ProductInput, ProductInput] => [products[(2 * i) % PRODUCTS]!, products[(2 * i + 1) % PRODUCTS]!];

  const pool = await provisionUserPool({ endpoint: cognito.endpoint, dataDir: cognitoDir });
  const shoppers = Array.from({ length: SHOPPERS }, (_, i) => ({
    role: 'shopper' as const,
    email: `comprador${i}@bench.test`,
    password: PASSWORD,
    name: `Comprador ${i}`,
    groups: [],
  }));
  const created = await ensureDemoUsers(pool, shoppers);
  const auth = createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId });
  const sessions = await Promise.all(shoppers.map((s) => auth.login({ email: s.email, password: s.password })));
  const shopperSubs = created.map((c) => c.username);

  await bundleAppSyncCode(rootDir);
  // The bench's few shoppers place thousands of unpaid orders: lift the unpaid-orders limit (its count is still
  // kept, in the same transaction, so the cost is measured).
  const environment = JSON.stringify({ [ORDER_POLICY_ENV.maxUnpaidOrders]: '100000000' });
  server = await startApiProcess([dynamodb.endpoint, TABLE, API_KEY, pool.issuer, pool.clientId, environment], concurrency + 8);
  const api = server;

  let firstFailure: string | undefined;
  const graphqlCreateOrder = async (i: number) => {
    const [a, b] = pair(i);
    const body = JSON.stringify({
      query: createOrder,
      variables: {
        input: {
          items: [
            { productId: a.id, quantity: 1 },
            { productId: b.id, quantity: 2 },
          ],
          shippingAddress: address,
          clientToken: randomUUID(),
        },
      },
    });
    const { status, text } = await api.post(body, { authorization: sessions[i % SHOPPERS]!.tokens.idToken });
    const parsed = JSON.parse(text) as { errors?: unknown[]; data?: { createOrder?: { id?: string } } };
    const ok = status === 200 && !parsed.errors && Boolean(parsed.data?.createOrder?.id);
    if (!ok) firstFailure ??= text.slice(0, 500);
    return ok;
  };

  // The same six writes createOrder's transaction makes, built by the same item builders.
  const rawTransaction = async (i: number) => {
    const [a, b] = pair(i);
    const items = [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 2 },
    ];
    const pricing = priceOrder(items, [a, b] as ProductForOrder[]);
    if (!pricing.ok) throw new Error(`unexpected pricing failure: ${pricing.reason}`);
    const id = ulid();
    const at = new Date().toISOString();
    const sub = shopperSubs[i % SHOPPERS]!;
    const clientToken = randomUUID();
    const reservationExpiresAt = new Date(Date.parse(at) + reservationMillis('CARD', DEFAULT_ORDER_POLICY)).toISOString();
    const order = newOrderItem({
      id,
      now: at,
      actor: { sub, username: sub },
      clientToken,
      shippingAddress: address,
      priced: pricing.order,
      payment: { method: 'CARD', reservationExpiresAt },
    });
    const token = clientTokenItem(sub, clientToken, id, at);
    const reservation = reservationItem({ id, ownerId: sub, reservationExpiresAt });
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: marshall(order), ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: TABLE, Item: marshall(token), ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: TABLE, Item: marshall(reservation), ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: TABLE,
              Key: marshall(unpaidOrdersKey(sub)),
              UpdateExpression: 'SET #type = :type ADD unpaidCount :one',
              ConditionExpression: 'attribute_not_exists(unpaidCount) OR unpaidCount < :max',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': { S: 'UnpaidOrders' }, ':one': { N: '1' }, ':max': { N: '100000000' } },
            },
          },
          ...items.map((line) => ({
            Update: {
              TableName: TABLE,
              Key: marshall(productKey(line.productId)),
              UpdateExpression: 'SET #stock = #stock - :q',
              ConditionExpression: '#stock >= :q AND #active = :active',
              ExpressionAttributeNames: { '#stock': 'stock', '#active': 'active' },
              ExpressionAttributeValues: { ':q': { N: String(line.quantity) }, ':active': { BOOL: true } },
            },
          })),
        ],
      }),
    );
    return true;
  };

  const loadAverage = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');
  // An unmeasured round first: DynamoDB Local's JIT and the API process warm up on both paths (the first
  // measured round used to run several times slower than the later ones).
  const warmup: LoadOptions = { ...load, durationMs: Math.min(load.durationMs, 5000) };
  await runLoad('warm-up raw', warmup, rawTransaction);
  await runLoad('warm-up createOrder', warmup, graphqlCreateOrder);

  const raws: LoadResult[] = [];
  const graphqls: LoadResult[] = [];
  const ratios: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const raw = await runLoad(`raw TransactWriteItems #${round}`, load, rawTransaction);
    const gql = await runLoad(`createOrder (2 lines) #${round}`, load, graphqlCreateOrder);
    raws.push(raw);
    graphqls.push(gql);
    ratios.push(gql.perSecond / raw.perSecond);
    console.log(
      `round ${round}: raw ${raw.perSecond.toFixed(0)} req/s, createOrder ${gql.perSecond.toFixed(0)} req/s, ` +
        `ratio ${(100 * ratios[ratios.length - 1]!).toFixed(1)} % (load average ${loadAverage()})`,
    );
  }
  const median = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const ratio = median(ratios);

  console.log(`\nMachine: ${machineDescription()}, load average ${loadAverage()}`);
  console.log(
    `Load: ${concurrency} concurrent clients, ${rounds} alternating rounds of ${seconds} s per scenario, DynamoDB Local in memory, ` +
      `${PRODUCTS} products, ${SHOPPERS} shoppers\n`,
  );
  console.log(formatResults(raws.flatMap((raw, index) => [raw, graphqls[index]!])));
  console.log(
    `\ncreateOrder / raw TransactWriteItems throughput: ${(100 * ratio).toFixed(1)} % (median of ${rounds} rounds: ` +
      `${ratios.map((value) => `${(100 * value).toFixed(1)} %`).join(', ')}; goal ≥ ${100 * GOAL} %: ${ratio >= GOAL ? 'met' : 'NOT met'})`,
  );
  if (firstFailure) console.log(`first failed createOrder response: ${firstFailure}`);
} finally {
  server?.stop();
  await Promise.allSettled([dynamodb.stop(), cognito.stop()]);
  rmSync(cognitoDir, { recursive: true, force: true });
}
