/**
 * Point-of-sale catalog files for tests, written by the project's own .DBF writer (catalog/pos-sample.ts): a
 * sound file, one cut inside a record (damaged), and cp850 text whose header says cp1252 (the wrong code page).
 */
import { writeDbf } from '../../catalog/dbf/write';
import { POS_FIELD_SPECS } from '../../catalog/pos-mapping';
import { posRecordOf, writePosFile, type PosSampleProduct } from '../../catalog/pos-sample';

export type PosRow = PosSampleProduct;

export function posProduct(sku: string, overrides: Partial<PosSampleProduct> = {}): PosSampleProduct {
  return {
    sku,
    barcode: '7501000000017',
    name: `Paracetamol 500 mg ${sku}`,
    activeIngredients: ['Paracetamol'],
    lab: 'Laboratorios Pisa',
    presentation: 'Caja con 20 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 4550,
    currency: 'MXN',
    stock: 50,
    prescriptionRequired: false,
    active: true,
    ...overrides,
  };
}

/** A catalog file; `raw` rows are written as given (blank DESCRIP, price 0…: rows the import rejects). */
export function posFile(products: readonly PosSampleProduct[], raw: readonly Record<string, unknown>[] = []): Uint8Array {
  if (raw.length === 0) return writePosFile(products);
  return writeDbf({
    fields: POS_FIELD_SPECS,
    codepage: 'cp850',
    records: [...products.map(posRecordOf), ...raw.map((values) => ({ values: values as never }))],
  });
}

/** The file cut in the middle of a record, as an interrupted copy leaves it. */
export function damagedPosFile(products: readonly PosSampleProduct[]): Uint8Array {
  const whole = writePosFile(products);
  const view = new DataView(whole.buffer, whole.byteOffset, whole.byteLength);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  return whole.slice(0, headerLength + Math.floor(products.length / 2) * recordLength + Math.floor(recordLength / 2));
}

/** cp850 text in a file whose header says cp1252 (language driver 0x03): "NIÑOS" reads "NI¥OS". */
export function wrongCodepagePosFile(products: readonly PosSampleProduct[]): Uint8Array {
  return writeDbf({ fields: POS_FIELD_SPECS, codepage: 'cp850', languageDriver: 0x03, records: products.map(posRecordOf) });
}
