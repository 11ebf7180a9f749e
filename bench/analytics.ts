/**
 * Analytics benchmark (`npm run bench:analytics`): every metric of analytics/sql/ over a generated lake of
 * 1,000,000 records (gzip JSON lines in the Firehose layout, 2% delivered twice, 400 days of orders), with
 * DuckDB as the local analytics job runs it. Prints the generation time, each query's time, the whole job's
 * time and the process's peak memory (resident set, DuckDB included).
 *
 * Options: BENCH_ANALYTICS_RECORDS (default 1,000,000; at most 5,000,000), BENCH_ANALYTICS_MEMORY (DuckDB
 * memory_limit, default 2GB), BENCH_ANALYTICS_KEEP=1 keeps the generated lake. Bounded: one generation, one
 * report run (10 queries), each query within DuckDB's memory limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDuckDbRunner } from '../analytics/duckdb-runner';
import { generateLake } from '../analytics/lake-generator';
import { computeSalesReport } from '../analytics/sales-report';
import { machineDescription } from './support/load';

const RECORDS = Number(process.env.BENCH_ANALYTICS_RECORDS ?? 1_000_000);
const MEMORY_LIMIT = process.env.BENCH_ANALYTICS_MEMORY ?? '2GB';
const NOW = new Date('2026-12-01T18:00:00.000Z');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const root = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-analytics-'));
const lakeDir = path.join(root, 'lake');
try {
  console.log(`Machine: ${machineDescription()}`);
  let started = performance.now();
  const lake = generateLake({ lakeDir, records: RECORDS, lastDay: '2026-12-01', days: 400 });
  const generateSeconds = (performance.now() - started) / 1000;
  console.log(
    `Generated ${lake.records.toLocaleString('en-US')} lake records (${lake.orders.toLocaleString('en-US')} orders, ` +
      `${lake.duplicates.toLocaleString('en-US')} copies) in ${lake.objects} objects, ${mib(lake.bytes)} gzip, in ${generateSeconds.toFixed(1)} s`,
  );
  const rssBefore = process.memoryUsage().rss;
  const runner = await createDuckDbRunner({ lakeDir, memoryLimit: MEMORY_LIMIT });
  try {
    started = performance.now();
    const report = await computeSalesReport({ runner, timeZone: 'America/Mexico_City', currency: 'MXN', now: NOW });
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(`\nEvery metric over the lake (DuckDB, memory_limit ${MEMORY_LIMIT}):`);
    for (const [query, seconds] of Object.entries(report.timings)) console.log(`  ${query.padEnd(20)} ${seconds.toFixed(2).padStart(7)} s`);
    console.log(`  ${'total (10 queries)'.padEnd(20)} ${totalSeconds.toFixed(2).padStart(7)} s`);
    const year = report.items.find((i) => i.SK === 'PERIOD#last-365-days');
    if (year && year.type === 'SalesPeriod') {
      console.log(`\nLast 365 days: ${year.orders.toLocaleString('en-US')} orders, ${(year.salesCents / 100).toLocaleString('en-US')} MXN sales, ${(year.cancellationRate * 100).toFixed(1)}% cancelled`);
    }
  } finally {
    await runner.close();
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`Peak memory (max RSS of the process): ${mib(peak)} (RSS before DuckDB: ${mib(rssBefore)})`);
} finally {
  if (process.env.BENCH_ANALYTICS_KEEP === '1') console.log(`Lake kept in ${lakeDir}`);
  else rmSync(root, { recursive: true, force: true });
}
