/**
 * `npm run import:catalog -- path/to/PRODUCTOS.DBF [--codepage cp850] [--report report.json]`
 *
 * Imports a point-of-sale catalog into the local stack's table, the same import the catalog-import Lambda
 * runs on an S3 upload. Shows progress, then the report: created, updated, unchanged, rejected rows with
 * their reasons, and the active products the file does not have (kept: an import never deletes).
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCatalogSettings } from '../config/settings';
import { CODEPAGES, type Codepage } from '../catalog/dbf/codepages';
import { CatalogImportError, importCatalog } from '../catalog/import';
import { connectLocalTable } from './local-table';

const SHOWN_REJECTIONS = 20;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { codepage: { type: 'string' }, report: { type: 'string' } },
});
const file = positionals[0];
const codepage = values.codepage as Codepage | undefined;
if (!file || (codepage && !CODEPAGES.includes(codepage))) {
  console.error(`Usage: npm run import:catalog -- <file.dbf> [--codepage ${CODEPAGES.join('|')}] [--report report.json]`);
  process.exit(2);
}

const catalog = loadCatalogSettings();
const table = await connectLocalTable();
const number = (value: number) => value.toLocaleString('en-US');
try {
  const report = await importCatalog(createReadStream(file), {
    documentClient: table.documentClient,
    tableName: table.tableName,
    currency: catalog.currency,
    dbf: { fallbackCodepage: catalog.fallbackCodepage, ...(codepage ? { codepage } : {}) },
    onProgress: (p) =>
      process.stderr.write(
        `\r${number(p.rowsRead)} rows · ${number(Math.round(p.rowsPerSecond))} rows/s · ` +
          `created ${number(p.created)}, updated ${number(p.updated)}, unchanged ${number(p.unchanged)}, rejected ${number(p.rejected)}   `,
      ),
  });
  process.stderr.write('\n');
  console.log(`Imported ${file} into ${table.tableName} (${table.endpoint})`);
  console.log(`  file: ${report.file.recordCount} records, code page ${report.file.codepage}, last update ${report.file.lastUpdate}`);
  console.log(`  rows read ${number(report.rowsRead)} in ${(report.durationMs / 1000).toFixed(1)} s (${number(report.rowsPerSecond)} rows/s)`);
  console.log(`  created ${number(report.created)}, updated ${number(report.updated)}, unchanged ${number(report.unchanged)}, rejected ${number(report.rejected)}`);
  console.log(`  deleted records skipped: ${number(report.deletedRecordsSkipped)}`);
  console.log(`  writes: ${number(report.writes.puts)} puts, ${number(report.writes.deletes)} deletes in ${number(report.writes.requests)} BatchWriteItem calls`);
  for (const rejected of report.rejectedRows.slice(0, SHOWN_REJECTIONS)) {
    console.log(`  rejected record ${rejected.recordNumber}${rejected.sku ? ` (CLAVE ${rejected.sku})` : ''}: ${rejected.reasons.join('; ')}`);
  }
  if (report.rejectedRows.length > SHOWN_REJECTIONS) console.log(`  … and ${report.rejectedRows.length - SHOWN_REJECTIONS} more rejected rows`);
  if (report.notInFile.count > 0) {
    console.log(
      `  not in file: ${number(report.notInFile.count)} active products (kept as they are; an import never deletes): ` +
        `${report.notInFile.skus.slice(0, 10).join(', ')}${report.notInFile.count > 10 ? ', …' : ''}`,
    );
  }
  if (values.report) {
    await writeFile(values.report, JSON.stringify(report, null, 2));
    console.log(`  full report: ${values.report}`);
  }
} catch (error) {
  if (!(error instanceof CatalogImportError)) throw error;
  console.error(`\nRefused ${file}: ${error.message}`);
  process.exitCode = 1;
} finally {
  table.close();
}
