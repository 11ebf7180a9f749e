/**
 * The nightly similar-products job at catalog scale.
 *
 *   compute     computeSimilarityTable on a generated catalog (bench/support/similarity-catalog.ts: the demo
 *               catalog's vocabulary, more labs per medicine past its 1,991 products), in-process, no
 *               DynamoDB. Each size runs in its own Node process, so its peak memory (maxRSS: products
 *               held as the Lambda holds them after reading, plus the computation) is its own. Wall time
 *               and CPU time are both printed: on a shared machine the CPU time is the steadier figure.
 *   end to end  runSimilarityJob against DynamoDB Local: read every active product through GSI2, compute,
 *               read the stored lists and write the changed ones — a first run (every list new), a rerun
 *               (nothing changed: no writes) and a run after 1 % of the products changed.
 *   labelled    the labelled set of expected equivalents (catalog/similarity-labelled.ts) scored.
 *   blocking    at 5,000 products, how many lists the bounded candidates give exactly as the exhaustive
 *               all-pairs computation does (what the speed costs in quality).
 *
 * Bounded: at most 200,000 products per size, each compute process is killed after 10 minutes, each end
 * to end phase stops the run past 10 minutes.
 *
 *   npm run bench:similarity                                  # compute at 10,000 and 100,000; end to end at 10,000
 *   npm run bench:similarity -- --sizes 10000 --e2e 0         # compute at 10,000 only
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { computeSimilarityTable, similarListAt } from '../catalog/similarity';
import { runSimilarityJob, type SimilarityJobReport } from '../catalog/similarity-job';
import { scoreLabelledSet } from '../catalog/similarity-labelled-score';
import { batchWrite, putRequest } from '../catalog/table-batches';
import { productItems, type ProductInput } from '../model/product-items';
import { generateSimilarityCatalog, type BenchProduct } from './support/similarity-catalog';

const MAX_PRODUCTS = 200_000;
const CHILD_TIMEOUT_MS = 10 * 60_000;
const PHASE_DEADLINE_MS = 10 * 60_000;

interface ComputeFigures {
  readonly products: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly scored: number;
  /** RSS with the products generated, before computing. */
  readonly rssBeforeMb: number;
  /** Peak RSS of the whole process. */
  readonly peakRssMb: number;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function checkedSize(text: string): number {
  const size = Number(text);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PRODUCTS) throw new Error(`sizes must be whole numbers from 0 to ${MAX_PRODUCTS}`);
  return size;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** In the child process: generate, compute, print the figures as one JSON line. */
function computeChild(size: number): void {
  const products = generateSimilarityCatalog(size);
  globalThis.gc?.();
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const table = computeSimilarityTable(products);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const figures: ComputeFigures = {
    products: table.ids.length,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    scored: table.scored,
    rssBeforeMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(figures));
}

function runComputeProcess(size: number): Promise<ComputeFigures> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--child-compute', String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = output.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ComputeFigures);
      else reject(new Error(`compute at ${size} products failed (exit ${code ?? signal}): ${output}`));
    });
  });
}

async function withDeadline<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} ran past ${PHASE_DEADLINE_MS / 1000} s`)), PHASE_DEADLINE_MS);
  });
  try {
    return { result: await Promise.race([work(), deadline]), ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

function productInput(product: BenchProduct): ProductInput {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    activeIngredients: [...product.activeIngredients],
    lab: product.lab,
    presentation: product.presentation,
    categoryName: product.categoryName,
    priceCents: 9900,
    currency: 'MXN',
    stock: 10,
    prescriptionRequired: false,
    active: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

function jobLine(label: string, report: SimilarityJobReport, ms: number): string {
  return (
    `${label.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(6)} s  (read ${report.readMs} ms, compute ${report.computeMs} ms, ` +
    `compare and write ${report.writeMs} ms)  lists changed ${report.changed}, unchanged ${report.unchanged}; ` +
    `${report.writes.puts} puts in ${report.writes.requests} BatchWriteItem, ${report.storedListReads} BatchGetItem`
  );
}

async function endToEnd(size: number): Promise<void> {
  const products = generateSimilarityCatalog(size);
  const dynamodb = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const documentClient = DynamoDBDocumentClient.from(client);
  const tableName = 'bench-similarity';
  try {
    await ensureTable(client, tableName, { stream: false });
    const load = await withDeadline('loading the catalog', () =>
      batchWrite({ documentClient, tableName, parallel: 8 }, products.map((product) => putRequest(productItems(productInput(product)).product))),
    );
    console.log(`end to end, DynamoDB Local, ${size.toLocaleString('en-US')} products (loaded in ${(load.ms / 1000).toFixed(1)} s)`);
    const job = () => runSimilarityJob({ documentClient, tableName });
    const first = await withDeadline('first run', job);
    console.log(jobLine('first run (all new)', first.result, first.ms));
    const again = await withDeadline('rerun', job);
    console.log(jobLine('rerun (nothing changed)', again.result, again.ms));
    // 1 % of the products change lab (a new supplier for the same medicine).
    const changed = products.filter((_, index) => index % 100 === 0).map((product) => ({ ...product, lab: `${product.lab} Nuevo` }));
    await batchWrite({ documentClient, tableName, parallel: 8 }, changed.map((product) => putRequest(productItems(productInput(product)).product)));
    const after = await withDeadline('run after changes', job);
    console.log(jobLine(`after ${changed.length} products changed`, after.result, after.ms));
    console.log(`  peak RSS of this process (DynamoDB Local is a separate JVM): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

async function main(): Promise<void> {
  const childSize = argument('--child-compute', '');
  if (childSize) {
    computeChild(checkedSize(childSize));
    return;
  }
  const sizes = argument('--sizes', '10000,100000').split(',').map(checkedSize).filter((size) => size > 0);
  const e2e = checkedSize(argument('--e2e', '10000'));
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, Node ${process.version}`,
  );

  const labelled = scoreLabelledSet();
  console.log(
    `labelled equivalents: ${labelled.passed}/${labelled.cases.length} cases as expected, mean precision ${labelled.precision.toFixed(3)}`,
  );

  const fidelitySize = 5000;
  const sample = generateSimilarityCatalog(fidelitySize);
  const blocked = computeSimilarityTable(sample);
  const exhaustive = computeSimilarityTable(sample, { allPairs: true });
  let identical = 0;
  let sameBest = 0;
  for (let position = 0; position < fidelitySize; position += 1) {
    const a = similarListAt(blocked, position);
    const b = similarListAt(exhaustive, position);
    if (JSON.stringify(a) === JSON.stringify(b)) identical += 1;
    if (a[0]?.score === b[0]?.score) sameBest += 1;
  }
  console.log(
    `blocking at ${fidelitySize.toLocaleString('en-US')} products: ${((100 * identical) / fidelitySize).toFixed(1)} % of lists identical to all pairs, ` +
      `${((100 * sameBest) / fidelitySize).toFixed(1)} % with the same best score; ${blocked.scored.toLocaleString('en-US')} candidates scored ` +
      `instead of ${exhaustive.scored.toLocaleString('en-US')}`,
  );

  for (const size of sizes) {
    const figures = await runComputeProcess(size);
    console.log(
      `compute ${figures.products.toLocaleString('en-US').padStart(7)} products: ${(figures.wallMs / 1000).toFixed(1)} s wall, ` +
        `${(figures.cpuMs / 1000).toFixed(1)} s CPU, ${figures.scored.toLocaleString('en-US')} candidates scored ` +
        `(${Math.round(figures.scored / figures.products)} per product); RSS ${figures.rssBeforeMb} MiB with the products held, ` +
        `peak ${figures.peakRssMb} MiB`,
    );
  }
  if (e2e > 0) await endToEnd(e2e);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
