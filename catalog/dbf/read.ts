/**
 * Reads .DBF files record by record from a stream of chunks (a file stream, an S3 object body), so a large
 * catalog never has to fit in memory. `parseDbf` does the same for bytes already in memory.
 *
 * The reader is strict about the file's soundness, because a catalog read from a damaged file must not
 * pass for a whole one: the header is checked against itself (version byte, field lengths, header length),
 * every record must start with a deletion flag, and the data must end where the header's record count
 * says (an optional 0x1A end mark after it). Anything else raises `DbfDamageError` after the records read
 * soundly before the damage; the caller decides whether those may be used.
 */
import { codepageOfLanguageDriver, normalizeCodepage, textDecoderFor, type Codepage } from './codepages';
import {
  DBF_FIELD_TYPES,
  DELETED_RECORD,
  DbfDamageError,
  DbfFormatError,
  END_OF_FILE,
  FIELD_DESCRIPTOR_LENGTH,
  FIXED_FIELD_LENGTHS,
  HEADER_PREFIX_LENGTH,
  HEADER_TERMINATOR,
  JULIAN_DAY_OF_UNIX_EPOCH,
  LIVE_RECORD,
  MAX_NUMERIC_LENGTH,
  READABLE_VERSIONS,
  VISUAL_FOXPRO_BACKLINK_LENGTH,
  describeUnreadableVersion,
  isVisualFoxPro,
  memoKindOf,
  type DbfField,
  type DbfFieldType,
  type DbfHeader,
  type DbfRecord,
  type DbfValue,
} from './format';

/**
 * Bytes ≥ 0x80 found in character fields, for telling whether the code page used is the right one
 * (catalog/dbf/codepage-check.ts). Filled while reading when passed in the options.
 */
export interface DbfTextStatistics {
  /** How often each byte value occurs in C fields (only 0x80–0xFF are counted). */
  readonly highBytes: Uint32Array;
  /** The first character values holding such bytes, to show the user what they read as. */
  readonly samples: { readonly field: string; readonly recordNumber: number; readonly bytes: Uint8Array }[];
}

export function emptyTextStatistics(): DbfTextStatistics {
  return { highBytes: new Uint32Array(256), samples: [] };
}

const MAX_TEXT_SAMPLES = 200;

export interface DbfReadOptions {
  /** Decode text with this code page whatever the header says (for files that record a wrong one). */
  readonly codepage?: Codepage;
  /** Code page when the header records none (language driver 0), as Clipper and many DOS programs leave it. Default cp1252. */
  readonly fallbackCodepage?: Codepage;
  /** Also yield records flagged as deleted. Default false: they are skipped. */
  readonly includeDeleted?: boolean;
  /** Collects the high bytes of character fields while reading. */
  readonly textStatistics?: DbfTextStatistics;
  /**
   * The memo side file (.dbt / .fpt) when there is one: memo fields are then read as text. Without it they
   * read as null (the catalog import never needs them).
   */
  readonly memo?: Uint8Array;
}

export interface DbfReader {
  readonly header: DbfHeader;
  readonly records: AsyncIterable<DbfRecord>;
}

const ascii = new TextDecoder('latin1');

function readAscii(bytes: Uint8Array): string {
  return ascii.decode(bytes);
}

/** Header length from the first 32 bytes, to know how much to read before parsing the header. */
export function dbfHeaderLength(prefix: Uint8Array): number {
  if (prefix.length < HEADER_PREFIX_LENGTH) throw new DbfFormatError('file is shorter than a .DBF header');
  // A header's lengths make some of its first 32 bytes binary; all printable is text whatever the first byte.
  const printable = prefix.subarray(0, HEADER_PREFIX_LENGTH).every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f));
  if (!READABLE_VERSIONS.has(prefix[0] ?? 0) || printable) throw new DbfFormatError(describeUnreadableVersion(prefix));
  return new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint16(8, true);
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Checks a descriptor's length against its type; returns the length to use (Clipper's long C fields resolved by the caller). */
function fieldLengthProblem(name: string, type: DbfFieldType, length: number, decimals: number): string | null {
  const fixed = FIXED_FIELD_LENGTHS[type];
  if (fixed && !fixed.includes(length)) {
    return `field ${name} has type ${type} with length ${length}; ${type} fields are ${fixed.join(' or ')} bytes`;
  }
  if ((type === 'N' || type === 'F') && length > MAX_NUMERIC_LENGTH) {
    return `field ${name} has type ${type} with length ${length}; numeric fields are at most ${MAX_NUMERIC_LENGTH} bytes`;
  }
  if ((type === 'N' || type === 'F') && decimals > 0 && decimals >= length) {
    return `field ${name} has ${decimals} decimals in ${length} bytes`;
  }
  return null;
}

/** Parses the header and field descriptors; `bytes` must hold at least the header length. */
export function parseDbfHeader(bytes: Uint8Array, options: DbfReadOptions = {}): DbfHeader {
  const headerLength = dbfHeaderLength(bytes);
  if (bytes.length < headerLength) throw new DbfFormatError('file ends inside the .DBF header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  const versionName = READABLE_VERSIONS.get(version) ?? 'unknown';
  const year = 1900 + view.getUint8(1);
  const month = view.getUint8(2);
  const day = view.getUint8(3);
  const recordCount = view.getUint32(4, true);
  const recordLength = view.getUint16(10, true);
  const languageDriver = view.getUint8(29);
  if (headerLength < HEADER_PREFIX_LENGTH + 1 || recordLength < 1) {
    throw new DbfFormatError(`not a .DBF file (header length ${headerLength}, record length ${recordLength})`);
  }
  // Some writers leave the date zero; a month or day out of range means these are not dBase header bytes.
  const noDate = month === 0 && day === 0;
  if (!noDate && (month < 1 || month > 12 || day < 1 || day > 31)) {
    throw new DbfFormatError(`not a .DBF file (last update ${year}-${month}-${day})`);
  }

  interface Descriptor {
    name: string;
    type: DbfFieldType | '0';
    length: number;
    decimals: number;
  }
  const descriptors: Descriptor[] = [];
  let position = HEADER_PREFIX_LENGTH;
  for (;;) {
    if (position >= headerLength) {
      throw new DbfFormatError(
        `the header length (${headerLength} bytes) ends inside the field descriptors: they are not terminated by 0x0D`,
      );
    }
    if (bytes[position] === HEADER_TERMINATOR) break;
    if (position + FIELD_DESCRIPTOR_LENGTH > headerLength) throw new DbfFormatError('field descriptor cut short by the header length');
    const descriptor = bytes.subarray(position, position + FIELD_DESCRIPTOR_LENGTH);
    const rawName = readAscii(descriptor.subarray(0, 11));
    const nul = rawName.indexOf('\0');
    const name = (nul >= 0 ? rawName.slice(0, nul) : rawName).trim().toUpperCase();
    const type = String.fromCharCode(descriptor[11] ?? 0x20).toUpperCase();
    const length = descriptor[16] ?? 0;
    const decimals = descriptor[17] ?? 0;
    if (name.length === 0) throw new DbfFormatError(`field ${descriptors.length + 1} has no name`);
    // '0' is Visual FoxPro's system field holding null flags: not data, but it takes bytes in the record.
    if (type !== '0' && !DBF_FIELD_TYPES.includes(type as DbfFieldType)) {
      const printable = /^[\x20-\x7e]$/.test(type) ? `'${type}'` : hex(descriptor[11] ?? 0);
      throw new DbfFormatError(`field ${name} has type ${printable}, which this reader does not know`);
    }
    if (length === 0) throw new DbfFormatError(`field ${name} has length 0`);
    if (descriptors.some((other) => other.name === name)) throw new DbfFormatError(`field ${name} appears twice`);
    descriptors.push({ name, type: type as DbfFieldType | '0', length, decimals });
    position += FIELD_DESCRIPTOR_LENGTH;
  }
  if (descriptors.length === 0) throw new DbfFormatError('the file has no fields');

  // Clipper stores C fields longer than 255 bytes with the decimals byte as the high byte of the length.
  // Only taken when the plain reading does not add up to the record length and the long one does.
  const plainLength = 1 + descriptors.reduce((sum, field) => sum + field.length, 0);
  if (plainLength !== recordLength) {
    const longLength = 1 + descriptors.reduce((sum, field) => sum + field.length + (field.type === 'C' ? field.decimals * 256 : 0), 0);
    if (longLength === recordLength) {
      for (const field of descriptors) {
        if (field.type === 'C' && field.decimals > 0) {
          field.length += field.decimals * 256;
          field.decimals = 0;
        }
      }
    }
  }

  const fields: DbfField[] = [];
  let offset = 1;
  for (const descriptor of descriptors) {
    if (descriptor.type !== '0') {
      const problem = fieldLengthProblem(descriptor.name, descriptor.type, descriptor.length, descriptor.decimals);
      if (problem) throw new DbfFormatError(problem);
      fields.push({ name: descriptor.name, type: descriptor.type, length: descriptor.length, decimals: descriptor.decimals, offset });
    }
    offset += descriptor.length;
  }
  if (fields.length === 0) throw new DbfFormatError('the file has no data fields');
  if (offset > recordLength) {
    throw new DbfFormatError(`fields need ${offset} bytes per record but the header says records are ${recordLength} bytes long`);
  }

  // Between the terminator and the first record: Visual FoxPro's 263-byte backlink, then only padding.
  const descriptorsEnd = position + 1;
  // (Some writers of Visual FoxPro tables leave the backlink out; its bytes may hold a path, not padding.)
  const backlink = isVisualFoxPro(version) ? Math.min(VISUAL_FOXPRO_BACKLINK_LENGTH, Math.max(0, headerLength - descriptorsEnd)) : 0;
  const minimumLength = descriptorsEnd + backlink;
  for (let at = minimumLength; at < headerLength; at += 1) {
    if (bytes[at] !== 0 && bytes[at] !== 0x20) {
      throw new DbfFormatError(
        `header length ${headerLength} is too long: the header ends at byte ${minimumLength}, and byte ${at} ` +
          `(${hex(bytes[at] ?? 0)}) in the gap after it is data, not padding`,
      );
    }
  }

  const recorded = codepageOfLanguageDriver(languageDriver);
  const forced = options.codepage ? normalizeCodepage(options.codepage) : null;
  if (options.codepage && !forced) throw new DbfFormatError(`code page ${options.codepage} is not one this reader knows`);
  if (!forced && !recorded && languageDriver !== 0) {
    throw new DbfFormatError(
      `language driver ${hex(languageDriver)} names a code page this reader does not know; pass a code page`,
    );
  }
  const fallback = options.fallbackCodepage ? normalizeCodepage(options.fallbackCodepage) : null;
  if (options.fallbackCodepage && !fallback) throw new DbfFormatError(`code page ${options.fallbackCodepage} is not one this reader knows`);
  const codepage = forced ?? recorded ?? fallback ?? 'cp1252';
  const lastUpdate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { version, versionName, lastUpdate, recordCount, headerLength, recordLength, languageDriver, codepage, fields };
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text for a message: control characters shown as \xNN so a reason is never itself binary. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function isPadding(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0;
}

function numericValue(field: DbfField, buffer: Buffer, start: number, end: number, problems: string[]): number | null {
  // Spaces pad numbers on the left; some writers pad with NULs instead (on either side).
  while (start < end && isPadding(buffer[start])) start += 1;
  while (end > start && isPadding(buffer[end - 1])) end -= 1;
  if (start === end) return null;
  const text = buffer.toString('latin1', start, end);
  if (NUMBER_TEXT.test(text)) return Number(text);
  // A field full of '*' is dBase's "value did not fit".
  if (/^\*+$/.test(text)) return null;
  problems.push(`${field.name}: not a number: ${printable(text)}`);
  return null;
}

function logicalValue(field: DbfField, byte: number, problems: string[]): boolean | null {
  switch (byte) {
    case 0x54: // T
    case 0x74: // t
    case 0x59: // Y
    case 0x79: // y
      return true;
    case 0x46: // F
    case 0x66: // f
    case 0x4e: // N
    case 0x6e: // n
      return false;
    case 0x3f: // ?
    case 0x20:
    case 0:
      return null;
    default:
      problems.push(`${field.name}: not a logical value: ${printable(String.fromCharCode(byte))}`);
      return null;
  }
}

function dateValue(field: DbfField, buffer: Buffer, start: number, end: number, problems: string[]): string | null {
  const text = buffer.toString('latin1', start, end).replace(/\0/g, ' ').trim();
  if (text.length === 0 || text === '00000000') return null;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00.000Z`);
  if (!/^\d{8}$/.test(text) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    problems.push(`${field.name}: not a date: ${printable(text)}`);
    return null;
  }
  return iso;
}

function isBlank(buffer: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) if (!isPadding(buffer[at])) return false;
  return true;
}

/** Left as spaces (not zeros): how some writers leave a binary field blank. */
function isSpaces(buffer: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) if (buffer[at] !== 0x20) return false;
  return true;
}

const MS_PER_DAY = 86_400_000;

/**
 * Visual FoxPro date-time: Julian day number and milliseconds since midnight. FoxPro's own date-times have
 * whole seconds, but it computes the milliseconds in floating point and often stores one less (…59.999
 * for a whole minute): a value within a millisecond of a whole second is that second. Other values are
 * kept to the millisecond.
 */
function dateTimeValue(field: DbfField, buffer: Buffer, at: number, problems: string[]): string | null {
  if (isBlank(buffer, at, at + 8)) return null;
  const julianDay = buffer.readInt32LE(at);
  let milliseconds = buffer.readInt32LE(at + 4);
  if (milliseconds < 0 || milliseconds > MS_PER_DAY || julianDay < 1) {
    problems.push(`${field.name}: not a date-time (day ${julianDay}, ${milliseconds} ms)`);
    return null;
  }
  const remainder = milliseconds % 1000;
  if (remainder === 999) milliseconds += 1;
  else if (remainder === 1) milliseconds -= 1;
  const date = new Date((julianDay - JULIAN_DAY_OF_UNIX_EPOCH) * MS_PER_DAY + milliseconds);
  if (Number.isNaN(date.getTime())) {
    problems.push(`${field.name}: not a date-time (day ${julianDay})`);
    return null;
  }
  return date.toISOString();
}

/** Reads one field of the record starting at `base` in `buffer`. */
type FieldReader = (buffer: Buffer, base: number, recordNumber: number, problems: string[]) => DbfValue;

/** Reads memo texts out of a memo side file, by block number. */
function memoReader(header: DbfHeader, memo: Uint8Array): (block: number) => string | null {
  const kind = memoKindOf(header.version);
  if (!kind) throw new DbfFormatError(`version byte 0x${header.version.toString(16)} has no memo file format`);
  const file = Buffer.from(memo.buffer, memo.byteOffset, memo.byteLength);
  if (file.length < 512) throw new DbfFormatError('the memo file is shorter than its 512-byte header');
  const blockSize =
    kind === 'foxpro' ? file.readUInt16BE(6) || 512 : kind === 'dbase4' ? file.readUInt32LE(4) || file.readUInt16LE(20) || 512 : 512;
  const decode = textDecoderFor(header.codepage);
  return (block) => {
    const start = block * blockSize;
    if (start >= file.length) throw new DbfFormatError(`memo block ${block} is past the end of the memo file`);
    if (kind === 'dbase3') {
      let end = file.indexOf(END_OF_FILE, start);
      if (end < 0) end = file.length;
      return decode(file, start, end);
    }
    if (kind === 'dbase4') {
      if (file.readUInt32LE(start) !== 0x0008ffff) throw new DbfFormatError(`memo block ${block} has no dBase IV memo header`);
      const length = file.readUInt32LE(start + 4) - 8;
      return decode(file, start + 8, Math.min(file.length, start + 8 + length));
    }
    const type = file.readUInt32BE(start);
    const length = file.readUInt32BE(start + 4);
    if (type !== 1) return null; // 0: picture, 2: object — not text
    return decode(file, start + 8, Math.min(file.length, start + 8 + length));
  };
}

function fieldReader(header: DbfHeader, field: DbfField, stats?: DbfTextStatistics, memo?: (block: number) => string | null): FieldReader {
  const { offset, length } = field;
  switch (field.type) {
    case 'C': {
      const decode = textDecoderFor(header.codepage);
      return (buffer, base, recordNumber, problems) => {
        const start = base + offset;
        const end = start + length;
        if (stats) {
          let high = false;
          for (let at = start; at < end; at += 1) {
            const byte = buffer[at] as number;
            if (byte >= 0x80) {
              stats.highBytes[byte] = (stats.highBytes[byte] ?? 0) + 1;
              high = true;
            }
          }
          if (high && stats.samples.length < MAX_TEXT_SAMPLES) {
            stats.samples.push({ field: field.name, recordNumber, bytes: Uint8Array.prototype.slice.call(buffer, start, end) });
          }
        }
        const text = decode(buffer, start, end);
        const badAt = decode.badAt();
        if (badAt >= 0) {
          problems.push(
            `${field.name}: binary data, not ${header.codepage} text (byte ${hex(buffer[start + badAt] ?? 0)} at position ${badAt + 1})`,
          );
        }
        return text;
      };
    }
    case 'N':
    case 'F':
      return (buffer, base, _recordNumber, problems) => numericValue(field, buffer, base + offset, base + offset + length, problems);
    case 'L':
      return (buffer, base, _recordNumber, problems) => logicalValue(field, buffer[base + offset] ?? 0x20, problems);
    case 'D':
      return (buffer, base, _recordNumber, problems) => dateValue(field, buffer, base + offset, base + offset + length, problems);
    case 'M':
    case 'G':
    case 'P': {
      if (!memo || field.type !== 'M') return () => null;
      const binary = length === 4;
      return (buffer, base) => {
        const start = base + offset;
        const block = binary
          ? buffer.readInt32LE(start)
          : Number(buffer.toString('latin1', start, start + length).replace(/\0/g, ' ').trim() || '0');
        return Number.isInteger(block) && block > 0 ? memo(block) : null;
      };
    }
    case 'I':
      return (buffer, base) => (isSpaces(buffer, base + offset, base + offset + 4) ? null : buffer.readInt32LE(base + offset));
    case 'Y':
      // Currency is a scaled int64; the division is exact to the nearest double, as parsing "123.45" would be.
      return (buffer, base) =>
        isSpaces(buffer, base + offset, base + offset + 8) ? null : Number(buffer.readBigInt64LE(base + offset)) / 10_000;
    case 'B':
      return (buffer, base) => (isSpaces(buffer, base + offset, base + offset + 8) ? null : buffer.readDoubleLE(base + offset));
    case 'T':
      return (buffer, base, _recordNumber, problems) => dateTimeValue(field, buffer, base + offset, problems);
  }
}

/** Decodes records of one header: the per-field readers are made once, not per record. */
export function recordDecoder(
  header: DbfHeader,
  stats?: DbfTextStatistics,
  memoFile?: Uint8Array,
): (buffer: Buffer, base: number, recordNumber: number) => DbfRecord {
  const fields = header.fields;
  const memo = memoFile ? memoReader(header, memoFile) : undefined;
  const readers = fields.map((field) => fieldReader(header, field, stats, memo));
  const names = fields.map((field) => field.name);
  return (buffer, base, recordNumber) => {
    const flag = buffer[base];
    if (flag !== LIVE_RECORD && flag !== DELETED_RECORD) {
      throw new DbfDamageError(
        `record ${recordNumber} of ${header.recordCount} starts with ${hex(flag ?? 0)}, not a deletion flag: ` +
          `garbage bytes inside the data (at byte ${header.headerLength + (recordNumber - 1) * header.recordLength})`,
        recordNumber - 1,
      );
    }
    const values: Record<string, DbfValue> = {};
    const problems: string[] = [];
    for (let index = 0; index < readers.length; index += 1) {
      values[names[index] as string] = (readers[index] as FieldReader)(buffer, base, recordNumber, problems);
    }
    return { recordNumber, deleted: flag === DELETED_RECORD, values, problems };
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes one record's bytes (`recordLength` long, deletion flag first). */
export function decodeDbfRecord(
  header: DbfHeader,
  record: Uint8Array,
  recordNumber: number,
  stats?: DbfTextStatistics,
): DbfRecord {
  return recordDecoder(header, stats)(asBuffer(record), 0, recordNumber);
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') throw new DbfFormatError('a .DBF stream must deliver bytes, not text');
  return chunk;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** What may follow the last declared record: nothing, the 0x1A end mark, and after it only NUL padding. */
function tailProblem(header: DbfHeader, tail: Uint8Array): string | null {
  if (tail.length === 0) return null;
  const afterMark = tail[0] === END_OF_FILE ? tail.subarray(1) : tail;
  if (afterMark.every((byte) => byte === 0 || byte === END_OF_FILE)) return null;
  const { recordLength, recordCount } = header;
  const start = tail[0] === END_OF_FILE ? 1 : 0;
  const data = tail.length - start;
  const wholeRecords = Math.floor(data / recordLength);
  const looksLikeRecords = wholeRecords > 0 && (tail[start] === LIVE_RECORD || tail[start] === DELETED_RECORD);
  if (looksLikeRecords) {
    return (
      `the header counts ${recordCount} records but ${data} more bytes follow them (${wholeRecords} more ` +
      `record${wholeRecords === 1 ? '' : 's'}): the header under-counts its records`
    );
  }
  return `${data} bytes of unexpected data follow the ${recordCount} records the header counts`;
}

/**
 * Opens a .DBF stream: reads the header, then yields records as their bytes arrive. Deleted records are
 * skipped unless asked for. After the header's record count, only the end mark may follow; a stream that
 * ends earlier, a record without a deletion flag or data after the declared records raise `DbfDamageError`
 * (after the sound records before the damage were yielded).
 */
export async function openDbf(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  options: DbfReadOptions = {},
): Promise<DbfReader> {
  const iterator: AsyncIterator<Uint8Array | string> | Iterator<Uint8Array> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let pending: Uint8Array = new Uint8Array(0);
  let ended = false;
  const pull = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    pending = concat(pending, toBytes(next.value));
    return true;
  };

  try {
    while (pending.length < HEADER_PREFIX_LENGTH) {
      if (!(await pull())) {
        if (pending.length > 0 && !READABLE_VERSIONS.has(pending[0] ?? 0)) throw new DbfFormatError(describeUnreadableVersion(pending));
        throw new DbfFormatError(pending.length === 0 ? 'the file is empty' : 'file is shorter than a .DBF header');
      }
    }
    const headerLength = dbfHeaderLength(pending);
    while (pending.length < headerLength) {
      if (!(await pull())) throw new DbfFormatError('file ends inside the .DBF header');
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  const header = parseDbfHeader(pending, options);
  pending = pending.subarray(header.headerLength);

  const decode = recordDecoder(header, options.textStatistics, options.memo);

  async function* records(): AsyncGenerator<DbfRecord> {
    const { recordLength, recordCount } = header;
    let recordNumber = 0;
    try {
      while (recordNumber < recordCount) {
        if (pending.length < recordLength) {
          if (await pull()) continue;
          if (pending.length === 0 || (pending.length === 1 && pending[0] === END_OF_FILE)) {
            throw new DbfDamageError(
              `the header counts ${recordCount} records but the file holds only ${recordNumber}: ` +
                'the file is cut short or the header over-counts',
              recordNumber,
            );
          }
          throw new DbfDamageError(
            `the file is cut inside record ${recordNumber + 1} of ${recordCount} ` +
              `(${pending.length} of its ${recordLength} bytes are there)`,
            recordNumber,
          );
        }
        // Decode every whole record already buffered, then keep the remainder.
        let at = 0;
        const buffer = asBuffer(pending);
        while (at + recordLength <= pending.length && recordNumber < recordCount) {
          if (pending[at] === END_OF_FILE) {
            throw new DbfDamageError(
              `the end-of-file mark stands where record ${recordNumber + 1} should start: the header counts ` +
                `${recordCount} records but the file holds only ${recordNumber}`,
              recordNumber,
            );
          }
          const record = decode(buffer, at, recordNumber + 1);
          recordNumber += 1;
          at += recordLength;
          if (!record.deleted || options.includeDeleted) yield record;
        }
        pending = pending.slice(at);
      }
      // Whatever follows the declared records must be the end mark or padding. Once it is not, the rest is
      // only counted (not kept), so the message can say how much data the header leaves out.
      for (;;) {
        if (tailProblem(header, pending)) {
          let extra = pending.length;
          const head = pending.subarray(0, 1 + recordLength);
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) extra += toBytes(next.value).length;
          ended = true;
          const tail = new Uint8Array(extra);
          tail.set(head);
          throw new DbfDamageError(tailProblem(header, tail) ?? 'unexpected data after the records', recordNumber);
        }
        if (!(await pull())) break;
      }
    } finally {
      await iterator.return?.();
    }
  }

  return { header, records: records() };
}

/** Reads a whole .DBF file already in memory. */
export async function parseDbf(
  bytes: Uint8Array,
  options: DbfReadOptions = {},
): Promise<{ header: DbfHeader; records: DbfRecord[] }> {
  const reader = await openDbf([bytes], options);
  const records: DbfRecord[] = [];
  for await (const record of reader.records) records.push(record);
  return { header: reader.header, records };
}
