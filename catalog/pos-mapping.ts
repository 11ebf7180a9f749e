/**
 * The point-of-sale catalog file (PRODUCTOS.DBF) and how one of its rows becomes a product. The layout is
 * the legacy FoxPro one the shop's point of sale exports; `POS_COLUMNS` is the single description of it,
 * used to check a file's columns, to map rows and to write sample files.
 *
 * | column    | type  | product field          | rule                                                        |
 * |-----------|-------|------------------------|-------------------------------------------------------------|
 * | CLAVE     | C(15) | sku                    | required, unique in the file; the key an import matches on  |
 * | CODBARRAS | C(20) | barcode                | optional; 8–14 digits (EAN-8, UPC-A, EAN-13, GTIN-14)      |
 * | DESCRIP   | C(80) | name                   | required                                                    |
 * | SUSTANCIA | C(100)| activeIngredients      | optional; split on "+", ",", "/" or ";"                     |
 * | LABORATOR | C(40) | lab                    | required                                                    |
 * | PRESENTA  | C(80) | presentation           | required                                                    |
 * | LINEA     | C(30) | categoryName           | required; the category id is its slug                       |
 * | PRECIO    | N(10,2)| priceCents            | pesos with IVA → integer centavos, half-up; > 0             |
 * | EXISTENC  | N(8,0)| stock                  | whole number; a negative stock (sold ahead of receipt) is 0 |
 * | RECETA    | L     | prescriptionRequired   | blank = false                                               |
 * | ACTIVO    | L     | active                 | blank or column absent = true                               |
 *
 * Text is trimmed and runs of spaces collapsed. Description and image URL are not point-of-sale facts:
 * the import keeps whatever staff set on the product.
 */
import { normalizeText } from '../model/input-text';
import { PRODUCT_LIMITS, productInputProblems, type ProductInput } from '../model/product-items';
import type { DbfFieldType, DbfHeader, DbfRecord, DbfValue } from './dbf/format';
import type { DbfFieldSpec } from './dbf/write';

type PosField = 'sku' | 'barcode' | 'name' | 'activeIngredients' | 'lab' | 'presentation' | 'categoryName' | 'price' | 'stock' | 'prescriptionRequired' | 'active';

export interface PosColumn {
  readonly name: string;
  readonly field: PosField;
  /** Types a file may use for the column (the first is what sample files are written with). */
  readonly types: readonly DbfFieldType[];
  readonly length?: number;
  readonly decimals?: number;
  /** A file without the column is refused. */
  readonly required: boolean;
}

export const POS_COLUMNS: readonly PosColumn[] = [
  { name: 'CLAVE', field: 'sku', types: ['C', 'N', 'I'], length: 15, required: true },
  { name: 'CODBARRAS', field: 'barcode', types: ['C', 'N'], length: 20, required: false },
  { name: 'DESCRIP', field: 'name', types: ['C'], length: 80, required: true },
  { name: 'SUSTANCIA', field: 'activeIngredients', types: ['C'], length: 100, required: true },
  { name: 'LABORATOR', field: 'lab', types: ['C'], length: 40, required: true },
  { name: 'PRESENTA', field: 'presentation', types: ['C'], length: 80, required: true },
  { name: 'LINEA', field: 'categoryName', types: ['C'], length: 30, required: true },
  { name: 'PRECIO', field: 'price', types: ['N', 'F', 'Y', 'B'], length: 10, decimals: 2, required: true },
  { name: 'EXISTENC', field: 'stock', types: ['N', 'F', 'I'], length: 8, decimals: 0, required: true },
  { name: 'RECETA', field: 'prescriptionRequired', types: ['L'], required: true },
  { name: 'ACTIVO', field: 'active', types: ['L'], required: false },
];

/** The columns as field specs for the .DBF writer (sample files, tests, benchmark). */
export const POS_FIELD_SPECS: readonly DbfFieldSpec[] = POS_COLUMNS.map((column) => ({
  name: column.name,
  type: column.types[0] as DbfFieldType,
  ...(column.length ? { length: column.length } : {}),
  ...(column.decimals !== undefined ? { decimals: column.decimals } : {}),
}));

/** What a point-of-sale row says about a product: everything but id, timestamps and staff-owned texts. */
export type PosProduct = Omit<ProductInput, 'id' | 'createdAt' | 'updatedAt' | 'description' | 'imageUrl'>;

export interface RejectedRow {
  /** RECNO() of the row in the file (deleted records count). */
  readonly recordNumber: number;
  /** The row's CLAVE when it has one. */
  readonly sku?: string;
  readonly reasons: readonly string[];
}

/** Something wrong with a row that did not stop it from being imported (a bad barcode left out). */
export interface RowWarning {
  readonly recordNumber: number;
  readonly sku?: string;
  readonly message: string;
}

export type PosRowResult =
  | {
      readonly ok: true;
      readonly product: PosProduct;
      /** The file's barcode for the row was unusable: the product is imported without it (an existing one keeps its own). */
      readonly barcodeDropped: boolean;
      readonly warnings: readonly RowWarning[];
    }
  | { readonly ok: false; readonly rejected: RejectedRow };

/** The layout problems of a file's header: missing columns or columns of a type we cannot map. */
export function posLayoutProblems(header: DbfHeader): string[] {
  const problems: string[] = [];
  for (const column of POS_COLUMNS) {
    const field = header.fields.find((candidate) => candidate.name === column.name);
    if (!field) {
      if (column.required) problems.push(`column ${column.name} is missing`);
    } else if (!column.types.includes(field.type)) {
      problems.push(`column ${column.name} has type ${field.type}; expected ${column.types.join(' or ')}`);
    }
  }
  return problems;
}

/** True when the file carries the column (ACTIVO, CODBARRAS may be absent in older exports). */
export function hasPosColumn(header: DbfHeader, name: string): boolean {
  return header.fields.some((field) => field.name === name);
}

/**
 * "  IBUPROFENO   400 MG " → "IBUPROFENO 400 MG", in NFC: a POS that stores "N" + U+0303 instead of "Ñ" gives
 * the same text as one that stores "Ñ" (the shared product validation refuses what is not NFC-clean).
 */
export function cleanText(value: DbfValue): string {
  if (value === null || value === undefined) return '';
  return normalizeText(String(value)).split(/\s+/).filter((part) => part.length > 0).join(' ');
}

/** "PARACETAMOL + CAFEÍNA" → ["PARACETAMOL", "CAFEÍNA"]; repeated ones once. */
export function splitActiveIngredients(value: DbfValue): string[] {
  const ingredients: string[] = [];
  for (const part of cleanText(value).split(/[+,/;]/)) {
    const ingredient = part.trim();
    if (ingredient.length > 0 && !ingredients.includes(ingredient)) ingredients.push(ingredient);
  }
  return ingredients;
}

/**
 * Pesos as read from the file → integer centavos, rounding half-up at the third decimal. Works on the
 * number's shortest decimal text (what the file held, e.g. "1.005"), never on `value * 100`, which would
 * turn 1.005 into 100.49999… and lose a centavo.
 */
export function pesosToCents(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const text = String(value);
  if (text.includes('e')) return value < 0.005 ? 0 : null; // exponent form: tiny (rounds to 0) or absurdly large
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = `${fraction}000`;
  const cents = Number(whole) * 100 + Number(digits.slice(0, 2));
  return Number(digits[2]) >= 5 ? cents + 1 : cents;
}

function skuText(value: DbfValue): string {
  // A numeric CLAVE column (N or I) holds integers; write them without a decimal part.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : '';
  return cleanText(value);
}

function barcodeText(value: DbfValue): string {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? String(value) : '';
  return cleanText(value);
}

function isDigits(text: string): boolean {
  return text.length > 0 && [...text].every((ch) => ch >= '0' && ch <= '9');
}

export interface PosMappingOptions {
  /** ISO-4217 currency of PRECIO. */
  readonly currency: string;
  /** Whether the file has ACTIVO / CODBARRAS; when not, a product keeps what it had. */
  readonly hasActiveColumn: boolean;
  readonly hasBarcodeColumn: boolean;
}

/** Maps one row to a product or a rejection listing every reason (so staff fix a row once, not reason by reason). */
/** The file's column for each product field the shared rules name in their messages. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  sku: 'CLAVE',
  barcode: 'CODBARRAS',
  name: 'DESCRIP',
  activeIngredient: 'SUSTANCIA',
  lab: 'LABORATOR',
  presentation: 'PRESENTA',
  categoryName: 'LINEA',
};

export function mapPosRecord(record: DbfRecord, options: PosMappingOptions): PosRowResult {
  const values = record.values;
  // A barcode the reader could not decode is only a warning: the product is imported without it.
  const barcodeProblems = record.problems.filter((problem) => problem.startsWith('CODBARRAS:'));
  const reasons: string[] = record.problems.filter((problem) => !problem.startsWith('CODBARRAS:'));
  const sku = skuText(values.CLAVE ?? null);

  let barcode = options.hasBarcodeColumn && barcodeProblems.length === 0 ? barcodeText(values.CODBARRAS ?? null) : '';
  const barcodeWarnings = [...barcodeProblems];
  if (barcode && !(isDigits(barcode) && barcode.length >= 8 && barcode.length <= 14)) {
    barcodeWarnings.push(`CODBARRAS must be 8 to 14 digits: ${barcode}`);
    barcode = '';
  }

  let priceCents = 0;
  const price = values.PRECIO;
  if (typeof price !== 'number') {
    if (!record.problems.some((problem) => problem.startsWith('PRECIO:'))) reasons.push('PRECIO is blank');
  } else {
    const cents = pesosToCents(price);
    if (cents === null || cents <= 0) reasons.push(`PRECIO must be more than 0 pesos: ${price}`);
    else if (cents > PRODUCT_LIMITS.maxPriceCents) reasons.push(`PRECIO is too large: ${price}`);
    else priceCents = cents;
  }

  let stock = 0;
  const existence = values.EXISTENC;
  if (typeof existence === 'number') {
    if (!Number.isInteger(existence)) reasons.push(`EXISTENC must be a whole number: ${existence}`);
    else stock = Math.max(0, Math.min(existence, PRODUCT_LIMITS.maxStock));
  }

  const activeValue = values.ACTIVO;
  let product: PosProduct = {
    sku,
    ...(barcode ? { barcode } : {}),
    name: cleanText(values.DESCRIP ?? null),
    activeIngredients: splitActiveIngredients(values.SUSTANCIA ?? null),
    lab: cleanText(values.LABORATOR ?? null),
    presentation: cleanText(values.PRESENTA ?? null),
    categoryName: cleanText(values.LINEA ?? null),
    priceCents,
    currency: options.currency,
    stock,
    prescriptionRequired: values.RECETA === true,
    active: options.hasActiveColumn ? activeValue !== false : true,
  };

  // The same checks every writer applies (sizes, required texts), phrased with the file's column names.
  const columnOf = COLUMN_OF_FIELD;
  const shared = productInputProblems({ ...product, id: 'row', createdAt: '', updatedAt: '' });
  for (const problem of shared) {
    const [field = '', ...rest] = problem.split(' ');
    // Price and stock were checked above against the file's own values.
    if (field === 'priceCents' || field === 'stock') continue;
    const column = columnOf[field];
    const text = column ? [column, ...rest].join(' ') : problem;
    if (field === 'barcode') {
      // The shared rules refuse the barcode: the product goes in without it.
      barcodeWarnings.push(text);
      const { barcode: _dropped, ...withoutBarcode } = product;
      product = withoutBarcode;
      continue;
    }
    if (!reasons.includes(text)) reasons.push(text);
  }

  if (reasons.length > 0) {
    return { ok: false, rejected: { recordNumber: record.recordNumber, ...(sku ? { sku } : {}), reasons } };
  }
  const warnings = barcodeWarnings.map((problem) => ({
    recordNumber: record.recordNumber,
    ...(sku ? { sku } : {}),
    message: `${problem}; imported without the barcode (an existing product keeps the one it has)`,
  }));
  return { ok: true, product, barcodeDropped: warnings.length > 0, warnings };
}
