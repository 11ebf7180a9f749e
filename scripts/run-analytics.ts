/**
 * `npm run analytics`: runs the analytics job now against the local stack (DuckDB over its lake folder,
 * items written to its table), the job the local scheduler and EventBridge run every hour.
 */
import path from 'node:path';
import { localLambdaSettings, loadLocalStackSettings } from '../config/settings';
import { createAwsClients } from '../functions/shared/aws-clients';
import { LOCAL_CREDENTIALS } from '../local/dynamodb-local';
import { createLocalAnalyticsHandler } from '../local/analytics-job';
import { connectLocalTable } from './local-table';

const local = loadLocalStackSettings();
const table = await connectLocalTable(); // fails with a plain message when npm start is not running
table.close();
const base = localLambdaSettings({ AWS_REGION: local.region, TABLE_NAME: local.tableName });
const settings = { ...base, aws: { ...base.aws, endpoints: { dynamodb: table.endpoint } } };
const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
try {
  const handler = createLocalAnalyticsHandler({ settings, clients, lakeDir: path.resolve(local.dataDir, 'lake'), shopTimeZone: local.shopTimeZone });
  const report = await handler({ source: 'npm run analytics' });
  console.log(`Sales analytics for ${report.today} written to ${local.tableName}: ${report.items} items (${report.engine})`);
  for (const [query, seconds] of Object.entries(report.timings)) console.log(`  ${query.padEnd(20)} ${seconds.toFixed(3)} s`);
} finally {
  clients.destroy();
}
