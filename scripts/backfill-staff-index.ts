/** `npm run staff:backfill`: GSI3 keys for the items of an older table (scripts/staff-index-backfill.ts says how). */
import { backfillStaffIndex, parseBackfillArgs, resolveBackfillTarget } from './staff-index-backfill';

const parsed = parseBackfillArgs(process.argv.slice(2));
const target = await resolveBackfillTarget(parsed);
console.log(`Staff index (GSI3) backfill of table ${target.tableName}${target.endpoint ? ` at ${target.endpoint}` : ` in ${target.region}`}…`);
const report = await backfillStaffIndex({ target, force: parsed.force }, (line) => console.log(line));
console.log(
  report.state === 'current'
    ? `Already done (marker CATALOG / STAFFINDEX present); nothing written. Use --force to scan again.`
    : `Done: ${report.products.toLocaleString('en-US')} products and ${report.orders.toLocaleString('en-US')} orders got their GSI3 keys.`,
);
