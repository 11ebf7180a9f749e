/**
 * The catalog import on damaged and mis-encoded files, the dry run and progress: real .DBF files written to
 * disk, read back as file streams (as the CLI does) and imported into DynamoDB Local.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../test/support/table';
import type { Codepage } from './dbf/codepages';
import type { DbfValue } from './dbf/format';
import { writeDbf, type DbfWriteRecord } from './dbf/write';
import { CatalogImportError, importCatalog, type CatalogImportOptions, type ImportProgress } from './import';
import { POS_FIELD_SPECS } from './pos-mapping';

type Row = Record<string, DbfValue>;

function row(sku: string, overrides: Row = {}): Row {
  return {
    CLAVE: sku,
    CODBARRAS: `7501${sku.replace(/\D/g, '').padStart(9, '0')}`,
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

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, index) => row(`P${index + 1}`));
}

function posFile(entries: readonly (Row | DbfWriteRecord)[], codepage: Codepage = 'cp850', languageDriver?: number): Uint8Array {
  const records = entries.map((entry) => ('values' in entry ? (entry as DbfWriteRecord) : { values: entry as Row }));
  return writeDbf({ fields: POS_FIELD_SPECS, codepage, records, ...(languageDriver !== undefined ? { languageDriver } : {}) });
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const headerLength = (bytes: Uint8Array) => view(bytes).getUint16(8, true);
const recordLength = (bytes: Uint8Array) => view(bytes).getUint16(10, true);

let dir: string;
let table: TestTable;
let fileNumber = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farmacruz-import-check-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  table = await createTestTable('catalog-check');
});

/** Writes the bytes to a file on disk and returns a source that streams it, as the CLI does. */
async function onDisk(bytes: Uint8Array): Promise<() => NodeJS.ReadableStream & AsyncIterable<Uint8Array>> {
  fileNumber += 1;
  const file = path.join(dir, `PRODUCTOS-${fileNumber}.DBF`);
  await writeFile(file, bytes);
  // Small chunks, so records straddle chunk boundaries as they do in a real stream.
  return () => createReadStream(file, { highWaterMark: 1000 });
}

function options(more: Partial<CatalogImportOptions> = {}): CatalogImportOptions {
  return { documentClient: table.documentClient, tableName: table.tableName, now: () => new Date('2025-03-01T10:00:00.000Z'), ...more };
}

async function itemCount(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.documentClient.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey, Select: 'COUNT' }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function productOfSku(sku: string): Promise<Record<string, unknown> | undefined> {
  const guard = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: `SKU#${sku}`, SK: 'SKU' } }));
  if (!guard.Item) return undefined;
  const product = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: { PK: `PRODUCT#${guard.Item.productId}`, SK: 'PRODUCT' } }),
  );
  return product.Item;
}

async function refusal(work: Promise<unknown>): Promise<CatalogImportError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CatalogImportError);
  return error as CatalogImportError;
}

describe('a damaged file is refused whole: nothing is written', { timeout: 120_000 }, () => {
  it('a file cut inside a record (1,000 of 1,500 rows there)', async () => {
    const whole = posFile(rows(150));
    const cut = whole.slice(0, headerLength(whole) + 100 * recordLength(whole) + 40);
    const error = await refusal(importCatalog(await onDisk(cut), options()));
    expect(error.kind).toBe('damaged');
    expect(error.message).toMatch(/cut inside record 101 of 150/);
    expect(error.message).toMatch(/--accept-damaged/);
    expect(error.check).toMatchObject({ recordsRead: 100 });
    expect(await itemCount()).toBe(0);
  });

  it('garbage bytes inside the data (a record that does not start with a deletion flag)', async () => {
    const file = posFile(rows(150));
    file.fill(0xff, headerLength(file) + 120 * recordLength(file), headerLength(file) + 120 * recordLength(file) + 30);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.kind).toBe('damaged');
    expect(error.message).toMatch(/record 121 of 150 starts with 0xFF/);
    expect(await itemCount()).toBe(0);
  });

  it('a header that under-counts its records (75 of 150)', async () => {
    const file = posFile(rows(150));
    view(file).setUint32(4, 75, true);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.kind).toBe('damaged');
    expect(error.message).toMatch(/header counts 75 records but .* more bytes follow them \(75 more records\)/);
    expect(await itemCount()).toBe(0);
  });

  it('a header that over-counts its records', async () => {
    const file = posFile(rows(20));
    view(file).setUint32(4, 30, true);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.message).toMatch(/counts 30 records but the file holds only 20/);
    expect(await itemCount()).toBe(0);
  });

  it('a header length that is too long (records start later than the header says)', async () => {
    const file = posFile(rows(20));
    view(file).setUint16(8, headerLength(file) + 2 * recordLength(file), true);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.kind).toBe('not-dbf');
    expect(error.message).toMatch(/header length \d+ is too long/);
    expect(await itemCount()).toBe(0);
  });

  it('imports the records before the damage only when asked, and says so in the report', async () => {
    const whole = posFile(rows(150));
    const cut = whole.slice(0, headerLength(whole) + 100 * recordLength(whole) + 40);
    const report = await importCatalog(await onDisk(cut), options({ acceptDamaged: true }));
    expect(report).toMatchObject({ status: 'imported', rowsRead: 100, created: 100, rejected: 0 });
    expect(report.damage).toMatchObject({ recordsBeforeDamage: 100 });
    expect(report.damage?.message).toMatch(/cut inside record 101/);
    expect(report.written).toMatch(/^100 products created, 0 updated/);
    expect(await productOfSku('P100')).toBeDefined();
    expect(await productOfSku('P101')).toBeUndefined();
  });

  it('with an under-counting header accepted, imports the records the header counts', async () => {
    const file = posFile(rows(30));
    view(file).setUint32(4, 20, true);
    const report = await importCatalog(await onDisk(file), options({ acceptDamaged: true }));
    expect(report).toMatchObject({ rowsRead: 20, created: 20 });
    expect(report.damage?.message).toMatch(/under-counts/);
  });
});

describe('text read with the wrong code page', { timeout: 120_000 }, () => {
  const spanish = [
    row('1', { DESCRIP: 'IBUPROFENO NIÑOS', LINEA: 'ANALGÉSICOS' }),
    row('2', { DESCRIP: 'Paracetamol niños', LINEA: 'ANALGÉSICOS' }),
    row('3', { DESCRIP: 'Loción ácido salicílico', LINEA: 'DERMATOLOGÍA' }),
  ];

  it('refuses cp850 text in a file that says cp1252, naming the --codepage that fixes it', async () => {
    const file = posFile(spanish, 'cp850', 0x03);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.kind).toBe('codepage');
    expect(error.message).toMatch(/--codepage cp850/);
    expect(error.message).toContain('NI¥OS');
    expect(error.message).toContain('NIÑOS');
    expect(await itemCount()).toBe(0);
  });

  it('refuses cp850 text in a file that records no code page when the fallback is cp1252', async () => {
    const file = posFile(spanish, 'cp850', 0);
    const error = await refusal(importCatalog(await onDisk(file), options({ dbf: { fallbackCodepage: 'cp1252' } })));
    expect(error.message).toMatch(/--codepage cp850/);
  });

  it('refuses cp1252 text read as cp850 the other way round', async () => {
    const file = posFile(spanish, 'cp1252', 0x02);
    const error = await refusal(importCatalog(await onDisk(file), options()));
    expect(error.message).toMatch(/--codepage cp1252/);
  });

  it('imports the text right with the --codepage the message names', async () => {
    const file = posFile(spanish, 'cp850', 0x03);
    const report = await importCatalog(await onDisk(file), options({ dbf: { codepage: 'cp850' } }));
    expect(report).toMatchObject({ created: 3, rejected: 0 });
    expect(await productOfSku('1')).toMatchObject({ name: 'IBUPROFENO NIÑOS', categoryId: 'analgesicos' });
  });

  it('does not suspect files whose code page is right', async () => {
    for (const codepage of ['cp850', 'cp1252', 'cp437'] as const) {
      const report = await importCatalog(await onDisk(posFile(spanish, codepage)), options({ dryRun: true }));
      expect(report.file.codepage).toBe(codepage);
      expect(report.created).toBe(3);
    }
  });

  it('reads code pages beyond the three DOS/Windows ones (cp1251 from its language driver)', async () => {
    const file = posFile([row('1', { DESCRIP: 'АСПИРИН' })], 'cp1251');
    const report = await importCatalog(await onDisk(file), options());
    expect(report.file.codepage).toBe('cp1251');
    expect(await productOfSku('1')).toMatchObject({ name: 'АСПИРИН' });
  });
});

describe('rows with garbage and bad barcodes', { timeout: 120_000 }, () => {
  it('rejects a row whose name is binary garbage, with the reason, and imports the others', async () => {
    const file = posFile([row('1'), row('2'), row('3')]);
    // DESCRIP of record 2 starts after the flag, CLAVE (15) and CODBARRAS (20).
    const at = headerLength(file) + recordLength(file) + 1 + 15 + 20;
    file.set([0x01, 0x02, 0x9f, 0x00, 0x07, 0x1b], at);
    const report = await importCatalog(await onDisk(file), options());
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rejectedRows).toEqual([
      {
        recordNumber: 2,
        sku: '2',
        // The decoder's reason, then the shared text rule every writer applies (model/input-text.ts).
        reasons: [expect.stringMatching(/^DESCRIP: binary data, not cp850 text \(byte 0x01 at position 1\)/), 'DESCRIP contains control characters'],
      },
    ]);
    expect(await productOfSku('2')).toBeUndefined();
  });

  it('imports a product whose barcode is bad without the barcode, warns, and keeps an existing product its barcode', async () => {
    await importCatalog(await onDisk(posFile([row('1', { CODBARRAS: '7501000000011' })])), options());
    const report = await importCatalog(
      await onDisk(posFile([row('1', { CODBARRAS: '75O1-BAD', PRECIO: 99 }), row('2', { CODBARRAS: 'X' })])),
      options({ now: () => new Date('2025-03-02T10:00:00.000Z') }),
    );
    expect(report).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    expect(report.warnings.map((warning) => [warning.recordNumber, warning.sku])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
    expect(report.warnings[0]?.message).toMatch(/CODBARRAS must be 8 to 14 digits: 75O1-BAD; imported without the barcode/);
    expect(await productOfSku('1')).toMatchObject({ barcode: '7501000000011', priceCents: 9900 });
    const second = await productOfSku('2');
    expect(second).toBeDefined();
    expect(second?.barcode).toBeUndefined();
  });
});

describe('dry run', { timeout: 120_000 }, () => {
  it('reports new, changed (field by field), unchanged, rejected and missing products, and writes nothing', async () => {
    await importCatalog(await onDisk(posFile([row('1'), row('2'), row('3'), row('4')])), options());
    const before = await itemCount();

    const next = posFile([
      row('1'),
      row('2', { PRECIO: 95, DESCRIP: 'IBUPROFENO NIÑOS 2 FRESA' }),
      row('3', { PRECIO: 0 }),
      row('5'),
    ]);
    const report = await importCatalog(await onDisk(next), options({ dryRun: true }));

    expect(report).toMatchObject({ status: 'preview', written: 'nothing (dry run)', created: 1, updated: 1, unchanged: 1, rejected: 1 });
    expect(report.changes?.created).toEqual([{ recordNumber: 4, sku: '5', name: 'IBUPROFENO NIÑOS 5' }]);
    expect(report.changes?.updated).toEqual([
      {
        recordNumber: 2,
        sku: '2',
        id: expect.any(String),
        name: 'IBUPROFENO NIÑOS 2 FRESA',
        fields: [
          { field: 'name', before: 'IBUPROFENO NIÑOS 2', after: 'IBUPROFENO NIÑOS 2 FRESA' },
          { field: 'priceCents', before: 8950, after: 9500 },
        ],
      },
    ]);
    expect(report.changes?.unchanged).toEqual(['1']);
    expect(report.rejectedRows).toEqual([{ recordNumber: 3, sku: '3', reasons: ['PRECIO must be more than 0 pesos: 0'] }]);
    expect(report.notInFile).toEqual({ count: 1, skus: ['4'] });
    expect(report.writes).toMatchObject({ puts: 0, deletes: 0, requests: 0, skuClaims: 0 });
    expect(await itemCount()).toBe(before);
    expect(await productOfSku('5')).toBeUndefined();
  });
});

describe('progress', { timeout: 120_000 }, () => {
  it('reports a percentage rising to 100 over both passes, and an estimate of the time left', async () => {
    const seen: ImportProgress[] = [];
    await importCatalog(await onDisk(posFile(rows(250))), options({ rowsPerBatch: 50, progressIntervalMs: 0, onProgress: (p) => seen.push(p) }));
    expect(seen.some((progress) => progress.phase === 'checking')).toBe(true);
    expect(seen.some((progress) => progress.phase === 'importing' && progress.etaMs !== null)).toBe(true);
    const percents = seen.map((progress) => progress.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(seen.at(-1)).toMatchObject({ recordsDone: 250, recordsTotal: 250, created: 250 });
  });
});
