/**
 * The .DBF (dBase III / FoxPro / Visual FoxPro) table format as far as catalog files need it: a 32-byte
 * header, 32-byte field descriptors ended by 0x0D (Visual FoxPro adds a 263-byte backlink after it),
 * then fixed-length records, each starting with a deletion flag (' ' live, '*' deleted), and 0x1A at
 * the end. Little-endian throughout.
 */
import type { Codepage } from './codepages';

/**
 * Field types read: C character, N numeric and F float (ASCII digits), L logical, D date (YYYYMMDD),
 * M memo, G general and P picture (their contents live in a side file: read as null), I integer (int32),
 * Y currency (int64 / 10⁴), T date-time (Julian day + milliseconds), B double.
 */
export type DbfFieldType = 'C' | 'N' | 'F' | 'L' | 'D' | 'M' | 'I' | 'Y' | 'T' | 'B' | 'G' | 'P';

export const DBF_FIELD_TYPES: readonly DbfFieldType[] = ['C', 'N', 'F', 'L', 'D', 'M', 'I', 'Y', 'T', 'B', 'G', 'P'];

/** Byte lengths the binary and fixed-size types must have (a crafted length would read a neighbour's bytes). */
export const FIXED_FIELD_LENGTHS: Readonly<Partial<Record<DbfFieldType, readonly number[]>>> = {
  L: [1],
  D: [8],
  I: [4],
  Y: [8],
  T: [8],
  B: [8],
  // dBase/FoxPro 2 store a memo block number as 10 ASCII digits, Visual FoxPro as an int32.
  M: [10, 4],
  G: [10, 4],
  P: [10, 4],
};

/** Longest N/F field any dBase or FoxPro version writes. */
export const MAX_NUMERIC_LENGTH = 20;

/**
 * Header version bytes of the tables this reader reads (the dBase III header layout), and what they are.
 * Every other first byte is refused with what it most likely is (see `describeUnreadableVersion`).
 */
export const READABLE_VERSIONS: ReadonlyMap<number, string> = new Map([
  [0x03, 'dBase III / dBase IV / FoxPro without memo'],
  [0x83, 'dBase III with memo'],
  [0x8b, 'dBase IV with memo'],
  [0x7b, 'dBase IV with memo'],
  [0x43, 'dBase IV SQL table'],
  [0xcb, 'dBase IV SQL table with memo'],
  [0x30, 'Visual FoxPro'],
  [0x31, 'Visual FoxPro with autoincrement'],
  [0x32, 'Visual FoxPro with varchar fields'],
  [0xf5, 'FoxPro 2 with memo'],
  [0xfb, 'FoxBASE'],
  [0xe5, 'Clipper SIX with memo'],
]);

export interface DbfField {
  /** Upper-case name, at most 10 characters. */
  readonly name: string;
  readonly type: DbfFieldType;
  /** Bytes in the record. */
  readonly length: number;
  /** Digits after the decimal point (N, F). */
  readonly decimals: number;
  /** Byte offset inside the record (the deletion flag is byte 0). */
  readonly offset: number;
}

export interface DbfHeader {
  /** First header byte: 0x03 dBase III, 0x83 dBase III + memo, 0x30/0x31 Visual FoxPro, 0xF5 FoxPro + memo… */
  readonly version: number;
  /** What the version byte says the table is ('dBase III with memo', 'Visual FoxPro'…). */
  readonly versionName: string;
  /** Date of last update, YYYY-MM-DD. */
  readonly lastUpdate: string;
  readonly recordCount: number;
  readonly headerLength: number;
  readonly recordLength: number;
  /** Language driver byte (offset 29) as found in the file. */
  readonly languageDriver: number;
  /** Code page text fields are decoded with. */
  readonly codepage: Codepage;
  /** The data fields, in record order (Visual FoxPro's hidden _NullFlags field is left out). */
  readonly fields: readonly DbfField[];
}

/** Value of one field: text (C, D as YYYY-MM-DD, T as ISO-8601), number (N, F, I, Y, B), logical, or null when blank. */
export type DbfValue = string | number | boolean | null;

export interface DbfRecord {
  /** 1-based position in the file, counting deleted records too: the RECNO() the point of sale shows. */
  readonly recordNumber: number;
  readonly deleted: boolean;
  readonly values: Readonly<Record<string, DbfValue>>;
  /** Fields whose bytes could not be read as their type (their value is null), e.g. "PRECIO: not a number: 12,50". */
  readonly problems: readonly string[];
}

/** The bytes are not a .DBF file we can read. */
export class DbfFormatError extends Error {
  readonly errorType: string = 'ValidationError';
  override readonly name: string = 'DbfFormatError';
}

/**
 * The header is sound but the records are not what it declares: the file is cut inside a record, a record
 * does not start with a deletion flag (garbage bytes), the header counts fewer records than follow it or
 * more than there are. `recordsRead` records before the damage were read soundly (and yielded).
 */
export class DbfDamageError extends DbfFormatError {
  override readonly name = 'DbfDamageError';
  constructor(
    message: string,
    readonly recordsRead: number,
  ) {
    super(message);
  }
}

export const HEADER_PREFIX_LENGTH = 32;
export const FIELD_DESCRIPTOR_LENGTH = 32;
export const HEADER_TERMINATOR = 0x0d;
export const END_OF_FILE = 0x1a;
export const LIVE_RECORD = 0x20;
export const DELETED_RECORD = 0x2a;
/** Visual FoxPro stores the path of its database container after the field descriptors. */
export const VISUAL_FOXPRO_BACKLINK_LENGTH = 263;
/** Julian day number of 1970-01-01, for T (date-time) fields. */
export const JULIAN_DAY_OF_UNIX_EPOCH = 2440588;

export function isVisualFoxPro(version: number): boolean {
  return version === 0x30 || version === 0x31 || version === 0x32;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * Why a file whose first byte is not a readable version is refused, in words a user can act on: the
 * dBase versions whose header differs (II, 7), or what else the file looks like.
 */
export function describeUnreadableVersion(prefix: Uint8Array): string {
  const version = prefix[0] ?? 0;
  const hex = `0x${version.toString(16).toUpperCase().padStart(2, '0')}`;
  const resave = 'save it again as a dBase III, dBase IV or FoxPro table (.DBF)';
  if (version === 0x02) {
    return `version byte ${hex}: a dBase II (or FoxBASE) table, whose header layout this reader does not read; ${resave}`;
  }
  if (version === 0x04 || version === 0x8c) {
    return `version byte ${hex}: a dBase 7 (level 7) table, whose header layout this reader does not read; ${resave}`;
  }
  if (version === 0x05) return `version byte ${hex}: a dBase 5 table; ${resave}`;
  if (startsWith(prefix, [0x50, 0x4b, 0x03, 0x04])) return 'not a .DBF file: it is a ZIP archive (an .xlsx workbook or a compressed folder)';
  if (startsWith(prefix, [0xd0, 0xcf, 0x11, 0xe0])) return 'not a .DBF file: it is an old Office document (an .xls workbook?)';
  if (startsWith(prefix, [0x25, 0x50, 0x44, 0x46])) return 'not a .DBF file: it is a PDF document';
  if (startsWith(prefix, [0x1f, 0x8b])) return 'not a .DBF file: it is gzip-compressed';
  const printable = [...prefix.subarray(0, 32)].every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f));
  if (printable) return 'not a .DBF file: it is text (a CSV or text export?)';
  return `not a .DBF file: the first byte ${hex} is no dBase or FoxPro version`;
}

/** How a version stores memo texts. */
export type MemoKind = 'dbase3' | 'dbase4' | 'foxpro';

export function memoKindOf(version: number): MemoKind | null {
  if (version === 0x83) return 'dbase3';
  if (version === 0x8b || version === 0x7b || version === 0xcb) return 'dbase4';
  if (version === 0xf5 || version === 0xe5 || version === 0xfb || (version >= 0x30 && version <= 0x32)) return 'foxpro';
  return null;
}

