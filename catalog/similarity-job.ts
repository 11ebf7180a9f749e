/**
 * The nightly similarity job: reads every active product (GSI2 lists exactly those), computes each one's
 * top-k similar products (similarity.ts), compares each list with the stored `PRODUCT#id / SIMILAR` item
 * and writes only the lists that changed. Used by the `similarity` Lambda (03:00 schedule) and by
 * `npm run similarity`.
 *
 * Memory stays bounded for 100,000 products: products are read with only the fields similarity needs,
 * the lists are kept as typed arrays (SimilarityTable), and the stored items are read, compared and
 * rewritten a slice at a time.
 *
 * A list counts as changed when its products or their order differ, or a score moved by more than
 * `SCORE_TOLERANCE` (a catalog that grows by one product shifts every TF-IDF weight a little; rewriting
 * 100,000 items for that would be most of the job's cost). `computedAt` is then the time the list was
 * last written. Products deactivated since the last run keep their old SIMILAR item (it is never shown:
 * the product is hidden, and Product.similar drops inactive products it points to).
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ALL_ACTIVE_PRODUCTS, SIMILARITY_RUN_KEY } from '../model/keys';
import {
  SIMILAR_PRODUCTS_STORED,
  similarProductsItem,
  similarProductsKey,
  type SimilarProductEntry,
  type SimilarProductsItem,
} from '../model/similar-products';
import { computeSimilarityTable, similarListAt, type SimilarityOptions, type SimilarityProduct, type SimilarityTable } from './similarity';
import { addWriteStats, batchGet, batchWrite, emptyWriteStats, putRequest, type WriteStats } from './table-batches';

/** Stored scores within this of the new ones are not rewritten. */
export const SCORE_TOLERANCE = 0.001;

/** Products compared (and their changed lists written) per slice. */
const SLICE = 1000;

export interface SimilarityJobOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Similar products kept per product. Default 8. */
  readonly k?: number;
  readonly now?: () => Date;
  /** BatchGetItem / BatchWriteItem requests in flight. Default 8. */
  readonly parallelRequests?: number;
  /** Passed to the computation (candidate budget). */
  readonly similarity?: Omit<SimilarityOptions, 'k'>;
}

export interface SimilarityJobReport {
  readonly computedAt: string;
  /** Active products read (each has a list). */
  readonly products: number;
  /** Lists that differed from the stored SIMILAR item (or had none) and were written. */
  readonly changed: number;
  /** Lists equal to the stored one: not written. */
  readonly unchanged: number;
  /** Candidates scored by the computation. */
  readonly scored: number;
  readonly readMs: number;
  readonly computeMs: number;
  /** Reading the stored lists, comparing and writing the changed ones. */
  readonly writeMs: number;
  /** BatchGetItem calls that read the stored lists. */
  readonly storedListReads: number;
  readonly writes: WriteStats;
}

/** Every active product with the fields similarity needs. */
export async function readActiveProducts(documentClient: DynamoDBDocumentClient, tableName: string): Promise<SimilarityProduct[]> {
  const products: SimilarityProduct[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS },
        ProjectionExpression: 'id, #name, activeIngredients, lab, categoryId, presentation',
        ExpressionAttributeNames: { '#name': 'name' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      products.push({
        id: String(item.id),
        name: String(item.name ?? ''),
        activeIngredients: Array.isArray(item.activeIngredients) ? item.activeIngredients.map(String) : [],
        lab: String(item.lab ?? ''),
        categoryId: String(item.categoryId ?? ''),
        presentation: String(item.presentation ?? ''),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return products;
}

/** Whether a stored list says the same as a new one (same products in the same order, scores within tolerance). */
export function sameSimilarList(stored: readonly SimilarProductEntry[] | undefined, fresh: readonly SimilarProductEntry[]): boolean {
  if (!stored || stored.length !== fresh.length) return false;
  return fresh.every((entry, index) => {
    const old = stored[index];
    return old !== undefined && old.productId === entry.productId && Math.abs(Number(old.score) - entry.score) <= SCORE_TOLERANCE;
  });
}

/**
 * Reads the stored lists of the table's products a slice at a time, and writes the ones that changed.
 * Exported for the benchmark, which times it against DynamoDB Local.
 */
export async function writeChangedLists(
  options: Pick<SimilarityJobOptions, 'documentClient' | 'tableName' | 'parallelRequests'>,
  table: SimilarityTable,
  computedAt: string,
): Promise<{ changed: number; unchanged: number; storedListReads: number; writes: WriteStats }> {
  const batchOptions = { documentClient: options.documentClient, tableName: options.tableName, parallel: options.parallelRequests ?? 8 };
  const writes = emptyWriteStats();
  let changed = 0;
  let storedListReads = 0;
  for (let from = 0; from < table.ids.length; from += SLICE) {
    const ids = table.ids.slice(from, from + SLICE);
    const stored = await batchGet<Pick<SimilarProductsItem, 'productId' | 'similar'>>(
      batchOptions,
      ids.map((id) => similarProductsKey(id)),
      ['productId', 'similar'],
    );
    storedListReads += Math.ceil(ids.length / 100);
    const storedById = new Map(stored.map((item) => [item.productId, item.similar]));
    const requests = [];
    for (let offset = 0; offset < ids.length; offset += 1) {
      const id = ids[offset] as string;
      const fresh = similarListAt(table, from + offset);
      if (sameSimilarList(storedById.get(id), fresh)) continue;
      requests.push(putRequest(similarProductsItem(id, fresh.map((entry) => ({ ...entry })), computedAt)));
    }
    changed += requests.length;
    if (requests.length > 0) addWriteStats(writes, await batchWrite(batchOptions, requests));
  }
  return { changed, unchanged: table.ids.length - changed, storedListReads, writes };
}

export async function runSimilarityJob(options: SimilarityJobOptions): Promise<SimilarityJobReport> {
  const computedAt = (options.now ?? (() => new Date()))().toISOString();
  const readStarted = performance.now();
  let products: SimilarityProduct[] | undefined = await readActiveProducts(options.documentClient, options.tableName);
  const count = products.length;
  const computeStarted = performance.now();
  const table = computeSimilarityTable(products, { ...options.similarity, k: options.k ?? SIMILAR_PRODUCTS_STORED });
  products = undefined; // the table holds all that is needed from here on; let the product objects go
  const writeStarted = performance.now();
  const outcome = await writeChangedLists(options, table, computedAt);
  const finished = performance.now();
  // What the back office shows ("last computed, how many"): one small item per run, replaced each time.
  await options.documentClient.send(
    new PutCommand({
      TableName: options.tableName,
      Item: {
        ...SIMILARITY_RUN_KEY,
        type: 'SimilarityRun',
        computedAt,
        finishedAt: new Date().toISOString(),
        products: count,
        changed: outcome.changed,
        unchanged: outcome.unchanged,
        durationMs: Math.round(finished - readStarted),
      },
    }),
  );
  return {
    computedAt,
    products: count,
    changed: outcome.changed,
    unchanged: outcome.unchanged,
    scored: table.scored,
    readMs: Math.round(computeStarted - readStarted),
    computeMs: Math.round(writeStarted - computeStarted),
    writeMs: Math.round(finished - writeStarted),
    storedListReads: outcome.storedListReads,
    writes: outcome.writes,
  };
}
