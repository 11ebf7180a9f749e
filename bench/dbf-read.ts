/**
 * .DBF reading speed: our streaming reader (catalog/dbf/read.ts) against the maintained `dbffile` package
 * on the same point-of-sale file on disk, records decoded to values (text in cp850). Rounds alternate the
 * two readers; the best round of each is reported. Bounded: at most 200,000 rows, 3 rounds.
 *
 *   npm run bench:dbf-read                  # 100,000 rows
 *   npm run bench:dbf-read -- --rows 20000
 */
import os from 'node:os';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { DBFFile } from 'dbffile';
import { openDbf } from '../catalog/dbf/read';
import { writePosFile } from '../catalog/pos-sample';
import { generateDemoCatalog, demoCatalogCapacity } from '../local/demo-catalog/generate';
import { demoProductInput } from '../local/demo-catalog/load';

const MAX_ROWS = 200_000;
const ROUNDS = 3;

function rowsArgument(): number {
  const index = process.argv.indexOf('--rows');
  const rows = index >= 0 ? Number(process.argv[index + 1]) : 100_000;
  if (!Number.isInteger(rows) || rows < 1000 || rows > MAX_ROWS) throw new Error(`--rows must be a whole number from 1000 to ${MAX_ROWS}`);
  return rows;
}

async function main(): Promise<void> {
  const rows = rowsArgument();
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, Node ${process.version}`,
  );
  const demo = generateDemoCatalog({ count: Math.min(rows, demoCatalogCapacity()) });
  const products = Array.from({ length: rows }, (_, index) => {
    const { id: _id, createdAt: _c, updatedAt: _u, description: _d, imageUrl: _i, ...pos } = demoProductInput(demo[index % demo.length]!);
    return { ...pos, sku: `${pos.sku}-${Math.floor(index / demo.length)}` };
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'farmacruz-dbf-read-'));
  const file = path.join(dir, 'PRODUCTOS.dbf');
  try {
    const bytes = writePosFile(products, 'cp850');
    await writeFile(file, bytes);
    console.log(`input: ${rows} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB .DBF (cp850)`);

    const ours = async () => {
      const reader = await openDbf(createReadStream(file, { highWaterMark: 1 << 20 }));
      let count = 0;
      for await (const record of reader.records) if (record.values.CLAVE) count += 1;
      return count;
    };
    const reference = async () => {
      const dbf = await DBFFile.open(file, { encoding: 'cp850' });
      let count = 0;
      for await (const record of dbf) if (record.CLAVE) count += 1;
      return count;
    };
    const best: Record<string, number> = { ours: Infinity, dbffile: Infinity };
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [name, read] of [['ours', ours], ['dbffile', reference]] as const) {
        const started = performance.now();
        const count = await read();
        const ms = performance.now() - started;
        if (count !== rows) throw new Error(`${name} read ${count} records, expected ${rows}`);
        best[name] = Math.min(best[name] ?? Infinity, ms);
        console.log(`round ${round}: ${name.padEnd(8)} ${Math.round((rows * 1000) / ms).toLocaleString('en-US').padStart(9)} records/s (${(ms / 1000).toFixed(2)} s)`);
      }
    }
    for (const name of ['ours', 'dbffile']) {
      const ms = best[name] ?? Infinity;
      console.log(`best ${name.padEnd(8)} ${Math.round((rows * 1000) / ms).toLocaleString('en-US').padStart(9)} records/s`);
    }
    console.log(`load average after: ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
