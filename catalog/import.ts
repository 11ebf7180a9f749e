/**
 * Imports the point-of-sale catalog (.DBF) into the table: an idempotent upsert keyed by SKU (CLAVE).
 * Used by the catalog-import Lambda (S3 upload) and by `npm run import:catalog`.
 *
 * - A SKU with a guard item updates that product (same id, createdAt kept); a new SKU gets a new ULID.
 *   New SKUs are claimed with a conditional put of their guard (TransactWriteItems, up to 100 at once),
 *   so an import racing staff creating the same SKU never makes two products of one SKU.
 * - A row whose facts equal the stored product is skipped: re-importing the same file writes nothing.
 * - Items go out with BatchWriteItem (unprocessed items retried). For each batch of rows the search
 *   entries, stale-entry deletes and new categories are written first and the product items last: the
 *   product item is what the next import compares with, so if an import dies half way, the next one sees
 *   the product as changed and writes all of its items again.
 * - Description and image URL are staff-owned (not in the file) and kept. Products missing from the file
 *   are never deleted or deactivated; the report lists the active ones as "not in file".
 */
import { TransactWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { ALL_ACTIVE_PRODUCTS, CATALOG_PK, productKey, skuKey } from '../model/keys';
import {
  categoryIdOf,
  categoryItem,
  productInputOf,
  productItem,
  productItemsChange,
  productItems,
  sameProductFacts,
  skuGuardItem,
  type ProductInput,
  type ProductItem,
  type SkuGuardItem,
} from '../model/product-items';
import { DbfFormatError, type DbfHeader } from './dbf/format';
import { openDbf, type DbfReadOptions } from './dbf/read';
import { hasPosColumn, mapPosRecord, posLayoutProblems, type PosProduct, type RejectedRow } from './pos-mapping';
import {
  addWriteStats,
  batchGet,
  batchWrite,
  deleteRequest,
  emptyWriteStats,
  putRequest,
  type TableBatchOptions,
  type WriteRequest,
  type WriteStats,
} from './table-batches';

export interface CatalogImportOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Currency of the file's prices. Default MXN. */
  readonly currency?: string;
  readonly dbf?: DbfReadOptions;
  /** Clock for createdAt/updatedAt; one instant per import. */
  readonly now?: () => Date;
  /** Id of a new product; ULIDs by default. */
  readonly newId?: () => string;
  /** Rows looked up and written together (≤ 100, BatchGetItem's key limit). Default 100. */
  readonly rowsPerBatch?: number;
  /** Row batches processed at once while the file keeps being read. Default 2. */
  readonly parallelBatches?: number;
  /** BatchWriteItem / BatchGetItem requests in flight per row batch. Default 4. */
  readonly parallelRequests?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Least time between progress calls. Default 1000 ms. */
  readonly progressIntervalMs?: number;
  /** How many "not in file" SKUs the report lists (all are counted). Default 100. */
  readonly notInFileListLimit?: number;
}

export interface ImportCounts {
  /** Live rows read (deleted records excluded). */
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
}

export interface CatalogImportReport extends ImportCounts {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly rowsPerSecond: number;
  readonly file: {
    readonly version: number;
    readonly lastUpdate: string;
    readonly codepage: string;
    readonly recordCount: number;
    readonly columns: readonly string[];
  };
  /** Records flagged deleted in the file: skipped like rows that are not there. */
  readonly deletedRecordsSkipped: number;
  readonly rejectedRows: readonly RejectedRow[];
  readonly notInFile: {
    /** Active products whose SKU the file does not have. They are kept as they are. */
    readonly count: number;
    /** The first of their SKUs, sorted. */
    readonly skus: readonly string[];
  };
  readonly writes: WriteStats & { readonly skuClaims: number };
}

/** The file cannot be imported at all (not a .DBF, or not the point-of-sale layout). */
export class CatalogImportError extends Error {
  readonly errorType = 'ValidationError';
  override readonly name = 'CatalogImportError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message);
  }
}

interface AcceptedRow {
  readonly recordNumber: number;
  readonly product: PosProduct;
}

interface ImportContext {
  readonly options: CatalogImportOptions;
  readonly batchOptions: TableBatchOptions;
  readonly header: DbfHeader;
  readonly importedAt: string;
  readonly newId: () => string;
  readonly knownCategories: Set<string>;
  readonly counts: ImportCounts;
  readonly writes: WriteStats & { skuClaims: number };
}

const TRANSACTION_LIMIT = 100;

/** Category ids already in the table, so an import only writes the new ones. */
async function loadCategoryIds(options: CatalogImportOptions): Promise<Set<string>> {
  const ids = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await options.documentClient.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': 'CATEGORY#' },
        ProjectionExpression: 'SK',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) ids.add(String(item.SK).slice('CATEGORY#'.length));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

/** SKUs of every active product (GSI2 lists exactly those), for the "not in file" part of the report. */
async function activeProductSkus(options: CatalogImportOptions): Promise<string[]> {
  const skus: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await options.documentClient.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS },
        ProjectionExpression: 'sku',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) skus.push(String(item.sku));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return skus;
}

function isTransactionCanceled(error: unknown): error is { CancellationReasons?: { Code?: string }[] } {
  return (error as { name?: string } | null)?.name === 'TransactionCanceledException';
}

/**
 * Claims SKUs for new products: a conditional put of each guard (absent only). Returns the SKUs that were
 * claimed; the others were taken meanwhile (by staff or another import) and must be treated as updates.
 */
async function claimSkus(context: ImportContext, guards: SkuGuardItem[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (let at = 0; at < guards.length; at += TRANSACTION_LIMIT) {
    let pending = guards.slice(at, at + TRANSACTION_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= 10) throw new CatalogImportError('could not claim new SKUs: the table kept cancelling the transaction');
      try {
        context.writes.skuClaims += pending.length;
        await context.options.documentClient.send(
          new TransactWriteCommand({
            TransactItems: pending.map((guard) => ({
              Put: { TableName: context.options.tableName, Item: guard, ConditionExpression: 'attribute_not_exists(PK)' },
            })),
          }),
        );
        for (const guard of pending) claimed.add(guard.sku);
        pending = [];
      } catch (error) {
        if (!isTransactionCanceled(error)) throw error;
        const reasons = error.CancellationReasons ?? [];
        // Drop the guards that already exist; retry the rest (a conflict with another writer just retries).
        pending = pending.filter((_, index) => reasons[index]?.Code !== 'ConditionalCheckFailed');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }
  return claimed;
}

async function readGuards(context: ImportContext, skus: readonly string[]): Promise<Map<string, string>> {
  const guards = await batchGet<SkuGuardItem>(context.batchOptions, skus.map(skuKey), ['sku', 'productId']);
  return new Map(guards.map((guard) => [guard.sku, guard.productId]));
}

/** Looks the rows up, decides created/updated/unchanged, and writes what changed. */
async function processBatch(context: ImportContext, rows: readonly AcceptedRow[]): Promise<void> {
  const { header, importedAt } = context;
  const guards = await readGuards(context, rows.map((row) => row.product.sku));

  // New SKUs: claim a guard for a fresh id; a SKU someone else claimed meanwhile becomes an update.
  const fresh = rows.filter((row) => !guards.has(row.product.sku));
  const freshGuards = fresh.map((row) => skuGuardItem(row.product.sku, context.newId()));
  const claimed = await claimSkus(context, freshGuards);
  const lost = freshGuards.filter((guard) => !claimed.has(guard.sku));
  if (lost.length > 0) {
    for (const [sku, productId] of await readGuards(context, lost.map((guard) => guard.sku))) guards.set(sku, productId);
  }
  const claimedIds = new Map(freshGuards.filter((guard) => claimed.has(guard.sku)).map((guard) => [guard.sku, guard.productId]));

  const existingIds = [...new Set(rows.map((row) => guards.get(row.product.sku)).filter((id): id is string => !!id))];
  const stored = await batchGet<ProductItem>(context.batchOptions, existingIds.map(productKey));
  const products = new Map(stored.map((item) => [item.id, item]));

  const first: WriteRequest[] = [];
  const last: WriteRequest[] = [];
  const categoriesNow = new Set<string>();
  const addCategory = (name: string) => {
    const id = categoryIdOf(name);
    if (context.knownCategories.has(id) || categoriesNow.has(id)) return;
    categoriesNow.add(id);
    first.push(putRequest(categoryItem(name)));
  };

  for (const row of rows) {
    const sku = row.product.sku;
    const id = claimedIds.get(sku) ?? guards.get(sku);
    if (!id) throw new CatalogImportError(`SKU ${sku} has neither a guard nor a claim`);
    const existing = products.get(id);
    if (!existing) {
      // A new product, or a guard left by a write that died before its product item: create it.
      const input: ProductInput = { ...row.product, id, createdAt: importedAt, updatedAt: importedAt };
      const items = productItems(input);
      // The guard is in place already: claimed just now, or left by that earlier write.
      for (const entry of items.searchEntries) first.push(putRequest(entry));
      addCategory(input.categoryName);
      last.push(putRequest(items.product));
      context.counts.created += 1;
      continue;
    }
    const before = productInputOf(existing);
    const next: ProductInput = { ...before, ...row.product, updatedAt: importedAt };
    // Columns an older export lacks leave the product's own value alone.
    if (!hasPosColumn(header, 'CODBARRAS')) next.barcode = before.barcode;
    if (!next.barcode) delete next.barcode;
    if (!hasPosColumn(header, 'ACTIVO')) next.active = before.active;
    if (sameProductFacts(before, next)) {
      context.counts.unchanged += 1;
      continue;
    }
    const change = productItemsChange(before, next);
    for (const entry of change.puts.searchEntries) first.push(putRequest(entry));
    for (const key of change.staleSearchEntryKeys) first.push(deleteRequest(key));
    addCategory(next.categoryName);
    last.push(putRequest(productItem(next)));
    context.counts.updated += 1;
  }

  addWriteStats(context.writes, await batchWrite(context.batchOptions, first));
  addWriteStats(context.writes, await batchWrite(context.batchOptions, last));
  for (const id of categoriesNow) context.knownCategories.add(id);
}

/** Imports a point-of-sale .DBF catalog read from `source` (a file or S3 object stream). */
export async function importCatalog(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  options: CatalogImportOptions,
): Promise<CatalogImportReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const startedMs = performance.now();
  let reader;
  try {
    reader = await openDbf(source, { ...options.dbf, includeDeleted: true });
  } catch (error) {
    if (error instanceof DbfFormatError) throw new CatalogImportError('not a readable .DBF file', [error.message]);
    throw error;
  }
  const { header } = reader;
  const layoutProblems = posLayoutProblems(header);
  if (layoutProblems.length > 0) throw new CatalogImportError('not the point-of-sale catalog layout', layoutProblems);

  const ulid = monotonicFactory();
  const context: ImportContext = {
    options,
    batchOptions: {
      documentClient: options.documentClient,
      tableName: options.tableName,
      parallel: options.parallelRequests ?? 4,
    },
    header,
    importedAt: started.toISOString(),
    newId: options.newId ?? (() => ulid()),
    knownCategories: await loadCategoryIds(options),
    counts: { rowsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 },
    writes: { ...emptyWriteStats(), skuClaims: 0 },
  };
  const mapping = {
    currency: options.currency ?? 'MXN',
    hasActiveColumn: hasPosColumn(header, 'ACTIVO'),
    hasBarcodeColumn: hasPosColumn(header, 'CODBARRAS'),
  };
  const rowsPerBatch = Math.min(100, Math.max(1, options.rowsPerBatch ?? 100));
  const parallelBatches = Math.max(1, options.parallelBatches ?? 2);
  const progressIntervalMs = options.progressIntervalMs ?? 1000;

  const rejectedRows: RejectedRow[] = [];
  const firstRecordOfSku = new Map<string, number>();
  let deletedRecordsSkipped = 0;
  let lastProgressMs = startedMs;
  const progress = (): ImportProgress => {
    const elapsedMs = performance.now() - startedMs;
    return { ...context.counts, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (context.counts.rowsRead * 1000) / elapsedMs : 0 };
  };
  const reportProgress = (force: boolean) => {
    if (!options.onProgress) return;
    const nowMs = performance.now();
    if (!force && nowMs - lastProgressMs < progressIntervalMs) return;
    lastProgressMs = nowMs;
    options.onProgress(progress());
  };

  // Row batches run while the file keeps being read, at most `parallelBatches` at a time. Each SKU is in
  // one batch only (repeats are rejected), so concurrent batches never touch the same product.
  const running = new Set<Promise<void>>();
  let failure: unknown;
  const launch = (rows: AcceptedRow[]) => {
    const task: Promise<void> = processBatch(context, rows)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        running.delete(task);
        reportProgress(false);
      });
    running.add(task);
  };

  let batch: AcceptedRow[] = [];
  try {
    for await (const record of reader.records) {
      if (failure) break;
      if (record.deleted) {
        deletedRecordsSkipped += 1;
        continue;
      }
      context.counts.rowsRead += 1;
      const mapped = mapPosRecord(record, mapping);
      if (!mapped.ok) {
        rejectedRows.push(mapped.rejected);
        context.counts.rejected += 1;
        continue;
      }
      const sku = mapped.product.sku;
      const firstRecord = firstRecordOfSku.get(sku);
      if (firstRecord !== undefined) {
        rejectedRows.push({ recordNumber: record.recordNumber, sku, reasons: [`CLAVE ${sku} repeats record ${firstRecord}`] });
        context.counts.rejected += 1;
        continue;
      }
      firstRecordOfSku.set(sku, record.recordNumber);
      batch.push({ recordNumber: record.recordNumber, product: mapped.product });
      if (batch.length >= rowsPerBatch) {
        launch(batch);
        batch = [];
        while (running.size >= parallelBatches) await Promise.race(running);
      }
    }
  } catch (error) {
    await Promise.all(running);
    if (error instanceof DbfFormatError) throw new CatalogImportError('the .DBF file is damaged', [error.message]);
    throw error;
  }
  if (batch.length > 0 && !failure) launch(batch);
  await Promise.all(running);
  if (failure) throw failure;

  const notInFile = (await activeProductSkus(options)).filter((sku) => !firstRecordOfSku.has(sku)).sort();
  reportProgress(true);
  const durationMs = performance.now() - startedMs;
  return {
    ...context.counts,
    startedAt: started.toISOString(),
    finishedAt: now().toISOString(),
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round((context.counts.rowsRead * 1000) / durationMs) : 0,
    file: {
      version: header.version,
      lastUpdate: header.lastUpdate,
      codepage: header.codepage,
      recordCount: header.recordCount,
      columns: header.fields.map((field) => field.name),
    },
    deletedRecordsSkipped,
    rejectedRows,
    notInFile: { count: notInFile.length, skus: notInFile.slice(0, options.notInFileListLimit ?? 100) },
    writes: context.writes,
  };
}
