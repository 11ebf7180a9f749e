/**
 * Sales analytics end to end: orders placed and moved through the real local API, the event pipeline (same
 * handlers as deployed) writing the lake, the analytics Lambda (DuckDB over that lake) writing its items,
 * and staff reading them with Query.salesAnalytics. The expected figures are computed here from the Order
 * items in the table, so the page's numbers are checked against the system of record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ANALYTICS_DAYS_PK, salesDayGenerationOf, salesDaysIndexKey } from '../../analytics/sales-days';
import { startTestApi, type TestApi } from '../support/local-api';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { loadDemoCatalog } from '../../local/demo-catalog/load';
import { generateDemoCatalog } from '../../local/demo-catalog/generate';
import { startEventPipeline, type EventPipeline } from '../../local/event-fabric';
import { startLocalSes, type LocalSes } from '../../local/mail/ses-server';
import { readLakeRecords } from '../../local/lake/read-lake';
import { waitUntil } from '../../local/free-port';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { createLocalAnalyticsHandler } from '../../local/analytics-job';
import { createAwsClients, type AwsClients } from '../../functions/shared/aws-clients';
import { orderKey } from '../../model/keys';
import { shopDate } from '../../analytics/periods';
import type { OrderItem } from '../../model/order-items';
import type { SalesAnalytics, SalesPeriod } from '../../model/schema-types.generated';

const CATALOG_SIZE = 40;
const TIME_ZONE = 'America/Mexico_City';

const SALES_ANALYTICS = `query {
  salesAnalytics {
    generatedAt currency
    periods {
      id from to orders cancelledOrders cancellationRate salesCents units averageBasketCents
      statuses { status orders }
      states { state orders salesCents }
      topProducts { productId sku name units revenueCents unitsRank revenueRank }
      topCategories { categoryId name units revenueCents unitsRank revenueRank }
      prescription { orders prescriptionOrders units prescriptionUnits revenueCents prescriptionRevenueCents }
      customers { customers newCustomers returningCustomers newCustomerOrders returningCustomerOrders }
    }
    series { granularity from to points { periodStart orders cancelledOrders salesCents units averageBasketCents } }
  }
}`;

let api: TestApi;
let ses: LocalSes;
let pipeline: EventPipeline;
let clients: AwsClients;
let dataDir: string;
let shopperA: TestUser;
let shopperB: TestUser;
let staff: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoCatalog({ client: api.table.client, tableName: api.table.tableName, count: CATALOG_SIZE });
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-analytics-e2e-'));
  ses = await startLocalSes({ host: '127.0.0.1' });
  pipeline = await startEventPipeline({
    dynamodbEndpoint: api.table.endpoint,
    tableName: api.table.tableName,
    dataDir,
    sesEndpoint: ses.endpoint,
    pollIntervalMs: 50,
    firehoseBufferIntervalMs: 100,
    logLevel: 'SILENT',
    log: () => undefined,
  });
  clients = createAwsClients(pipeline.lambdaSettings, { credentials: LOCAL_CREDENTIALS });
  [shopperA, shopperB, staff] = await Promise.all([createTestUser(), createTestUser(), createTestUser({ groups: ['admin'], prefix: 'personal' })]);
}, 120_000);

afterAll(async () => {
  clients?.destroy();
  await pipeline?.stop();
  await ses?.close();
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const runAnalytics = () =>
  createLocalAnalyticsHandler({ settings: pipeline.lambdaSettings, clients, lakeDir: pipeline.lakeDir, shopTimeZone: TIME_ZONE })({ source: 'test' });

const SALES_RANGE = `query($from: AWSDate!, $to: AWSDate!) {
  salesRange(from: $from, to: $to) {
    id from to orders cancelledOrders cancellationRate salesCents units averageBasketCents
    statuses { status orders }
    states { state orders salesCents }
    topProducts { productId sku name units revenueCents unitsRank revenueRank }
    topCategories { categoryId name units revenueCents unitsRank revenueRank }
    prescription { orders prescriptionOrders units prescriptionUnits revenueCents prescriptionRevenueCents }
    customers { customers newCustomers returningCustomers newCustomerOrders returningCustomerOrders }
  }
}`;

async function readRange(caller: TestUser, from: string, to: string) {
  return api.graphql<{ salesRange: SalesPeriod | null }>(SALES_RANGE, { from, to }, caller);
}

async function readAnalytics(caller: TestUser) {
  return api.graphql<{ salesAnalytics: SalesAnalytics | null }>(SALES_ANALYTICS, {}, caller);
}

describe('sales analytics from orders placed through the API', () => {
  const products = generateDemoCatalog({ count: CATALOG_SIZE }).filter((p) => p.active && p.stock >= 10);
  const rx = products.find((p) => p.prescriptionRequired)!;
  const otc = products.filter((p) => !p.prescriptionRequired).slice(0, 2);
  const orderIds: string[] = [];

  async function placeOrder(shopper: TestUser, items: { productId: string; quantity: number }[], state: string, postalCode: string) {
    const result = await api.graphql<{ createOrder: { id: string } }>(
      'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
      {
        input: {
          items,
          shippingAddress: { recipientName: 'Cliente Prueba', line1: 'Calle Hidalgo 10', city: 'Ciudad', state, postalCode, country: 'MX' },
          clientToken: `analytics-${orderIds.length}-${shopper.sub}`,
        },
      },
      shopper,
    );
    expect(result.errors).toBeUndefined();
    orderIds.push(result.data!.createOrder.id);
    return result.data!.createOrder.id;
  }

  async function move(id: string, status: string) {
    if (status === 'SHIPPED') {
      // An order with prescription lines ships only after a pharmacist verified the prescription.
      const verified = await api.graphql('mutation($id: ID!) { verifyPrescription(id: $id) { id } }', { id }, staff);
      const reasons = (verified.errors ?? []).map((e) => (e.errorInfo as { reason?: string } | null)?.reason);
      expect(reasons.filter((reason) => reason !== 'NoPrescriptionLines')).toEqual([]);
    }
    const details = status === 'SHIPPED' ? { carrier: 'Estafeta', trackingNumber: 'EST-0001' } : status === 'CANCELLED' ? { reason: 'Prueba' } : {};
    const result = await api.graphql(
      'mutation($id: ID!, $status: OrderStatus!, $reason: String, $carrier: String, $trackingNumber: String) { updateOrderStatus(id: $id, status: $status, reason: $reason, carrier: $carrier, trackingNumber: $trackingNumber) { id } }',
      { id, status, ...details },
      staff,
    );
    expect(result.errors).toBeUndefined();
  }

  it('gives no figures before the job has run', async () => {
    const result = await readAnalytics(staff);
    expect(result.errors).toBeUndefined();
    expect(result.data?.salesAnalytics).toBeNull();
    const today = shopDate(TIME_ZONE, new Date());
    const range = await readRange(staff, today, today);
    expect(range.errors).toBeUndefined();
    expect(range.data?.salesRange).toBeNull();
  });

  it('shows exactly the figures of the orders in the table, after cancellations and status changes', async () => {
    const first = await placeOrder(shopperA, [{ productId: otc[0]!.id, quantity: 3 }, { productId: rx.id, quantity: 1 }], 'Jalisco', '44100');
    const second = await placeOrder(shopperA, [{ productId: otc[1]!.id, quantity: 2 }], 'Jalisco', '44100');
    const third = await placeOrder(shopperB, [{ productId: otc[0]!.id, quantity: 1 }, { productId: otc[1]!.id, quantity: 4 }], 'Nuevo León', '64000');
    await move(first, 'PAID');
    await move(first, 'SHIPPED');
    await move(second, 'CANCELLED');
    await move(third, 'PAID');
    // 3 placements + 4 status changes = 7 distinct events in the lake.
    await waitUntil(
      async () => new Set((await readLakeRecords<{ event_id: string }>(pipeline.lakeDir)).map((r) => r.event_id)).size === 7,
      'the 7 order events in the lake',
      60_000,
    );

    const report = await runAnalytics();
    expect(report).toMatchObject({ engine: 'duckdb', items: 11, dayItems: 1, monthItems: 1 });
    const result = await readAnalytics(staff);
    expect(result.errors).toBeUndefined();
    const analytics = result.data!.salesAnalytics!;
    expect(analytics.currency).toBe('MXN');

    const stored = await Promise.all(
      orderIds.map(async (id) => (await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: orderKey(id) }))).Item as OrderItem),
    );
    const kept = stored.filter((o) => o.status !== 'CANCELLED');
    const salesCents = kept.reduce((s, o) => s + o.totalCents, 0);
    const week = analytics.periods.find((p) => p.id === 'last-7-days')!;
    expect(week.to).toBe(shopDate(TIME_ZONE, new Date()));
    expect(week).toMatchObject({
      orders: 3,
      cancelledOrders: 1,
      salesCents,
      units: kept.reduce((s, o) => s + o.itemCount, 0),
      averageBasketCents: Math.round(salesCents / kept.length),
    });
    expect(week.cancellationRate).toBeCloseTo(1 / 3, 10);
    expect(week.statuses.map((s) => [s.status, s.orders]).sort()).toEqual([['CANCELLED', 1], ['PAID', 1], ['SHIPPED', 1]]);
    expect(week.states).toEqual([
      { state: 'Jalisco', orders: 1, salesCents: stored[0]!.totalCents },
      { state: 'Nuevo León', orders: 1, salesCents: stored[2]!.totalCents },
    ].sort((a, b) => b.salesCents - a.salesCents));

    // Products and categories: the lines of the orders not cancelled, as stored.
    const byProduct = new Map<string, { units: number; revenueCents: number; category: string }>();
    for (const line of kept.flatMap((o) => o.lines)) {
      const entry = byProduct.get(line.productId) ?? { units: 0, revenueCents: 0, category: line.categoryName ?? '' };
      entry.units += line.quantity;
      entry.revenueCents += line.lineTotalCents;
      byProduct.set(line.productId, entry);
    }
    expect(Object.fromEntries(week.topProducts.map((p) => [p.productId, { units: p.units, revenueCents: p.revenueCents }]))).toEqual(
      Object.fromEntries([...byProduct].map(([id, v]) => [id, { units: v.units, revenueCents: v.revenueCents }])),
    );
    const byCategory = new Map<string, number>();
    for (const v of byProduct.values()) byCategory.set(v.category, (byCategory.get(v.category) ?? 0) + v.revenueCents);
    expect(Object.fromEntries(week.topCategories.map((c) => [c.name, c.revenueCents]))).toEqual(Object.fromEntries(byCategory));
    expect(week.topCategories.every((c) => c.name.length > 0)).toBe(true);

    const rxLines = kept.flatMap((o) => o.lines).filter((l) => l.prescriptionRequired);
    expect(week.prescription).toEqual({
      orders: 2,
      prescriptionOrders: 1,
      units: kept.reduce((s, o) => s + o.itemCount, 0),
      prescriptionUnits: rxLines.reduce((s, l) => s + l.quantity, 0),
      revenueCents: kept.reduce((s, o) => s + o.subtotalCents, 0),
      prescriptionRevenueCents: rxLines.reduce((s, l) => s + l.lineTotalCents, 0),
    });
    expect(week.customers).toEqual({ customers: 2, newCustomers: 2, returningCustomers: 0, newCustomerOrders: 3, returningCustomerOrders: 0 });

    const days = analytics.series.find((s) => s.granularity === 'DAY')!.points;
    expect(days.reduce((s, p) => s + p.orders, 0)).toBe(3);
    expect(days.reduce((s, p) => s + p.salesCents, 0)).toBe(salesCents);
    expect(analytics.series.map((s) => s.granularity)).toEqual(['DAY', 'WEEK', 'MONTH']);
  }, 120_000);

  it('gives every metric of a custom date range, exactly the orders in the table (Query.salesRange)', async () => {
    const today = shopDate(TIME_ZONE, new Date());
    const range = await readRange(staff, today, today);
    expect(range.errors).toBeUndefined();
    const figures = range.data!.salesRange!;
    const stored = await Promise.all(
      orderIds.map(async (id) => (await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: orderKey(id) }))).Item as OrderItem),
    );
    const kept = stored.filter((o) => o.status !== 'CANCELLED');
    const salesCents = kept.reduce((sum, o) => sum + o.totalCents, 0);
    expect(figures).toMatchObject({
      id: 'custom',
      from: today,
      to: today,
      orders: stored.length,
      cancelledOrders: stored.length - kept.length,
      salesCents,
      units: kept.reduce((sum, o) => sum + o.itemCount, 0),
      averageBasketCents: Math.round(salesCents / kept.length),
    });
    expect(figures.statuses.map((x) => [x.status, x.orders]).sort()).toEqual(stored.map((o) => [o.status, 1]).sort());
    const byState = new Map<string, { state: string; orders: number; salesCents: number }>();
    for (const o of kept) {
      const entry = byState.get(o.shippingAddress.state) ?? { state: o.shippingAddress.state, orders: 0, salesCents: 0 };
      entry.orders += 1;
      entry.salesCents += o.totalCents;
      byState.set(entry.state, entry);
    }
    expect(figures.states).toEqual([...byState.values()].sort((a, b) => b.salesCents - a.salesCents));
    const byProduct = new Map<string, { units: number; revenueCents: number }>();
    for (const l of kept.flatMap((o) => o.lines)) {
      const entry = byProduct.get(l.productId) ?? { units: 0, revenueCents: 0 };
      entry.units += l.quantity;
      entry.revenueCents += l.lineTotalCents;
      byProduct.set(l.productId, entry);
    }
    expect(Object.fromEntries(figures.topProducts.map((p) => [p.productId, { units: p.units, revenueCents: p.revenueCents }]))).toEqual(Object.fromEntries(byProduct));
    expect(figures.topCategories.reduce((sum, c) => sum + c.revenueCents, 0)).toBe(kept.reduce((sum, o) => sum + o.subtotalCents, 0));
    const rxLines = kept.flatMap((o) => o.lines).filter((l) => l.prescriptionRequired);
    expect(figures.prescription).toEqual({
      orders: kept.length,
      prescriptionOrders: kept.filter((o) => o.lines.some((l) => l.prescriptionRequired)).length,
      units: kept.reduce((sum, o) => sum + o.itemCount, 0),
      prescriptionUnits: rxLines.reduce((sum, l) => sum + l.quantity, 0),
      revenueCents: kept.reduce((sum, o) => sum + o.subtotalCents, 0),
      prescriptionRevenueCents: rxLines.reduce((sum, l) => sum + l.lineTotalCents, 0),
    });
    expect(figures.customers).toEqual({ customers: 2, newCustomers: 2, returningCustomers: 0, newCustomerOrders: stored.length, returningCustomerOrders: 0 });
    // The same figures as the job's period holding only today's orders.
    const week = (await readAnalytics(staff)).data!.salesAnalytics!.periods.find((p) => p.id === 'last-7-days')!;
    expect({ ...figures, id: week.id, from: week.from, to: week.to }).toEqual(week);

    // A range without orders: zeros and empty lists, nothing hidden or failing.
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const empty = (await readRange(staff, yesterday, yesterday)).data!.salesRange!;
    expect(empty).toMatchObject({ orders: 0, salesCents: 0, statuses: [], states: [], topProducts: [], topCategories: [] });
    expect(empty.customers).toEqual({ customers: 0, newCustomers: 0, returningCustomers: 0, newCustomerOrders: 0, returningCustomerOrders: 0 });

    // Ranges the page cannot ask for are refused with the one validation error type.
    expect((await readRange(staff, today, yesterday)).errors?.[0]?.errorType).toBe('ValidationError');
    const future = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await readRange(staff, today, future)).errors?.[0]?.errorType).toBe('ValidationError');
    // Shoppers are refused.
    const refused = await readRange(shopperB, today, today);
    expect(refused.data?.salesRange ?? null).toBeNull();
    expect(refused.errors?.[0]?.errorType).toBe('Unauthorized');
  }, 60_000);

  it('changes nothing when a lake record is there twice', async () => {
    const before = (await readAnalytics(staff)).data!.salesAnalytics!;
    const today = shopDate(TIME_ZONE, new Date());
    const rangeBefore = (await readRange(staff, today, today)).data!.salesRange;
    const folder = (await readdir(path.join(pipeline.lakeDir, 'orders')))[0]!;
    const objects = await readdir(path.join(pipeline.lakeDir, 'orders', folder));
    await copyFile(path.join(pipeline.lakeDir, 'orders', folder, objects[0]!), path.join(pipeline.lakeDir, 'orders', folder, `copy-${objects[0]!}`));
    const lakeRecords = await readLakeRecords<{ event_id: string }>(pipeline.lakeDir);
    expect(lakeRecords.length).toBeGreaterThan(new Set(lakeRecords.map((r) => r.event_id)).size);
    await runAnalytics();
    const after = (await readAnalytics(staff)).data!.salesAnalytics!;
    expect(after.generatedAt > before.generatedAt || after.generatedAt === before.generatedAt).toBe(true);
    expect(after.periods).toEqual(before.periods);
    expect(after.series).toEqual(before.series);
    expect((await readRange(staff, today, today)).data!.salesRange).toEqual(rangeBefore);
    // A third run: the day items of the last two generations are kept (a reader may be summing the one
    // before), the first run's are gone; the pointer names the newest.
    const third = await runAnalytics();
    expect(third.removedDayItems).toBe(2); // the first run's day item and month item
    const dayKeys = await api.table.documentClient.send(
      new QueryCommand({ TableName: api.table.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': ANALYTICS_DAYS_PK } }),
    );
    const generations = [...new Set((dayKeys.Items ?? []).map((item) => salesDayGenerationOf(item.SK as string)))].sort();
    const pointer = (await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: salesDaysIndexKey() }))).Item!;
    expect(generations).toHaveLength(2);
    expect(generations[1]).toBe(pointer.generation);
  }, 60_000);

  it('refuses shoppers', async () => {
    const result = await readAnalytics(shopperB);
    expect(result.data?.salesAnalytics ?? null).toBeNull();
    expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
