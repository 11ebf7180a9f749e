/**
 * The lake table as the metric SQL sees it: `order_events`, one row per lake record plus the partition
 * column `dt` (arrival date, UTC). In AWS it is the Glue table (infra/constructs/lake-catalog.ts, Hive
 * types); locally DuckDB reads the same gzip JSON-lines files through a view with these DuckDB types
 * (a test keeps both in step with the lake record).
 */
import path from 'node:path';

export const LAKE_TABLE = 'order_events';

const LINE_STRUCT =
  'STRUCT(line_number INTEGER, product_id VARCHAR, sku VARCHAR, product_name VARCHAR, quantity INTEGER, ' +
  'unit_price_cents BIGINT, line_total_cents BIGINT, prescription_required BOOLEAN, category_id VARCHAR, category_name VARCHAR)[]';

/** DuckDB type of each lake column, in the lake record's field order. */
export const LAKE_DUCKDB_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['record_version', 'INTEGER'],
  ['event_id', 'VARCHAR'],
  ['event_type', 'VARCHAR'],
  ['event_time', 'VARCHAR'],
  ['event_date', 'VARCHAR'],
  ['order_id', 'VARCHAR'],
  ['order_version', 'INTEGER'],
  ['status', 'VARCHAR'],
  ['previous_status', 'VARCHAR'],
  ['customer_key', 'VARCHAR'],
  ['currency', 'VARCHAR'],
  ['item_count', 'INTEGER'],
  ['line_count', 'INTEGER'],
  ['subtotal_cents', 'BIGINT'],
  ['shipping_cents', 'BIGINT'],
  ['total_cents', 'BIGINT'],
  ['prescription_line_count', 'INTEGER'],
  ['ship_state', 'VARCHAR'],
  ['ship_postal_code', 'VARCHAR'],
  ['ship_country', 'VARCHAR'],
  ['order_created_at', 'VARCHAR'],
  ['lines', LINE_STRUCT],
];

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Glob of the lake objects under a local lake folder (the Firehose layout `orders/dt=YYYY-MM-DD/*.gz`). */
export function lakeObjectsGlob(lakeDir: string): string {
  return path.join(path.resolve(lakeDir), 'orders', 'dt=*', '*.gz');
}

/**
 * The DuckDB relation `order_events` over the lake files (an empty one of the same shape when there are
 * none): a VIEW reads the files on every query; a TABLE reads them once, when it is created.
 */
export function duckDbLakeViewSql(lakeDir: string | null, kind: 'VIEW' | 'TABLE' = 'VIEW'): string {
  if (lakeDir === null) {
    const columns = [...LAKE_DUCKDB_COLUMNS, ['dt', 'VARCHAR'] as const].map(([name, type]) => `CAST(NULL AS ${type}) AS ${name}`);
    return `CREATE OR REPLACE ${kind} ${LAKE_TABLE} AS SELECT ${columns.join(', ')} WHERE false`;
  }
  const columns = LAKE_DUCKDB_COLUMNS.map(([name, type]) => `${name}: ${sqlString(type)}`).join(', ');
  return (
    `CREATE OR REPLACE ${kind} ${LAKE_TABLE} AS SELECT * FROM read_json(${sqlString(lakeObjectsGlob(lakeDir))}, ` +
    `format = 'newline_delimited', compression = 'gzip', hive_partitioning = true, hive_types = {'dt': 'VARCHAR'}, ` +
    `ignore_errors = true, columns = {${columns}})`
  );
}
