/**
 * `npm run lake:query -- "SQL"`: an ad-hoc question to the local lake (`.data/lake/`, or FARMACRUZ_DATA_DIR)
 * with DuckDB. The lake table is `order_events` (one row per lake record, partition column `dt`), as in
 * Athena; copies of a record share its event_id. Also given: the metric relations `orders` (one row per
 * order, latest version), `order_lines` and `order_events_unique`, over the last 365 days, e.g.
 *   npm run lake:query -- "SELECT status, count(*) FROM orders GROUP BY status"
 * Prints a table; `--json` prints JSON lines instead.
 */
import path from 'node:path';
import { loadAnalyticsSettings, loadLocalStackSettings } from '../config/settings';
import { createDuckDbRunner } from '../analytics/duckdb-runner';
import { metricRelationsSql } from '../analytics/metric-queries';
import { reportingPeriods, shopDate, utcOffsetMinutes } from '../analytics/periods';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sql = args.filter((a) => a !== '--json').join(' ').trim();
if (!sql) {
  console.error('Usage: npm run lake:query -- "SELECT count(*) FROM order_events"   (add --json for JSON lines)');
  process.exit(2);
}

const settings = loadLocalStackSettings();
const lakeDir = path.resolve(settings.dataDir, 'lake');
const timeZone = loadAnalyticsSettings({ SHOP_TIME_ZONE: settings.shopTimeZone }).timeZone;
const now = new Date();
// One query per process: read the files for it (no table to load first).
const runner = await createDuckDbRunner({ lakeDir, lake: 'view' });
try {
  const usesRelations = /\b(orders|order_lines|order_events_unique|customer_first_orders)\b/i.test(sql);
  const full = usesRelations
    ? `${metricRelationsSql({ periods: reportingPeriods(shopDate(timeZone, now)), utcOffsetMinutes: utcOffsetMinutes(timeZone, now) })}\n${sql}`
    : sql;
  const rows = await runner.run(full);
  if (json) for (const row of rows) console.log(JSON.stringify(row));
  else if (rows.length === 0) console.log('(no rows)');
  else console.table(rows);
  console.error(`${rows.length} row(s) from ${lakeDir}`);
} catch (error) {
  console.error(`Query failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await runner.close();
}
