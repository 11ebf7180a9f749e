/**
 * `npm run search:reindex`: rewrites the search entries of every product of the local stack's table in the
 * current layout (catalog/search-index.ts). `npm start` does it by itself when the table is older; this
 * forces it, e.g. after restoring a backup.
 */
import { reindexSearch } from '../catalog/search-index';
import { connectLocalTable } from './local-table';

const table = await connectLocalTable();
try {
  const started = performance.now();
  const report = await reindexSearch({ documentClient: table.documentClient, tableName: table.tableName, log: (line) => console.log(line) });
  console.log(
    `Search entries rewritten: ${report.entries.toLocaleString('en-US')} entries of ${report.products.toLocaleString('en-US')} products ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  table.close();
}
