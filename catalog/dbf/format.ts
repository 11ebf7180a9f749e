/**
 * The .DBF (dBase III / FoxPro / Visual FoxPro) table format as far as catalog files need it: a 32-byte
 * header, 32-byte field descriptors ended by 0x0D (Visual FoxPro adds a 263-byte backlink after it),
 * then fixed-length records, each starting with a deletion flag (' ' live, '*' deleted), and 0x1A at
 * the end. Little-endian throughout.
 */
import type { Codepage } from './codepages';

/**
 * Field types read: C character, N numeric and F float (ASCII digits), L logical, D date (YYYYMMDD),
 * M memo (the text lives in a side file: read as null), I integer (int32), Y currency (int64 / 10⁴),
 * T date-time (Julian day + milliseconds), B double.
 */
export type DbfFieldType = 'C' | 'N' | 'F' | 'L' | 'D' | 'M' | 'I' | 'Y' | 'T' | 'B';

export const DBF_FIELD_TYPES: readonly DbfFieldType[] = ['C', 'N', 'F', 'L', 'D', 'M', 'I', 'Y', 'T', 'B'];

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
  readonly errorType = 'ValidationError';
  override readonly name = 'DbfFormatError';
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
