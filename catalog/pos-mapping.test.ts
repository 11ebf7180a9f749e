import { describe, expect, it } from 'vitest';
import type { DbfRecord, DbfValue } from './dbf/format';
import { parseDbf } from './dbf/read';
import { writeDbf } from './dbf/write';
import { POS_FIELD_SPECS, mapPosRecord, pesosToCents, posLayoutProblems, splitActiveIngredients } from './pos-mapping';

const options = { currency: 'MXN', hasActiveColumn: true, hasBarcodeColumn: true };

const goodRow: Record<string, DbfValue> = {
  CLAVE: '7501',
  CODBARRAS: '7501234567890',
  DESCRIP: ' IBUPROFENO  NIÑOS 100 MG ',
  SUSTANCIA: 'IBUPROFENO',
  LABORATOR: 'PISA',
  PRESENTA: 'FRASCO 120 ML',
  LINEA: 'ANALGÉSICOS',
  PRECIO: 89.5,
  EXISTENC: 12,
  RECETA: false,
  ACTIVO: true,
};

function record(values: Record<string, DbfValue>, problems: string[] = []): DbfRecord {
  return { recordNumber: 7, deleted: false, values, problems };
}

describe('pesos to centavos', () => {
  it('rounds half-up at the third decimal without floating-point drift', () => {
    expect(pesosToCents(1.005)).toBe(101);
    expect(pesosToCents(1.004)).toBe(100);
    expect(pesosToCents(129.5)).toBe(12950);
    expect(pesosToCents(0.29)).toBe(29);
    expect(pesosToCents(99.995)).toBe(10000);
    expect(pesosToCents(12)).toBe(1200);
  });

  it('refuses negative and non-finite amounts', () => {
    expect(pesosToCents(-1)).toBeNull();
    expect(pesosToCents(Number.NaN)).toBeNull();
  });
});

describe('point-of-sale rows', () => {
  it('maps a row to the product facts it carries', () => {
    expect(mapPosRecord(record(goodRow), options)).toEqual({
      ok: true,
      product: {
        sku: '7501',
        barcode: '7501234567890',
        name: 'IBUPROFENO NIÑOS 100 MG',
        activeIngredients: ['IBUPROFENO'],
        lab: 'PISA',
        presentation: 'FRASCO 120 ML',
        categoryName: 'ANALGÉSICOS',
        priceCents: 8950,
        currency: 'MXN',
        stock: 12,
        prescriptionRequired: false,
        active: true,
      },
      barcodeDropped: false,
      warnings: [],
    });
  });

  it('imports text whose accents the file stores decomposed as the same composed text', () => {
    const decomposed = { ...goodRow, DESCRIP: 'IBUPROFENO NIN\u0303OS 100 MG', LINEA: 'ANALGE\u0301SICOS' };
    const result = mapPosRecord(record(decomposed), options);
    expect(result.ok && result.product).toMatchObject({ name: 'IBUPROFENO NIÑOS 100 MG', categoryName: 'ANALGÉSICOS' });
  });

  it('splits combined active ingredients and drops repeats', () => {
    expect(splitActiveIngredients('PARACETAMOL + CAFEÍNA/ paracetamol;FENILEFRINA, CAFEÍNA')).toEqual([
      'PARACETAMOL',
      'CAFEÍNA',
      'paracetamol',
      'FENILEFRINA',
    ]);
  });

  it('reads a negative stock as none and blank logicals as not requiring a prescription and active', () => {
    const result = mapPosRecord(record({ ...goodRow, EXISTENC: -4, RECETA: null, ACTIVO: null }), options);
    expect(result.ok && result.product).toMatchObject({ stock: 0, prescriptionRequired: false, active: true });
  });

  it('treats every row as active when the file has no ACTIVO column', () => {
    const result = mapPosRecord(record({ ...goodRow, ACTIVO: false }), { ...options, hasActiveColumn: false });
    expect(result.ok && result.product.active).toBe(true);
  });

  it('rejects a row with every reason at once, naming the file columns', () => {
    const result = mapPosRecord(
      record({ ...goodRow, CLAVE: '', DESCRIP: '', PRECIO: 0, EXISTENC: 2.5, LINEA: '  ' }),
      options,
    );
    expect(result).toEqual({
      ok: false,
      rejected: {
        recordNumber: 7,
        reasons: [
          'PRECIO must be more than 0 pesos: 0',
          'EXISTENC must be a whole number: 2.5',
          'CLAVE is required',
          'DESCRIP is required',
          'LINEA is required',
        ],
      },
    });
  });

  it('imports a row whose barcode is unusable without the barcode, with a warning', () => {
    for (const [codbarras, problems, reason] of [
      ['75-01', [], 'CODBARRAS must be 8 to 14 digits: 75-01'],
      ['', ['CODBARRAS: binary data, not cp850 text (byte 0x01 at position 1)'], 'CODBARRAS: binary data'],
    ] as const) {
      const result = mapPosRecord(record({ ...goodRow, CODBARRAS: codbarras }, [...problems]), options);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.product.barcode).toBeUndefined();
      expect(result.product.name).toBe('IBUPROFENO NIÑOS 100 MG');
      expect(result.barcodeDropped).toBe(true);
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]?.message).toContain(reason);
      expect(result.warnings[0]).toMatchObject({ recordNumber: 7, sku: '7501' });
    }
  });

  it('rejects a row whose fields the reader could not decode, with the reader reason', () => {
    const result = mapPosRecord(record({ ...goodRow, PRECIO: null }, ['PRECIO: not a number: 12,50']), options);
    expect(result).toEqual({
      ok: false,
      rejected: { recordNumber: 7, sku: '7501', reasons: ['PRECIO: not a number: 12,50'] },
    });
  });
});

describe('point-of-sale file layout', () => {
  it('accepts the layout sample files are written with', async () => {
    const { header } = await parseDbf(writeDbf({ fields: POS_FIELD_SPECS, codepage: 'cp850', records: [] }));
    expect(posLayoutProblems(header)).toEqual([]);
  });

  it('names missing columns and columns of the wrong type', async () => {
    const fields = POS_FIELD_SPECS.filter((field) => field.name !== 'LINEA').map((field) =>
      field.name === 'PRECIO' ? { name: 'PRECIO', type: 'C' as const, length: 10 } : field,
    );
    const { header } = await parseDbf(writeDbf({ fields, codepage: 'cp850', records: [] }));
    expect(posLayoutProblems(header)).toEqual([
      'column LINEA is missing',
      'column PRECIO has type C; expected N or F or Y or B',
    ]);
  });
});
