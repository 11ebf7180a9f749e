import { describe, expect, it } from 'vitest';
import { DbfFormatError } from './format';
import { openDbf, parseDbf } from './read';
import { writeDbf, type DbfFieldSpec, type DbfWriteRecord } from './write';
import type { Codepage } from './codepages';

const textFields: DbfFieldSpec[] = [
  { name: 'CLAVE', type: 'C', length: 12 },
  { name: 'DESCRIP', type: 'C', length: 40 },
];

// Characters all three code pages have (DOS code page 437 has no capital Á, É, Í, Ó, Ú).
const accented = ['IBUPROFENO NIÑOS', 'ácido acetilsalicílico', 'Solución oftálmica ¿Ü?'];

function textFile(codepage: Codepage, languageDriver?: number): Uint8Array {
  return writeDbf({
    fields: textFields,
    codepage,
    languageDriver,
    records: accented.map((text, index) => ({ values: { CLAVE: `A${index}`, DESCRIP: text } })),
  });
}

/** The bytes of one field of one record, to check what is really on disk. */
function fieldBytes(file: Uint8Array, recordIndex: number, fieldOffset: number, length: number): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset);
  const start = view.getUint16(8, true) + recordIndex * view.getUint16(10, true) + fieldOffset;
  return file.subarray(start, start + length);
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
  return chunks;
}

async function* asStream(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

describe('.DBF code pages', () => {
  it.each(['cp1252', 'cp850', 'cp437'] as const)('round-trips accented Spanish text in %s', async (codepage) => {
    const { header, records } = await parseDbf(textFile(codepage));
    expect(header.codepage).toBe(codepage);
    expect(records.map((record) => record.values.DESCRIP)).toEqual(accented);
  });

  it('stores Ñ as the code page byte: 0xD1 in cp1252, 0xA5 in cp850 and cp437', () => {
    // "IBUPROFENO NIÑOS": Ñ is the 14th character of DESCRIP, which starts after the flag and CLAVE (1 + 12).
    expect(fieldBytes(textFile('cp1252'), 0, 13 + 13, 1)[0]).toBe(0xd1);
    expect(fieldBytes(textFile('cp850'), 0, 13 + 13, 1)[0]).toBe(0xa5);
    expect(fieldBytes(textFile('cp437'), 0, 13 + 13, 1)[0]).toBe(0xa5);
  });

  it('writes a character the code page lacks as a question mark', async () => {
    const file = writeDbf({ fields: textFields, codepage: 'cp437', records: [{ values: { CLAVE: 'A', DESCRIP: 'ÁCIDO' } }] });
    expect((await parseDbf(file)).records[0]?.values.DESCRIP).toBe('?CIDO');
  });

  it('decodes capital accented letters in cp850 and cp1252', async () => {
    for (const codepage of ['cp850', 'cp1252'] as const) {
      const file = writeDbf({ fields: textFields, codepage, records: [{ values: { CLAVE: 'A', DESCRIP: 'ÁCIDO ÉTER ÍNDICE ÓXIDO ÚLCERA' } }] });
      expect((await parseDbf(file)).records[0]?.values.DESCRIP).toBe('ÁCIDO ÉTER ÍNDICE ÓXIDO ÚLCERA');
    }
  });

  it('decodes a file that records no code page with the fallback code page', async () => {
    const file = textFile('cp850', 0);
    const { header, records } = await parseDbf(file, { fallbackCodepage: 'cp850' });
    expect(header.languageDriver).toBe(0);
    expect(records[0]?.values.DESCRIP).toBe('IBUPROFENO NIÑOS');
  });

  it('uses cp1252 when a file records no code page and none is given', async () => {
    const { header } = await parseDbf(textFile('cp1252', 0));
    expect(header.codepage).toBe('cp1252');
  });

  it('lets the caller override a wrongly recorded code page', async () => {
    const mislabelled = textFile('cp850', 0x03);
    const { records } = await parseDbf(mislabelled, { codepage: 'cp850' });
    expect(records[0]?.values.DESCRIP).toBe('IBUPROFENO NIÑOS');
  });

  it('refuses a language driver it does not know unless a code page is given', async () => {
    const unknown = textFile('cp1252', 0xf0);
    await expect(parseDbf(unknown)).rejects.toThrow(/language driver 0xF0/);
    await expect(parseDbf(unknown, { codepage: 'cp1252' })).resolves.toHaveProperty('records');
  });
});

describe('.DBF field types', () => {
  const fields: DbfFieldSpec[] = [
    { name: 'CLAVE', type: 'C', length: 10 },
    { name: 'PRECIO', type: 'N', length: 10, decimals: 2 },
    { name: 'FACTOR', type: 'F', length: 12, decimals: 4 },
    { name: 'RECETA', type: 'L' },
    { name: 'ALTA', type: 'D' },
    { name: 'NOTAS', type: 'M' },
    { name: 'EXISTENC', type: 'I' },
    { name: 'COSTO', type: 'Y' },
    { name: 'MODIFIC', type: 'T' },
    { name: 'PESO', type: 'B' },
  ];
  const full: DbfWriteRecord = {
    values: {
      CLAVE: 'P-001',
      PRECIO: 129.5,
      FACTOR: -0.125,
      RECETA: true,
      ALTA: '2024-02-29',
      NOTAS: 'ignored',
      EXISTENC: -3,
      COSTO: 87.1234,
      MODIFIC: '2024-05-06T07:08:09.000Z',
      PESO: 0.1,
    },
  };
  const blank: DbfWriteRecord = { values: { CLAVE: 'P-002' } };

  it('reads every supported type back as written (Visual FoxPro layout)', async () => {
    const { header, records } = await parseDbf(writeDbf({ fields, codepage: 'cp1252', records: [full] }));
    expect(header.version).toBe(0x30);
    expect(header.fields.map((field) => `${field.name}:${field.type}`)).toEqual(
      fields.map((field) => `${field.name}:${field.type}`),
    );
    expect(records[0]?.values).toEqual({ ...full.values, NOTAS: null });
    expect(records[0]?.problems).toEqual([]);
  });

  it('reads blank fields as null (and blank integers, currency and doubles as 0, as FoxPro stores them)', async () => {
    const { records } = await parseDbf(writeDbf({ fields, codepage: 'cp1252', records: [blank] }));
    expect(records[0]?.values).toEqual({
      CLAVE: 'P-002',
      PRECIO: null,
      FACTOR: null,
      RECETA: null,
      ALTA: null,
      NOTAS: null,
      EXISTENC: 0,
      COSTO: 0,
      MODIFIC: null,
      PESO: 0,
    });
  });

  it('writes a dBase III file when no Visual FoxPro type is used', async () => {
    const dbase = fields.filter((field) => !['I', 'Y', 'T', 'B'].includes(field.type));
    const file = writeDbf({ fields: dbase, codepage: 'cp850', records: [full] });
    const { header, records } = await parseDbf(file);
    expect(header.version).toBe(0x03);
    expect(header.headerLength).toBe(32 + 32 * dbase.length + 1);
    expect(records[0]?.values.PRECIO).toBe(129.5);
  });

  it('reports a field it cannot read as a problem of that record and reads it as null', async () => {
    const file = writeDbf({
      fields: [
        { name: 'CLAVE', type: 'C', length: 4 },
        { name: 'PRECIO', type: 'N', length: 6, decimals: 2 },
      ],
      codepage: 'cp1252',
      records: [{ values: { CLAVE: 'A', PRECIO: 1 } }],
    });
    fieldBytes(file, 0, 5, 6).set(new TextEncoder().encode(' 12,50'));
    const { records } = await parseDbf(file);
    expect(records[0]?.values.PRECIO).toBeNull();
    expect(records[0]?.problems).toEqual(['PRECIO: not a number: 12,50']);
  });
});

describe('.DBF records', () => {
  const records: DbfWriteRecord[] = [
    { values: { CLAVE: 'A1', DESCRIP: 'uno' } },
    { values: { CLAVE: 'A2', DESCRIP: 'borrado' }, deleted: true },
    { values: { CLAVE: 'A3', DESCRIP: 'tres' } },
  ];
  const file = writeDbf({ fields: textFields, codepage: 'cp1252', records });

  it('skips deleted records and numbers the rest by their position in the file', async () => {
    const read = await parseDbf(file);
    expect(read.records.map((record) => [record.recordNumber, record.values.CLAVE])).toEqual([
      [1, 'A1'],
      [3, 'A3'],
    ]);
  });

  it('yields deleted records flagged when asked to', async () => {
    const read = await parseDbf(file, { includeDeleted: true });
    expect(read.records.map((record) => [record.values.CLAVE, record.deleted])).toEqual([
      ['A1', false],
      ['A2', true],
      ['A3', false],
    ]);
  });

  it('reads the same records from a stream of small chunks as from the whole file', async () => {
    const reader = await openDbf(asStream(chunked(file, 7)));
    const streamed = [];
    for await (const record of reader.records) streamed.push(record);
    expect(streamed).toEqual((await parseDbf(file)).records);
  });

  it('fails on a file cut off inside a record', async () => {
    const cut = file.slice(0, file.length - 20);
    await expect(parseDbf(cut)).rejects.toThrow(/cut inside record 3 of 3/);
  });

  it('refuses a header that counts more records than there are, at the end-of-file mark', async () => {
    const overcounted = file.slice();
    new DataView(overcounted.buffer).setUint32(4, 10, true);
    await expect(parseDbf(overcounted)).rejects.toThrow(/counts 10 records but the file holds only 3/);
  });

  it('refuses bytes that are not a .DBF file', async () => {
    const text = new TextEncoder().encode('CLAVE,DESCRIP\nA1,uno\nA2,dos\nA3,tres\nA4,cuatro\n');
    await expect(parseDbf(text)).rejects.toBeInstanceOf(DbfFormatError);
  });
});

describe('.DBF versions and headers', () => {
  const plain = writeDbf({ fields: textFields, codepage: 'cp1252', records: [{ values: { CLAVE: 'A1', DESCRIP: 'uno' } }] });
  const withVersion = (version: number) => {
    const copy = plain.slice();
    copy[0] = version;
    return copy;
  };

  it.each([
    [0x8c, /version byte 0x8C: a dBase 7 \(level 7\) table/],
    [0x04, /version byte 0x04: a dBase 7 \(level 7\) table/],
    [0x02, /version byte 0x02: a dBase II \(or FoxBASE\) table/],
    [0x99, /the first byte 0x99 is no dBase or FoxPro version/],
  ])('names what a file with version byte 0x%s is instead of misreading it', async (version, message) => {
    await expect(parseDbf(withVersion(version))).rejects.toThrow(message);
    await expect(parseDbf(withVersion(version))).rejects.toBeInstanceOf(DbfFormatError);
  });

  it.each([
    ['a ZIP archive (.xlsx)', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(0)), /ZIP archive/],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n'.repeat(8)), /PDF document/],
    ['a CSV export', new TextEncoder().encode('CLAVE;DESCRIP\r\n'.repeat(8)), /it is text/],
    ['an empty file', new Uint8Array(0), /the file is empty/],
  ])('says a file is not a .DBF when it is %s', async (_name, bytes, message) => {
    await expect(parseDbf(bytes)).rejects.toThrow(message);
  });

  it('reads the dBase IV, FoxPro and Visual FoxPro version bytes with the same layout', async () => {
    for (const version of [0x83, 0x8b, 0xf5, 0xfb]) {
      const { header, records } = await parseDbf(withVersion(version));
      expect(header.version).toBe(version);
      expect(records[0]?.values.DESCRIP).toBe('uno');
    }
  });

  it('refuses a binary field whose length is not its type\'s (a crafted 2-byte I field) with its own error type', async () => {
    const file = writeDbf({
      fields: [
        { name: 'EXISTENC', type: 'I' },
        { name: 'CLAVE', type: 'C', length: 4 },
      ],
      codepage: 'cp1252',
      records: [{ values: { EXISTENC: 7, CLAVE: 'AB' } }],
    });
    const crafted = file.slice();
    crafted[32 + 16] = 2; // EXISTENC's length byte
    const error = await parseDbf(crafted).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DbfFormatError);
    expect((error as DbfFormatError).errorType).toBe('ValidationError');
    expect((error as Error).message).toBe('field EXISTENC has type I with length 2; I fields are 4 bytes');
  });

  it('refuses numeric fields longer than any dBase writes', async () => {
    const file = writeDbf({ fields: [{ name: 'PRECIO', type: 'N', length: 30, decimals: 2 }], codepage: 'cp1252', records: [] });
    await expect(parseDbf(file)).rejects.toThrow(/PRECIO has type N with length 30/);
  });

  it('reads Clipper character fields longer than 255 bytes (length high byte in the decimals byte)', async () => {
    const long = 'X'.repeat(300);
    const file = writeDbf({ fields: [{ name: 'NOTA', type: 'C', length: 254 }], codepage: 'cp1252', records: [] });
    // Rebuild as a 300-byte field: length 300 = 44 + 1·256.
    const header = file.slice(0, 32 + 32 + 1);
    const view = new DataView(header.buffer);
    view.setUint32(4, 1, true);
    view.setUint16(10, 301, true);
    header[32 + 16] = 300 & 0xff;
    header[32 + 17] = 300 >> 8;
    const bytes = new Uint8Array(header.length + 301 + 1);
    bytes.set(header);
    bytes[header.length] = 0x20;
    bytes.set(new TextEncoder().encode(long), header.length + 1);
    bytes[bytes.length - 1] = 0x1a;
    const { header: read, records } = await parseDbf(bytes);
    expect(read.fields[0]).toMatchObject({ name: 'NOTA', length: 300, decimals: 0 });
    expect(records[0]?.values.NOTA).toBe(long);
  });
});

describe('.DBF numbers and date-times', () => {
  const fields: DbfFieldSpec[] = [
    { name: 'PRECIO', type: 'N', length: 10, decimals: 2 },
    { name: 'MODIFIC', type: 'T' },
  ];

  it('accepts numbers padded with NULs instead of spaces, on either side', async () => {
    const file = writeDbf({ fields, codepage: 'cp1252', records: [{ values: { PRECIO: 1, MODIFIC: null } }, { values: { PRECIO: 1 } }, { values: {} }] });
    const start = new DataView(file.buffer).getUint16(8, true);
    const recordLength = new DataView(file.buffer).getUint16(10, true);
    file.set([0, 0, 0, 0x31, 0x32, 0x2e, 0x35, 0x30, 0, 0], start + 1); // "\0\0\012.50\0\0"
    file.set([0x38, 0x39, 0x2e, 0x35, 0, 0, 0, 0, 0, 0], start + recordLength + 1); // "89.5\0…"
    file.fill(0, start + 2 * recordLength + 1, start + 2 * recordLength + 11); // all NULs: blank
    const { records } = await parseDbf(file);
    expect(records.map((record) => record.values.PRECIO)).toEqual([12.5, 89.5, null]);
    expect(records.flatMap((record) => record.problems)).toEqual([]);
  });

  it('still refuses text that is not a number', async () => {
    const file = writeDbf({ fields, codepage: 'cp1252', records: [{ values: { PRECIO: 1 } }] });
    const start = new DataView(file.buffer).getUint16(8, true);
    file.set(new TextEncoder().encode('    0x1F  '), start + 1);
    const { records } = await parseDbf(file);
    expect(records[0]?.problems).toEqual(['PRECIO: not a number: 0x1F']);
  });

  it('reads date-times exact to the millisecond', async () => {
    const values = ['2024-05-06T07:08:09.000Z', '2024-12-31T23:59:59.123Z', '1999-01-01T00:00:00.500Z', '2024-02-29T12:00:00.000Z'];
    const file = writeDbf({ fields, codepage: 'cp1252', records: values.map((MODIFIC) => ({ values: { MODIFIC } })) });
    const { records } = await parseDbf(file);
    expect(records.map((record) => record.values.MODIFIC)).toEqual(values);
  });

  it("reads FoxPro's whole seconds stored a millisecond short as the whole second", async () => {
    const file = writeDbf({ fields, codepage: 'cp1252', records: [{ values: { MODIFIC: '2024-05-06T12:00:00.000Z' } }] });
    const at = new DataView(file.buffer).getUint16(8, true) + 1 + 10 + 4;
    new DataView(file.buffer).setInt32(at, 12 * 3_600_000 - 1, true); // 11:59:59.999 as FoxPro stores noon
    const { records } = await parseDbf(file);
    expect(records[0]?.values.MODIFIC).toBe('2024-05-06T12:00:00.000Z');
  });

  it('reads a date-time left as spaces as blank', async () => {
    const file = writeDbf({ fields, codepage: 'cp1252', records: [{ values: { PRECIO: 1 } }] });
    const at = new DataView(file.buffer).getUint16(8, true) + 1 + 10;
    file.fill(0x20, at, at + 8);
    const { records } = await parseDbf(file);
    expect(records[0]?.values.MODIFIC).toBeNull();
    expect(records[0]?.problems).toEqual([]);
  });
});
