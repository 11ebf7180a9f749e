/**
 * Conformance corpus: one file per variant the public DBF readers' own test suites cover (dBase III, dBase IV,
 * FoxPro 2, Visual FoxPro; .dbt and .fpt memo files; code pages; deleted records; Clipper's long character
 * fields; binary and odd field types), generated here at test time by a reference writer (the `dbffile`
 * package) or by our writer, written to disk, and read both by our reader and by the reference reader
 * (`dbffile`): the record counts and every value must agree. Nothing is copied from anyone's fixtures.
 *
 * Where the reference reader cannot judge (dBase 7 and dBase II, which it does not read either; NUL-padded
 * numbers, which it misreads), the expected result is spelled out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DBFFile, DELETED, type FieldDescriptor } from 'dbffile';
import { languageDriverOf } from './codepages';
import { DbfFormatError, type DbfValue } from './format';
import { parseDbf } from './read';
import { writeDbfWithMemo, type DbfFieldSpec, type DbfWriteRecord } from './write';

let dir: string;
let fileNumber = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'farmacruz-dbf-conformance-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Plain = Record<string, DbfValue>;

/** A reference reader's value as ours gives it: dates as YYYY-MM-DD, date-times as ISO-8601. */
function normalize(field: FieldDescriptor, value: unknown): DbfValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return field.type === 'D' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return value as DbfValue;
}

interface ReferenceRead {
  readonly recordCount: number;
  readonly live: Plain[];
  readonly all: { deleted: boolean; values: Plain }[];
}

async function referenceRead(file: string, encoding: string, readMode: 'strict' | 'loose' = 'strict'): Promise<ReferenceRead> {
  const live = await DBFFile.open(file, { encoding, readMode });
  const liveRecords = (await live.readRecords()).map((record) => Object.fromEntries(live.fields.map((f) => [f.name, normalize(f, record[f.name])])));
  const withDeleted = await DBFFile.open(file, { encoding, readMode, includeDeletedRecords: true });
  const all = (await withDeleted.readRecords()).map((record) => ({
    deleted: record[DELETED] === true,
    values: Object.fromEntries(withDeleted.fields.map((f) => [f.name, normalize(f, record[f.name])])),
  }));
  return { recordCount: live.recordCount, live: liveRecords, all };
}

/** Writes our writer's files for a variant to disk (with the memo file beside it) and returns the .DBF path. */
async function writeOurs(name: string, spec: Parameters<typeof writeDbfWithMemo>[0], memoExtension = '.fpt'): Promise<string> {
  fileNumber += 1;
  const file = path.join(dir, `${fileNumber}-${name}.dbf`);
  const { dbf, memo } = writeDbfWithMemo(spec);
  await writeFile(file, dbf);
  if (memo) await writeFile(file.replace(/\.dbf$/, memoExtension), memo);
  return file;
}

/** Writes a variant with the reference writer (dbffile). */
async function writeReference(name: string, fields: FieldDescriptor[], records: Record<string, unknown>[], options: { fileVersion?: 0x03 | 0x83 | 0x8b | 0x30; encoding?: string } = {}): Promise<string> {
  fileNumber += 1;
  const file = path.join(dir, `${fileNumber}-${name}.dbf`);
  const dbf = await DBFFile.create(file, fields, options);
  await dbf.appendRecords(records);
  return file;
}

async function ourRead(file: string, options: Parameters<typeof parseDbf>[1] = {}, memoExtension?: string) {
  const memo = memoExtension ? await readFile(file.replace(/\.dbf$/, memoExtension)) : undefined;
  const live = await parseDbf(await readFile(file), { ...options, ...(memo ? { memo } : {}) });
  const all = await parseDbf(await readFile(file), { ...options, includeDeleted: true, ...(memo ? { memo } : {}) });
  return { header: live.header, live: live.records.map((record) => record.values), all, problems: all.records.flatMap((record) => record.problems) };
}

/** Our reader and the reference reader agree on counts, deleted flags and every value. */
async function expectAgreement(file: string, encoding: string, ourOptions: Parameters<typeof parseDbf>[1] = {}, memoExtension?: string, readMode: 'strict' | 'loose' = 'strict') {
  const reference = await referenceRead(file, encoding, readMode);
  const ours = await ourRead(file, ourOptions, memoExtension);
  expect(ours.problems).toEqual([]);
  expect(ours.header.recordCount).toBe(reference.recordCount);
  expect(ours.all.records.map((record) => record.deleted)).toEqual(reference.all.map((record) => record.deleted));
  expect(ours.live).toEqual(reference.live);
  expect(ours.all.records.map((record) => record.values)).toEqual(reference.all.map((record) => record.values));
  return { reference, ours };
}

const spanish = ['IBUPROFENO NIÑOS', 'ácido acetilsalicílico', 'Loción ¿Ü?', 'SOLUCIÓN OFTÁLMICA', 'pañal etapa 1'];

describe('dBase III (0x03), written by the reference writer', () => {
  const fields: FieldDescriptor[] = [
    { name: 'CLAVE', type: 'C', size: 12 },
    { name: 'DESCRIP', type: 'C', size: 40 },
    { name: 'PRECIO', type: 'N', size: 10, decimalPlaces: 2 },
    { name: 'FACTOR', type: 'F', size: 12, decimalPlaces: 4 },
    { name: 'RECETA', type: 'L', size: 1 },
    { name: 'ALTA', type: 'D', size: 8 },
  ];
  const records = spanish.map((text, index) => ({
    CLAVE: `A${index}`,
    DESCRIP: text,
    PRECIO: index === 2 ? null : 10.5 * (index + 1),
    FACTOR: index - 1.25,
    RECETA: index % 2 === 0,
    ALTA: index === 3 ? null : new Date(Date.UTC(2020 + index, index, 10 + index)),
  }));

  it('reads every field type as the reference reader does (cp1252, code page given)', async () => {
    const file = await writeReference('dbase3', fields, records, { encoding: 'cp1252' });
    const { ours } = await expectAgreement(file, 'cp1252', { codepage: 'cp1252' });
    expect(ours.header.version).toBe(0x03);
    expect(ours.live.map((values) => values.DESCRIP)).toEqual(spanish);
  });

  it.each(['cp850', 'cp437', 'cp852', 'cp1250'])('decodes %s text as the reference reader does', async (encoding) => {
    const texts = encoding === 'cp852' || encoding === 'cp1250' ? ['ŁÓDŹ ŻÓŁĆ', 'příliš žluťoučký', 'IBUPROFENO'] : ['IBUPROFENO NIÑOS', 'ácido', 'pañal'];
    const file = await writeReference(`cp-${encoding}`, [{ name: 'DESCRIP', type: 'C', size: 30 }], texts.map((DESCRIP) => ({ DESCRIP })), { encoding });
    const { ours } = await expectAgreement(file, encoding, { codepage: encoding });
    expect(ours.live.map((values) => values.DESCRIP)).toEqual(texts);
  });

  it.each([
    ['cp1251', 0xc9, ['АСПИРИН', 'Парацетамол']],
    ['cp866', 0x26, ['АСПИРИН', 'Парацетамол']],
    ['cp850', 0x02, ['NIÑOS', 'ÁCIDO']],
  ] as const)('takes %s from the language driver byte our writer records', async (codepage, driver, texts) => {
    const file = await writeOurs(`ldid-${codepage}`, {
      fields: [{ name: 'DESCRIP', type: 'C', length: 30 }],
      codepage,
      records: texts.map((DESCRIP) => ({ values: { DESCRIP } })),
    });
    expect(languageDriverOf(codepage)).toBe(driver);
    const { ours } = await expectAgreement(file, codepage);
    expect(ours.header.codepage).toBe(codepage);
    expect(ours.live.map((values) => values.DESCRIP)).toEqual(texts);
  });
});

describe('Visual FoxPro (0x30) binary types, written by the reference writer', () => {
  it('reads I, Y, T, B as the reference reader does', async () => {
    const fields: FieldDescriptor[] = [
      { name: 'CLAVE', type: 'C', size: 10 },
      { name: 'EXISTENC', type: 'I', size: 4 },
      { name: 'COSTO', type: 'Y', size: 8 },
      { name: 'MODIFIC', type: 'T', size: 8 },
      { name: 'PESO', type: 'B', size: 8 },
      { name: 'ACTIVO', type: 'L', size: 1 },
    ];
    // The reference reader keeps date-times to the second: whole seconds compare exactly.
    const records = [
      { CLAVE: 'V1', EXISTENC: -3, COSTO: 87.1234, MODIFIC: new Date('2024-05-06T07:08:09Z'), PESO: 0.1, ACTIVO: true },
      { CLAVE: 'V2', EXISTENC: 2_000_000_000, COSTO: 0.5, MODIFIC: new Date('1999-12-31T23:59:59Z'), PESO: -1e10, ACTIVO: false },
      { CLAVE: 'V3', EXISTENC: 0, COSTO: 0, MODIFIC: null, PESO: 0, ACTIVO: null },
    ];
    const file = await writeReference('vfp', fields, records, { fileVersion: 0x30 });
    const { ours } = await expectAgreement(file, 'cp1252', { codepage: 'cp1252' });
    expect(ours.header.version).toBe(0x30);
    expect(ours.live[0]).toMatchObject({ EXISTENC: -3, COSTO: 87.1234, MODIFIC: '2024-05-06T07:08:09.000Z' });
  });
});

describe('memo files, written by our writer and read by both', () => {
  const memoText = ['Tomar con alimentos. No exceder la dosis.', '', 'Línea larga '.repeat(90).trim(), 'Niños: 5 ml cada 8 horas'];
  const fields: DbfFieldSpec[] = [
    { name: 'CLAVE', type: 'C', length: 8 },
    { name: 'NOTAS', type: 'M' },
    { name: 'PRECIO', type: 'N', length: 8, decimals: 2 },
  ];
  const records: DbfWriteRecord[] = memoText.map((text, index) => ({
    values: { CLAVE: `M${index}`, NOTAS: text === '' ? null : text, PRECIO: index + 0.25 },
  }));

  it.each([
    ['dBase III with memo (0x83, .dbt)', 0x83, '.dbt'],
    ['dBase IV with memo (0x8B, .dbt)', 0x8b, '.dbt'],
    ['FoxPro 2 with memo (0xF5, .fpt)', 0xf5, '.fpt'],
    ['Visual FoxPro with memo (0x30, .fpt)', 0x30, '.fpt'],
  ] as const)('%s', async (_name, version, extension) => {
    const file = await writeOurs(`memo-${version.toString(16)}`, { fields, codepage: 'cp1252', records, version }, extension);
    const { ours } = await expectAgreement(file, 'cp1252', { codepage: 'cp1252' }, extension);
    expect(ours.header.version).toBe(version);
    expect(ours.live.map((values) => values.NOTAS)).toEqual(memoText.map((text) => (text === '' ? null : text)));
  });

  it('reads memo fields as null when the memo file is not given (as the catalog import reads them)', async () => {
    const file = await writeOurs('memo-absent', { fields, codepage: 'cp1252', records, version: 0x83 }, '.dbt');
    const { live } = await ourRead(file);
    expect(live.map((values) => values.NOTAS)).toEqual([null, null, null, null]);
  });
});

describe('deleted records', () => {
  it('counts, flags and skips them as the reference reader does', async () => {
    const records: DbfWriteRecord[] = ['uno', 'dos', 'tres', 'cuatro', 'cinco'].map((DESCRIP, index) => ({
      values: { CLAVE: `D${index}`, DESCRIP },
      deleted: index % 2 === 1,
    }));
    const file = await writeOurs('deleted', {
      fields: [
        { name: 'CLAVE', type: 'C', length: 5 },
        { name: 'DESCRIP', type: 'C', length: 10 },
      ],
      codepage: 'cp1252',
      records,
    });
    const { reference, ours } = await expectAgreement(file, 'cp1252');
    expect(reference.live).toHaveLength(3);
    expect(ours.all.records.filter((record) => record.deleted).map((record) => record.recordNumber)).toEqual([2, 4]);
  });
});

describe('odd layouts and values', () => {
  it("reads Clipper's character fields longer than 255 bytes", async () => {
    const long = 'Indicaciones: '.repeat(30).trim();
    const file = await writeOurs('clipper-long', {
      fields: [
        { name: 'CLAVE', type: 'C', length: 4 },
        { name: 'TEXTO', type: 'C', length: 600 },
      ],
      codepage: 'cp1252',
      records: [{ values: { CLAVE: 'L1', TEXTO: long } }, { values: { CLAVE: 'L2', TEXTO: 'corto' } }],
    });
    const { ours } = await expectAgreement(file, 'cp1252');
    expect(ours.header.fields[1]).toMatchObject({ length: 600 });
    expect(ours.live[0]?.TEXTO).toBe(long);
  });

  it('reads Visual FoxPro with autoincrement (0x31) as the reference reader does in its loose mode', async () => {
    const file = await writeOurs('vfp-31', {
      fields: [
        { name: 'ID', type: 'I' },
        { name: 'DESCRIP', type: 'C', length: 10 },
      ],
      codepage: 'cp1252',
      version: 0x31,
      records: [{ values: { ID: 1, DESCRIP: 'uno' } }, { values: { ID: 2, DESCRIP: 'dos' } }],
    });
    const { ours } = await expectAgreement(file, 'cp1252', {}, undefined, 'loose');
    expect(ours.header.version).toBe(0x31);
  });

  it('reads negative, blank and overflowed (****) numbers', async () => {
    const file = await writeOurs('numbers', {
      fields: [{ name: 'PRECIO', type: 'N', length: 8, decimals: 2 }],
      codepage: 'cp1252',
      records: [{ values: { PRECIO: -12.5 } }, { values: { PRECIO: null } }, { values: { PRECIO: 0 } }],
    });
    const { ours } = await expectAgreement(file, 'cp1252');
    expect(ours.live.map((values) => values.PRECIO)).toEqual([-12.5, null, 0]);
    const bytes = await readFile(file);
    bytes.write('********', 32 + 32 + 1 + 2 * 9 + 1, 'latin1'); // record 3's PRECIO
    expect((await parseDbf(bytes)).records[2]?.values.PRECIO).toBeNull();
  });

  it('refuses dBase 7 and dBase II tables (which the reference reader does not read either) saying what they are', async () => {
    const file = await writeOurs('level7', { fields: [{ name: 'A', type: 'C', length: 3 }], codepage: 'cp1252', records: [{ values: { A: 'x' } }] });
    const bytes = await readFile(file);
    for (const [version, name] of [[0x8c, 'dBase 7'], [0x04, 'dBase 7'], [0x02, 'dBase II']] as const) {
      bytes[0] = version;
      await writeFile(file, bytes);
      await expect(DBFFile.open(file)).rejects.toThrow(/unknown\/unsupported dBase version/);
      const error = await parseDbf(bytes).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(DbfFormatError);
      expect((error as Error).message).toContain(name);
    }
  });
});
