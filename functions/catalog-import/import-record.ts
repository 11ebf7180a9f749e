/**
 * What the catalog-import Lambda records about an import staff started from the back office (model/catalog-import.ts):
 * its state while the file is checked or imported, the progress every second, and at the end the preview or the
 * report — counts, the diff, rejected rows and warnings in Spanish, and the active products the file lacks, by
 * name. Uploads that were not started from the back office (a .dbf put straight into the bucket) have no record
 * and are imported as before.
 *
 * S3 delivers a notification at least once and Lambda retries a failed asynchronous invocation: a preview simply
 * runs again; an import runs once unless its last run failed or stopped longer ago than the Lambda's timeout,
 * so a duplicate notification never overwrites an import's report with a rerun that finds everything unchanged.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { productKey, skuKey } from '../../model/keys';
import {
  CATALOG_IMPORT_DETAIL_BUDGETS,
  catalogImportDetailsKey,
  catalogImportItemKey,
  type CatalogImportCounts,
  type CatalogImportDetailsItem,
  type CatalogImportItem,
  type CatalogImportProgress,
  type CatalogImportRefusalKind,
} from '../../model/catalog-import';
import { batchGet } from '../../catalog/table-batches';
import type { CatalogImportError, CatalogImportReport, ImportProgress, RefusalKind } from '../../catalog/import';
import { fieldValueEs, refusalEs, rowReasonEs, rowWarningEs } from '../../catalog/import-messages-es';

/** ULIDs: the names the back office gives the files it uploads. */
const IMPORT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** An import whose run began longer ago than this (the Lambda's 15-minute limit and some) is not running any more. */
const STALE_RUN_MS = 16 * 60 * 1000;

/** The import id of an upload the back office made (`…/<ULID>.dbf`), or null. */
export function importIdOfKey(key: string): string | null {
  const file = key.slice(key.lastIndexOf('/') + 1).replace(/\.dbf$/i, '');
  return IMPORT_ID.test(file) ? file : null;
}

/** The first entries of a list that fit in `budget` bytes of JSON. */
export function fitList<T>(entries: readonly T[], budget: number): T[] {
  const kept: T[] = [];
  let size = 2;
  for (const entry of entries) {
    size += JSON.stringify(entry).length + 1;
    if (size > budget) break;
    kept.push(entry);
  }
  return kept;
}

const REFUSAL_KINDS: Readonly<Record<RefusalKind, CatalogImportRefusalKind>> = {
  'not-dbf': 'NOT_DBF',
  layout: 'LAYOUT',
  damaged: 'DAMAGED',
  codepage: 'CODEPAGE',
};

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

function progressOf(progress: ImportProgress): CatalogImportProgress {
  return {
    phase: progress.phase === 'checking' ? 'CHECKING' : 'IMPORTING',
    percent: progress.percent,
    recordsDone: progress.recordsDone,
    recordsTotal: progress.recordsTotal,
    rowsRead: progress.rowsRead,
    created: progress.created,
    updated: progress.updated,
    unchanged: progress.unchanged,
    rejected: progress.rejected,
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('es-MX')} ${count === 1 ? one : many}`;
}

/** What an import wrote, in Spanish (the report's `written` is the CLI's English). */
export function writtenEs(report: CatalogImportReport): string {
  if (report.status === 'preview') return 'Nada todavía: es la vista previa.';
  if (report.created === 0 && report.updated === 0) return 'Nada: todas las filas estaban sin cambios o fueron rechazadas.';
  return `${plural(report.created, 'producto nuevo', 'productos nuevos')} y ${plural(report.updated, 'producto actualizado', 'productos actualizados')}.`;
}

export interface TrackingDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => Date;
  readonly warn: (message: string, details: Record<string, unknown>) => void;
}

export interface TrackedRun {
  readonly id: string;
  readonly preview: boolean;
  /** The import's progress callback (writes at most one update at a time, the newest wins). */
  onProgress(progress: ImportProgress): void;
  finished(report: CatalogImportReport, reportKey: string): Promise<void>;
  refused(error: CatalogImportError, reportKey: string): Promise<void>;
  failed(error: unknown): Promise<void>;
}

/**
 * Claims the run of a back-office import: 'untracked' for other uploads, 'duplicate' when this import is already
 * running or done (the notification came twice), else the run, its record now CHECKING or IMPORTING.
 */
export async function beginTrackedRun(
  deps: TrackingDeps,
  key: string,
  preview: boolean,
  eTag: string | undefined,
): Promise<TrackedRun | 'untracked' | 'duplicate'> {
  const id = importIdOfKey(key);
  if (!id) return 'untracked';
  const { documentClient, tableName } = deps;
  const at = deps.now();
  const startProgress: CatalogImportProgress = {
    phase: 'CHECKING', percent: 0, recordsDone: 0, recordsTotal: 0, rowsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0,
  };
  try {
    if (preview) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: catalogImportItemKey(id),
          UpdateExpression: 'SET #status = :checking, updatedAt = :at, progress = :progress, previewETag = :etag REMOVE refusal, #counts, failure, written, finishedAt',
          ConditionExpression: 'attribute_exists(PK) AND #status IN (:uploading, :checking, :preview, :refused)',
          ExpressionAttributeNames: { '#status': 'status', '#counts': 'counts' },
          ExpressionAttributeValues: {
            ':checking': 'CHECKING', ':uploading': 'UPLOADING', ':preview': 'PREVIEW', ':refused': 'REFUSED',
            ':at': at.toISOString(), ':progress': startProgress, ':etag': eTag ?? '',
          },
        }),
      );
    } else {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: catalogImportItemKey(id),
          UpdateExpression: 'SET #status = :importing, updatedAt = :at, runStartedAt = :at, progress = :progress REMOVE failure',
          ConditionExpression:
            'attribute_exists(PK) AND ((#status = :importing AND (attribute_not_exists(runStartedAt) OR runStartedAt < :stale)) OR #status = :failed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':importing': 'IMPORTING', ':failed': 'FAILED', ':at': at.toISOString(), ':progress': startProgress,
            ':stale': new Date(at.getTime() - STALE_RUN_MS).toISOString(),
          },
        }),
      );
    }
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await documentClient.send(new GetCommand({ TableName: tableName, Key: catalogImportItemKey(id), ProjectionExpression: 'PK' }));
    return existing.Item ? 'duplicate' : 'untracked';
  }
  return trackedRun(deps, id, preview);
}

function trackedRun(deps: TrackingDeps, id: string, preview: boolean): TrackedRun {
  const { documentClient, tableName } = deps;
  const runningStatus = preview ? 'CHECKING' : 'IMPORTING';
  let writing: Promise<void> | null = null;
  let latest: CatalogImportProgress | null = null;

  const writeProgress = async (): Promise<void> => {
    while (latest) {
      const progress = latest;
      latest = null;
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: catalogImportItemKey(id),
            UpdateExpression: 'SET progress = :progress, updatedAt = :at',
            ConditionExpression: '#status = :running',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':progress': progress, ':at': deps.now().toISOString(), ':running': runningStatus },
          }),
        );
      } catch (error) {
        // Progress is a courtesy to the page: a failed update never stops the import.
        if (!isConditionFailure(error)) deps.warn('Could not record the import progress', { id, error: String(error) });
      }
    }
  };
  const settleProgress = async () => {
    latest = null;
    await writing;
  };

  const putDetails = (details: Omit<CatalogImportDetailsItem, 'PK' | 'SK' | 'type'>) =>
    documentClient.send(new PutCommand({ TableName: tableName, Item: { ...catalogImportDetailsKey(id), type: 'CatalogImportDetails', ...details } }));

  const finish = (values: Partial<CatalogImportItem>, remove: readonly string[] = []) => {
    const names: Record<string, string> = {};
    const expressionValues: Record<string, unknown> = {};
    const sets = Object.entries({ ...values, updatedAt: deps.now().toISOString() }).map(([name, value], index) => {
      names[`#f${index}`] = name;
      expressionValues[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
    const removes = remove.map((name, index) => {
      names[`#r${index}`] = name;
      return `#r${index}`;
    });
    return documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: catalogImportItemKey(id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: expressionValues,
      }),
    );
  };

  return {
    id,
    preview,
    onProgress(progress) {
      latest = progressOf(progress);
      writing ??= writeProgress().finally(() => {
        writing = null;
      });
    },
    async finished(report, reportKey) {
      await settleProgress();
      const notInFile = await productsOfSkus(deps, report.notInFile.skus);
      const counts: CatalogImportCounts = {
        rowsRead: report.rowsRead,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        warnings: report.warnings.length,
        notInFile: report.notInFile.count,
        deletedRecords: report.deletedRecordsSkipped,
      };
      const changes = report.changes;
      await putDetails({
        created: fitList(changes ? changes.created.map(({ recordNumber, sku, name }) => ({ recordNumber, sku, name })) : [], CATALOG_IMPORT_DETAIL_BUDGETS.created),
        updated: fitList(
          changes
            ? changes.updated.map((change) => ({
                recordNumber: change.recordNumber,
                sku: change.sku,
                productId: change.id,
                name: change.name,
                fields: change.fields.map((field) => ({
                  field: field.field,
                  before: fieldValueEs(field.field, field.before),
                  after: fieldValueEs(field.field, field.after),
                })),
              }))
            : [],
          CATALOG_IMPORT_DETAIL_BUDGETS.updated,
        ),
        rejectedRows: fitList(
          report.rejectedRows.map((row) => ({ recordNumber: row.recordNumber, ...(row.sku ? { sku: row.sku } : {}), reasons: row.reasons.map(rowReasonEs) })),
          CATALOG_IMPORT_DETAIL_BUDGETS.rejectedRows,
        ),
        warnings: fitList(
          report.warnings.map((warning) => ({ recordNumber: warning.recordNumber, ...(warning.sku ? { sku: warning.sku } : {}), message: rowWarningEs(warning.message) })),
          CATALOG_IMPORT_DETAIL_BUDGETS.warnings,
        ),
        notInFile: fitList(notInFile, CATALOG_IMPORT_DETAIL_BUDGETS.notInFile),
      });
      const done = report.status === 'imported';
      await finish(
        {
          status: done ? 'IMPORTED' : 'PREVIEW',
          counts,
          codepage: report.file.codepage,
          recordCount: report.file.recordCount,
          written: writtenEs(report),
          reportKey,
          progress: {
            phase: done ? 'IMPORTING' : 'CHECKING',
            percent: 100,
            recordsDone: report.file.recordCount,
            recordsTotal: report.file.recordCount,
            rowsRead: report.rowsRead,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            rejected: report.rejected,
          },
          ...(done ? { finishedAt: report.finishedAt } : {}),
        },
        ['refusal', 'failure'],
      );
    },
    async refused(error, reportKey) {
      await settleProgress();
      const check = error.check;
      const spanish = refusalEs(error.kind, error.problems.length > 0 ? error.problems : [error.message], {
        ...(check?.damage ? { recordsBeforeDamage: check.damage.recordsBeforeDamage } : {}),
        ...(check?.codepage ? { codepage: check.codepage } : {}),
      });
      await putDetails({ created: [], updated: [], rejectedRows: [], warnings: [], notInFile: [] });
      await finish(
        {
          status: 'REFUSED',
          reportKey,
          refusal: { kind: REFUSAL_KINDS[error.kind], ...spanish },
          ...(check ? { codepage: check.header.codepage, recordCount: check.header.recordCount } : {}),
          ...(preview ? {} : { finishedAt: deps.now().toISOString() }),
        },
        ['counts', 'progress', 'written', 'failure'],
      );
    },
    async failed(error) {
      await settleProgress();
      try {
        await finish({
          status: 'FAILED',
          failure: preview
            ? 'La revisión del archivo se interrumpió por un error del servidor. Se reintenta sola; si sigue así, sube el archivo de nuevo.'
            : 'La importación se interrumpió por un error del servidor. Se reintenta sola y termina lo que faltó; si sigue así, avisa a soporte.',
        });
      } catch (recordError) {
        deps.warn('Could not record the failed import', { id, error: String(recordError), cause: String(error) });
      }
    },
  };
}

/** The active products of these SKUs, by name (the report lists SKUs only). */
async function productsOfSkus(deps: TrackingDeps, skus: readonly string[]): Promise<CatalogImportDetailsItem['notInFile']> {
  if (skus.length === 0) return [];
  const options = { documentClient: deps.documentClient, tableName: deps.tableName };
  const guards = await batchGet<{ sku: string; productId: string }>(options, skus.map(skuKey), ['sku', 'productId']);
  const products = await batchGet<{ id: string; sku: string; name: string }>(options, guards.map((guard) => productKey(guard.productId)), ['id', 'sku', 'name']);
  return products
    .map((product) => ({ productId: product.id, sku: product.sku, name: product.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'es') || a.sku.localeCompare(b.sku));
}
