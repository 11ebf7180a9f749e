/**
 * The analytics job's work, engine-agnostic: run every metric query (analytics/sql/) for the reporting
 * periods and the three series, and turn the rows into the table items the API serves
 * (model/sales-analytics.ts). Pure apart from the QueryRunner it is given.
 */
import {
  salesPeriodKey,
  salesSeriesKey,
  type SalesGranularityValue,
  type SalesPeriodItem,
  type SalesSeriesItem,
} from '../model/sales-analytics';
import type { OrderStatus } from '../model/order-events';
import { metricSql, parseMetricRows, type Granularity, type MetricName, type MetricRow, type QueryParameters } from './metric-queries';
import { reportingPeriods, shopDate, utcOffsetMinutes, type ReportingPeriod } from './periods';
import type { QueryRunner } from './query-runner';
import { salesDayItems, salesDaysIndexKey, salesMonthItems, type SalesDayItem, type SalesDaysIndexItem, type SalesRangeFigures } from './sales-days';

export interface SalesReportOptions {
  readonly runner: QueryRunner;
  readonly timeZone: string;
  readonly currency: string;
  readonly now: Date;
  /** Products and categories kept per ranking. */
  readonly top?: number;
}

export interface SalesReport {
  readonly generatedAt: string;
  readonly today: string;
  readonly periods: readonly ReportingPeriod[];
  /** The `ANALYTICS` items, written in one transaction: periods, series and the pointer to the day items. */
  readonly items: readonly (SalesPeriodItem | SalesSeriesItem | SalesDaysIndexItem)[];
  /** The per-day items of this run's generation (analytics/sales-days.ts), written before `items`. */
  readonly dayItems: readonly SalesDayItem[];
  /** The same days merged per month (a range reads its whole months from these). */
  readonly monthItems: readonly SalesDayItem[];
  /** Seconds each query took, by metric (series by granularity). */
  readonly timings: Readonly<Record<string, number>>;
}

const GRANULARITY_VALUE: Record<Granularity, SalesGranularityValue> = { day: 'DAY', week: 'WEEK', month: 'MONTH' };

const int = (row: MetricRow | undefined, column: string): number => Number(row?.[column] ?? 0);
const text = (row: MetricRow, column: string): string => String(row[column] ?? '');

function byPeriod(rows: MetricRow[]): Map<string, MetricRow[]> {
  const map = new Map<string, MetricRow[]>();
  for (const row of rows) {
    const id = text(row, 'period_id');
    map.set(id, [...(map.get(id) ?? []), row]);
  }
  return map;
}

type RunMetric = (name: MetricName, parameters: QueryParameters) => Promise<MetricRow[]>;

/**
 * Every metric of each period of `parameters.periods` by the period SQL (analytics/sql/*.sql): the job's
 * reporting periods, and in tests any range, to check the per-day sums (analytics/sales-days.ts) against.
 */
export async function periodFigures(run: RunMetric, parameters: QueryParameters): Promise<(period: ReportingPeriod) => SalesRangeFigures> {
  const summary = await run('period_summary', parameters);
  const statuses = byPeriod(await run('orders_by_status', parameters));
  const products = byPeriod(await run('top_products', parameters));
  const categories = byPeriod(await run('top_categories', parameters));
  const prescription = byPeriod(await run('prescription_share', parameters));
  const states = byPeriod(await run('sales_by_state', parameters));
  const customers = byPeriod(await run('customers', parameters));
  return (period) => {
    const totals = summary.find((row) => row.period_id === period.id);
    const rx = prescription.get(period.id)?.[0];
    const people = customers.get(period.id)?.[0];
    return {
      id: period.id,
      from: period.from,
      to: period.to,
      orders: int(totals, 'orders'),
      cancelledOrders: int(totals, 'cancelled_orders'),
      cancellationRate: Number(totals?.cancellation_rate ?? 0),
      salesCents: int(totals, 'sales_cents'),
      units: int(totals, 'units'),
      averageBasketCents: int(totals, 'average_basket_cents'),
      statuses: (statuses.get(period.id) ?? []).map((row) => ({ status: text(row, 'status') as OrderStatus, orders: int(row, 'orders') })),
      states: (states.get(period.id) ?? []).map((row) => ({ state: text(row, 'ship_state'), orders: int(row, 'orders'), salesCents: int(row, 'sales_cents') })),
      topProducts: (products.get(period.id) ?? []).map((row) => ({
        productId: text(row, 'product_id'),
        sku: text(row, 'sku'),
        name: text(row, 'product_name'),
        units: int(row, 'units'),
        revenueCents: int(row, 'revenue_cents'),
        unitsRank: int(row, 'units_rank'),
        revenueRank: int(row, 'revenue_rank'),
      })),
      topCategories: (categories.get(period.id) ?? []).map((row) => ({
        categoryId: text(row, 'category_id'),
        name: text(row, 'category_name'),
        units: int(row, 'units'),
        revenueCents: int(row, 'revenue_cents'),
        unitsRank: int(row, 'units_rank'),
        revenueRank: int(row, 'revenue_rank'),
      })),
      prescription: {
        orders: int(rx, 'orders'),
        prescriptionOrders: int(rx, 'prescription_orders'),
        units: int(rx, 'units'),
        prescriptionUnits: int(rx, 'prescription_units'),
        revenueCents: int(rx, 'revenue_cents'),
        prescriptionRevenueCents: int(rx, 'prescription_revenue_cents'),
      },
      customers: {
        customers: int(people, 'customers'),
        newCustomers: int(people, 'new_customers'),
        returningCustomers: int(people, 'returning_customers'),
        newCustomerOrders: int(people, 'new_customer_orders'),
        returningCustomerOrders: int(people, 'returning_customer_orders'),
      },
    };
  };
}

export async function computeSalesReport(options: SalesReportOptions): Promise<SalesReport> {
  const { runner, now } = options;
  const today = shopDate(options.timeZone, now);
  const periods = reportingPeriods(today);
  const base: QueryParameters = { periods, utcOffsetMinutes: utcOffsetMinutes(options.timeZone, now), top: options.top ?? 10 };
  const timings: Record<string, number> = {};
  const run = async (name: MetricName, parameters: QueryParameters, label: string = name): Promise<MetricRow[]> => {
    const started = performance.now();
    const rows = parseMetricRows(name, await runner.run(metricSql(name, parameters)));
    timings[label] = Math.round(performance.now() - started) / 1000;
    return rows;
  };

  // One query at a time: Athena's per-account concurrency is shared, and DuckDB already uses every core.
  const figures = await periodFigures(run, base);
  const generatedAt = now.toISOString();
  const seriesFrom = periods.map((p) => p.from).sort()[0]!;
  const items: (SalesPeriodItem | SalesSeriesItem | SalesDaysIndexItem)[] = [];
  let dayPoints: SalesSeriesItem['points'] = [];
  for (const granularity of ['day', 'week', 'month'] as const) {
    const points = await run('sales_by_period', { ...base, granularity, seriesFrom, seriesTo: today }, `sales_by_${granularity}`);
    const series: SalesSeriesItem = {
      ...salesSeriesKey(GRANULARITY_VALUE[granularity]),
      type: 'SalesSeries',
      generatedAt,
      currency: options.currency,
      granularity: GRANULARITY_VALUE[granularity],
      from: seriesFrom,
      to: today,
      points: points.map((row) => ({
        periodStart: text(row, 'period_start'),
        orders: int(row, 'orders'),
        cancelledOrders: int(row, 'cancelled_orders'),
        salesCents: int(row, 'sales_cents'),
        units: int(row, 'units'),
        averageBasketCents: int(row, 'average_basket_cents'),
      })),
    };
    items.push(series);
    if (granularity === 'day') dayPoints = series.points;
  }

  // Every metric per day of the series, so the page's free date range sums its days (analytics/sales-days.ts).
  const daily = { ...base, seriesFrom, seriesTo: today };
  const top = options.top ?? 10;
  const dayItems = salesDayItems(generatedAt, {
    points: dayPoints,
    statuses: await run('daily_statuses', daily),
    states: await run('daily_states', daily),
    products: await run('daily_products', daily),
    categories: await run('daily_categories', daily),
    prescription: await run('daily_prescription', daily),
    customers: await run('daily_customers', daily),
    firstOrders: await run('daily_first_orders', daily),
  });
  const monthItems = salesMonthItems(generatedAt, dayItems, seriesFrom, today);
  items.push({
    ...salesDaysIndexKey(),
    type: 'SalesDaysIndex',
    generation: generatedAt,
    generatedAt,
    currency: options.currency,
    from: seriesFrom,
    to: today,
    top,
    items: dayItems.length + monthItems.length,
  });

  for (const period of periods) {
    const { id: _id, ...figure } = figures(period);
    items.push({ ...salesPeriodKey(period.id), type: 'SalesPeriod', generatedAt, currency: options.currency, periodId: period.id, ...figure });
  }
  return { generatedAt, today, periods, items, dayItems, monthItems, timings };
}
