/**
 * Writes small .DBF files: test fixtures, sample catalogs and benchmark input. dBase III layout (0x03)
 * unless a field needs Visual FoxPro types (I, Y, T, B), then Visual FoxPro (0x30). Memo fields are
 * written blank (no memo side file).
 */
import { encodeText, languageDriverOf, type Codepage } from './codepages';
import {
  DELETED_RECORD,
  DbfFormatError,
  END_OF_FILE,
  FIELD_DESCRIPTOR_LENGTH,
  HEADER_PREFIX_LENGTH,
  HEADER_TERMINATOR,
  JULIAN_DAY_OF_UNIX_EPOCH,
  LIVE_RECORD,
  VISUAL_FOXPRO_BACKLINK_LENGTH,
  type DbfFieldType,
  type DbfValue,
} from './format';

export interface DbfFieldSpec {
  readonly name: string;
  readonly type: DbfFieldType;
  /** Required for C and N/F; fixed for the others. */
  readonly length?: number;
  readonly decimals?: number;
}

export interface DbfWriteRecord {
  readonly values: Readonly<Record<string, DbfValue | undefined>>;
  readonly deleted?: boolean;
}

export interface DbfWriteSpec {
  readonly fields: readonly DbfFieldSpec[];
  readonly records: readonly DbfWriteRecord[];
  readonly codepage: Codepage;
  /** Language driver byte to record; default the code page's own. 0 writes "not recorded". */
  readonly languageDriver?: number;
  /** Default 2000-01-01, so the same input always gives the same bytes. */
  readonly lastUpdate?: Date;
}

const VISUAL_FOXPRO_TYPES: readonly DbfFieldType[] = ['I', 'Y', 'T', 'B'];

function fieldLength(field: DbfFieldSpec, visualFoxPro: boolean): number {
  switch (field.type) {
    case 'C':
    case 'N':
    case 'F':
      if (!field.length || field.length < 1 || field.length > 254) {
        throw new DbfFormatError(`field ${field.name} (${field.type}) needs a length from 1 to 254`);
      }
      return field.length;
    case 'L':
      return 1;
    case 'D':
      return 8;
    case 'M':
    case 'G':
    case 'P':
      return visualFoxPro ? 4 : 10;
    case 'I':
      return 4;
    case 'Y':
    case 'T':
    case 'B':
      return 8;
  }
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

function formatNumber(field: DbfFieldSpec, value: number, length: number): string {
  const text = value.toFixed(field.decimals ?? 0);
  if (text.length > length) throw new DbfFormatError(`${field.name}: ${text} does not fit in ${length} characters`);
  return text.padStart(length, ' ');
}

function writeValue(
  target: Uint8Array,
  view: DataView,
  at: number,
  field: DbfFieldSpec,
  length: number,
  value: DbfValue | undefined,
  codepage: Codepage,
): void {
  const blank = value === null || value === undefined;
  switch (field.type) {
    case 'C': {
      const bytes = encodeText(blank ? '' : String(value), codepage);
      if (bytes.length > length) throw new DbfFormatError(`${field.name}: text longer than ${length} bytes`);
      target.set(bytes, at);
      return;
    }
    case 'N':
    case 'F':
      if (!blank) target.set(asciiBytes(formatNumber(field, Number(value), length)), at);
      return;
    case 'L':
      target[at] = blank ? 0x3f : value ? 0x54 : 0x46; // '?', 'T', 'F'
      return;
    case 'D':
      if (!blank) target.set(asciiBytes(String(value).split('-').join('').slice(0, 8)), at);
      return;
    case 'M':
    case 'G':
    case 'P':
      return;
    case 'I':
      view.setInt32(at, blank ? 0 : Number(value), true);
      return;
    case 'Y':
      view.setBigInt64(at, BigInt(blank ? 0 : Math.round(Number(value) * 10_000)), true);
      return;
    case 'B':
      view.setFloat64(at, blank ? 0 : Number(value), true);
      return;
    case 'T': {
      if (blank) return;
      const time = new Date(String(value)).getTime();
      const days = Math.floor(time / 86_400_000);
      view.setInt32(at, days + JULIAN_DAY_OF_UNIX_EPOCH, true);
      view.setInt32(at + 4, time - days * 86_400_000, true);
      return;
    }
  }
}

/** The bytes of a .DBF file holding `spec.records`. */
export function writeDbf(spec: DbfWriteSpec): Uint8Array {
  const visualFoxPro = spec.fields.some((field) => VISUAL_FOXPRO_TYPES.includes(field.type));
  const lengths = spec.fields.map((field) => fieldLength(field, visualFoxPro));
  const recordLength = 1 + lengths.reduce((sum, length) => sum + length, 0);
  const headerLength =
    HEADER_PREFIX_LENGTH +
    FIELD_DESCRIPTOR_LENGTH * spec.fields.length +
    1 +
    (visualFoxPro ? VISUAL_FOXPRO_BACKLINK_LENGTH : 0);
  if (recordLength > 0xffff) throw new DbfFormatError('records longer than 65535 bytes');
  const total = headerLength + recordLength * spec.records.length + 1;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const lastUpdate = spec.lastUpdate ?? new Date(Date.UTC(2000, 0, 1));

  view.setUint8(0, visualFoxPro ? 0x30 : 0x03);
  view.setUint8(1, lastUpdate.getUTCFullYear() - 1900);
  view.setUint8(2, lastUpdate.getUTCMonth() + 1);
  view.setUint8(3, lastUpdate.getUTCDate());
  view.setUint32(4, spec.records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  view.setUint8(29, spec.languageDriver ?? languageDriverOf(spec.codepage));

  let offset = 1;
  spec.fields.forEach((field, index) => {
    const at = HEADER_PREFIX_LENGTH + index * FIELD_DESCRIPTOR_LENGTH;
    const name = field.name.toUpperCase();
    if (name.length < 1 || name.length > 10) throw new DbfFormatError(`field name ${name} must be 1 to 10 characters`);
    bytes.set(asciiBytes(name), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    view.setUint32(at + 12, visualFoxPro ? offset : 0, true);
    bytes[at + 16] = lengths[index] ?? 0;
    bytes[at + 17] = field.decimals ?? 0;
    offset += lengths[index] ?? 0;
  });
  bytes[HEADER_PREFIX_LENGTH + FIELD_DESCRIPTOR_LENGTH * spec.fields.length] = HEADER_TERMINATOR;

  spec.records.forEach((record, recordIndex) => {
    const start = headerLength + recordIndex * recordLength;
    bytes.fill(0x20, start, start + recordLength);
    bytes[start] = record.deleted ? DELETED_RECORD : LIVE_RECORD;
    let at = start + 1;
    spec.fields.forEach((field, index) => {
      const length = lengths[index] ?? 0;
      // Binary fields (and Visual FoxPro's binary memo pointers) are zero when blank, not spaces.
      if (VISUAL_FOXPRO_TYPES.includes(field.type) || (field.type === 'M' && visualFoxPro)) bytes.fill(0, at, at + length);
      writeValue(bytes, view, at, field, length, record.values[field.name.toUpperCase()], spec.codepage);
      at += length;
    });
  });
  bytes[total - 1] = END_OF_FILE;
  return bytes;
}
