/**
 * Resolver Lambda of the back office's catalog imports (staff), one function for three fields:
 *
 * - Mutation.createCatalogImportUpload(fileName, sizeBytes): records the import (UPLOADING, who, when, the file's
 *   name) and hands out a presigned S3 POST for `catalog-imports/preview/<id>.dbf` in the data bucket: that key
 *   only, at most CATALOG_IMPORT_MAX_BYTES, for 15 minutes. The upload triggers the catalog-import Lambda, which
 *   previews the file (the dry run: nothing written) and records the diff on the import.
 * - Mutation.confirmCatalogImport(id): PREVIEW → IMPORTING (once: a conditional update), then copies the previewed
 *   object (pinned to the ETag that was previewed) to `catalog-imports/<id>.dbf`; that copy triggers the same
 *   catalog-import Lambda, which imports it for real. The page follows the progress with Query.catalogImport.
 * - Mutation.recheckCatalogImport(id, codepage): a file refused because its text reads like another code page is
 *   previewed again with that one (copied to `catalog-imports/preview/codepage-<name>/<id>.dbf`).
 *
 * APPSYNC_JS cannot sign S3 requests, hence a Lambda; everything it decides is in these few lines.
 */
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ulid } from 'ulid';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { normalizeCodepage } from '../../catalog/dbf/codepages';
import {
  CATALOG_IMPORT_HISTORY_PK,
  CATALOG_IMPORT_MAX_BYTES,
  CATALOG_IMPORT_UPLOAD_EXPIRY_SECONDS,
  catalogImportFileKey,
  catalogImportItemKey,
  catalogImportPreviewKey,
  catalogImportView,
  type CatalogImportItem,
} from '../../model/catalog-import';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { ResolverError, requireGroup, resolverHandler, type ResolverEvent, type ResolverHandler } from '../shared/resolver-event';

export interface CatalogImportUploadView {
  id: string;
  url: string;
  /** AWSJSON: the form fields to send before the file. */
  fields: string;
  expiresAt: string;
  maxBytes: number;
}

type Args = { fileName?: string; sizeBytes?: number; id?: string; codepage?: string };

export interface CatalogImportsDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

const MAX_FILE_NAME = 200;

/** "C:\\POS\\PRODUCTOS.DBF" → "PRODUCTOS.DBF": the name staff recognise in the history. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return [...base].filter((ch) => ch >= ' ' && ch !== '\u007f').join('').trim();
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

function callerOf(event: ResolverEvent<unknown>): { username: string; email: string } {
  const identity = requireGroup(event, 'admin');
  const email = identity.claims.email;
  return { username: identity.username, email: typeof email === 'string' && email ? email : identity.username };
}

export function createCatalogImportsHandler({ settings, clients, now = () => new Date() }: CatalogImportsDeps): ResolverHandler<Args, unknown> {
  const table = settings.tableName;
  const bucket = settings.dataBucket;

  const readImport = async (id: string): Promise<CatalogImportItem> => {
    if (typeof id !== 'string' || id.length < 1 || id.length > 64) throw new ResolverError('ValidationError', 'id is not valid.', { field: 'id' });
    const found = await clients.documentClient.send(new GetCommand({ TableName: table, Key: catalogImportItemKey(id), ConsistentRead: true }));
    if (!found.Item) throw new ResolverError('NotFound', `Catalog import ${id} not found.`, { id });
    return found.Item as CatalogImportItem;
  };

  const createUpload = async (event: ResolverEvent<Args>): Promise<CatalogImportUploadView> => {
    const caller = callerOf(event);
    const fileName = cleanFileName(String(event.arguments.fileName ?? ''));
    const sizeBytes = event.arguments.sizeBytes;
    if (!fileName || fileName.length > MAX_FILE_NAME) {
      throw new ResolverError('ValidationError', `fileName must be 1 to ${MAX_FILE_NAME} characters.`, { field: 'fileName' });
    }
    if (!/\.dbf$/i.test(fileName)) {
      throw new ResolverError('ValidationError', 'Only .DBF files can be imported.', { field: 'fileName', reason: 'NotDbf' });
    }
    if (typeof sizeBytes !== 'number' || !Number.isInteger(sizeBytes) || sizeBytes < 1 || sizeBytes > CATALOG_IMPORT_MAX_BYTES) {
      throw new ResolverError('ValidationError', `The file must be 1 byte to ${CATALOG_IMPORT_MAX_BYTES / 1024 / 1024} MB.`, {
        field: 'sizeBytes',
        maxBytes: CATALOG_IMPORT_MAX_BYTES,
      });
    }
    const id = ulid();
    const at = now().toISOString();
    const item: CatalogImportItem = {
      ...catalogImportItemKey(id),
      GSI1PK: CATALOG_IMPORT_HISTORY_PK,
      GSI1SK: `${at}#${id}`,
      type: 'CatalogImport',
      id,
      fileName,
      sizeBytes,
      status: 'UPLOADING',
      createdAt: at,
      updatedAt: at,
      uploadedBy: caller.username,
      uploadedByEmail: caller.email,
    };
    await clients.documentClient.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    const post = await createPresignedPost(clients.s3, {
      Bucket: bucket,
      Key: catalogImportPreviewKey(id),
      Conditions: [['content-length-range', 1, CATALOG_IMPORT_MAX_BYTES]],
      Fields: { 'Content-Type': 'application/octet-stream' },
      Expires: CATALOG_IMPORT_UPLOAD_EXPIRY_SECONDS,
    });
    return {
      id,
      url: post.url,
      fields: JSON.stringify(post.fields),
      expiresAt: new Date(Date.parse(at) + CATALOG_IMPORT_UPLOAD_EXPIRY_SECONDS * 1000).toISOString(),
      maxBytes: CATALOG_IMPORT_MAX_BYTES,
    };
  };

  /** Copies the previewed object (exactly the previewed version) to another key; S3 then notifies catalog-import. */
  const copyPreviewed = async (item: CatalogImportItem, to: string) => {
    await clients.s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: to,
        CopySource: `${bucket}/${catalogImportPreviewKey(item.id, item.requestedCodepage)}`,
        ...(item.previewETag ? { CopySourceIfMatch: item.previewETag } : {}),
      }),
    );
  };

  const confirm = async (event: ResolverEvent<Args>) => {
    const caller = callerOf(event);
    const item = await readImport(String(event.arguments.id ?? ''));
    if (item.status !== 'PREVIEW') {
      throw new ResolverError('Conflict', `Catalog import ${item.id} is ${item.status}, not waiting for confirmation.`, { reason: 'NotPreviewed', status: item.status });
    }
    if (!item.counts || item.counts.created + item.counts.updated === 0) {
      throw new ResolverError('Conflict', `Catalog import ${item.id} would change nothing.`, { reason: 'NothingToImport' });
    }
    const at = now().toISOString();
    try {
      await clients.documentClient.send(
        new UpdateCommand({
          TableName: table,
          Key: catalogImportItemKey(item.id),
          UpdateExpression:
            'SET #status = :importing, confirmedBy = :by, confirmedByEmail = :email, confirmedAt = :at, updatedAt = :at, progress = :progress REMOVE runStartedAt',
          ConditionExpression: '#status = :preview AND previewETag = :etag',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':importing': 'IMPORTING', ':preview': 'PREVIEW', ':by': caller.username, ':email': caller.email, ':at': at,
            ':etag': item.previewETag ?? '',
            ':progress': { phase: 'CHECKING', percent: 0, recordsDone: 0, recordsTotal: item.recordCount ?? 0, rowsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 },
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new ResolverError('Conflict', `Catalog import ${item.id} was confirmed or changed meanwhile.`, { reason: 'AlreadyConfirmed' });
    }
    try {
      await copyPreviewed(item, catalogImportFileKey(item.id, item.requestedCodepage));
    } catch (error) {
      // Nothing started: back to PREVIEW so staff can confirm again.
      await clients.documentClient.send(
        new UpdateCommand({
          TableName: table,
          Key: catalogImportItemKey(item.id),
          UpdateExpression: 'SET #status = :preview, updatedAt = :at REMOVE confirmedBy, confirmedByEmail, confirmedAt, progress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':preview': 'PREVIEW', ':at': now().toISOString() },
        }),
      );
      throw error;
    }
    return catalogImportView({ ...item, status: 'IMPORTING', confirmedBy: caller.username, confirmedByEmail: caller.email, confirmedAt: at, updatedAt: at }, null);
  };

  const recheck = async (event: ResolverEvent<Args>) => {
    callerOf(event);
    const item = await readImport(String(event.arguments.id ?? ''));
    const codepage = normalizeCodepage(String(event.arguments.codepage ?? ''));
    if (!codepage || !/^[a-z0-9-]{2,30}$/.test(codepage)) {
      throw new ResolverError('ValidationError', 'codepage names no code page the import knows.', { field: 'codepage' });
    }
    if (item.status !== 'REFUSED' && item.status !== 'PREVIEW') {
      throw new ResolverError('Conflict', `Catalog import ${item.id} is ${item.status}: only a previewed or refused file can be checked again.`, { reason: 'NotPreviewed', status: item.status });
    }
    const at = now().toISOString();
    try {
      await clients.documentClient.send(
        new UpdateCommand({
          TableName: table,
          Key: catalogImportItemKey(item.id),
          UpdateExpression: 'SET #status = :checking, requestedCodepage = :codepage, updatedAt = :at REMOVE refusal, #counts',
          ConditionExpression: '#status = :was',
          ExpressionAttributeNames: { '#status': 'status', '#counts': 'counts' },
          ExpressionAttributeValues: { ':checking': 'CHECKING', ':codepage': codepage, ':at': at, ':was': item.status },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new ResolverError('Conflict', `Catalog import ${item.id} changed meanwhile.`, { reason: 'Changed' });
    }
    await copyPreviewed(item, catalogImportPreviewKey(item.id, codepage));
    const { refusal: _refusal, counts: _counts, ...rest } = item;
    return catalogImportView({ ...rest, status: 'CHECKING', requestedCodepage: codepage, updatedAt: at }, null);
  };

  return resolverHandler(async (event) => {
    switch (event.info.fieldName) {
      case 'createCatalogImportUpload':
        return createUpload(event);
      case 'confirmCatalogImport':
        return confirm(event);
      case 'recheckCatalogImport':
        return recheck(event);
      default:
        throw new ResolverError('InternalFailure', `catalog-imports does not serve ${event.info.parentTypeName}.${event.info.fieldName}.`);
    }
  });
}

let deployed: ResolverHandler<Args, unknown> | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ResolverHandler<Args, unknown> = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('catalog-imports');
    return createCatalogImportsHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
