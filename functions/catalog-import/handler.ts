/**
 * catalog-import Lambda: a point-of-sale .DBF uploaded under `catalog-imports/` in the data bucket (see
 * wiring/events.ts) is streamed from S3 into the catalog (catalog/import.ts) and the import's report is
 * written back to the bucket as JSON under the report prefix, where staff find it.
 *
 * A file that cannot be imported (not a .DBF, wrong columns) gets a "refused" report and the invocation
 * succeeds: retrying would refuse it again. Any other failure (DynamoDB, S3) fails the invocation so the
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
import { CatalogImportError, importCatalog, type CatalogImportReport } from '../../catalog/import';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';

export interface CatalogImportDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** Catalog settings; from the environment when omitted. */
  readonly catalog?: CatalogSettings;
  readonly now?: () => Date;
}

export type CatalogImportOutcome =
  | { readonly status: 'imported'; readonly bucket: string; readonly key: string; readonly reportKey: string; readonly report: CatalogImportReport }
  | { readonly status: 'refused'; readonly bucket: string; readonly key: string; readonly reportKey: string; readonly problems: readonly string[] };

export type CatalogImportHandler = (event: S3Event, context?: Context) => Promise<CatalogImportOutcome[]>;

/** S3 event keys are URL-encoded with '+' for spaces. */
export function objectKeyOf(eventKey: string): string {
  return decodeURIComponent(eventKey.split('+').join(' '));
}

/** `catalog-imports/2025/PRODUCTOS.DBF` at 2025-03-01T10:00:00.000Z → `<prefix>PRODUCTOS-20250301T100000Z.json`. */
export function reportKeyOf(prefix: string, key: string, at: Date): string {
  const file = key.slice(key.lastIndexOf('/') + 1).replace(/\.dbf$/i, '');
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${prefix}${file}-${stamp}.json`;
}

export function createCatalogImportHandler({ settings, clients, catalog, now }: CatalogImportDeps): CatalogImportHandler {
  const logger = createLogger('catalog-import', settings.logLevel);
  const catalogSettings = catalog ?? loadCatalogSettings();
  const clock = now ?? (() => new Date());

  const importObject = async (bucket: string, key: string): Promise<CatalogImportOutcome> => {
    const reportKey = reportKeyOf(catalogSettings.reportPrefix, key, clock());
    const putReport = (body: unknown) =>
      clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: reportKey,
          Body: JSON.stringify(body, null, 2),
          ContentType: 'application/json',
        }),
      );
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    try {
      const report = await importCatalog(object.Body as AsyncIterable<Uint8Array>, {
        documentClient: clients.documentClient,
        tableName: settings.tableName,
        currency: catalogSettings.currency,
        dbf: { fallbackCodepage: catalogSettings.fallbackCodepage },
        ...(now ? { now } : {}),
        onProgress: (progress) => logger.info('Catalog import progress', { key, ...progress }),
      });
      await putReport({ status: 'imported', source: `s3://${bucket}/${key}`, ...report });
      logger.info('Catalog imported', {
        key,
        reportKey,
        rowsRead: report.rowsRead,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        notInFile: report.notInFile.count,
        rowsPerSecond: report.rowsPerSecond,
      });
      return { status: 'imported', bucket, key, reportKey, report };
    } catch (error) {
      if (!(error instanceof CatalogImportError)) throw error;
      const problems = error.problems.length > 0 ? error.problems : [error.message];
      await putReport({ status: 'refused', source: `s3://${bucket}/${key}`, errorType: error.errorType, message: error.message, problems });
      logger.warn('Catalog file refused', { key, reportKey, problems });
      return { status: 'refused', bucket, key, reportKey, problems };
    }
  };

  return async (event) => {
    const outcomes: CatalogImportOutcome[] = [];
    // One upload per event in practice; several run one after another (one catalog at a time).
    for (const record of event.Records) {
      outcomes.push(await importObject(record.s3.bucket.name, objectKeyOf(record.s3.object.key)));
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
