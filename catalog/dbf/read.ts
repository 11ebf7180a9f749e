/**
 * Reads .DBF files record by record from a stream of chunks (a file stream, an S3 object body), so a large
 * catalog never has to fit in memory. `parseDbf` does the same for bytes already in memory.
 */
import { codepageOfLanguageDriver, decodeBytes, type Codepage } from './codepages';
import {
  DBF_FIELD_TYPES,
  DELETED_RECORD,
  DbfFormatError,
  END_OF_FILE,
  FIELD_DESCRIPTOR_LENGTH,
  HEADER_PREFIX_LENGTH,
  HEADER_TERMINATOR,
  JULIAN_DAY_OF_UNIX_EPOCH,
  LIVE_RECORD,
  type DbfField,
  type DbfFieldType,
  type DbfHeader,
  type DbfRecord,
  type DbfValue,
} from './format';

export interface DbfReadOptions {
  /** Decode text with this code page whatever the header says (for files that record a wrong one). */
  readonly codepage?: Codepage;
  /** Code page when the header records none (language driver 0), as Clipper and many DOS programs leave it. Default cp1252. */
  readonly fallbackCodepage?: Codepage;
  /** Also yield records flagged as deleted. Default false: they are skipped. */
  readonly includeDeleted?: boolean;
}

export interface DbfReader {
  readonly header: DbfHeader;
  readonly records: AsyncIterable<DbfRecord>;
}

const ascii = new TextDecoder('latin1');

function readAscii(bytes: Uint8Array): string {
  return ascii.decode(bytes);
}

/** Removes trailing spaces and NULs (both are used as padding). */
function trimPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\0')) end -= 1;
  return text.slice(0, end);
}

/** Header length from the first 32 bytes, to know how much to read before parsing the header. */
export function dbfHeaderLength(prefix: Uint8Array): number {
  if (prefix.length < HEADER_PREFIX_LENGTH) throw new DbfFormatError('file is shorter than a .DBF header');
  return new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint16(8, true);
}

/** Parses the header and field descriptors; `bytes` must hold at least the header length. */
export function parseDbfHeader(bytes: Uint8Array, options: DbfReadOptions = {}): DbfHeader {
  const headerLength = dbfHeaderLength(bytes);
  if (bytes.length < headerLength) throw new DbfFormatError('file ends inside the .DBF header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  const year = 1900 + view.getUint8(1);
  const month = view.getUint8(2);
  const day = view.getUint8(3);
  const recordCount = view.getUint32(4, true);
  const recordLength = view.getUint16(10, true);
  const languageDriver = view.getUint8(29);
  if (headerLength < HEADER_PREFIX_LENGTH + 1 || recordLength < 1) {
    throw new DbfFormatError(`not a .DBF file (header length ${headerLength}, record length ${recordLength})`);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new DbfFormatError(`not a .DBF file (last update ${year}-${month}-${day})`);
  }

  const fields: DbfField[] = [];
  let offset = 1;
  let position = HEADER_PREFIX_LENGTH;
  for (;;) {
    if (position >= headerLength) throw new DbfFormatError('field descriptors are not terminated by 0x0D');
    if (bytes[position] === HEADER_TERMINATOR) break;
    if (position + FIELD_DESCRIPTOR_LENGTH > headerLength) throw new DbfFormatError('field descriptor cut short');
    const descriptor = bytes.subarray(position, position + FIELD_DESCRIPTOR_LENGTH);
    const rawName = readAscii(descriptor.subarray(0, 11));
    const nul = rawName.indexOf('\0');
    const name = (nul >= 0 ? rawName.slice(0, nul) : rawName).trim().toUpperCase();
    const type = String.fromCharCode(descriptor[11] ?? 0x20).toUpperCase();
    const length = descriptor[16] ?? 0;
    const decimals = descriptor[17] ?? 0;
    if (name.length === 0) throw new DbfFormatError(`field ${fields.length + 1} has no name`);
    // Visual FoxPro's system field holding null flags: not data.
    const hidden = type === '0';
    if (!hidden && !DBF_FIELD_TYPES.includes(type as DbfFieldType)) {
      throw new DbfFormatError(`field ${name} has type '${type}', which this reader does not know`);
    }
    if (length === 0) throw new DbfFormatError(`field ${name} has length 0`);
    if (!hidden) fields.push({ name, type: type as DbfFieldType, length, decimals, offset });
    offset += length;
    position += FIELD_DESCRIPTOR_LENGTH;
  }
  if (fields.length === 0) throw new DbfFormatError('the file has no fields');
  if (offset > recordLength) {
    throw new DbfFormatError(`fields need ${offset} bytes per record but records are ${recordLength} bytes long`);
  }

  const recorded = codepageOfLanguageDriver(languageDriver);
  if (!options.codepage && !recorded && languageDriver !== 0) {
    throw new DbfFormatError(
      `language driver 0x${languageDriver.toString(16)} names a code page this reader does not know; pass a code page`,
    );
  }
  const codepage = options.codepage ?? recorded ?? options.fallbackCodepage ?? 'cp1252';
  const lastUpdate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { version, lastUpdate, recordCount, headerLength, recordLength, languageDriver, codepage, fields };
}

function numericValue(field: DbfField, bytes: Uint8Array, problems: string[]): number | null {
  const text = readAscii(bytes).trim();
  // Blank means no value; a field full of '*' is dBase's "value did not fit".
  if (text.length === 0 || text.split('').every((ch) => ch === '*')) return null;
  const value = Number(text);
  if (!Number.isFinite(value) || text.includes(' ')) {
    problems.push(`${field.name}: not a number: ${text}`);
    return null;
  }
  return value;
}

function logicalValue(field: DbfField, byte: number, problems: string[]): boolean | null {
  const ch = String.fromCharCode(byte);
  if ('TtYy'.includes(ch)) return true;
  if ('FfNn'.includes(ch)) return false;
  if (ch === '?' || ch === ' ' || byte === 0) return null;
  problems.push(`${field.name}: not a logical value: ${ch}`);
  return null;
}

function dateValue(field: DbfField, bytes: Uint8Array, problems: string[]): string | null {
  const text = readAscii(bytes).trim();
  if (text.length === 0 || text === '00000000') return null;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00.000Z`);
  if (text.length !== 8 || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    problems.push(`${field.name}: not a date: ${text}`);
    return null;
  }
  return iso;
}

function dateTimeValue(view: DataView, at: number): string | null {
  const julianDay = view.getInt32(at, true);
  const milliseconds = view.getInt32(at + 4, true);
  if (julianDay === 0 && milliseconds === 0) return null;
  const epochDays = julianDay - JULIAN_DAY_OF_UNIX_EPOCH;
  return new Date(epochDays * 86_400_000 + milliseconds).toISOString();
}

function fieldValue(
  header: DbfHeader,
  field: DbfField,
  record: Uint8Array,
  view: DataView,
  problems: string[],
): DbfValue {
  const bytes = record.subarray(field.offset, field.offset + field.length);
  switch (field.type) {
    case 'C':
      return trimPadding(decodeBytes(bytes, header.codepage));
    case 'N':
    case 'F':
      return numericValue(field, bytes, problems);
    case 'L':
      return logicalValue(field, bytes[0] ?? 0x20, problems);
    case 'D':
      return dateValue(field, bytes, problems);
    case 'M':
      return null;
    case 'I':
      return view.getInt32(field.offset, true);
    case 'Y':
      // Currency is a scaled int64; the division is exact to the nearest double, as parsing "123.45" would be.
      return Number(view.getBigInt64(field.offset, true)) / 10_000;
    case 'B':
      return view.getFloat64(field.offset, true);
    case 'T':
      return dateTimeValue(view, field.offset);
  }
}

/** Decodes one record's bytes (`recordLength` long, deletion flag first). */
export function decodeDbfRecord(header: DbfHeader, record: Uint8Array, recordNumber: number): DbfRecord {
  const flag = record[0];
  if (flag !== LIVE_RECORD && flag !== DELETED_RECORD) {
    throw new DbfFormatError(`record ${recordNumber} starts with 0x${(flag ?? 0).toString(16)}, not a deletion flag`);
  }
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const values: Record<string, DbfValue> = {};
  const problems: string[] = [];
  for (const field of header.fields) values[field.name] = fieldValue(header, field, record, view, problems);
  return { recordNumber, deleted: flag === DELETED_RECORD, values, problems };
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

/**
 * Opens a .DBF stream: reads the header, then yields records as their bytes arrive. Deleted records are
 * skipped unless asked for. Reading stops after the header's record count or at the end-of-file mark; a
 * stream that ends earlier is an error, so a cut-off upload is never taken for a whole catalog.
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

  while (pending.length < HEADER_PREFIX_LENGTH) {
    if (!(await pull())) throw new DbfFormatError('file is shorter than a .DBF header');
  }
  const headerLength = dbfHeaderLength(pending);
  while (pending.length < headerLength) {
    if (!(await pull())) throw new DbfFormatError('file ends inside the .DBF header');
  }
  const header = parseDbfHeader(pending, options);
  pending = pending.subarray(headerLength);

  async function* records(): AsyncGenerator<DbfRecord> {
    const { recordLength, recordCount } = header;
    let recordNumber = 0;
    let atEndMark = false;
    try {
      while (recordNumber < recordCount && !atEndMark) {
        // The end-of-file mark where a record should start: the header over-counted, the data is complete.
        if (pending.length > 0 && pending[0] === END_OF_FILE) break;
        if (pending.length < recordLength) {
          if (await pull()) continue;
          throw new DbfFormatError(
            `file ends at record ${recordNumber + 1} of ${recordCount} (${pending.length} of ${recordLength} bytes)`,
          );
        }
        // Decode every whole record already buffered, then keep the remainder.
        let at = 0;
        while (at + recordLength <= pending.length && recordNumber < recordCount) {
          if (pending[at] === END_OF_FILE) {
            atEndMark = true;
            break;
          }
          recordNumber += 1;
          const record = decodeDbfRecord(header, pending.subarray(at, at + recordLength), recordNumber);
          at += recordLength;
          if (!record.deleted || options.includeDeleted) yield record;
        }
        pending = pending.slice(at);
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
