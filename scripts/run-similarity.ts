/**
 * `npm run similarity`: recomputes the similar products of the local stack's catalog now, the job the
 * similarity Lambda runs every night at 03:00.
 */
import { runSimilarityJob } from '../catalog/similarity-job';
import { connectLocalTable } from './local-table';

const table = await connectLocalTable();
try {
  const report = await runSimilarityJob({ documentClient: table.documentClient, tableName: table.tableName });
  console.log(
    `Similar products of ${report.products.toLocaleString('en-US')} active products in ${table.tableName} ` +
      `(read ${report.readMs} ms, compute ${report.computeMs} ms, compare and write ${report.writeMs} ms): ` +
      `${report.changed.toLocaleString('en-US')} lists changed and written in ${report.writes.requests} BatchWriteItem calls, ` +
      `${report.unchanged.toLocaleString('en-US')} unchanged`,
  );
} finally {
  table.close();
}
