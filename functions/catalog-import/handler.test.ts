import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { localLambdaSettings, type LambdaSettings } from '../../config/settings';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { startS3Server, type S3Server } from '../../local/s3/s3-server';
import { createTestTable, type TestTable } from '../../test/support/table';
import { writeDbf } from '../../catalog/dbf/write';
import { POS_FIELD_SPECS } from '../../catalog/pos-mapping';
import { posRecordOf, writePosFile } from '../../catalog/pos-sample';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createCatalogImportHandler, objectKeyOf, reportKeyOf } from './handler';

const BUCKET = 'farmacruz-data';
const AT = new Date('2025-03-01T10:00:00.000Z');

let table: TestTable;
let s3: S3Server;
let bucketDir: string;
let clients: AwsClients;
let settings: LambdaSettings;

beforeAll(async () => {
  table = await createTestTable('catalog-import-lambda');
  bucketDir = await mkdtemp(path.join(os.tmpdir(), 'farmacruz-data-'));
  s3 = await startS3Server({ host: '127.0.0.1', buckets: { [BUCKET]: bucketDir } });
  const base = localLambdaSettings({ TABLE_NAME: table.tableName, LOG_LEVEL: 'SILENT' });
  settings = { ...base, aws: { region: 'us-east-1', endpoints: { dynamodb: table.endpoint, s3: s3.endpoint }, s3ForcePathStyle: true } };
  clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  clients?.destroy();
  await s3?.close();
  if (bucketDir) await rm(bucketDir, { recursive: true, force: true });
});

/** The event S3 sends for an upload (keys URL-encoded, spaces as '+'). */
function uploadEvent(key: string): S3Event {
  const encoded = encodeURIComponent(key).split('%20').join('+').split('%2F').join('/');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: AT.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'staff' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'r', 'x-amz-id-2': 'i' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'catalog-import',
          bucket: { name: BUCKET, ownerIdentity: { principalId: 'staff' }, arn: `arn:aws:s3:::${BUCKET}` },
          object: { key: encoded, size: 1, eTag: 'e', sequencer: '1' },
        },
      },
    ],
  };
}

async function upload(key: string, body: Uint8Array): Promise<void> {
  await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

const handler = () =>
  createCatalogImportHandler({
    settings,
    clients,
    catalog: { currency: 'MXN', fallbackCodepage: 'cp850', reportPrefix: 'catalog-import-reports/' },
    now: () => AT,
  });

describe('catalog-import Lambda', () => {
  it('decodes S3 event keys and names reports after the file and the time', () => {
    expect(objectKeyOf('catalog-imports/sucursal+centro/PRODUCTOS%C3%91.DBF')).toBe('catalog-imports/sucursal centro/PRODUCTOSÑ.DBF');
    expect(reportKeyOf('catalog-import-reports/', 'catalog-imports/x/PRODUCTOS.DBF', AT)).toBe(
      'catalog-import-reports/PRODUCTOS-20250301T100000Z.json',
    );
  });

  it('imports an uploaded .DBF from S3 and writes its report next to it', async () => {
    const key = 'catalog-imports/sucursal centro/productos.dbf';
    await upload(
      key,
      writePosFile([
        {
          sku: 'ANA-1',
          name: 'IBUPROFENO NIÑOS',
          activeIngredients: ['IBUPROFENO'],
          lab: 'PISA',
          presentation: 'FRASCO 120 ML',
          categoryName: 'ANALGÉSICOS',
          priceCents: 8950,
          currency: 'MXN',
          stock: 4,
          prescriptionRequired: false,
          active: true,
        },
      ]),
    );

    const [outcome] = await handler()(uploadEvent(key));

    expect(outcome).toMatchObject({ status: 'imported', key, reportKey: 'catalog-import-reports/productos-20250301T100000Z.json' });
    const guard = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'SKU#ANA-1', SK: 'SKU' } }));
    const product = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: { PK: `PRODUCT#${guard.Item?.productId}`, SK: 'PRODUCT' } }),
    );
    expect(product.Item).toMatchObject({ name: 'IBUPROFENO NIÑOS', priceCents: 8950, stock: 4 });
    const report = JSON.parse(await readFile(path.join(bucketDir, 'catalog-import-reports', 'productos-20250301T100000Z.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'imported', source: `s3://${BUCKET}/${key}`, rowsRead: 1, created: 1, rejected: 0 });
  });

  it('refuses a file that is not a point-of-sale catalog with a report, without failing the invocation', async () => {
    const key = 'catalog-imports/lista.dbf';
    await upload(key, new TextEncoder().encode('CLAVE,DESCRIP\nANA-1,IBUPROFENO\n'.repeat(4)));

    const [outcome] = await handler()(uploadEvent(key));

    expect(outcome).toMatchObject({ status: 'refused', key });
    const reports = await readdir(path.join(bucketDir, 'catalog-import-reports'));
    expect(reports).toContain('lista-20250301T100000Z.json');
    const report = JSON.parse(await readFile(path.join(bucketDir, 'catalog-import-reports', 'lista-20250301T100000Z.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'refused', errorType: 'ValidationError' });
    expect(report.problems.length).toBeGreaterThan(0);
  });

  const sample = (sku: string, priceCents: number) => ({
    sku,
    name: 'PARACETAMOL NIÑOS',
    activeIngredients: ['PARACETAMOL'],
    lab: 'PISA',
    presentation: 'GOTAS 15 ML',
    categoryName: 'ANALGÉSICOS',
    priceCents,
    currency: 'MXN',
    stock: 4,
    prescriptionRequired: false,
    active: true,
  });

  it('previews an upload under preview/: a JSON report of the changes next to the import reports, nothing written', async () => {
    const key = 'catalog-imports/preview/PRODUCTOS.DBF';
    await upload(key, writePosFile([sample('PRE-1', 4500)]));

    const [outcome] = await handler()(uploadEvent(key));

    expect(outcome).toMatchObject({ status: 'preview', reportKey: 'catalog-import-reports/PRODUCTOS-20250301T100000Z.preview.json' });
    const report = JSON.parse(await readFile(path.join(bucketDir, 'catalog-import-reports', 'PRODUCTOS-20250301T100000Z.preview.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'preview', written: 'nothing (dry run)', created: 1 });
    expect(report.changes.created).toEqual([{ recordNumber: 1, sku: 'PRE-1', name: 'PARACETAMOL NIÑOS' }]);
    const guard = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'SKU#PRE-1', SK: 'SKU' } }));
    expect(guard.Item).toBeUndefined();
  });

  it('refuses a damaged upload with a report that says nothing was written, and imports it from accept-damaged/', async () => {
    const whole = writePosFile([sample('DMG-1', 100), sample('DMG-2', 200), sample('DMG-3', 300)]);
    const cut = whole.slice(0, whole.length - 30);
    await upload('catalog-imports/DANADO.DBF', cut);
    const [refused] = await handler()(uploadEvent('catalog-imports/DANADO.DBF'));
    expect(refused).toMatchObject({ status: 'refused', kind: 'damaged' });
    const report = JSON.parse(await readFile(path.join(bucketDir, 'catalog-import-reports', 'DANADO-20250301T100000Z.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'refused', written: 'nothing', kind: 'damaged', checked: { recordsRead: 2 } });
    const none = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'SKU#DMG-1', SK: 'SKU' } }));
    expect(none.Item).toBeUndefined();

    await upload('catalog-imports/accept-damaged/DANADO.DBF', cut);
    const [imported] = await handler()(uploadEvent('catalog-imports/accept-damaged/DANADO.DBF'));
    expect(imported).toMatchObject({ status: 'imported', report: { created: 2, damage: { recordsBeforeDamage: 2 } } });
  });

  it('refuses text in the wrong code page naming the fix, and reads it right from a codepage- folder', async () => {
    // cp850 bytes in a file that says nothing about its code page, read with a cp1252 fallback.
    const bytes = writeDbf({ fields: POS_FIELD_SPECS, codepage: 'cp850', languageDriver: 0, records: [posRecordOf(sample('CP-1', 100))] });
    const cp1252 = () =>
      createCatalogImportHandler({ settings, clients, catalog: { currency: 'MXN', fallbackCodepage: 'cp1252', reportPrefix: 'catalog-import-reports/' }, now: () => AT });
    await upload('catalog-imports/CP.DBF', bytes);
    const [refused] = await cp1252()(uploadEvent('catalog-imports/CP.DBF'));
    expect(refused).toMatchObject({ status: 'refused', kind: 'codepage' });
    expect(refused?.status === 'refused' && refused.problems.join(' ')).toMatch(/--codepage cp850/);

    await upload('catalog-imports/codepage-cp850/CP.DBF', bytes);
    const [imported] = await cp1252()(uploadEvent('catalog-imports/codepage-cp850/CP.DBF'));
    expect(imported).toMatchObject({ status: 'imported', report: { created: 1, file: { codepage: 'cp850' } } });
  });
});
