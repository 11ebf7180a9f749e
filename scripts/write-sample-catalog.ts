/**
 * `npm run sample:catalog -- out/PRODUCTOS.DBF [--rows 500] [--codepage cp850]`: writes a point-of-sale
 * .DBF made from the demo catalog (deterministic), to try `npm run import:catalog` with.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { COMMON_CODEPAGES, normalizeCodepage } from '../catalog/dbf/codepages';
import { writePosFile } from '../catalog/pos-sample';
import { demoCatalogCapacity, generateDemoCatalog } from '../local/demo-catalog/generate';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rows: { type: 'string', default: '500' }, codepage: { type: 'string', default: 'cp850' } },
});
const file = positionals[0];
const rows = Number(values.rows);
const codepage = normalizeCodepage(values.codepage);
if (!file || !Number.isInteger(rows) || rows < 1 || rows > demoCatalogCapacity() || !codepage) {
  console.error(`Usage: npm run sample:catalog -- <file.dbf> [--rows 1..${demoCatalogCapacity()}] [--codepage ${COMMON_CODEPAGES.join('|')}|…]`);
  process.exit(2);
}
const bytes = writePosFile(generateDemoCatalog({ count: rows }), codepage);
await writeFile(file, bytes);
console.log(`Wrote ${rows} products (${codepage}, ${bytes.length} bytes) to ${file}`);
