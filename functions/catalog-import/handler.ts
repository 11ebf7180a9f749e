/**
 * catalog-import Lambda: a point-of-sale .DBF uploaded under `catalog-imports/` in the data bucket (see
 * wiring/events.ts) is streamed from S3 into the catalog (catalog/import.ts) and the import's report is
 * written back to the bucket as JSON under the report prefix, where staff find it.
 *
 * A file that cannot be imported (not a .DBF, wrong columns, damaged, text in the wrong code page) gets a
 * "refused" report saying nothing was written, and the invocation succeeds: retrying would refuse it again.
 * The folder of the upload asks for options: `catalog-imports/preview/X.DBF` only previews (the report,
 * `<file>-<time>.preview.json`, has the diff), `…/codepage-cp850/…` and `…/accept-damaged/…` are the CLI's
 * `--codepage` and `--accept-damaged`. Any other failure (DynamoDB, S3) fails the invocation so the
 * asynchronous invoke retries it; the import is idempotent, so a retry only finishes what was left.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import {
  loadCatalogSettings,
  loadLambdaSettings,
  type CatalogSettings,
  type LambdaSettings,
} from '../../config/settings';
import { normalizeCodepage } from '../../catalog/dbf/codepages';
import { CatalogImportError, importCatalog, type CatalogImportReport, type RefusalKind } from '../../catalog/import';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { beginTrackedRun, type TrackedRun } from './import-record';

export interface CatalogImportDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** Catalog settings; from the environment when omitted. */
  readonly catalog?: CatalogSettings;
  readonly now?: () => Date;
}

export type CatalogImportOutcome =
  | {
      readonly status: 'imported' | 'preview';
      readonly bucket: string;
      readonly key: string;
      readonly reportKey: string;
      readonly report: CatalogImportReport;
    }
  | {
      readonly status: 'refused';
      readonly bucket: string;
      readonly key: string;
      readonly reportKey: string;
      readonly kind: RefusalKind;
      readonly problems: readonly string[];
    };

export type CatalogImportHandler = (event: S3Event, context?: Context) => Promise<CatalogImportOutcome[]>;

/** S3 event keys are URL-encoded with '+' for spaces. */
export function objectKeyOf(eventKey: string): string {
  return decodeURIComponent(eventKey.split('+').join(' '));
}

/**
 * `catalog-imports/2025/PRODUCTOS.DBF` at 2025-03-01T10:00:00.000Z → `<prefix>PRODUCTOS-20250301T100000Z.json`;
 * a preview's report is `<prefix>PRODUCTOS-20250301T100000Z.preview.json`, next to where the import's would be.
 */
export function reportKeyOf(prefix: string, key: string, at: Date, kind: 'import' | 'preview' = 'import'): string {
  const file = key.slice(key.lastIndexOf('/') + 1).replace(/\.dbf$/i, '');
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${prefix}${file}-${stamp}${kind === 'preview' ? '.preview' : ''}.json`;
}

/** What the folders of an upload's key ask for (the back office uploads to these folders). */
export interface UploadOptions {
  /** `…/preview/FILE.DBF`: report the changes, write nothing. */
  readonly preview: boolean;
  /** `…/accept-damaged/FILE.DBF`: import the records before the damage of a damaged file. */
  readonly acceptDamaged: boolean;
  /** `…/codepage-cp850/FILE.DBF`: decode the text with this code page. */
  readonly codepage?: string;
}

export function uploadOptionsOf(key: string): UploadOptions {
  const folders = key.split('/').slice(0, -1).map((folder) => folder.toLowerCase());
  const codepageFolder = folders.find((folder) => folder.startsWith('codepage-'));
  return {
    preview: folders.includes('preview') || folders.includes('dry-run'),
    acceptDamaged: folders.includes('accept-damaged'),
    ...(codepageFolder ? { codepage: codepageFolder.slice('codepage-'.length) } : {}),
  };
}

export function createCatalogImportHandler({ settings, clients, catalog, now }: CatalogImportDeps): CatalogImportHandler {
  const logger = createLogger('catalog-import', settings.logLevel);
  const catalogSettings = catalog ?? loadCatalogSettings();
  const clock = now ?? (() => new Date());

  const importObject = async (bucket: string, key: string, eTag: string | undefined): Promise<CatalogImportOutcome | null> => {
    const upload = uploadOptionsOf(key);
    // An import started from the back office has a record the page follows (state, progress, preview, report).
    const begun = await beginTrackedRun(
      { documentClient: clients.documentClient, tableName: settings.tableName, now: clock, warn: (message, details) => logger.warn(message, details) },
      key,
      upload.preview,
      eTag,
    );
    if (begun === 'duplicate') {
      logger.info('Catalog import already running or done: duplicate notification ignored', { key });
      return null;
    }
    const tracked: TrackedRun | null = begun === 'untracked' ? null : begun;
    const reportKey = reportKeyOf(catalogSettings.reportPrefix, key, clock(), upload.preview ? 'preview' : 'import');
    const putReport = (body: unknown) =>
      clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: reportKey,
          Body: JSON.stringify(body, null, 2),
          ContentType: 'application/json',
        }),
      );
    // The file is read twice (checked whole, then imported); the second read must get the same object.
    let etag: string | undefined;
    const openObject = async (): Promise<AsyncIterable<Uint8Array>> => {
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(etag ? { IfMatch: etag } : {}) }));
      if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      etag ??= object.ETag;
      return object.Body as AsyncIterable<Uint8Array>;
    };
    try {
      if (upload.codepage && !normalizeCodepage(upload.codepage)) {
        throw new CatalogImportError('unknown code page', [`the folder codepage-${upload.codepage} names no code page this import knows`], 'codepage');
      }
      const report = await importCatalog(openObject, {
        documentClient: clients.documentClient,
        tableName: settings.tableName,
        currency: catalogSettings.currency,
        dryRun: upload.preview,
        acceptDamaged: upload.acceptDamaged,
        dbf: { fallbackCodepage: catalogSettings.fallbackCodepage, ...(upload.codepage ? { codepage: upload.codepage } : {}) },
        ...(now ? { now } : {}),
        // The back office lists the active products missing from the file so staff can pick which to deactivate.
        ...(tracked ? { notInFileListLimit: 2000 } : {}),
        onProgress: (progress) => {
          logger.info('Catalog import progress', { key, ...progress });
          tracked?.onProgress(progress);
        },
      });
      await putReport({ source: `s3://${bucket}/${key}`, ...report });
      await tracked?.finished(report, reportKey);
      logger.info(upload.preview ? 'Catalog import previewed' : 'Catalog imported', {
        key,
        reportKey,
        written: report.written,
        rowsRead: report.rowsRead,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        warnings: report.warnings.length,
        notInFile: report.notInFile.count,
        rowsPerSecond: report.rowsPerSecond,
        ...(report.damage ? { damage: report.damage.message } : {}),
      });
      return { status: report.status, bucket, key, reportKey, report };
    } catch (error) {
      if (!(error instanceof CatalogImportError)) {
        await tracked?.failed(error);
        throw error;
      }
      const problems = error.problems.length > 0 ? error.problems : [error.message];
      await putReport({
        status: 'refused',
        written: 'nothing',
        source: `s3://${bucket}/${key}`,
        errorType: error.errorType,
        kind: error.kind,
        message: error.message,
        problems,
        ...(error.check
          ? { checked: { recordsRead: error.check.recordsRead, rowsRead: error.check.rowsRead, rejected: error.check.rejected } }
          : {}),
      });
      await tracked?.refused(error, reportKey);
      logger.warn('Catalog file refused', { key, reportKey, kind: error.kind, problems });
      return { status: 'refused', bucket, key, reportKey, kind: error.kind, problems };
    }
  };

  return async (event) => {
    const outcomes: CatalogImportOutcome[] = [];
    // One upload per event in practice; several run one after another (one catalog at a time).
    for (const record of event.Records) {
      const outcome = await importObject(record.s3.bucket.name, objectKeyOf(record.s3.object.key), record.s3.object.eTag);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  };
}

let deployed: CatalogImportHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: CatalogImportHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('catalog-import');
    return createCatalogImportHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
