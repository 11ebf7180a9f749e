import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LakeOrderLine, LakeOrderRecord } from '../functions/order-lake/lake-record';
import { LAKE_COLUMNS } from '../infra/constructs/lake-catalog';
import type { SalesPeriodItem, SalesSeriesItem } from '../model/sales-analytics';
import { createDuckDbRunner } from './duckdb-runner';
import { LAKE_DUCKDB_COLUMNS } from './lake-table';
import { MAX_ORDER_LINES, metricSql, METRICS, type MetricName } from './metric-queries';
import { ORDER_LIMITS } from '../model/order-input';
import { reportingPeriods } from './periods';
import type { QueryRunner } from './query-runner';
import { computeSalesReport } from './sales-report';
import { salesOverDays } from '../model/sales-range';

const NOW = new Date('2026-03-20T18:00:00.000Z'); // 12:00 in Mexico City (UTC-6): the shop's today is 2026-03-20

const paracetamol = { product_id: 'P-PARA', sku: '750100', product_name: 'Paracetamol 500 mg', unit_price_cents: 3_500, prescription_required: false, category_id: 'analgesicos', category_name: 'Analgésicos' };
const amoxicilina = { product_id: 'P-AMOX', sku: '750200', product_name: 'Amoxicilina 500 mg', unit_price_cents: 12_000, prescription_required: true, category_id: 'antibioticos', category_name: 'Antibióticos' };
const jabon = { product_id: 'P-JABON', sku: '750300', product_name: 'Jabón neutro', unit_price_cents: 2_000, prescription_required: false, category_id: 'higiene', category_name: 'Higiene' };

type Product = typeof paracetamol;

function line(n: number, product: Product, quantity: number): LakeOrderLine {
  return { line_number: n, ...product, quantity, line_total_cents: product.unit_price_cents * quantity };
}

interface OrderSpec {
  id: string;
  customer: string;
  createdAt: string;
  state: string;
  lines: LakeOrderLine[];
  /** Status after each version: ['PENDING', 'PAID', ...]. */
  statuses: string[];
}

function records(spec: OrderSpec): LakeOrderRecord[] {
  const subtotal = spec.lines.reduce((s, l) => s + l.line_total_cents, 0);
  const shipping = subtotal >= 50_000 ? 0 : 4_900;
  return spec.statuses.map((status, i) => ({
    record_version: 1,
    event_id: `${spec.id}#v${i + 1}`,
    event_type: i === 0 ? 'OrderPlaced' : status === 'CANCELLED' ? 'OrderCancelled' : 'OrderStatusChanged',
    event_time: spec.createdAt,
    event_date: spec.createdAt.slice(0, 10),
    order_id: spec.id,
    order_version: i + 1,
    status,
    previous_status: i === 0 ? null : spec.statuses[i - 1]!,
    customer_key: spec.customer,
    currency: 'MXN',
    item_count: spec.lines.reduce((s, l) => s + l.quantity, 0),
    line_count: spec.lines.length,
    subtotal_cents: subtotal,
    shipping_cents: shipping,
    total_cents: subtotal + shipping,
    prescription_line_count: spec.lines.filter((l) => l.prescription_required).length,
    ship_state: spec.state,
    ship_postal_code: '01000',
    ship_country: 'MX',
    order_created_at: spec.createdAt,
    lines: spec.lines,
  }));
}

const orders: OrderSpec[] = [
  // c1 ordered in January (returning in March); its January order is outside the March periods.
  { id: 'O-JAN', customer: 'c1', createdAt: '2026-01-10T17:00:00.000Z', state: 'Jalisco', lines: [line(1, jabon, 1)], statuses: ['PENDING', 'PAID', 'DELIVERED'] },
  // 2026-03-19 in the shop, paid: 2×35 + 1×120 = 190.00 + 49.00 shipping.
  { id: 'O-1', customer: 'c1', createdAt: '2026-03-19T16:00:00.000Z', state: 'Jalisco', lines: [line(1, paracetamol, 2), line(2, amoxicilina, 1)], statuses: ['PENDING', 'PAID'] },
  // 02:30 UTC on the 20th is 20:30 on the 19th in the shop: counts on the 19th. Shipped. 4×35 = 140 + 49.
  { id: 'O-2', customer: 'c2', createdAt: '2026-03-20T02:30:00.000Z', state: 'Nuevo León', lines: [line(1, paracetamol, 4)], statuses: ['PENDING', 'PAID', 'SHIPPED'] },
  // Cancelled after payment: an order, a cancellation, no sales.
  { id: 'O-3', customer: 'c3', createdAt: '2026-03-20T15:00:00.000Z', state: 'Jalisco', lines: [line(1, amoxicilina, 5)], statuses: ['PENDING', 'PAID', 'CANCELLED'] },
  // Pending, big basket (free shipping): 5×120 = 600.
  { id: 'O-4', customer: 'c2', createdAt: '2026-03-20T16:00:00.000Z', state: 'Nuevo León', lines: [line(1, amoxicilina, 5)], statuses: ['PENDING'] },
  // February (previous month): delivered, 3×20 + 49.
  { id: 'O-FEB', customer: 'c4', createdAt: '2026-02-14T18:00:00.000Z', state: 'CDMX', lines: [line(1, jabon, 3)], statuses: ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED'] },
];

function writeLake(dir: string, objects: Record<string, LakeOrderRecord[]>): void {
  for (const [key, recs] of Object.entries(objects)) {
    const file = path.join(dir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(recs.map((r) => `${JSON.stringify(r)}\n`).join('')));
  }
}

/** Every version in the lake as Firehose would deliver them: each in the partition of its arrival. */
function lakeObjects(): Record<string, LakeOrderRecord[]> {
  const objects: Record<string, LakeOrderRecord[]> = {};
  for (const spec of orders) {
    for (const record of records(spec)) {
      const key = `orders/dt=${record.event_date}/farmacruz-orders-lake-1-${record.event_date}-00-00-00-${record.event_id.replace('#', '-')}.gz`;
      objects[key] = [record];
    }
  }
  return objects;
}

async function report(lakeDir: string) {
  const runner = await createDuckDbRunner({ lakeDir });
  try {
    return await computeSalesReport({ runner, timeZone: 'America/Mexico_City', currency: 'MXN', now: NOW });
  } finally {
    await runner.close();
  }
}

const period = (items: readonly unknown[], id: string) => (items as SalesPeriodItem[]).find((i) => i.SK === `PERIOD#${id}`)!;
const series = (items: readonly unknown[], g: string) => (items as SalesSeriesItem[]).find((i) => i.SK === `SERIES#${g}`)!;

describe('sales metrics over the lake (DuckDB)', () => {
  let root: string;
  let lakeDir: string;
  let items: readonly unknown[];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'farmacruz-analytics-'));
    lakeDir = path.join(root, 'lake');
    writeLake(lakeDir, lakeObjects());
    items = (await report(lakeDir)).items;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('counts each order once by its latest version, in the shop’s calendar', () => {
    const week = period(items, 'last-7-days');
    expect(week).toMatchObject({ from: '2026-03-14', to: '2026-03-20', orders: 4, cancelledOrders: 1, cancellationRate: 0.25 });
    // Sales of the orders not cancelled: (7000+12000+4900) + (14000+4900) + 60000.
    expect(week.salesCents).toBe(23_900 + 18_900 + 60_000);
    expect(week.units).toBe(3 + 4 + 5);
    expect(week.averageBasketCents).toBe(Math.round((23_900 + 18_900 + 60_000) / 3));
  });

  it('gives sales and orders per day, week and month', () => {
    expect(series(items, 'DAY').points).toEqual([
      { periodStart: '2026-01-10', orders: 1, cancelledOrders: 0, salesCents: 6_900, units: 1, averageBasketCents: 6_900 },
      { periodStart: '2026-02-14', orders: 1, cancelledOrders: 0, salesCents: 10_900, units: 3, averageBasketCents: 10_900 },
      { periodStart: '2026-03-19', orders: 2, cancelledOrders: 0, salesCents: 42_800, units: 7, averageBasketCents: 21_400 },
      { periodStart: '2026-03-20', orders: 2, cancelledOrders: 1, salesCents: 60_000, units: 5, averageBasketCents: 60_000 },
    ]);
    // 2026-03-16 is the Monday of the week of the 19th and 20th.
    expect(series(items, 'WEEK').points.at(-1)).toEqual({ periodStart: '2026-03-16', orders: 4, cancelledOrders: 1, salesCents: 102_800, units: 12, averageBasketCents: 34_267 });
    expect(series(items, 'MONTH').points.map((p) => [p.periodStart, p.orders, p.salesCents])).toEqual([
      ['2026-01-01', 1, 6_900],
      ['2026-02-01', 1, 10_900],
      ['2026-03-01', 4, 102_800],
    ]);
  });

  it('splits orders by current status', () => {
    expect(period(items, 'this-month').statuses).toEqual([
      { status: 'CANCELLED', orders: 1 },
      { status: 'PAID', orders: 1 },
      { status: 'PENDING', orders: 1 },
      { status: 'SHIPPED', orders: 1 },
    ]);
    expect(period(items, 'previous-month')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', orders: 1, statuses: [{ status: 'DELIVERED', orders: 1 }] });
  });

  it('ranks products and categories by units and by revenue, leaving cancelled orders out', () => {
    expect(period(items, 'this-month').topProducts).toEqual([
      { productId: 'P-AMOX', sku: '750200', name: 'Amoxicilina 500 mg', units: 6, revenueCents: 72_000, unitsRank: 1, revenueRank: 1 },
      { productId: 'P-PARA', sku: '750100', name: 'Paracetamol 500 mg', units: 6, revenueCents: 21_000, unitsRank: 2, revenueRank: 2 },
    ]);
    expect(period(items, 'this-year').topCategories.map((c) => [c.name, c.units, c.revenueCents, c.unitsRank, c.revenueRank])).toEqual([
      ['Antibióticos', 6, 72_000, 1, 1],
      ['Analgésicos', 6, 21_000, 2, 2],
      ['Higiene', 4, 8_000, 3, 3],
    ]);
  });

  it('gives the prescription share of orders, units and revenue', () => {
    expect(period(items, 'this-month').prescription).toEqual({
      orders: 3,
      prescriptionOrders: 2,
      units: 12,
      prescriptionUnits: 6,
      revenueCents: 93_000,
      prescriptionRevenueCents: 72_000,
    });
  });

  it('gives sales by state', () => {
    expect(period(items, 'this-month').states).toEqual([
      { state: 'Nuevo León', orders: 2, salesCents: 78_900 },
      { state: 'Jalisco', orders: 1, salesCents: 23_900 },
    ]);
  });

  it('tells new customers from returning ones by their first order ever', () => {
    // March: c1 ordered in January (returning); c2 and c3 ordered first in March (new).
    expect(period(items, 'this-month').customers).toEqual({
      customers: 3,
      newCustomers: 2,
      returningCustomers: 1,
      newCustomerOrders: 3,
      returningCustomerOrders: 1,
    });
    expect(period(items, 'this-year').customers).toMatchObject({ customers: 4, newCustomers: 4, returningCustomers: 0 });
  });

  it('changes nothing when the lake holds a record twice', async () => {
    const copyDir = path.join(root, 'lake-with-copies');
    const objects = lakeObjects();
    // Firehose redelivered a whole object, and Kinesis a single record into a later object.
    const [firstKey, firstRecords] = Object.entries(objects)[3]!;
    const o3cancel = records(orders[3]!)[2]!;
    writeLake(copyDir, {
      ...objects,
      [firstKey.replace('.gz', '-copy.gz')]: firstRecords,
      'orders/dt=2026-03-20/farmacruz-orders-lake-1-2026-03-20-23-59-59-redelivered.gz': [o3cancel, o3cancel],
    });
    const again = (await report(copyDir)).items;
    const strip = (list: readonly unknown[]) => JSON.stringify(list);
    expect(strip(again)).toBe(strip(items));
  });

  it('gives every reporting period’s additive figures as the sum of its days (the page’s free date range)', () => {
    const days = series(items, 'DAY').points;
    for (const id of ['last-7-days', 'last-30-days', 'this-month', 'previous-month', 'this-year', 'last-365-days']) {
      const stored = period(items, id);
      const summed = salesOverDays(days, stored.from, stored.to);
      expect(summed, id).toMatchObject({
        orders: stored.orders,
        cancelledOrders: stored.cancelledOrders,
        salesCents: stored.salesCents,
        units: stored.units,
        averageBasketCents: stored.averageBasketCents,
      });
      expect(summed.cancellationRate, id).toBeCloseTo(stored.cancellationRate, 4);
    }
    // A range of days no period has: the 19th alone (O-1 and O-2, both kept).
    expect(salesOverDays(days, '2026-03-19', '2026-03-19')).toMatchObject({ orders: 2, cancelledOrders: 0, salesCents: 23_900 + 18_900, units: 7 });
    expect(() => salesOverDays(days, '2026-03-20', '2026-03-19')).toThrow(/after/);
    expect(() => salesOverDays(days, '2026-3-1', '2026-03-19')).toThrow(/YYYY-MM-DD/);
  });

  it('loads the lake once per run: every query of a run reads the same snapshot, the next run sees new objects', async () => {
    const liveDir = path.join(root, 'lake-growing');
    writeLake(liveDir, lakeObjects());
    const count = 'SELECT count(*) AS n FROM order_events';
    const runner = await createDuckDbRunner({ lakeDir: liveDir });
    try {
      const before = Number((await runner.run(count))[0]!.n);
      expect(before).toBeGreaterThan(0);
      // An object delivered while the job runs belongs to the next run, not to half of this run's queries.
      writeLake(liveDir, { 'orders/dt=2026-03-20/farmacruz-orders-lake-1-2026-03-20-23-59-59-late.gz': records(orders[4]!) });
      expect(Number((await runner.run(count))[0]!.n)).toBe(before);
      const next = await createDuckDbRunner({ lakeDir: liveDir });
      try {
        expect(Number((await next.run(count))[0]!.n)).toBe(before + records(orders[4]!).length);
      } finally {
        await next.close();
      }
      // `npm run lake:query` reads the files on every query.
      const live = await createDuckDbRunner({ lakeDir: liveDir, lake: 'view' });
      try {
        expect(Number((await live.run(count))[0]!.n)).toBe(before + records(orders[4]!).length);
      } finally {
        await live.close();
      }
    } finally {
      await runner.close();
    }
  });

  it('answers with zeros, not errors, on an empty lake', async () => {
    const empty = (await report(path.join(root, 'no-lake'))).items;
    expect(period(empty, 'last-30-days')).toMatchObject({ orders: 0, salesCents: 0, cancellationRate: 0, topProducts: [], statuses: [] });
    expect(series(empty, 'DAY').points).toEqual([]);
  });
});

describe('metric SQL', () => {
  it('reads the lake with the columns and types of the Glue table', () => {
    const hiveToDuck: Record<string, string> = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR', boolean: 'BOOLEAN' };
    const translate = (type: string): string =>
      type.startsWith('array<struct<')
        ? `STRUCT(${type
            .slice('array<struct<'.length, -2)
            .split(',')
            .map((field) => {
              const [name, t] = field.split(':');
              return `${name} ${hiveToDuck[t!]}`;
            })
            .join(', ')})[]`
        : hiveToDuck[type]!;
    expect(LAKE_DUCKDB_COLUMNS.map(([name, type]) => [name, type])).toEqual(LAKE_COLUMNS.map((c) => [c.name, translate(c.type)]));
  });

  it('keeps to SQL Athena (Trino) also runs: no DuckDB-only syntax in any metric', async () => {
    const periods = reportingPeriods('2026-03-20');
    for (const name of Object.keys(METRICS) as MetricName[]) {
      const sql = metricSql(name, { periods, utcOffsetMinutes: -360 });
      // DuckDB shorthands Trino rejects: ::casts, FROM-first, list literals, struct literals, QUALIFY, double-quoted strings.
      expect(sql).not.toMatch(/::|\bQUALIFY\b|\bEXCLUDE\b|\{'|\[\d|\bGROUP BY ALL\b|\bilike\b|"/i);
      expect(sql).not.toMatch(/\{\{/);
    }
  });

  it('reads as many lines as an order may have', () => {
    expect(MAX_ORDER_LINES).toBe(ORDER_LIMITS.maxLines);
  });

  it('refuses parameters that are not dates, enums or small integers', () => {
    const periods = reportingPeriods('2026-03-20');
    expect(() => metricSql('period_summary', { periods: [{ ...periods[0]!, from: "2026-01-01' OR 1=1 --" }], utcOffsetMinutes: 0 })).toThrow(/date/);
    expect(() => metricSql('sales_by_period', { periods, utcOffsetMinutes: 0, granularity: 'year' as never })).toThrow(/granularity/);
    expect(() => metricSql('top_products', { periods, utcOffsetMinutes: 0, top: 1e6 })).toThrow(/top/);
  });

  it('runs every metric on DuckDB', async () => {
    const runner: QueryRunner = await createDuckDbRunner({ lakeDir: path.join(tmpdir(), 'farmacruz-no-lake-here') });
    try {
      const periods = reportingPeriods('2026-03-20');
      for (const name of Object.keys(METRICS) as MetricName[]) {
        await expect(runner.run(metricSql(name, { periods, utcOffsetMinutes: -360 }))).resolves.toBeInstanceOf(Array);
      }
    } finally {
      await runner.close();
    }
  });
});
