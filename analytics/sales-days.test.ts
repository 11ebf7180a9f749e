/**
 * Any from–to range from the per-day items (analytics/sales-days.ts) gives exactly what the period SQL
 * (analytics/sql/*.sql) gives for that range as a period, every metric: run on DuckDB over a generated lake
 * of 14 months (orders before the series start too, so returning customers from before it exist), records
 * delivered twice included, for single days, weeks across months, the whole series and seeded random ranges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDuckDbRunner } from './duckdb-runner';
import { generateLake } from './lake-generator';
import { metricSql, parseMetricRows, type MetricName, type QueryParameters } from './metric-queries';
import { addDays, shopDate, utcOffsetMinutes, type ReportingPeriod } from './periods';
import type { QueryRunner } from './query-runner';
import { MAX_DAY_ITEM_BYTES, rangePlan, salesDayItems, salesOverRange, type SalesDayItem, type SalesDaysIndexItem } from './sales-days';
import { computeSalesReport, periodFigures, type SalesReport } from './sales-report';

const TIME_ZONE = 'America/Mexico_City';
const NOW = new Date('2026-03-20T18:00:00.000Z');
const TODAY = shopDate(TIME_ZONE, NOW);

let root: string;
let runner: QueryRunner;
let report: SalesReport;
let index: SalesDaysIndexItem;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'farmacruz-sales-days-'));
  const lakeDir = path.join(root, 'lake');
  // 14 months of orders: the series starts at the oldest reporting period (365 days back), so some
  // customers first ordered before it.
  generateLake({ lakeDir, records: 6_000, lastDay: TODAY, days: 430, duplicateShare: 0.05, recordsPerObject: 400, seed: 15 });
  runner = await createDuckDbRunner({ lakeDir });
  report = await computeSalesReport({ runner, timeZone: TIME_ZONE, currency: 'MXN', now: NOW });
  index = report.items.find((item) => item.type === 'SalesDaysIndex') as SalesDaysIndexItem;
}, 300_000);

afterAll(async () => {
  await runner?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What the period SQL gives for from..to as one period. */
async function bySql(from: string, to: string) {
  const period = { id: 'custom', from, to } as unknown as ReportingPeriod;
  const parameters: QueryParameters = { periods: [period], utcOffsetMinutes: utcOffsetMinutes(TIME_ZONE, NOW), top: 10 };
  const run = async (name: MetricName, p: QueryParameters) => parseMetricRows(name, await runner.run(metricSql(name, p)));
  return (await periodFigures(run, parameters))(period);
}

function seededRanges(count: number, first: string, last: string): [string, string][] {
  let a = 20261201;
  const next = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000);
  return Array.from({ length: count }, () => {
    const start = Math.floor(next() * span);
    const length = Math.floor(next() * 120);
    return [addDays(first, start), addDays(first, Math.min(span, start + length))];
  });
}

describe('any date range from the per-day items', () => {
  it('stores a day item per day with orders, within the item size, pointed at by the index', () => {
    expect(index).toMatchObject({ PK: 'ANALYTICS', SK: 'DAYS', generation: report.generatedAt, to: TODAY, top: 10, items: report.dayItems.length + report.monthItems.length });
    expect(index.from).toBe(addDays(TODAY, -364));
    expect(report.dayItems.length).toBeGreaterThan(300);
    expect(report.dayItems.length).toBeLessThanOrEqual(366);
    for (const item of report.dayItems) {
      expect(item.SK.startsWith(`GEN#${report.generatedAt}#DAY#${item.day}#`)).toBe(true);
      expect(item.day >= index.from && item.day <= index.to).toBe(true);
      expect(JSON.stringify(item).length).toBeLessThan(MAX_DAY_ITEM_BYTES);
    }
    // Customers from before the series are there as returning ones.
    const before = addDays(index.from, -1);
    expect(report.dayItems.some((d) => d.customersByPreviousOrder.some((c) => c.previousOrderDay === before))).toBe(true);
  });

  it('gives every metric of the reporting periods exactly as the job computed them', () => {
    for (const period of report.periods) {
      const stored = report.items.find((item) => item.type === 'SalesPeriod' && item.periodId === period.id)!;
      const { PK: _pk, SK: _sk, type: _type, generatedAt: _at, currency: _currency, periodId: _id, ...figures } = stored as Extract<typeof stored, { type: 'SalesPeriod' }>;
      const summed = salesOverRange(report.dayItems, period.from, period.to, 10);
      expect({ ...summed, id: period.id }, period.id).toEqual({ ...figures, id: period.id, cancellationRate: expect.closeTo(figures.cancellationRate, 10) });
    }
  });

  it('gives every metric of any range exactly as the period SQL does for it (single days, across months, the whole series, random)', async () => {
    const ranges: [string, string][] = [
      [TODAY, TODAY],
      [addDays(TODAY, -1), addDays(TODAY, -1)],
      ['2026-02-25', '2026-03-04'],
      ['2025-12-20', '2026-01-10'],
      [index.from, index.from],
      [index.from, TODAY],
      ...seededRanges(10, index.from, TODAY),
    ];
    for (const [from, to] of ranges) {
      const summed = salesOverRange(report.dayItems, from, to, 10);
      const expected = await bySql(from, to);
      expect(summed, `${from}..${to}`).toEqual({ ...expected, cancellationRate: expect.closeTo(expected.cancellationRate, 10) });
      expect(summed.customers.customers, `${from}..${to}`).toBe(summed.customers.newCustomers + summed.customers.returningCustomers);
    }
    // The checks are not vacuous: the whole series has returning customers, rankings and states.
    const whole = salesOverRange(report.dayItems, index.from, TODAY, 10);
    expect(whole.customers.returningCustomers).toBeGreaterThan(0);
    expect(whole.customers.newCustomers).toBeGreaterThan(0);
    expect(whole.topProducts.length).toBeGreaterThanOrEqual(10);
    expect(whole.states.length).toBeGreaterThan(5);
  }, 300_000);

  it('reads whole months from the month items and only the days at the ends, with the same figures as the period SQL', async () => {
    expect(report.monthItems.length).toBeGreaterThanOrEqual(12);
    expect(report.monthItems.length).toBeLessThanOrEqual(14);
    for (const month of report.monthItems) {
      expect(month.SK.startsWith(`GEN#${report.generatedAt}#MONTH#${month.day.slice(0, 7)}#`)).toBe(true);
      expect(month.day >= index.from && month.lastDay! <= index.to).toBe(true);
      expect(JSON.stringify(month).length).toBeLessThan(MAX_DAY_ITEM_BYTES);
    }
    const read = (from: string, to: string) => {
      const plan = rangePlan(report.monthItems, from, to);
      return [...plan.months, ...report.dayItems.filter((d) => plan.dayRanges.some(([a, b]) => d.day >= a && d.day <= b))];
    };
    const ranges: [string, string][] = [
      [index.from, TODAY],
      ['2026-01-01', '2026-02-28'],
      ['2025-12-20', '2026-02-10'],
      [TODAY, TODAY],
      ...seededRanges(6, index.from, TODAY),
    ];
    for (const [from, to] of ranges) {
      const expected = await bySql(from, to);
      expect(salesOverRange(read(from, to), from, to, 10), `${from}..${to}`).toEqual({ ...expected, cancellationRate: expect.closeTo(expected.cancellationRate, 10) });
    }
    // A whole year: its months and at most a month of days at either end, instead of every day.
    const year = read(index.from, TODAY);
    expect(year.filter((i) => i.type === 'SalesMonth').length).toBeGreaterThanOrEqual(11);
    expect(year.filter((i) => i.type === 'SalesDay').length).toBeLessThanOrEqual(62);
    // Two whole months: two month items, no day item.
    expect(read('2026-01-01', '2026-02-28').map((i) => i.type)).toEqual(['SalesMonth', 'SalesMonth']);
  }, 300_000);

  it('gives the same figures when a day is split into parts to stay within the item size', () => {
    const parts = salesDayItems('split', {
      points: [],
      statuses: [],
      states: [],
      products: [],
      categories: [],
      prescription: [],
      customers: [],
      firstOrders: [],
    });
    expect(parts).toEqual([]);
    const rows = (name: MetricName, rowsOf: (d: SalesDayItem) => Record<string, unknown>[]) =>
      parseMetricRows(name, report.dayItems.flatMap((d) => rowsOf(d).map((row) => ({ day: d.day, ...row }))));
    const split = salesDayItems(
      'split',
      {
        points: report.dayItems.filter((d) => d.part === 0).map((d) => ({ periodStart: d.day, orders: d.orders, cancelledOrders: d.cancelledOrders, salesCents: d.salesCents, units: d.units, averageBasketCents: 0 })),
        statuses: rows('daily_statuses', (d) => d.statuses.map((x) => ({ status: x.status, orders: x.orders }))),
        states: rows('daily_states', (d) => d.states.map((x) => ({ ship_state: x.state, orders: x.orders, sales_cents: x.salesCents }))),
        products: rows('daily_products', (d) => d.products.map((x) => ({ product_id: x.productId, sku: x.sku, product_name: x.name, units: x.units, revenue_cents: x.revenueCents }))),
        categories: rows('daily_categories', (d) => d.categories.map((x) => ({ category_id: x.categoryId, category_name: x.name, units: x.units, revenue_cents: x.revenueCents }))),
        prescription: rows('daily_prescription', (d) => (d.part === 0 ? [{ orders: d.prescription.orders, prescription_orders: d.prescription.prescriptionOrders, units: d.prescription.units, prescription_units: d.prescription.prescriptionUnits, revenue_cents: d.prescription.revenueCents, prescription_revenue_cents: d.prescription.prescriptionRevenueCents }] : [])),
        customers: rows('daily_customers', (d) => d.customersByPreviousOrder.map((x) => ({ previous_order_day: x.previousOrderDay, customers: x.customers }))),
        firstOrders: rows('daily_first_orders', (d) => d.ordersByFirstOrder.map((x) => ({ first_order_day: x.firstOrderDay, orders: x.orders }))),
      },
      1_500,
    );
    expect(split.length).toBeGreaterThan(report.dayItems.length * 2);
    for (const item of split) expect(JSON.stringify(item).length).toBeLessThanOrEqual(1_500 + 200);
    expect(new Set(split.map((item) => item.SK)).size).toBe(split.length);
    for (const [from, to] of [[index.from, TODAY], ['2026-02-25', '2026-03-04']] as const) {
      expect(salesOverRange(split, from, to, 10)).toEqual(salesOverRange(report.dayItems, from, to, 10));
    }
  });

  it('refuses a range whose start is after its end', () => {
    expect(() => salesOverRange(report.dayItems, TODAY, addDays(TODAY, -1), 10)).toThrow(/after/);
  });
});
