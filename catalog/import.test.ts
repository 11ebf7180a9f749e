import { beforeEach, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../test/support/table';
import { productItemList, productItems, type ProductInput } from '../model/product-items';
import type { DbfValue } from './dbf/format';
import { writeDbf, type DbfWriteRecord } from './dbf/write';
import { CatalogImportError, importCatalog, type CatalogImportOptions } from './import';
import { POS_FIELD_SPECS } from './pos-mapping';

const FIRST_IMPORT = new Date('2025-03-01T10:00:00.000Z');
const SECOND_IMPORT = new Date('2025-03-02T10:00:00.000Z');

type Row = Record<string, DbfValue>;

function row(sku: string, overrides: Row = {}): Row {
  return {
    CLAVE: sku,
    CODBARRAS: `750100000${sku.padStart(4, '0')}`,
    DESCRIP: `IBUPROFENO NIÑOS ${sku}`,
    SUSTANCIA: 'IBUPROFENO',
    LABORATOR: 'PISA',
    PRESENTA: 'FRASCO 120 ML',
    LINEA: 'ANALGÉSICOS',
    PRECIO: 89.5,
    EXISTENC: 10,
    RECETA: false,
    ACTIVO: true,
    ...overrides,
  };
}

function posFile(rows: readonly (Row | DbfWriteRecord)[]): Uint8Array {
  const records = rows.map((entry) => ('values' in entry ? (entry as DbfWriteRecord) : { values: entry as Row }));
  return writeDbf({ fields: POS_FIELD_SPECS, codepage: 'cp850', records });
}

let table: TestTable;
let ids: number;

function importOptions(at: Date, more: Partial<CatalogImportOptions> = {}): CatalogImportOptions {
  return {
    documentClient: table.documentClient,
    tableName: table.tableName,
    now: () => at,
    newId: () => `01JNPRODUCT${String((ids += 1)).padStart(15, '0')}`,
    ...more,
  };
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.documentClient.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}

async function productIdOfSku(sku: string): Promise<string> {
  const guard = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: `SKU#${sku}`, SK: 'SKU' } }));
  return String(guard.Item?.productId);
}

beforeEach(async () => {
  table = await createTestTable('catalog-import');
  ids = 0;
});

// Imports against DynamoDB Local take seconds alone and several times that beside the suite's other files on 2 cores:
// a generous per-test limit (the request budget, not time, is what these tests assert).
describe('catalog import', { timeout: 120_000 }, () => {
  it('writes exactly the items of the data model for each new product', async () => {
    const report = await importCatalog([posFile([row('1'), row('2', { LINEA: 'Higiene Bucal', RECETA: true })])], importOptions(FIRST_IMPORT));
    expect(report).toMatchObject({ rowsRead: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 });

    const expected: ProductInput[] = [
      {
        id: await productIdOfSku('1'),
        sku: '1',
        barcode: '7501000000001',
        name: 'IBUPROFENO NIÑOS 1',
        activeIngredients: ['IBUPROFENO'],
        lab: 'PISA',
        presentation: 'FRASCO 120 ML',
        categoryName: 'ANALGÉSICOS',
        priceCents: 8950,
        currency: 'MXN',
        stock: 10,
        prescriptionRequired: false,
        active: true,
        createdAt: FIRST_IMPORT.toISOString(),
        updatedAt: FIRST_IMPORT.toISOString(),
      },
      {
        id: await productIdOfSku('2'),
        sku: '2',
        barcode: '7501000000002',
        name: 'IBUPROFENO NIÑOS 2',
        activeIngredients: ['IBUPROFENO'],
        lab: 'PISA',
        presentation: 'FRASCO 120 ML',
        categoryName: 'Higiene Bucal',
        priceCents: 8950,
        currency: 'MXN',
        stock: 10,
        prescriptionRequired: true,
        active: true,
        createdAt: FIRST_IMPORT.toISOString(),
        updatedAt: FIRST_IMPORT.toISOString(),
      },
    ];
    const expectedItems = expected.flatMap((input) => productItemList(productItems(input)));
    const sorted = expectedItems.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
    expect(await scanAll()).toEqual(sorted);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = posFile([row('1'), row('2'), row('3', { ACTIVO: false })]);
    await importCatalog([file], importOptions(FIRST_IMPORT));
    const before = await scanAll();

    const again = await importCatalog([file], importOptions(SECOND_IMPORT));

    expect(again).toMatchObject({ rowsRead: 3, created: 0, updated: 0, unchanged: 3 });
    expect(again.writes).toEqual({ requests: 0, puts: 0, deletes: 0, retriedItems: 0, skuClaims: 0 });
    expect(await scanAll()).toEqual(before);
  });

  it('updates a product in place: same id, createdAt kept, stale search entries deleted', async () => {
    await importCatalog([posFile([row('1')])], importOptions(FIRST_IMPORT));
    const id = await productIdOfSku('1');

    const report = await importCatalog(
      [posFile([row('1', { DESCRIP: 'IBUPROFENO INFANTIL 1', PRECIO: 92 })])],
      importOptions(SECOND_IMPORT),
    );

    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(report.writes.deletes).toBe(1);
    const items = await scanAll();
    const product = items.find((item) => item.PK === `PRODUCT#${id}`);
    expect(product).toMatchObject({
      name: 'IBUPROFENO INFANTIL 1',
      priceCents: 9200,
      createdAt: FIRST_IMPORT.toISOString(),
      updatedAt: SECOND_IMPORT.toISOString(),
    });
    const searchKeys = items.filter((item) => item.type === 'SearchEntry').map((item) => `${item.PK} ${item.SK} ${item.nameWords}`);
    // "ninos" is gone; the entries left list the new name words ("1" is listed, but too short for an entry).
    expect(searchKeys).toEqual([
      `SEARCH#ib ibuprofeno#${id}  ibuprofeno infantil 1 `,
      `SEARCH#in infantil#${id}  ibuprofeno infantil 1 `,
      `SEARCH#pi pisa#${id}  ibuprofeno infantil 1 `,
      `SEARCHCODE#75 7501000000001#${id}  ibuprofeno infantil 1 `,
    ]);
  });

  it('keeps what staff set that the file does not carry (description, image, units per order)', async () => {
    await importCatalog([posFile([row('1')])], importOptions(FIRST_IMPORT));
    const id = await productIdOfSku('1');
    const stored = (await scanAll()).find((item) => item.PK === `PRODUCT#${id}`) as unknown as ProductInput;
    const edited = productItems({ ...stored, description: 'Para fiebre y dolor', imageUrl: 'https://img.farmacruz.mx/1.png', maxPerOrder: 2 });
    await table.documentClient.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: productItemList(edited).map((Item) => ({ PutRequest: { Item } })) } }),
    );

    await importCatalog([posFile([row('1', { EXISTENC: 3 })])], importOptions(SECOND_IMPORT));

    const product = (await scanAll()).find((item) => item.PK === `PRODUCT#${id}`);
    expect(product).toMatchObject({ stock: 3, description: 'Para fiebre y dolor', imageUrl: 'https://img.farmacruz.mx/1.png', maxPerOrder: 2 });
  });

  it('updates a SKU another writer created instead of making a second product', async () => {
    const existing: ProductInput = {
      id: '01JNSTAFFCREATED000000000A',
      sku: '1',
      name: 'Ibuprofeno',
      activeIngredients: ['Ibuprofeno'],
      lab: 'Pisa',
      presentation: 'Frasco',
      categoryName: 'Analgésicos',
      priceCents: 100,
      currency: 'MXN',
      stock: 1,
      prescriptionRequired: false,
      active: true,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    await table.documentClient.send(
      new BatchWriteCommand({
        RequestItems: { [table.tableName]: productItemList(productItems(existing)).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );

    const report = await importCatalog([posFile([row('1')])], importOptions(FIRST_IMPORT));

    expect(report).toMatchObject({ created: 0, updated: 1 });
    const products = (await scanAll()).filter((item) => item.type === 'Product');
    expect(products.map((item) => [item.id, item.name])).toEqual([[existing.id, 'IBUPROFENO NIÑOS 1']]);
  });

  it('claims the SKUs of a first import without reading their guards; a re-import reads them and claims none', async () => {
    const sent: string[] = [];
    const counting = {
      send(command: { constructor: { name: string } }) {
        sent.push(command.constructor.name);
        return table.documentClient.send(command as never);
      },
    } as unknown as typeof table.documentClient;
    const file = posFile(Array.from({ length: 150 }, (_, index) => row(String(index + 1))));

    const first = await importCatalog([file], importOptions(FIRST_IMPORT, { documentClient: counting }));
    expect(first).toMatchObject({ created: 150, writes: { skuClaims: 150 } });
    expect(sent.filter((name) => name === 'BatchGetCommand')).toEqual([]);
    expect(sent.filter((name) => name === 'TransactWriteCommand')).toHaveLength(2);

    sent.length = 0;
    const again = await importCatalog([file], importOptions(SECOND_IMPORT, { documentClient: counting }));
    expect(again).toMatchObject({ unchanged: 150, writes: { skuClaims: 0 } });
    expect(sent.filter((name) => name === 'TransactWriteCommand')).toEqual([]);
    expect(sent.filter((name) => name === 'BatchGetCommand').length).toBeGreaterThan(0);
    const guards = (await scanAll()).filter((item) => item.type === 'SkuGuard');
    expect(guards).toHaveLength(150);
    expect(new Set(guards.map((guard) => guard.productId)).size).toBe(150);
  });

  it('turns a claim that finds its SKU taken into an update of the product that holds it, with no second product', async () => {
    const product = (id: string, sku: string, active: boolean): ProductInput => ({
      id,
      sku,
      name: `Producto del personal ${sku}`,
      activeIngredients: ['Ibuprofeno'],
      lab: 'Pisa',
      presentation: 'Frasco',
      categoryName: 'Analgésicos',
      priceCents: 100,
      currency: 'MXN',
      stock: 1,
      prescriptionRequired: false,
      active,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    });
    const putItems = (items: readonly object[]) =>
      table.documentClient.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: items.map((Item) => ({ PutRequest: { Item } })) } }),
      );
    // SKU 1: an inactive product (not among the active SKUs, so claimed without a read).
    const inactive = product('01JNSTAFFINACTIVE00000000A', '1', false);
    await putItems(productItemList(productItems(inactive)));
    // SKU 2: a guard an import left when it died before writing the product.
    const orphanId = '01JNORPHANGUARD0000000000A';
    await putItems([{ PK: 'SKU#2', SK: 'SKU', type: 'SkuGuard', sku: '2', productId: orphanId }]);
    // SKU 3: staff create it while the import runs, after the import read the active SKUs.
    const racing = product('01JNSTAFFRACING0000000000A', '3', true);
    let raced = false;
    const racingClient = {
      async send(command: { constructor: { name: string } }) {
        if (!raced && command.constructor.name === 'TransactWriteCommand') {
          raced = true;
          await putItems(productItemList(productItems(racing)));
        }
        return table.documentClient.send(command as never);
      },
    } as unknown as typeof table.documentClient;

    const report = await importCatalog(
      [posFile([row('1'), row('2'), row('3'), row('4')])],
      importOptions(FIRST_IMPORT, { documentClient: racingClient }),
    );

    expect(raced).toBe(true);
    expect(report).toMatchObject({ created: 2, updated: 2 });
    const items = await scanAll();
    const products = items.filter((item) => item.type === 'Product');
    const idOf = (sku: string) => products.filter((item) => item.sku === sku).map((item) => item.id);
    expect(idOf('1')).toEqual([inactive.id]);
    expect(idOf('2')).toEqual([orphanId]);
    expect(idOf('3')).toEqual([racing.id]);
    expect(idOf('4')).toHaveLength(1);
    expect(products.find((item) => item.sku === '3')).toMatchObject({ name: 'IBUPROFENO NIÑOS 3', createdAt: racing.createdAt });
    expect(products.find((item) => item.sku === '1')).toMatchObject({ name: 'IBUPROFENO NIÑOS 1', active: true });
    const guards = items.filter((item) => item.type === 'SkuGuard');
    expect(guards.map((guard) => [guard.sku, guard.productId])).toEqual(
      expect.arrayContaining([
        ['1', inactive.id],
        ['2', orphanId],
        ['3', racing.id],
      ]),
    );
    expect(guards).toHaveLength(4);
  });

  it('reports rejected rows with their record number and reasons and imports the others', async () => {
    const report = await importCatalog(
      [posFile([row('1'), row('2', { PRECIO: 0, DESCRIP: '' }), row('3'), row('1', { PRECIO: 1 })])],
      importOptions(FIRST_IMPORT),
    );
    expect(report).toMatchObject({ rowsRead: 4, created: 2, rejected: 2 });
    expect(report.rejectedRows).toEqual([
      { recordNumber: 2, sku: '2', reasons: ['PRECIO must be more than 0 pesos: 0', 'DESCRIP is required'] },
      { recordNumber: 4, sku: '1', reasons: ['CLAVE 1 repeats record 1'] },
    ]);
    expect(await productIdOfSku('2')).toBe('undefined');
  });

  it('skips records deleted in the point of sale and counts them', async () => {
    const report = await importCatalog([posFile([row('1'), { values: row('2'), deleted: true }])], importOptions(FIRST_IMPORT));
    expect(report).toMatchObject({ rowsRead: 1, created: 1, deletedRecordsSkipped: 1 });
    expect(await productIdOfSku('2')).toBe('undefined');
  });

  it('keeps products missing from the file and lists the active ones as not in file', async () => {
    await importCatalog([posFile([row('1'), row('2'), row('3', { ACTIVO: false })])], importOptions(FIRST_IMPORT));

    const report = await importCatalog([posFile([row('1')])], importOptions(SECOND_IMPORT));

    expect(report.notInFile).toEqual({ count: 1, skus: ['2'] });
    const products = (await scanAll()).filter((item) => item.type === 'Product');
    expect(products.map((item) => [item.sku, item.active]).sort()).toEqual([
      ['1', true],
      ['2', true],
      ['3', false],
    ]);
  });

  it('imports a file larger than one batch in parallel batches, reporting progress', async () => {
    const rows = Array.from({ length: 260 }, (_, index) => row(String(index + 1), { LINEA: `Línea ${index % 7}` }));
    const progress: number[] = [];
    const report = await importCatalog(
      [posFile(rows)],
      importOptions(FIRST_IMPORT, { rowsPerBatch: 50, parallelBatches: 3, progressIntervalMs: 0, onProgress: (p) => progress.push(p.rowsRead) }),
    );
    expect(report).toMatchObject({ rowsRead: 260, created: 260 });
    expect(progress.at(-1)).toBe(260);
    const items = await scanAll();
    expect(items.filter((item) => item.type === 'Product')).toHaveLength(260);
    expect(items.filter((item) => item.type === 'Category')).toHaveLength(7);
    expect(new Set(items.filter((item) => item.type === 'SkuGuard').map((item) => item.productId)).size).toBe(260);
  });

  it('reads the file once when the check keeps its records, twice past that, with the same outcome', async () => {
    const bytes = posFile([
      row('1'),
      row('2', { PRECIO: 0 }),
      { values: row('3'), deleted: true },
      row('4', { CODBARRAS: '12AB' }),
      row('1', { PRECIO: 1 }),
      ...Array.from({ length: 30 }, (_, index) => row(String(index + 10))),
    ]);
    const outcome = async (keepCheckedRecordsUpTo: number) => {
      table = await createTestTable('catalog-import');
      let opens = 0;
      const report = await importCatalog(
        () => {
          opens += 1;
          return [bytes];
        },
        importOptions(FIRST_IMPORT, { keepCheckedRecordsUpTo, rowsPerBatch: 10 }),
      );
      const { startedAt: _s, finishedAt: _f, durationMs: _d, rowsPerSecond: _r, ...stable } = report;
      const products = (await scanAll())
        .filter((item) => item.type === 'Product')
        .map((item) => [String(item.sku), String(item.barcode ?? '')])
        .sort((a, b) => a[0]!.localeCompare(b[0]!));
      return { opens, stable, products };
    };
    const once = await outcome(1000);
    ids = 0;
    const twice = await outcome(10);
    expect(once.opens).toBe(1);
    expect(twice.opens).toBe(2);
    expect(once.stable).toMatchObject({ rowsRead: 34, created: 32, rejected: 2, deletedRecordsSkipped: 1 });
    expect(once.stable.warnings).toHaveLength(1);
    expect(twice.stable).toEqual(once.stable);
    expect(twice.products).toEqual(once.products);
    expect(once.products).toHaveLength(32);
  });

  it('keeps every request of the import within parallelBatches × parallelRequests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const counting = {
      async send(command: never) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await table.documentClient.send(command);
        } finally {
          inFlight -= 1;
        }
      },
    } as unknown as typeof table.documentClient;
    const rows = Array.from({ length: 200 }, (_, index) => row(String(index + 1)));
    const report = await importCatalog(
      [posFile(rows)],
      importOptions(FIRST_IMPORT, { documentClient: counting, rowsPerBatch: 25, parallelBatches: 2, parallelRequests: 2 }),
    );
    expect(report).toMatchObject({ rowsRead: 200, created: 200 });
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
    const items = await scanAll();
    expect(items.filter((item) => item.type === 'Product')).toHaveLength(200);
    expect(new Set(items.filter((item) => item.type === 'SkuGuard').map((item) => item.productId)).size).toBe(200);
  }, 180_000);

  it('refuses a file that is not the point-of-sale layout, naming the problems', async () => {
    const file = writeDbf({
      fields: POS_FIELD_SPECS.filter((field) => field.name !== 'PRECIO'),
      codepage: 'cp850',
      records: [{ values: row('1') }],
    });
    const failure = importCatalog([file], importOptions(FIRST_IMPORT));
    await expect(failure).rejects.toBeInstanceOf(CatalogImportError);
    await expect(failure).rejects.toThrow('not the point-of-sale catalog layout: column PRECIO is missing');
    expect(await scanAll()).toEqual([]);
  });

  it('refuses bytes that are not a .DBF file', async () => {
    const failure = importCatalog([new TextEncoder().encode('CLAVE;DESCRIP\n1;IBUPROFENO\n'.repeat(3))], importOptions(FIRST_IMPORT));
    await expect(failure).rejects.toThrow(/not a readable \.DBF file/);
  });
});
