/**
 * Catalog imports from the back office, on real parts: staff ask the API (the catalog-imports resolver Lambda
 * through the local AppSync endpoint) for a presigned POST, post a real .DBF to the local S3 endpoint as the
 * browser does, the upload triggers the catalog-import Lambda (the same handler, through the local S3
 * notifications) which previews it; confirming copies the file, which triggers the same Lambda to import it.
 * Damaged and mis-encoded files are refused in Spanish with nothing written.
 */
import { BatchWriteCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedObject } from '../../local/s3/s3-server';
import { skuKey } from '../../model/keys';
import type { TestUser } from '../support/cognito-users';
import type { TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';
import { startUploadApi, type UploadApi } from '../support/upload-api';
import { productItemList, productItems, type ProductInput } from '../../model/product-items';
import { damagedPosFile, posFile, posProduct, wrongCodepagePosFile } from '../support/pos-files';
import { beginTrackedRun } from '../../functions/catalog-import/import-record';
import { catalogImportPreviewKey } from '../../model/catalog-import';

const DATA_BUCKET = 'test-data';

let uploads: UploadApi;
let api: TestApi;
let notifications: UploadApi['notifications'];
let staff: TestUser;
let shopper: TestUser;
/** Every object created in the data bucket, in order. */
const created: CreatedObject[] = [];

const CREATE = /* GraphQL */ `
  mutation Upload($fileName: String!, $sizeBytes: Int!) {
    createCatalogImportUpload(fileName: $fileName, sizeBytes: $sizeBytes) { id url fields expiresAt maxBytes }
  }
`;
const IMPORT_FIELDS = /* GraphQL */ `
  id fileName sizeBytes status uploadedBy confirmedBy confirmedAt finishedAt codepage recordCount written failure
  progress { phase percent rowsRead created updated rejected }
  counts { rowsRead created updated unchanged rejected warnings notInFile deletedRecords }
  refusal { kind message details suggestedCodepage examples { asRead withSuggested } }
  created { recordNumber sku name }
  updated { recordNumber sku productId name fields { field before after } }
  rejectedRows { recordNumber sku reasons }
  warnings { recordNumber sku message }
  notInFile { productId sku name }
`;
const READ = /* GraphQL */ `query Read($id: ID!) { catalogImport(id: $id) { ${IMPORT_FIELDS} } }`;
const CONFIRM = /* GraphQL */ `mutation Confirm($id: ID!) { confirmCatalogImport(id: $id) { id status confirmedBy } }`;
const RECHECK = /* GraphQL */ `mutation Recheck($id: ID!, $codepage: String!) { recheckCatalogImport(id: $id, codepage: $codepage) { id status } }`;
const HISTORY = /* GraphQL */ `query History { catalogImports(limit: 50) { items { id fileName status uploadedBy confirmedBy createdAt finishedAt counts { rowsRead created updated rejected } } nextToken } }`;

interface ImportView {
  id: string;
  status: string;
  uploadedBy: string;
  confirmedBy: string | null;
  codepage: string | null;
  written: string | null;
  progress: { phase: string; percent: number; rowsRead: number; created: number; updated: number; rejected: number } | null;
  counts: { rowsRead: number; created: number; updated: number; unchanged: number; rejected: number; warnings: number; notInFile: number } | null;
  refusal: { kind: string; message: string; details: string[]; suggestedCodepage: string | null; examples: { asRead: string; withSuggested: string }[] } | null;
  created: { sku: string; name: string }[];
  updated: { sku: string; name: string; fields: { field: string; before: string; after: string }[] }[];
  rejectedRows: { recordNumber: number; sku: string | null; reasons: string[] }[];
  warnings: { sku: string | null; message: string }[];
  notInFile: { productId: string; sku: string; name: string }[];
}

async function upload(file: Uint8Array, fileName = 'PRODUCTOS.DBF'): Promise<string> {
  const result = await api.graphql<{ createCatalogImportUpload: { id: string; url: string; fields: string } }>(CREATE, { fileName, sizeBytes: file.length }, staff);
  expect(result.errors).toBeUndefined();
  const { id, url, fields } = result.data!.createCatalogImportUpload;
  const form = new FormData();
  for (const [name, value] of Object.entries(JSON.parse(fields) as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  const posted = await fetch(url, { method: 'POST', body: form });
  expect(posted.status).toBe(204);
  return id;
}

async function read(id: string): Promise<ImportView> {
  await notifications.drain();
  const result = await api.graphql<{ catalogImport: ImportView }>(READ, { id }, staff);
  expect(result.errors).toBeUndefined();
  return result.data!.catalogImport;
}

async function productOfSku(sku: string): Promise<Record<string, unknown> | undefined> {
  const guard = await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: skuKey(sku) }));
  if (!guard.Item) return undefined;
  const product = await api.table.documentClient.send(
    new GetCommand({ TableName: api.table.tableName, Key: { PK: `PRODUCT#${String(guard.Item.productId)}`, SK: 'PRODUCT' } }),
  );
  return product.Item;
}

/** A product as the catalog writers leave it: product item, SKU guard, category and search entries. */
async function seedCatalogProduct(overrides: Partial<ProductInput>): Promise<ProductInput> {
  const product = await seedProduct(api.table, overrides);
  const items = productItemList(productItems(product));
  for (let at = 0; at < items.length; at += 25) {
    await api.table.documentClient.send(
      new BatchWriteCommand({ RequestItems: { [api.table.tableName]: items.slice(at, at + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
  return product;
}

async function catalogItemCount(): Promise<number> {
  const scan = await api.table.documentClient.send(new ScanCommand({ TableName: api.table.tableName, Select: 'COUNT', FilterExpression: 'begins_with(PK, :p) OR begins_with(PK, :s)', ExpressionAttributeValues: { ':p': 'PRODUCT#', ':s': 'SKU#' } }));
  return scan.Count ?? 0;
}

beforeAll(async () => {
  uploads = await startUploadApi({
    bucket: { wiringName: 'data', name: DATA_BUCKET },
    lambdaSettings: (base) => ({ ...base, dataBucket: DATA_BUCKET }),
    onObjectCreated: (object) => created.push(object),
  });
  ({ api, notifications, staff, shopper } = uploads);
}, 120_000);

afterAll(async () => {
  await uploads?.close();
});

describe('a catalog import from the back office', { timeout: 120_000 }, () => {
  it('previews the file (nothing written), imports it on confirmation and keeps it in the history', async () => {
    const changed = await seedCatalogProduct({ sku: 'IMP-CHANGED', name: 'Ibuprofeno 400 mg', priceCents: 3900, stock: 10 });
    const missing = await seedCatalogProduct({ sku: 'IMP-MISSING', name: 'Jarabe para la tos 120 ml' });
    const file = posFile(
      [
        posProduct('IMP-NEW-1', { name: 'Loratadina 10 mg' }),
        posProduct('IMP-NEW-2', { name: 'Omeprazol 20 mg', barcode: '12AB' }),
        posProduct('IMP-CHANGED', { name: 'Ibuprofeno 400 mg', activeIngredients: ['Ibuprofeno'], priceCents: 4250, stock: 10, lab: changed.lab, presentation: changed.presentation, categoryName: changed.categoryName, barcode: undefined as never }),
      ],
      [{ CLAVE: 'IMP-BAD', DESCRIP: '', SUSTANCIA: '', LABORATOR: 'Pisa', PRESENTA: 'Caja', LINEA: 'Analgésicos', PRECIO: 0, EXISTENC: 1, RECETA: false, ACTIVO: true }],
    );
    const before = await catalogItemCount();
    const id = await upload(file);

    const preview = await read(id);
    expect(preview.status).toBe('PREVIEW');
    expect(preview.uploadedBy).toBe(staff.email);
    expect(preview.counts).toMatchObject({ rowsRead: 4, created: 2, updated: 1, rejected: 1, warnings: 1 });
    expect(preview.created.map((p) => p.sku).sort()).toEqual(['IMP-NEW-1', 'IMP-NEW-2']);
    const price = preview.updated.find((p) => p.sku === 'IMP-CHANGED')!.fields.find((f) => f.field === 'priceCents');
    expect(price).toEqual({ field: 'priceCents', before: '$39.00', after: '$42.50' });
    expect(preview.rejectedRows).toHaveLength(1);
    expect(preview.rejectedRows[0]!.sku).toBe('IMP-BAD');
    expect(preview.rejectedRows[0]!.reasons).toEqual(expect.arrayContaining(['DESCRIP está vacío y es obligatorio', 'PRECIO debe ser mayor que 0 pesos (trae 0)']));
    expect(preview.warnings[0]!.message).toMatch(/^CODBARRAS debe tener de 8 a 14 dígitos \(trae 12AB\); se importó sin código de barras/);
    expect(preview.notInFile).toEqual(expect.arrayContaining([{ productId: missing.id, sku: 'IMP-MISSING', name: 'Jarabe para la tos 120 ml' }]));
    expect(await catalogItemCount()).toBe(before);
    expect(await productOfSku('IMP-NEW-1')).toBeUndefined();

    const confirmed = await api.graphql<{ confirmCatalogImport: { status: string; confirmedBy: string } }>(CONFIRM, { id }, staff);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmCatalogImport).toEqual({ id, status: 'IMPORTING', confirmedBy: staff.email });
    const again = await api.graphql(CONFIRM, { id }, staff);
    expect(again.errors?.[0]?.errorType).toBe('Conflict');

    const done = await read(id);
    expect(done.status).toBe('IMPORTED');
    expect(done.counts).toMatchObject({ rowsRead: 4, created: 2, updated: 1, rejected: 1 });
    expect(done.written).toBe('2 productos nuevos y 1 producto actualizado.');
    expect(done.rejectedRows[0]!.reasons).toContain('DESCRIP está vacío y es obligatorio');
    expect(done.notInFile.map((p) => p.sku)).toContain('IMP-MISSING');
    expect((await productOfSku('IMP-NEW-1'))?.name).toBe('Loratadina 10 mg');
    expect((await productOfSku('IMP-CHANGED'))?.priceCents).toBe(4250);
    expect(await productOfSku('IMP-BAD')).toBeUndefined();

    // S3 delivers at least once: the same notification again changes nothing, not even the report.
    const importObject = created.find((object) => object.key === `catalog-imports/${id}.dbf`)!;
    notifications.notify(importObject);
    expect((await read(id)).counts).toMatchObject({ created: 2, updated: 1 });

    const history = await api.graphql<{ catalogImports: { items: { id: string; fileName: string; status: string; uploadedBy: string; confirmedBy: string; counts: { created: number } }[] } }>(HISTORY, {}, staff);
    const entry = history.data!.catalogImports.items.find((item) => item.id === id);
    expect(entry).toMatchObject({ fileName: 'PRODUCTOS.DBF', status: 'IMPORTED', uploadedBy: staff.email, confirmedBy: staff.email, counts: { created: 2 } });
  });

  it('refuses a damaged file in Spanish, writes nothing and cannot be confirmed', async () => {
    const before = await catalogItemCount();
    const id = await upload(damagedPosFile([posProduct('DMG-1'), posProduct('DMG-2'), posProduct('DMG-3'), posProduct('DMG-4')]), 'CORTADO.DBF');
    const refused = await read(id);
    expect(refused.status).toBe('REFUSED');
    expect(refused.refusal?.kind).toBe('DAMAGED');
    expect(refused.refusal?.message).toBe('El archivo .DBF está dañado (cortado o con datos de más). No se importó nada.');
    expect(refused.refusal?.details.join(' ')).toMatch(/Solo los primeros 2 registros se leyeron completos/);
    expect(await catalogItemCount()).toBe(before);
    const confirm = await api.graphql(CONFIRM, { id }, staff);
    expect(confirm.errors?.[0]?.errorType).toBe('Conflict');
    expect(await catalogItemCount()).toBe(before);
  });

  it('refuses text in the wrong code page, names the right one, and previews with it on request', async () => {
    const id = await upload(wrongCodepagePosFile([posProduct('CP-1', { name: 'IBUPROFENO NIÑOS', categoryName: 'ANALGÉSICOS' })]));
    const refused = await read(id);
    expect(refused.status).toBe('REFUSED');
    expect(refused.refusal).toMatchObject({ kind: 'CODEPAGE', suggestedCodepage: 'cp850' });
    expect(refused.refusal?.message).toMatch(/^Los acentos y las eñes del archivo no se leen bien/);
    expect(refused.refusal?.examples).toEqual(expect.arrayContaining([{ asRead: 'IBUPROFENO NI¥OS', withSuggested: 'IBUPROFENO NIÑOS' }]));
    const recheck = await api.graphql(RECHECK, { id, codepage: 'cp850' }, staff);
    expect(recheck.errors).toBeUndefined();
    const preview = await read(id);
    expect(preview.status).toBe('PREVIEW');
    expect(preview.codepage).toBe('cp850');
    expect(preview.created).toEqual([expect.objectContaining({ sku: 'CP-1', name: 'IBUPROFENO NIÑOS' })]);
    await api.graphql(CONFIRM, { id }, staff);
    expect((await read(id)).status).toBe('IMPORTED');
    expect((await productOfSku('CP-1'))?.name).toBe('IBUPROFENO NIÑOS');
  });

  it('shows the progress of a running check as the import reports it (rows read, imported, rejected)', async () => {
    const created = await api.graphql<{ createCatalogImportUpload: { id: string } }>(CREATE, { fileName: 'GRANDE.DBF', sizeBytes: 1000 }, staff);
    const { id } = created.data!.createCatalogImportUpload;
    const run = await beginTrackedRun(
      { documentClient: api.table.documentClient, tableName: api.table.tableName, now: () => new Date(), warn: () => undefined },
      catalogImportPreviewKey(id),
      true,
      'etag-1',
    );
    if (typeof run === 'string') throw new Error(`expected a run, got ${run}`);
    run.onProgress({ phase: 'importing', recordsDone: 1200, recordsTotal: 5000, percent: 31.6, etaMs: 9000, elapsedMs: 3000, rowsPerSecond: 400, rowsRead: 1190, created: 700, updated: 300, unchanged: 150, rejected: 40 });
    const deadline = Date.now() + 30_000;
    let view = await read(id);
    while (view.status === 'CHECKING' && !view.progress?.rowsRead && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await read(id);
    }
    expect(view.status).toBe('CHECKING');
    expect(view.progress).toEqual({ phase: 'IMPORTING', percent: 31.6, rowsRead: 1190, created: 700, updated: 300, rejected: 40 });
    // A .dbf put into the bucket by other means (not a back-office import) has no record to follow.
    expect(await beginTrackedRun({ documentClient: api.table.documentClient, tableName: api.table.tableName, now: () => new Date(), warn: () => undefined }, 'catalog-imports/OTHER.dbf', false, undefined)).toBe('untracked');
  });

  it('refuses a file that is not a .DBF by name, shoppers and the API key', async () => {
    const notDbf = await api.graphql(CREATE, { fileName: 'precios.xlsx', sizeBytes: 100 }, staff);
    expect(notDbf.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'fileName' } });
    const tooBig = await api.graphql(CREATE, { fileName: 'PRODUCTOS.DBF', sizeBytes: 300 * 1024 * 1024 }, staff);
    expect(tooBig.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'sizeBytes' } });
    for (const caller of [shopper, 'apiKey' as const]) {
      const result = await api.graphql(CREATE, { fileName: 'PRODUCTOS.DBF', sizeBytes: 100 }, caller);
      expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
      const history = await api.graphql(HISTORY, {}, caller);
      expect(history.errors?.[0]?.errorType).toBe('Unauthorized');
    }
  });
});
