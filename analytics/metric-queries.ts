/**
 * The metric queries: SQL files under analytics/sql/ (the one definition of each metric, run by Athena in
 * AWS and by DuckDB locally and in tests), composed with the shared relations and the job's parameters.
 *
 * Every query reads the lake table `order_events` through these relations, prepended as CTEs:
 *   periods               the reporting periods (id, from_date, to_date), from analytics/periods.ts
 *   line_numbers          1..the most lines an order may have, to read `lines` by position
 *   order_events_unique   one row per event_id (copies of a record dropped)
 *   orders                one row per order, its latest version, with the shop's order_date
 *   order_lines           one row per line of those orders
 *   customer_first_orders each customer's first order date
 * Parameters are `{{name}}` in the SQL, replaced by values rendered here from checked inputs only (dates,
 * enums, integers), so no text from outside reaches the SQL.
 */
import { readFileSync } from 'node:fs';
import { addDays, isIsoDate, type ReportingPeriod } from './periods';

export type Granularity = 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

export type ColumnKind = 'text' | 'integer' | 'number';

export interface MetricDefinition {
  /** File name under analytics/sql/ without `.sql`. */
  readonly name: MetricName;
  readonly columns: Readonly<Record<string, ColumnKind>>;
}

export type MetricName =
  | 'sales_by_period'
  | 'period_summary'
  | 'orders_by_status'
  | 'top_products'
  | 'top_categories'
  | 'prescription_share'
  | 'sales_by_state'
  | 'customers'
  | DailyMetricName;

/**
 * Per-day figures of the series (analytics/sql/daily_*.sql), stored per day so that any from–to range is
 * the sum of its days (analytics/sales-days.ts): the staff page's free date range.
 */
export type DailyMetricName =
  | 'daily_statuses'
  | 'daily_states'
  | 'daily_products'
  | 'daily_categories'
  | 'daily_prescription'
  | 'daily_customers'
  | 'daily_first_orders';

export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = {
  sales_by_period: {
    name: 'sales_by_period',
    columns: { period_start: 'text', orders: 'integer', cancelled_orders: 'integer', sales_cents: 'integer', units: 'integer', average_basket_cents: 'integer' },
  },
  period_summary: {
    name: 'period_summary',
    columns: {
      period_id: 'text', orders: 'integer', cancelled_orders: 'integer', cancellation_rate: 'number', sales_cents: 'integer',
      units: 'integer', average_basket_cents: 'integer',
    },
  },
  orders_by_status: { name: 'orders_by_status', columns: { period_id: 'text', status: 'text', orders: 'integer' } },
  top_products: {
    name: 'top_products',
    columns: {
      period_id: 'text', product_id: 'text', sku: 'text', product_name: 'text', units: 'integer', revenue_cents: 'integer',
      units_rank: 'integer', revenue_rank: 'integer',
    },
  },
  top_categories: {
    name: 'top_categories',
    columns: {
      period_id: 'text', category_id: 'text', category_name: 'text', units: 'integer', revenue_cents: 'integer',
      units_rank: 'integer', revenue_rank: 'integer',
    },
  },
  prescription_share: {
    name: 'prescription_share',
    columns: {
      period_id: 'text', orders: 'integer', prescription_orders: 'integer', units: 'integer', prescription_units: 'integer',
      revenue_cents: 'integer', prescription_revenue_cents: 'integer',
    },
  },
  sales_by_state: { name: 'sales_by_state', columns: { period_id: 'text', ship_state: 'text', orders: 'integer', sales_cents: 'integer' } },
  customers: {
    name: 'customers',
    columns: {
      period_id: 'text', customers: 'integer', new_customers: 'integer', returning_customers: 'integer',
      new_customer_orders: 'integer', returning_customer_orders: 'integer',
    },
  },
  daily_statuses: { name: 'daily_statuses', columns: { day: 'text', status: 'text', orders: 'integer' } },
  daily_states: { name: 'daily_states', columns: { day: 'text', ship_state: 'text', orders: 'integer', sales_cents: 'integer' } },
  daily_products: {
    name: 'daily_products',
    columns: { day: 'text', product_id: 'text', sku: 'text', product_name: 'text', units: 'integer', revenue_cents: 'integer' },
  },
  daily_categories: {
    name: 'daily_categories',
    columns: { day: 'text', category_id: 'text', category_name: 'text', units: 'integer', revenue_cents: 'integer' },
  },
  daily_prescription: {
    name: 'daily_prescription',
    columns: {
      day: 'text', orders: 'integer', prescription_orders: 'integer', units: 'integer', prescription_units: 'integer',
      revenue_cents: 'integer', prescription_revenue_cents: 'integer',
    },
  },
  daily_customers: { name: 'daily_customers', columns: { day: 'text', previous_order_day: 'text', customers: 'integer' } },
  daily_first_orders: { name: 'daily_first_orders', columns: { day: 'text', first_order_day: 'text', orders: 'integer' } },
};

export const DAILY_METRICS: readonly DailyMetricName[] = [
  'daily_statuses',
  'daily_states',
  'daily_products',
  'daily_categories',
  'daily_prescription',
  'daily_customers',
  'daily_first_orders',
];

const SQL_DIR = new URL('./sql/', import.meta.url);
/**
 * The most lines an order may have (ORDER_LIMITS.maxLines of model/order-input.ts, checked by the metrics
 * test): not imported, because model/order-input.ts brings the APPSYNC_JS runtime into the Lambda bundle.
 */
export const MAX_ORDER_LINES = 50;
const RELATIONS = ['order_events_unique', 'orders', 'order_lines', 'customer_first_orders'] as const;

const sqlCache = new Map<string, string>();
/** A file of analytics/sql/ (the Lambda bundle carries the folder next to its code). */
export function sqlFile(relativePath: string): string {
  let text = sqlCache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(new URL(relativePath, SQL_DIR), 'utf8');
    sqlCache.set(relativePath, text);
  }
  return text;
}

export interface QueryParameters {
  readonly periods: readonly ReportingPeriod[];
  /** Minutes the shop's clock is ahead of UTC (negative west of Greenwich). */
  readonly utcOffsetMinutes: number;
  /** Series bounds (shop dates) and granularity, for sales_by_period. */
  readonly seriesFrom?: string;
  readonly seriesTo?: string;
  readonly granularity?: Granularity;
  /** How many products/categories each ranking keeps. */
  readonly top?: number;
}

function checkedDate(date: string): string {
  if (!isIsoDate(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return date;
}

/** The oldest lake partition (arrival date, UTC) a query over `periods` needs: a day before the oldest period. */
export function scanFrom(periods: readonly ReportingPeriod[], seriesFrom?: string): string {
  const starts = [...periods.map((p) => p.from), ...(seriesFrom ? [seriesFrom] : [])].sort();
  if (starts.length === 0) throw new Error('At least one period is needed');
  return addDays(checkedDate(starts[0]!), -1);
}

function removeComments(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .trim();
}

function render(sql: string, values: Readonly<Record<string, string>>): string {
  return sql.replace(/\{\{([a-z_]+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {{${name}}}`);
    return value;
  });
}

/** The full SQL of one metric: shared relations as CTEs, then the metric's SELECT. */
export function metricSql(name: MetricName, parameters: QueryParameters): string {
  const { ctes, values } = relations(parameters);
  return `${ctes}\n${removeComments(render(sqlFile(`${name}.sql`), values))}`;
}

/** The `WITH …` of the shared relations alone, for ad-hoc queries over them (npm run lake:query). */
export function metricRelationsSql(parameters: QueryParameters): string {
  return relations(parameters).ctes;
}

function relations(parameters: QueryParameters): { ctes: string; values: Record<string, string> } {
  if (parameters.periods.length === 0) throw new Error('At least one period is needed');
  const offset = parameters.utcOffsetMinutes;
  if (!Number.isInteger(offset) || Math.abs(offset) > 18 * 60) throw new Error(`Bad UTC offset: ${offset}`);
  const granularity = parameters.granularity ?? 'day';
  if (!GRANULARITIES.includes(granularity)) throw new Error(`Bad granularity: ${String(granularity)}`);
  const top = parameters.top ?? 10;
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new Error(`Bad top: ${top}`);
  for (const period of parameters.periods) {
    if (!/^[a-z0-9-]+$/.test(period.id)) throw new Error(`Bad period id: ${period.id}`);
    checkedDate(period.from);
    checkedDate(period.to);
  }
  const seriesFrom = checkedDate(parameters.seriesFrom ?? parameters.periods.map((p) => p.from).sort()[0]!);
  const seriesTo = checkedDate(parameters.seriesTo ?? parameters.periods.map((p) => p.to).sort().at(-1)!);
  const values: Record<string, string> = {
    scan_from: scanFrom(parameters.periods, seriesFrom),
    shop_time_shift: `${offset < 0 ? '-' : '+'} INTERVAL '${Math.abs(offset)}' MINUTE`,
    granularity,
    series_from: seriesFrom,
    series_to: seriesTo,
    before_series: addDays(seriesFrom, -1),
    top: String(top),
  };
  const periodRows = parameters.periods.map((p) => `('${p.id}', DATE '${p.from}', DATE '${p.to}')`).join(', ');
  const lineNumbers = Array.from({ length: MAX_ORDER_LINES }, (_v, i) => `(${i + 1})`).join(', ');
  const ctes = [
    `periods AS (SELECT * FROM (VALUES ${periodRows}) AS p (period_id, from_date, to_date))`,
    `line_numbers AS (SELECT * FROM (VALUES ${lineNumbers}) AS n (line_number))`,
    ...RELATIONS.map((relation) => `${relation} AS (\n${removeComments(render(sqlFile(`relations/${relation}.sql`), values))}\n)`),
  ];
  return { ctes: `WITH\n${ctes.join(',\n')}`, values };
}

export type MetricRow = Record<string, string | number | null>;

/** Rows as both engines return them (Athena: all strings; DuckDB: bigints as strings) → typed values. */
export function parseMetricRows(name: MetricName, rows: readonly Record<string, unknown>[]): MetricRow[] {
  const { columns } = METRICS[name];
  return rows.map((row) => {
    const parsed: MetricRow = {};
    for (const [column, kind] of Object.entries(columns)) {
      const raw = row[column];
      if (raw === null || raw === undefined || raw === '') {
        parsed[column] = kind === 'text' ? (raw === '' ? '' : null) : kind === 'integer' || kind === 'number' ? 0 : null;
        continue;
      }
      if (kind === 'text') parsed[column] = String(raw);
      else {
        const value = Number(raw);
        if (!Number.isFinite(value)) throw new Error(`${name}.${column}: not a number: ${String(raw)}`);
        parsed[column] = kind === 'integer' ? Math.round(value) : value;
      }
    }
    return parsed;
  });
}
