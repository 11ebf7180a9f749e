/**
 * `npm run import:catalog -- path/to/PRODUCTOS.DBF [--dry-run] [--codepage cp850] [--accept-damaged] [--report report.json]`
 *
 * Imports a point-of-sale catalog into the local stack's table, the same import the catalog-import Lambda
 * runs on an S3 upload. The whole file is checked before anything is written; a damaged file or text in
 * the wrong code page is refused (nothing written) with what to do about it. Shows progress (percentage,
 * time left), then the report: created, updated, unchanged, rejected rows with their reasons, warnings,
 * and the active products the file does not have (kept: an import never deletes).
 */
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCatalogSettings } from '../config/settings';
import { COMMON_CODEPAGES, normalizeCodepage } from '../catalog/dbf/codepages';
import { CatalogImportError, importCatalog } from '../catalog/import';
import { progressLine, refusalLines, reportLines } from '../catalog/import-text';
import { connectLocalTable } from './local-table';

const USAGE = `Usage: npm run import:catalog -- <file.dbf> [options]

  --dry-run           show what the import would change (new, changed field by field, unchanged,
                      rejected, active products not in the file) and write nothing
  --codepage NAME     decode text with this code page whatever the file records
                      (${COMMON_CODEPAGES.join(', ')}, or any other iconv-lite knows: cp1251, cp852…)
  --accept-damaged    import a damaged file anyway: only the records before the damage are imported
                      (for a header that under-counts, the records it counts); the report names the damage
  --report FILE.json  also write the full report as JSON
  --help              this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      codepage: { type: 'string' },
      report: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'accept-damaged': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  // parseArgs names the unknown option or the missing value; its message is already plain.
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length === 0) fail('Which file? Give the path of the point-of-sale .DBF file.');
if (positionals.length > 1) fail(`One file at a time (got ${positionals.length}: ${positionals.join(', ')}).`);
const file = positionals[0] as string;
const codepage = values.codepage === undefined ? undefined : normalizeCodepage(values.codepage);
if (values.codepage !== undefined && !codepage) fail(`Unknown code page "${values.codepage}".`);
try {
  const info = await stat(file);
  if (!info.isFile()) fail(`${file} is not a file.`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') fail(`No such file: ${file}`);
  if (code === 'EACCES') fail(`Cannot read ${file}: permission denied.`);
  throw error;
}

const catalog = loadCatalogSettings();
let table;
try {
  table = await connectLocalTable();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const dryRun = values['dry-run'];
let progressShown = false;
try {
  const report = await importCatalog(() => createReadStream(file), {
    documentClient: table.documentClient,
    tableName: table.tableName,
    currency: catalog.currency,
    dryRun,
    acceptDamaged: values['accept-damaged'],
    dbf: { fallbackCodepage: catalog.fallbackCodepage, ...(codepage ? { codepage } : {}) },
    progressIntervalMs: 500,
    onProgress: (progress) => {
      progressShown = true;
      process.stderr.write(`\r${progressLine(progress)}   `);
    },
  });
  if (progressShown) process.stderr.write('\n');
  console.log(
    dryRun
      ? `Dry run of ${file} against ${table.tableName} (${table.endpoint}): nothing was written`
      : `Imported ${file} into ${table.tableName} (${table.endpoint})`,
  );
  for (const line of reportLines(report)) console.log(line);
  if (values.report) {
    await writeFile(values.report, JSON.stringify(report, null, 2));
    console.log(`  full report: ${values.report}`);
  }
} catch (error) {
  if (progressShown) process.stderr.write('\n');
  if (error instanceof CatalogImportError) {
    for (const line of refusalLines(file, error)) console.error(line);
    if (values.report) {
      await writeFile(
        values.report,
        JSON.stringify({ status: 'refused', written: 'nothing', kind: error.kind, message: error.message, problems: error.problems }, null, 2),
      );
    }
  } else {
    // Not the file's fault (the table went away, a disk error): the message, not a stack trace.
    console.error(`Import of ${file} failed: ${(error as Error).message}`);
    console.error('  Rows already written stay; run the same import again to finish it (it skips what is unchanged).');
  }
  process.exitCode = 1;
} finally {
  table.close();
}
