/**
 * The catalog import's problems as the back office shows them: real rejections, warnings and damage found by the
 * import's own code (pos-mapping, the .DBF reader, the file check) come out in Spanish, never through the
 * "Dato no válido" / "Detalle técnico" fallbacks that keep the English.
 */
import { describe, expect, it } from 'vitest';
import type { DbfRecord, DbfValue } from './dbf/format';
import { checkCatalogFile, CatalogImportError } from './import';
import { damageEs, fieldValueEs, layoutProblemEs, refusalEs, rowReasonEs, rowWarningEs } from './import-messages-es';
import { mapPosRecord } from './pos-mapping';
import { writeDbf } from './dbf/write';
import { writePosFile, type PosSampleProduct } from './pos-sample';

const GOOD: Record<string, DbfValue> = {
  CLAVE: 'A-1', CODBARRAS: '7501000000017', DESCRIP: 'Paracetamol 500 mg', SUSTANCIA: 'Paracetamol', LABORATOR: 'Pisa',
  PRESENTA: 'Caja con 20 tabletas', LINEA: 'Analgésicos', PRECIO: 45.5, EXISTENC: 10, RECETA: false, ACTIVO: true,
};

function record(values: Record<string, DbfValue>, problems: string[] = []): DbfRecord {
  return { recordNumber: 7, deleted: false, values: { ...GOOD, ...values }, problems };
}

function reasonsOf(values: Record<string, DbfValue>, problems: string[] = []): string[] {
  const result = mapPosRecord(record(values, problems), { currency: 'MXN', hasActiveColumn: true, hasBarcodeColumn: true });
  if (result.ok) throw new Error('expected a rejection');
  return result.rejected.reasons.map(rowReasonEs);
}

function product(sku: string): PosSampleProduct {
  return {
    sku, barcode: '7501000000017', name: `Producto ${sku}`, activeIngredients: ['Paracetamol'], lab: 'Pisa', presentation: 'Caja',
    categoryName: 'Analgésicos', priceCents: 4550, currency: 'MXN', stock: 5, prescriptionRequired: false, active: true,
  };
}

async function refusalOf(file: Uint8Array): Promise<CatalogImportError> {
  const error = await checkCatalogFile(file).then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(CatalogImportError);
  return error as CatalogImportError;
}

describe('rejected rows in Spanish', () => {
  it('names the column and what is wrong for every rule of the mapping', () => {
    expect(reasonsOf({ DESCRIP: '', PRECIO: 0 })).toEqual(['PRECIO debe ser mayor que 0 pesos (trae 0)', 'DESCRIP está vacío y es obligatorio']);
    expect(reasonsOf({ PRECIO: null })).toEqual(['PRECIO está vacío']);
    expect(reasonsOf({ PRECIO: 5_000_000 })).toEqual(['PRECIO es demasiado alto (trae 5000000)']);
    expect(reasonsOf({ EXISTENC: 2.5 })).toEqual(['EXISTENC debe ser un número entero (trae 2.5)']);
    expect(reasonsOf({ LABORATOR: 'x'.repeat(300) })[0]).toMatch(/^LABORATOR tiene más de \d+ caracteres$/);
    expect(reasonsOf({ LINEA: '---' })).toEqual(['LINEA debe tener al menos una letra o un número']);
    expect(reasonsOf({ CLAVE: '' })).toEqual(['CLAVE está vacío y es obligatorio']);
    expect(reasonsOf({ PRESENTA: 'Caja\u0007' })).toEqual(['PRESENTA contiene caracteres de control']);
    expect(reasonsOf({ PRECIO: null }, ['PRECIO: not a number: 12,50'])).toEqual(['PRECIO no es un número (trae 12,50)']);
    expect(reasonsOf({ RECETA: null }, ['RECETA: not a logical value: X'])).toEqual(['RECETA no es un valor lógico S/N (trae X)']);
    expect(reasonsOf({ DESCRIP: null }, ['DESCRIP: binary data, not cp850 text (byte 0x00 at position 3)'])).toContain(
      'DESCRIP trae datos binarios, no texto cp850 (byte 0x00 en la posición 3)',
    );
    expect(rowReasonEs('CLAVE A-1 repeats record 3')).toBe('La CLAVE A-1 está repetida: ya aparece en el registro 3');
  });

  it('keeps an unknown phrasing visible rather than dropping it', () => {
    expect(rowReasonEs('something new')).toBe('Dato no válido: something new');
  });

  it('says a bad barcode was left out', () => {
    const result = mapPosRecord(record({ CODBARRAS: '12AB' }), { currency: 'MXN', hasActiveColumn: true, hasBarcodeColumn: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => rowWarningEs(w.message))).toEqual([
      'CODBARRAS debe tener de 8 a 14 dígitos (trae 12AB); se importó sin código de barras (un producto que ya existe conserva el suyo)',
    ]);
  });
});

describe('refused files in Spanish', () => {
  const whole = writePosFile([product('A'), product('B'), product('C'), product('D')]);
  const view = (file: Uint8Array) => new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = view(whole).getUint16(8, true);
  const recordLength = view(whole).getUint16(10, true);

  it('describes every kind of damage the reader finds', async () => {
    const cut = whole.slice(0, headerLength + 2 * recordLength + 10);
    const overCounted = whole.slice();
    view(overCounted).setUint32(4, 9, true);
    const underCounted = whole.slice();
    view(underCounted).setUint32(4, 2, true);
    const garbage = whole.slice();
    garbage.fill(0xff, headerLength + recordLength, headerLength + recordLength + 5);
    const expected = [
      [cut, /^El archivo se corta dentro del registro 3 de 4/],
      [overCounted, /^El encabezado dice que hay 9 registros, pero el archivo solo trae 4/],
      [underCounted, /^El encabezado dice que hay 2 registros, pero después vienen 2 más/],
      [garbage, /^El registro 2 de 4 trae bytes que no son de un registro/],
    ] as const;
    for (const [file, message] of expected) {
      const error = await refusalOf(file);
      expect(error.kind).toBe('damaged');
      const spanish = refusalEs(error.kind, error.problems, { ...(error.check?.damage ? { recordsBeforeDamage: error.check.damage.recordsBeforeDamage } : {}) });
      expect(spanish.details[0]).toMatch(message);
      expect(spanish.details.join(' ')).not.toMatch(/Detalle técnico/);
    }
    expect(damageEs('something else')).toBe('Detalle técnico: something else');
  });

  it('names the missing columns of another table', async () => {
    const other = writeDbf({ fields: [{ name: 'NOMBRE', type: 'C', length: 20 }], codepage: 'cp1252', records: [{ values: { NOMBRE: 'x' } }] });
    const error = await refusalOf(other);
    expect(error.kind).toBe('layout');
    const spanish = refusalEs(error.kind, error.problems);
    expect(spanish.details).toContain('Falta la columna CLAVE');
    expect(layoutProblemEs('column PRECIO has type C; expected N or F or Y or B')).toBe('La columna PRECIO es de tipo C; se esperaba N o F o Y o B');
  });

  it('says an empty file or another kind of file is not a .DBF', async () => {
    const empty = await refusalOf(new Uint8Array());
    expect(refusalEs(empty.kind, empty.problems).message).toBe('El archivo está vacío. No se importó nada.');
    const zip = await refusalOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(0)]));
    expect(refusalEs(zip.kind, zip.problems).message).toBe('El archivo no es una tabla .DBF que podamos leer. No se importó nada.');
  });
});

describe('product facts as staff read them', () => {
  it('formats prices, yes/no, lists and empty values', () => {
    expect(fieldValueEs('priceCents', 123450)).toBe('$1,234.50');
    expect(fieldValueEs('prescriptionRequired', true)).toBe('Sí');
    expect(fieldValueEs('activeIngredients', ['Paracetamol', 'Cafeína'])).toBe('Paracetamol + Cafeína');
    expect(fieldValueEs('barcode', null)).toBe('(vacío)');
    expect(fieldValueEs('stock', 1500)).toBe('1,500');
  });
});
