/**
 * Catalog import throughput against its physical limit, side by side in one run on one DynamoDB Local:
 *
 *   import   rows/s of importCatalog on a point-of-sale .DBF (first import: every row creates a product)
 *   raw      rows/s of plain BatchWriteItem writing the very same items (the products' items as the
 *            import left them), with as many requests in flight as the import may have
 *   ratio    import / raw
 *
 * plus the re-import of the unchanged file (reads and comparisons only, no writes) and an update import
 * (every price changed). Import and raw alternate over two rounds on fresh tables (a shared machine's slow
 * spells hit both alike) and the best round of each is compared. Bounded: at most 20,000 rows, and each
 * phase stops the run past its deadline. Each phase also reports the CPU it cost (this process and DynamoDB
 * Local's JVM, read from /proc on Linux): on a shared machine wall time follows the CPU each side gets, so
 * the CPU ratio says what the work itself costs.
 *
 * The tables have the real keys and indexes (model/table.ts) but no stream: DynamoDB Local 1.25 slows
 * down every write as its stream store grows — over all tables, deleted ones too (5,699 puts took 4.8 s,
 * then 17 s, then 36 s on three successive stream-enabled tables; 4.9, 3.0, 2.4 s without streams) — which
 * would bias whichever phase runs later. Streams are no part of the import's own work.
 *
 *   npm run bench:import                 # 3,000 rows
 *   npm run bench:import -- --rows 10000
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { generateDemoCatalog, demoCatalogCapacity } from '../local/demo-catalog/generate';
import { demoProductInput } from '../local/demo-catalog/load';
import { importCatalog, type CatalogImportReport } from '../catalog/import';
import { writePosFile } from '../catalog/pos-sample';
import type { PosProduct } from '../catalog/pos-mapping';
import { batchWrite, putRequest } from '../catalog/table-batches';

const MAX_ROWS = 20_000;
const PHASE_DEADLINE_MS = 10 * 60_000;
const PARALLEL_BATCHES = 2;
const PARALLEL_REQUESTS = 4;
const ROUNDS = 2;

function rowsArgument(): number {
  const index = process.argv.indexOf('--rows');
  const rows = index >= 0 ? Number(process.argv[index + 1]) : 3000;
  if (!Number.isInteger(rows) || rows < 100 || rows > MAX_ROWS) {
    throw new Error(`--rows must be a whole number from 100 to ${MAX_ROWS}`);
  }
  return rows;
}

/** `rows` point-of-sale products: the demo catalog, repeated under new SKUs when more are asked for. */
function benchProducts(rows: number): PosProduct[] {
  const demo = generateDemoCatalog({ count: Math.min(rows, demoCatalogCapacity()) });
  return Array.from({ length: rows }, (_, index) => {
    const product = demo[index % demo.length]!;
    const round = Math.floor(index / demo.length);
    // The demo product as every catalog writer sees it, less what the point of sale does not carry.
    const { id: _id, createdAt: _created, updatedAt: _updated, description: _description, imageUrl: _image, barcode, ...pos } =
      demoProductInput(product);
    // Repeats get new SKUs and no barcode, so every row is a distinct product.
    return { ...pos, sku: round === 0 ? product.sku : `${product.sku}-${round}`, ...(barcode && round === 0 ? { barcode } : {}) };
  });
}

/** CPU seconds a process has used (Linux /proc; null elsewhere), to show where each phase's time went. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface CpuUse {
  /** This process: the import's own work, or raw's request building. */
  readonly nodeSeconds: number;
  /** DynamoDB Local's JVM, when it can be read. */
  readonly dynamodbSeconds: number | null;
}

let dynamodbPid: number | undefined;

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number; cpu: CpuUse }> {
  const nodeBefore = process.cpuUsage();
  const dynamodbBefore = processCpuSeconds(dynamodbPid);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} ran past ${PHASE_DEADLINE_MS / 1000} s`)), PHASE_DEADLINE_MS);
  });
  try {
    const result = await Promise.race([work(), deadline]);
    const ms = performance.now() - started;
    const node = process.cpuUsage(nodeBefore);
    const dynamodbAfter = processCpuSeconds(dynamodbPid);
    const cpu = {
      nodeSeconds: (node.user + node.system) / 1e6,
      dynamodbSeconds: dynamodbBefore !== null && dynamodbAfter !== null ? dynamodbAfter - dynamodbBefore : null,
    };
    return { result, ms, cpu };
  } finally {
    clearTimeout(timer);
  }
}


async function scanAll(documentClient: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms);
const loadAverage = () => os.loadavg().map((load) => load.toFixed(1)).join(' ');
const cpuText = (cpu: CpuUse) =>
  `CPU: Node ${cpu.nodeSeconds.toFixed(1)} s` + (cpu.dynamodbSeconds === null ? '' : ` + DynamoDB Local ${cpu.dynamodbSeconds.toFixed(1)} s`);

async function main(): Promise<void> {
  const rows = rowsArgument();
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `load average ${loadAverage()}, Node ${process.version}`);

  const products = benchProducts(rows);
  const file = writePosFile(products);
  console.log(`input: ${rows} point-of-sale rows, ${(file.length / 2 ** 20).toFixed(1)} MiB .DBF`);

  const dynamodb = await startDynamoDbLocal();
  dynamodbPid = dynamodb.pid;
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const documentClient = DynamoDBDocumentClient.from(client);
  try {
    const importOptions = (tableName: string) => ({
      documentClient,
      tableName,
      parallelBatches: PARALLEL_BATCHES,
      parallelRequests: PARALLEL_REQUESTS,
    });

    // Warm up the JVM and the connection pool on a throw-away table so no measured phase pays for it.
    await ensureTable(client, 'bench-warmup', { stream: false });
    await importCatalog([writePosFile(products.slice(0, 200))], importOptions('bench-warmup'));

    // Rounds alternate import and raw on fresh tables, so a slow spell of a shared machine hits both alike;
    // the best round of each is compared.
    const imports: { report: CatalogImportReport; ms: number; cpu: CpuUse }[] = [];
    const raws: { ms: number; items: number; calls: number; cpu: CpuUse }[] = [];
    let importedTable = '';
    for (let round = 1; round <= ROUNDS; round += 1) {
      importedTable = `bench-import-${round}`;
      await ensureTable(client, importedTable, { stream: false });
      const first = await timed('import', () => importCatalog([file], importOptions(importedTable)));
      imports.push({ report: first.result, ms: first.ms, cpu: first.cpu });
      const items = await scanAll(documentClient, importedTable);
      await ensureTable(client, `bench-raw-${round}`, { stream: false });
      const raw = await timed('raw BatchWriteItem', () =>
        batchWrite(
          { documentClient, tableName: `bench-raw-${round}`, parallel: PARALLEL_BATCHES * PARALLEL_REQUESTS },
          items.map(putRequest),
        ),
      );
      raws.push({ ms: raw.ms, items: items.length, calls: raw.result.requests, cpu: raw.cpu });
      console.log(
        `round ${round}: import ${perSecond(rows, first.ms)} rows/s (${(first.ms / 1000).toFixed(2)} s, ${cpuText(first.cpu)}), ` +
          `raw ${perSecond(rows, raw.ms)} rows/s (${(raw.ms / 1000).toFixed(2)} s, ${cpuText(raw.cpu)}); load average ${loadAverage()}`,
      );
    }
    const again = await timed('re-import', () => importCatalog([file], importOptions(importedTable)));
    const repriced = writePosFile(products.map((product) => ({ ...product, priceCents: product.priceCents + 100 })));
    const update = await timed('update import', () => importCatalog([repriced], importOptions(importedTable)));

    const bestImport = imports.reduce((best, next) => (next.ms < best.ms ? next : best));
    const bestRaw = raws.reduce((best, next) => (next.ms < best.ms ? next : best));
    const line = (label: string, report: CatalogImportReport, ms: number) =>
      `${label.padEnd(24)} ${String(perSecond(rows, ms)).padStart(7)} rows/s  (${(ms / 1000).toFixed(2)} s; created ${report.created}, ` +
      `updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}; ${report.writes.puts} puts, ` +
      `${report.writes.deletes} deletes, ${report.writes.requests} BatchWriteItem calls, ${report.writes.skuClaims} SKU claims)`;
    console.log(line('import (new catalog)', bestImport.report, bestImport.ms));
    console.log(
      `${'raw BatchWriteItem'.padEnd(24)} ${String(perSecond(rows, bestRaw.ms)).padStart(7)} rows/s  (${(bestRaw.ms / 1000).toFixed(2)} s; ` +
        `the same ${bestRaw.items} items, ${bestRaw.calls} calls, ${PARALLEL_BATCHES * PARALLEL_REQUESTS} in flight)`,
    );
    console.log(`${'ratio import / raw'.padEnd(24)} ${(bestRaw.ms / bestImport.ms).toFixed(2)}  (load average now ${loadAverage()})`);
    const cpuTotal = (cpu: CpuUse) => cpu.nodeSeconds + (cpu.dynamodbSeconds ?? 0);
    if (bestImport.cpu.dynamodbSeconds !== null && bestRaw.cpu.dynamodbSeconds !== null) {
      // On a loaded machine wall time follows the CPU each side gets; this ratio is what the work itself costs.
      console.log(
        `${'CPU ratio raw / import'.padEnd(24)} ${(cpuTotal(bestRaw.cpu) / cpuTotal(bestImport.cpu)).toFixed(2)}  ` +
          `(import ${cpuText(bestImport.cpu)}; raw ${cpuText(bestRaw.cpu)})`,
      );
    }
    console.log(line('re-import (no change)', again.result, again.ms));
    console.log(line('import (all repriced)', update.result, update.ms));
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
