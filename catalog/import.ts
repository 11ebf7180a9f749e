/**
 * Imports the point-of-sale catalog (.DBF) into the table: an idempotent upsert keyed by SKU (CLAVE).
 * Used by the catalog-import Lambda (S3 upload) and by `npm run import:catalog`.
 *
 * - A SKU with a guard item updates that product (same id, createdAt kept); a new SKU gets a new ULID.
 *   New SKUs are claimed with a conditional put of their guard (TransactWriteItems, up to 100 at once),
 *   so an import racing staff creating the same SKU never makes two products of one SKU. A SKU the table
 *   does not list as active is claimed without reading its guard first: a claim that finds the guard taken
 *   gets it back and becomes an update.
 * - A row whose facts equal the stored product is skipped: re-importing the same file writes nothing.
 * - Items go out with BatchWriteItem (unprocessed items retried). For each batch of rows the search
 *   entries, stale-entry deletes and new categories are written first and the product items last: the
 *   product item is what the next import compares with, so if an import dies half way, the next one sees
 *   the product as changed and writes all of its items again.
 * - Description and image URL are staff-owned (not in the file) and kept. Products missing from the file
 *   are never deleted or deactivated; the report lists the active ones as "not in file".
 * - The whole file is checked before anything is written (a first pass that reads and maps every record
 *   and writes nothing): a file that is damaged (cut inside a record, garbage bytes, a header that counts
 *   more or fewer records than there are) or whose text was read with the wrong code page is refused and
 *   nothing is written, unless `acceptDamaged` asks for the records before the damage. The check keeps what it
 *   decided for every record (up to 50,000 records), so the writing pass neither reads nor maps the file again.
 * - `dryRun` does everything but write, and reports the diff: new products, changed ones field by field,
 *   unchanged, rejected rows, active products not in the file.
 */
import { TransactWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { ALL_ACTIVE_PRODUCTS, CATALOG_PK, productKey, skuKey } from '../model/keys';
import {
  categoryIdOf,
  categoryItem,
  productInputOf,
  productItem,
  sameProductFacts,
  searchEntryItems,
  staleSearchEntryKeys,
  skuGuardItem,
  type ProductInput,
  type ProductItem,
  type SkuGuardItem,
} from '../model/product-items';
import { describeSuspicion, suspectCodepage, type CodepageSuspicion } from './dbf/codepage-check';
import { DbfDamageError, DbfFormatError, type DbfHeader } from './dbf/format';
import { emptyTextStatistics, openDbf, type DbfReadOptions } from './dbf/read';
import {
  hasPosColumn,
  mapPosRecord,
  posLayoutProblems,
  type PosMappingOptions,
  type PosProduct,
  type RejectedRow,
  type RowWarning,
} from './pos-mapping';
import {
  addWriteStats,
  batchGet,
  batchWrite,
  deleteRequest,
  emptyWriteStats,
  inParallel,
  inSlot,
  putRequest,
  RequestSlots,
  type TableBatchOptions,
  type WriteRequest,
  type WriteStats,
} from './table-batches';

/**
 * The file to import. It is read twice (checked whole, then imported), so it is given as something that can
 * be read again: bytes, an array of chunks, or a function opening a fresh stream (a file, an S3 object).
 */
export type CatalogSource =
  | Uint8Array
  | readonly Uint8Array[]
  | (() => AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> | Promise<AsyncIterable<Uint8Array | string>>);

export interface CatalogImportOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Compute and report the changes, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Import a damaged file anyway: the records read soundly before the damage are imported (for a header
   * that under-counts, the records it counts), nothing after it. The report names the damage.
   */
  readonly acceptDamaged?: boolean;
  /** How many entries each list of a dry run's changes holds (all are counted). Default 1000. */
  readonly changeListLimit?: number;
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
  /**
   * A file of at most this many records is read and mapped once: the check keeps its decisions (about 1 KB a
   * record) for the import pass. A larger one is read again by the import pass. Default 50,000.
   */
  readonly keepCheckedRecordsUpTo?: number;
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
  /** 'checking': the first pass over the whole file (no writes); 'importing': the pass that writes (or, in a dry run, compares). */
  readonly phase: 'checking' | 'importing';
  /** Records of the file gone through in this phase, and the header's count. */
  readonly recordsDone: number;
  readonly recordsTotal: number;
  /** 0–100 over both phases (the check is counted as a tenth of the work). */
  readonly percent: number;
  /** Estimated time left, from the pace so far; null until there is a pace. */
  readonly etaMs: number | null;
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
}

/** One field of a product the file changes. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface CatalogChanges {
  readonly created: readonly { readonly recordNumber: number; readonly sku: string; readonly name: string }[];
  readonly updated: readonly {
    readonly recordNumber: number;
    readonly sku: string;
    readonly id: string;
    readonly name: string;
    readonly fields: readonly FieldChange[];
  }[];
  readonly unchanged: readonly string[];
}

/** The file was damaged and imported anyway (`acceptDamaged`). */
export interface DamageReport {
  readonly message: string;
  /** Records (deleted ones included) read soundly before the damage: the only ones imported. */
  readonly recordsBeforeDamage: number;
}

export interface CatalogImportReport extends ImportCounts {
  /** 'imported': written; 'preview': a dry run, nothing written. */
  readonly status: 'imported' | 'preview';
  /** What the import wrote, in words, e.g. "12 products created, 3 updated (57 items written)" or "nothing (dry run)". */
  readonly written: string;
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
  /** Rows imported with something left out (a bad barcode). */
  readonly warnings: readonly RowWarning[];
  /** Set when a damaged file was imported on request. */
  readonly damage?: DamageReport;
  /** A dry run's diff (on a real import only the counts are reported). */
  readonly changes?: CatalogChanges;
  readonly notInFile: {
    /** Active products whose SKU the file does not have. They are kept as they are. */
    readonly count: number;
    /** The first of their SKUs, sorted. */
    readonly skus: readonly string[];
  };
  /** skuClaims: SKU guards the import wrote (claims that found their SKU taken wrote nothing and are not counted). */
  readonly writes: WriteStats & { readonly skuClaims: number };
}

/** Why a file is refused: not a .DBF, not the layout, damaged, text in the wrong code page. */
export type RefusalKind = 'not-dbf' | 'layout' | 'damaged' | 'codepage';

/** The file cannot be imported (and nothing of it was written). */
export class CatalogImportError extends Error {
  readonly errorType = 'ValidationError';
  override readonly name = 'CatalogImportError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    readonly kind: RefusalKind = 'not-dbf',
    /** What the check of the whole file found before refusing it, when it got that far. */
    readonly check?: FileCheck,
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message);
  }
}

/** What the first pass over the whole file found (nothing is written in it). */
export interface FileCheck {
  readonly header: DbfHeader;
  /** Records in the file as read, deleted ones included. */
  readonly recordsRead: number;
  readonly rowsRead: number;
  readonly rejected: number;
  readonly deletedRecords: number;
  readonly damage?: DamageReport;
  readonly codepage?: CodepageSuspicion;
  /** Every SKU of an accepted row (for "not in file"). */
  readonly skus: ReadonlySet<string>;
}

interface AcceptedRow {
  readonly recordNumber: number;
  readonly product: PosProduct;
  /** The row's barcode was unusable: a new product gets none, an existing one keeps its own. */
  readonly barcodeDropped: boolean;
}

interface ImportContext {
  readonly options: CatalogImportOptions;
  readonly dryRun: boolean;
  readonly changes: { created: CatalogChanges['created'][number][]; updated: CatalogChanges['updated'][number][]; unchanged: string[] };
  readonly changeListLimit: number;
  readonly batchOptions: TableBatchOptions;
  readonly header: DbfHeader;
  readonly importedAt: string;
  readonly newId: () => string;
  readonly knownCategories: Set<string>;
  readonly counts: ImportCounts;
  readonly writes: WriteStats & { skuClaims: number };
  /** SKUs of the table's active products (read while the file was checked): looked up; any other SKU is claimed first. */
  readonly activeSkus: ReadonlySet<string>;
}

/**
 * SKU guards claimed per TransactWriteItems call: as many as one transaction takes (100, a whole row batch).
 * Fewer, larger claims because a conditional write is the one request that cannot run beside the others in
 * DynamoDB Local: it takes the table's exclusive lock (TransactWriteItems, a conditional PutItem and a PartiQL
 * INSERT alike; BatchWriteItem takes the shared one), so each claim first waits for every write in flight to
 * finish. In AWS nothing is locked; a larger group only means a conflict (rare) retries more claims at once.
 */
const CLAIM_GROUP = 100;

/** Category ids already in the table, so an import only writes the new ones. */
async function loadCategoryIds(options: CatalogImportOptions, slots: RequestSlots): Promise<Set<string>> {
  const ids = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const exclusiveStartKey = startKey;
    const page = await slots.run(() => options.documentClient.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': 'CATEGORY#' },
        ProjectionExpression: 'SK',
        ExclusiveStartKey: exclusiveStartKey,
      }),
    ));
    for (const item of page.Items ?? []) ids.add(String(item.SK).slice('CATEGORY#'.length));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

/** SKUs of every active product (GSI2 lists exactly those), for the "not in file" part of the report. */
async function activeProductSkus(options: CatalogImportOptions, slots: RequestSlots): Promise<string[]> {
  const skus: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const exclusiveStartKey = startKey;
    const page = await slots.run(() => options.documentClient.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS },
        ProjectionExpression: 'sku',
        ExclusiveStartKey: exclusiveStartKey,
      }),
    ));
    for (const item of page.Items ?? []) skus.push(String(item.sku));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return skus;
}

interface CancellationReason {
  readonly Code?: string;
  /** The item as it stands, when the put asked for it (ReturnValuesOnConditionCheckFailure ALL_OLD). */
  readonly Item?: Record<string, unknown>;
}

function isTransactionCanceled(error: unknown): error is { CancellationReasons?: CancellationReason[] } {
  return (error as { name?: string } | null)?.name === 'TransactionCanceledException';
}

/**
 * The product id of the guard a cancelled claim returned. The document client leaves an exception's items in
 * DynamoDB's typed form ({ S: "…" }); a plain string is taken too.
 */
function productIdOfReturnedGuard(item: Record<string, unknown> | undefined): string | undefined {
  const value = item?.productId;
  if (typeof value === 'string') return value;
  const typed = (value as { S?: unknown } | undefined)?.S;
  return typeof typed === 'string' ? typed : undefined;
}

/** What claiming new SKUs found: the SKUs claimed now, and the ones already taken with their guard's product id. */
interface ClaimOutcome {
  readonly claimed: Set<string>;
  /** Taken SKUs: the product id of the guard that holds each (undefined when the table did not return it). */
  readonly taken: Map<string, string | undefined>;
}

/**
 * Claims SKUs for new products: a conditional put of each guard (absent only). A guard that exists already
 * cancels the claim; the cancellation returns that guard (ALL_OLD), so the SKU becomes an update to the
 * product it names without a read. The others are sent again.
 */
async function claimSkus(context: ImportContext, guards: SkuGuardItem[]): Promise<ClaimOutcome> {
  const claimed = new Set<string>();
  const taken = new Map<string, string | undefined>();
  // Each claim stands alone: a guard that exists already only drops out of its group, which is sent again.
  const groups: SkuGuardItem[][] = [];
  for (let at = 0; at < guards.length; at += CLAIM_GROUP) groups.push(guards.slice(at, at + CLAIM_GROUP));
  await inParallel(groups, context.batchOptions.parallel ?? 4, async (group) => {
    let pending = group;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= 10) throw new CatalogImportError('could not claim new SKUs: the table kept cancelling the transaction');
      try {
        const claiming = pending;
        await inSlot(context.batchOptions, () =>
          context.options.documentClient.send(
            new TransactWriteCommand({
              TransactItems: claiming.map((guard) => ({
                Put: {
                  TableName: context.options.tableName,
                  Item: guard,
                  ConditionExpression: 'attribute_not_exists(PK)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              })),
            }),
          ),
        );
        for (const guard of pending) claimed.add(guard.sku);
        context.writes.skuClaims += pending.length;
        pending = [];
      } catch (error) {
        if (!isTransactionCanceled(error)) throw error;
        const reasons = error.CancellationReasons ?? [];
        // Drop the guards that already exist, keeping whose they are; retry the rest (a conflict with
        // another writer just retries).
        const still: SkuGuardItem[] = [];
        pending.forEach((guard, index) => {
          const reason = reasons[index];
          if (reason?.Code === 'ConditionalCheckFailed') taken.set(guard.sku, productIdOfReturnedGuard(reason.Item));
          else still.push(guard);
        });
        pending = still;
        if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  });
  return { claimed, taken };
}

async function readGuards(context: ImportContext, skus: readonly string[]): Promise<Map<string, string>> {
  const guards = await batchGet<SkuGuardItem>(context.batchOptions, skus.map(skuKey), ['sku', 'productId']);
  return new Map(guards.map((guard) => [guard.sku, guard.productId]));
}

/** The product fields a point-of-sale row sets, in the order a diff lists them. */
const POS_FACTS = [
  'sku',
  'barcode',
  'name',
  'activeIngredients',
  'lab',
  'presentation',
  'categoryName',
  'priceCents',
  'currency',
  'stock',
  'prescriptionRequired',
  'active',
] as const satisfies readonly (keyof ProductInput)[];

/** True when two versions of a product have the same search-entry keys: same words (name, active ingredients, lab) and codes. */
function sameSearchKeys(before: ProductInput, next: ProductInput): boolean {
  return (
    before.id === next.id &&
    before.name === next.name &&
    before.lab === next.lab &&
    before.sku === next.sku &&
    (before.barcode ?? '') === (next.barcode ?? '') &&
    before.activeIngredients.length === next.activeIngredients.length &&
    before.activeIngredients.every((ingredient, index) => ingredient === next.activeIngredients[index])
  );
}

/** Field-by-field differences between a stored product and what the file makes of it. */
export function productFieldChanges(before: ProductInput, after: ProductInput): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of POS_FACTS) {
    const was = before[field] ?? null;
    const now = after[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** What the table says about rows' SKUs: the product id of each guard found, and the SKUs claimed just now. */
interface SkuIds {
  readonly guards: Map<string, string>;
  readonly claimedIds: Map<string, string>;
}

/**
 * Finds each row's product id: claims the SKUs that look new (a guard for a fresh id) and reads the guards of
 * the others. A SKU looks new unless the table lists it among its active products (read while the file was
 * checked). The claim is what decides: a claim that finds the
 * guard taken (staff, another import, an inactive product, a guard left by a crash) gets that guard back and
 * the row updates that product. So a first import reads no guards at all, and a re-import claims nothing.
 * A dry run claims nothing: a SKU without a guard is simply new.
 */
async function resolveSkus(context: ImportContext, rows: readonly AcceptedRow[]): Promise<SkuIds> {
  const looksNew = (row: AcceptedRow) => !context.dryRun && !context.activeSkus.has(row.product.sku);
  const toRead: string[] = [];
  const toClaim: AcceptedRow[] = [];
  for (const row of rows) {
    if (looksNew(row)) toClaim.push(row);
    else toRead.push(row.product.sku);
  }
  const guards = toRead.length > 0 ? await readGuards(context, toRead) : new Map<string, string>();
  if (!context.dryRun) {
    for (const row of rows) if (!looksNew(row) && !guards.has(row.product.sku)) toClaim.push(row);
  }
  const claimedIds = new Map<string, string>();
  if (toClaim.length > 0) {
    const freshGuards = toClaim.map((row) => skuGuardItem(row.product.sku, context.newId()));
    const { claimed, taken } = await claimSkus(context, freshGuards);
    const unknown: string[] = [];
    for (const [sku, productId] of taken) {
      if (productId) guards.set(sku, productId);
      else unknown.push(sku);
    }
    if (unknown.length > 0) {
      for (const [sku, productId] of await readGuards(context, unknown)) guards.set(sku, productId);
    }
    for (const guard of freshGuards) if (claimed.has(guard.sku)) claimedIds.set(guard.sku, guard.productId);
  }
  return { guards, claimedIds };
}

/** Looks the rows up, decides created/updated/unchanged, and writes what changed (a dry run only notes it). */
async function processBatch(context: ImportContext, rows: readonly AcceptedRow[]): Promise<void> {
  const { header, importedAt, dryRun } = context;
  const { guards, claimedIds } = await resolveSkus(context, rows);

  const existingIds = [...new Set(rows.map((row) => guards.get(row.product.sku)).filter((id): id is string => !!id))];
  const stored = existingIds.length > 0 ? await batchGet<ProductItem>(context.batchOptions, existingIds.map(productKey)) : [];
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
  const note = <T>(list: T[], entry: T) => {
    if (list.length < context.changeListLimit) list.push(entry);
  };

  for (const row of rows) {
    const sku = row.product.sku;
    const id = claimedIds.get(sku) ?? guards.get(sku);
    const existing = id ? products.get(id) : undefined;
    if (!existing) {
      // A new product, or a guard left by a write that died before its product item: create it.
      context.counts.created += 1;
      if (dryRun) {
        note(context.changes.created, { recordNumber: row.recordNumber, sku, name: row.product.name });
        continue;
      }
      if (!id) throw new CatalogImportError(`SKU ${sku} has neither a guard nor a claim`);
      const input: ProductInput = { ...row.product, id, createdAt: importedAt, updatedAt: importedAt };
      // The guard is in place already (claimed just now, or left by that earlier write) and the category is
      // added once below: only the search entries and the product item are built.
      for (const entry of searchEntryItems(input)) first.push(putRequest(entry));
      addCategory(input.categoryName);
      last.push(putRequest(productItem(input)));
      continue;
    }
    const before = productInputOf(existing);
    const next: ProductInput = { ...before, ...row.product, updatedAt: importedAt };
    // Columns an older export lacks, and a barcode the row had unusable, leave the product's own value alone.
    if (!hasPosColumn(header, 'CODBARRAS') || row.barcodeDropped) next.barcode = before.barcode;
    if (!next.barcode) delete next.barcode;
    if (!hasPosColumn(header, 'ACTIVO')) next.active = before.active;
    if (sameProductFacts(before, next)) {
      context.counts.unchanged += 1;
      if (dryRun) note(context.changes.unchanged, sku);
      continue;
    }
    context.counts.updated += 1;
    if (dryRun) {
      note(context.changes.updated, { recordNumber: row.recordNumber, sku, id: before.id, name: next.name, fields: productFieldChanges(before, next) });
      continue;
    }
    // Every search entry carries the product's facts, so all are put again; an entry can only go stale when
    // a word or a code changed (the keys come from the name, ingredients, lab, SKU and barcode alone).
    for (const entry of searchEntryItems(next)) first.push(putRequest(entry));
    if (!sameSearchKeys(before, next)) for (const key of staleSearchEntryKeys(before, next)) first.push(deleteRequest(key));
    addCategory(next.categoryName);
    last.push(putRequest(productItem(next)));
  }

  if (dryRun) return;
  addWriteStats(context.writes, await batchWrite(context.batchOptions, first));
  addWriteStats(context.writes, await batchWrite(context.batchOptions, last));
  for (const id of categoriesNow) context.knownCategories.add(id);
}

/** The file read again and decided record by record, for a file too large for the check to keep its decisions. */
async function* decidedRecordsOf(source: CatalogSource, header: DbfHeader, options: CatalogImportOptions): AsyncGenerator<DecidedRecord> {
  const reader = await openDbf(await openSource(source), { ...options.dbf, codepage: header.codepage, includeDeleted: true });
  const { decide } = rowDecider(mappingOf(header, options));
  for await (const record of reader.records) {
    yield record.deleted
      ? { recordNumber: record.recordNumber, deleted: true }
      : { recordNumber: record.recordNumber, deleted: false, decision: decide(record) };
  }
}

async function openSource(source: CatalogSource): Promise<AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>> {
  if (source instanceof Uint8Array) return [source];
  if (typeof source === 'function') return await source();
  return source;
}

interface RowDecision {
  readonly accepted?: AcceptedRow;
  readonly rejected?: RejectedRow;
  readonly warnings: readonly RowWarning[];
}

/** Maps records to rows, rejecting repeated SKUs; the same decisions in both passes. */
function rowDecider(mapping: PosMappingOptions): { decide: (record: Parameters<typeof mapPosRecord>[0]) => RowDecision; skus: Map<string, number> } {
  const firstRecordOfSku = new Map<string, number>();
  const decide = (record: Parameters<typeof mapPosRecord>[0]): RowDecision => {
    const mapped = mapPosRecord(record, mapping);
    if (!mapped.ok) {
      // A rejected row's product is in the file (listed as rejected), not "missing from the file".
      const sku = mapped.rejected.sku;
      if (sku && !firstRecordOfSku.has(sku)) firstRecordOfSku.set(sku, record.recordNumber);
      return { rejected: mapped.rejected, warnings: [] };
    }
    const sku = mapped.product.sku;
    const firstRecord = firstRecordOfSku.get(sku);
    if (firstRecord !== undefined) {
      return { rejected: { recordNumber: record.recordNumber, sku, reasons: [`CLAVE ${sku} repeats record ${firstRecord}`] }, warnings: [] };
    }
    firstRecordOfSku.set(sku, record.recordNumber);
    return {
      accepted: { recordNumber: record.recordNumber, product: mapped.product, barcodeDropped: mapped.barcodeDropped },
      warnings: mapped.warnings,
    };
  };
  return { decide, skus: firstRecordOfSku };
}

function mappingOf(header: DbfHeader, options: CatalogImportOptions): PosMappingOptions {
  return {
    currency: options.currency ?? 'MXN',
    hasActiveColumn: hasPosColumn(header, 'ACTIVO'),
    hasBarcodeColumn: hasPosColumn(header, 'CODBARRAS'),
  };
}

/** Share of the work the checking pass stands for in the progress percentage. */
const CHECK_SHARE = 0.1;

function progressTracker(options: CatalogImportOptions, counts: ImportCounts) {
  const startedMs = performance.now();
  let phaseStartedMs = startedMs;
  let lastReportMs = startedMs;
  const interval = options.progressIntervalMs ?? 1000;
  const state = { phase: 'checking' as ImportProgress['phase'], done: 0, total: 0 };
  const snapshot = (): ImportProgress => {
    const now = performance.now();
    const fraction = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
    const overall = state.phase === 'checking' ? fraction * CHECK_SHARE : CHECK_SHARE + fraction * (1 - CHECK_SHARE);
    const phaseMs = now - phaseStartedMs;
    let etaMs: number | null = null;
    if (fraction > 0 && phaseMs > 0) {
      const phaseLeft = (phaseMs / fraction) * (1 - fraction);
      // While checking, the import still to come takes about (1 - share) / share times the check.
      etaMs = state.phase === 'checking' ? phaseLeft + (phaseMs / fraction) * ((1 - CHECK_SHARE) / CHECK_SHARE) : phaseLeft;
    }
    const elapsedMs = now - startedMs;
    return {
      ...counts,
      phase: state.phase,
      recordsDone: state.done,
      recordsTotal: state.total,
      percent: Math.round(overall * 1000) / 10,
      etaMs: etaMs === null ? null : Math.round(etaMs),
      elapsedMs,
      rowsPerSecond: elapsedMs > 0 ? (counts.rowsRead * 1000) / elapsedMs : 0,
    };
  };
  return {
    startedMs,
    phase(phase: ImportProgress['phase'], total: number) {
      state.phase = phase;
      state.total = total;
      state.done = 0;
      phaseStartedMs = performance.now();
    },
    advance(done: number, force = false) {
      state.done = done;
      if (!options.onProgress) return;
      const now = performance.now();
      if (!force && now - lastReportMs < interval) return;
      lastReportMs = now;
      options.onProgress(snapshot());
    },
  };
}

/**
 * The first pass: reads the whole file and maps every row, writing nothing. Refuses (throws
 * CatalogImportError) a file that is not a readable .DBF, not the layout, damaged (unless `acceptDamaged`)
 * or whose text reads like the wrong code page (unless a code page was given explicitly).
 */
export async function checkCatalogFile(
  source: CatalogSource,
  options: CheckOptions = {},
): Promise<FileCheck> {
  return (await checkFile(source, options, 0)).check;
}

type CheckOptions = Pick<CatalogImportOptions, 'dbf' | 'currency' | 'acceptDamaged'> & {
  readonly onRecord?: (recordsRead: number, recordCount: number) => void;
};

/** A record as the check decided it: what the import pass does with it, without reading and mapping it again. */
type DecidedRecord =
  | { readonly recordNumber: number; readonly deleted: true }
  | { readonly recordNumber: number; readonly deleted: false; readonly decision: RowDecision };

/**
 * Records of a file up to which the check keeps its decisions for the import pass (about 1 KB each): the import
 * then reads and maps the file once. A larger file is read again by the import pass instead.
 */
const KEPT_RECORDS_LIMIT = 50_000;

/**
 * The check, keeping the decided records when the file has at most `keepUpTo` records (`decided` is then the
 * file's records in order, up to any damage; otherwise undefined).
 */
async function checkFile(
  source: CatalogSource,
  options: CheckOptions,
  keepUpTo: number,
): Promise<{ check: FileCheck; decided?: DecidedRecord[] }> {
  const textStatistics = emptyTextStatistics();
  let reader;
  try {
    reader = await openDbf(await openSource(source), { ...options.dbf, includeDeleted: true, textStatistics });
  } catch (error) {
    if (error instanceof DbfFormatError) throw new CatalogImportError('not a readable .DBF file', [error.message], 'not-dbf');
    throw error;
  }
  const { header } = reader;
  const layoutProblems = posLayoutProblems(header);
  if (layoutProblems.length > 0) {
    await reader.records[Symbol.asyncIterator]().return?.(undefined);
    throw new CatalogImportError('not the point-of-sale catalog layout', layoutProblems, 'layout');
  }
  const { decide, skus } = rowDecider(mappingOf(header, options as CatalogImportOptions));
  let recordsRead = 0;
  let rowsRead = 0;
  let rejected = 0;
  let deletedRecords = 0;
  let damage: DamageReport | undefined;
  const decided: DecidedRecord[] | undefined = header.recordCount <= keepUpTo ? [] : undefined;
  try {
    for await (const record of reader.records) {
      recordsRead = record.recordNumber;
      options.onRecord?.(recordsRead, header.recordCount);
      if (record.deleted) {
        deletedRecords += 1;
        decided?.push({ recordNumber: record.recordNumber, deleted: true });
        continue;
      }
      rowsRead += 1;
      const decision = decide(record);
      if (decision.rejected) rejected += 1;
      decided?.push({ recordNumber: record.recordNumber, deleted: false, decision });
    }
  } catch (error) {
    if (!(error instanceof DbfDamageError)) throw error;
    damage = { message: error.message, recordsBeforeDamage: error.recordsRead };
  }
  const suspicion = options.dbf?.codepage ? null : suspectCodepage(header.codepage, textStatistics);
  const check: FileCheck = {
    header,
    recordsRead,
    rowsRead,
    rejected,
    deletedRecords,
    ...(damage ? { damage } : {}),
    ...(suspicion ? { codepage: suspicion } : {}),
    skus: new Set(skus.keys()),
  };
  if (suspicion) {
    throw new CatalogImportError('the text was probably read with the wrong code page', [describeSuspicion(suspicion)], 'codepage', check);
  }
  if (damage && !options.acceptDamaged) {
    throw new CatalogImportError(
      'the .DBF file is damaged',
      [
        damage.message,
        `${damage.recordsBeforeDamage} records before the damage read soundly; import them anyway with --accept-damaged`,
      ],
      'damaged',
      check,
    );
  }
  return { check, ...(decided ? { decided } : {}) };
}

function describeWritten(report: { created: number; updated: number }, writes: WriteStats, dryRun: boolean): string {
  if (dryRun) return 'nothing (dry run)';
  if (report.created === 0 && report.updated === 0 && writes.puts === 0 && writes.deletes === 0) return 'nothing (every row was unchanged or rejected)';
  return (
    `${report.created} product${report.created === 1 ? '' : 's'} created, ${report.updated} updated ` +
    `(${writes.puts} items put, ${writes.deletes} deleted)`
  );
}

/**
 * Imports a point-of-sale .DBF catalog: checks the whole file first (nothing is written from a file that
 * is refused), then reads it again and writes (or, with `dryRun`, only compares).
 */
export async function importCatalog(source: CatalogSource, options: CatalogImportOptions): Promise<CatalogImportReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const dryRun = options.dryRun ?? false;
  const counts: ImportCounts = { rowsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const progress = progressTracker(options, counts);

  // What the table holds that the import needs besides the rows (its categories, its active SKUs) is read
  // while the file is checked: the reads wait on the network, the check on the CPU. Reading the active SKUs
  // before the writes gives the same "not in file" list as after them: every product this import creates
  // or updates is in the file.
  const settle = <T>(work: Promise<T>) => {
    work.catch(() => undefined);
    return work;
  };
  // Every request of the import shares one budget of parallelBatches × parallelRequests in flight (these
  // reads too). The writing pass waits for the active SKUs: they tell which SKUs to claim without a read.
  const parallelBatches = Math.max(1, options.parallelBatches ?? 2);
  const requestBudget = parallelBatches * Math.max(1, options.parallelRequests ?? 4);
  const slots = new RequestSlots(requestBudget);
  const categoriesRead = settle(loadCategoryIds(options, slots));
  const activeSkusRead = settle(activeProductSkus(options, slots));

  // Pass 1: the whole file, no writes.
  progress.phase('checking', 0);
  const { check, decided } = await checkFile(
    source,
    {
      ...options,
      onRecord: (recordsRead, recordCount) => {
        if (recordsRead === 1) progress.phase('checking', recordCount);
        progress.advance(recordsRead);
      },
    },
    options.keepCheckedRecordsUpTo ?? KEPT_RECORDS_LIMIT,
  );
  const { header } = check;

  // Pass 2: the same records again, now written (or compared), up to the damage when one was accepted.
  const lastRecord = check.damage ? check.damage.recordsBeforeDamage : header.recordCount;
  progress.phase('importing', lastRecord);
  const ulid = monotonicFactory();
  const rowsPerBatch = Math.min(100, Math.max(1, options.rowsPerBatch ?? 100));
  const context: ImportContext = {
    options,
    dryRun,
    changes: { created: [], updated: [], unchanged: [] },
    changeListLimit: options.changeListLimit ?? 1000,
    // Within the one request budget, twice as many row batches are under way: while some write, the next ones read their SKU guards
    // and claim new SKUs, so the table never waits on an import that is between steps. Each batch keeps the
    // crash-safe order (guard, then search entries and categories, then the product item).
    batchOptions: {
      documentClient: options.documentClient,
      tableName: options.tableName,
      parallel: requestBudget,
      slots,
    },
    header,
    importedAt: started.toISOString(),
    newId: options.newId ?? (() => ulid()),
    knownCategories: await categoriesRead,
    counts,
    writes: { ...emptyWriteStats(), skuClaims: 0 },
    activeSkus: new Set(await activeSkusRead),
  };
  const batchesUnderWay = parallelBatches * 2;

  // The check's decisions when it kept them (the file is read and mapped once); otherwise the file again.
  const records: AsyncIterable<DecidedRecord> | readonly DecidedRecord[] = decided ?? (await decidedRecordsOf(source, header, options));
  const rejectedRows: RejectedRow[] = [];
  const warnings: RowWarning[] = [];
  let deletedRecordsSkipped = 0;

  // Row batches run while the file keeps being read, at most `batchesUnderWay` at a time. Each SKU is in
  // one batch only (repeats are rejected), so concurrent batches never touch the same product.
  const running = new Set<Promise<void>>();
  let failure: unknown;
  let recordsDone = 0;
  const launch = (rows: AcceptedRow[]) => {
    const task: Promise<void> = processBatch(context, rows)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        running.delete(task);
        progress.advance(recordsDone);
      });
    running.add(task);
  };

  let batch: AcceptedRow[] = [];
  try {
    for await (const record of records) {
      if (failure || record.recordNumber > lastRecord) break;
      recordsDone = record.recordNumber;
      if (record.deleted) {
        deletedRecordsSkipped += 1;
        continue;
      }
      counts.rowsRead += 1;
      const { decision } = record;
      warnings.push(...decision.warnings);
      if (decision.rejected) {
        rejectedRows.push(decision.rejected);
        counts.rejected += 1;
        continue;
      }
      if (!decision.accepted) continue;
      batch.push(decision.accepted);
      if (batch.length >= rowsPerBatch) {
        launch(batch);
        batch = [];
        while (running.size >= batchesUnderWay) await Promise.race(running);
      }
    }
  } catch (error) {
    // The damage the check found and the user accepted: the records before it are all in.
    const accepted = error instanceof DbfDamageError && check.damage !== undefined && options.acceptDamaged;
    if (!accepted) {
      await Promise.all(running);
      if (error instanceof DbfFormatError) {
        throw new CatalogImportError('the .DBF file changed while it was imported', [error.message], 'damaged');
      }
      throw error;
    }
  }
  if (batch.length > 0 && !failure) launch(batch);
  await Promise.all(running);
  if (failure) throw failure;

  const notInFile = [...context.activeSkus].filter((sku) => !check.skus.has(sku)).sort();
  progress.advance(lastRecord, true);
  const durationMs = performance.now() - progress.startedMs;
  const report: CatalogImportReport = {
    status: dryRun ? 'preview' : 'imported',
    written: describeWritten(counts, context.writes, dryRun),
    ...counts,
    startedAt: started.toISOString(),
    finishedAt: now().toISOString(),
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round((counts.rowsRead * 1000) / durationMs) : 0,
    file: {
      version: header.version,
      lastUpdate: header.lastUpdate,
      codepage: header.codepage,
      recordCount: header.recordCount,
      columns: header.fields.map((field) => field.name),
    },
    deletedRecordsSkipped,
    rejectedRows,
    warnings,
    ...(check.damage ? { damage: check.damage } : {}),
    ...(dryRun ? { changes: context.changes } : {}),
    notInFile: { count: notInFile.length, skus: notInFile.slice(0, options.notInFileListLimit ?? 100) },
    writes: context.writes,
  };
  return report;
}
