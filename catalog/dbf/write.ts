/**
 * Writes .DBF files: test fixtures (the conformance corpus), sample catalogs and benchmark input. dBase III
 * layout (0x03) unless a field needs Visual FoxPro types (I, Y, T, B), then Visual FoxPro (0x30); `version`
 * picks another (0x83 dBase III + memo, 0x8B dBase IV + memo, 0xF5 FoxPro 2 + memo, 0x31 VFP…).
 * `writeDbfWithMemo` also writes the memo side file of memo versions (.dbt for dBase, .fpt for FoxPro);
 * `writeDbf` leaves memo fields blank. C fields longer than 255 bytes are stored as Clipper does (high
 * byte of the length in the decimals byte).
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
  memoKindOf,
  type MemoKind,
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
  /** Header version byte; default 0x03, or 0x30 when a Visual FoxPro type is used. */
  readonly version?: number;
}

/** Memo block size written: dBase's fixed 512, FoxPro's usual 64. */
const MEMO_BLOCK: Record<MemoKind, number> = { dbase3: 512, dbase4: 512, foxpro: 64 };

/** Builds a memo side file block by block; returns the block number of each text added. */
class MemoWriter {
  private readonly chunks: Uint8Array[] = [];
  private nextBlock: number;
  constructor(private readonly kind: MemoKind) {
    this.nextBlock = 512 / MEMO_BLOCK[kind];
  }

  add(text: Uint8Array): number {
    const block = this.nextBlock;
    let body: Uint8Array;
    if (this.kind === 'dbase3') {
      body = new Uint8Array(text.length + 2);
      body.set(text);
      body[text.length] = END_OF_FILE;
      body[text.length + 1] = END_OF_FILE;
    } else if (this.kind === 'dbase4') {
      body = new Uint8Array(text.length + 8);
      const view = new DataView(body.buffer);
      view.setUint32(0, 0x0008ffff, true); // FF FF 08 00
      view.setUint32(4, text.length + 8, true);
      body.set(text, 8);
    } else {
      body = new Uint8Array(text.length + 8);
      const view = new DataView(body.buffer);
      view.setUint32(0, 1, false); // 1: text
      view.setUint32(4, text.length, false);
      body.set(text, 8);
    }
    const size = MEMO_BLOCK[this.kind];
    const blocks = Math.max(1, Math.ceil(body.length / size));
    const padded = new Uint8Array(blocks * size);
    padded.set(body);
    this.chunks.push(padded);
    this.nextBlock += blocks;
    return block;
  }

  bytes(): Uint8Array {
    const size = MEMO_BLOCK[this.kind];
    const header = new Uint8Array(512);
    const view = new DataView(header.buffer);
    if (this.kind === 'foxpro') {
      view.setUint32(0, this.nextBlock, false);
      view.setUint16(6, size, false);
    } else {
      view.setUint32(0, this.nextBlock, true);
      if (this.kind === 'dbase4') {
        view.setUint32(4, size, true);
        view.setUint16(20, size, true);
      }
    }
    const total = new Uint8Array(512 + this.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    total.set(header);
    let at = 512;
    for (const chunk of this.chunks) {
      total.set(chunk, at);
      at += chunk.length;
    }
    return total;
  }
}

const VISUAL_FOXPRO_TYPES: readonly DbfFieldType[] = ['I', 'Y', 'T', 'B'];

function fieldLength(field: DbfFieldSpec, visualFoxPro: boolean): number {
  switch (field.type) {
    case 'C':
    case 'N':
    case 'F':
      if (!field.length || field.length < 1 || field.length > (field.type === 'C' ? 65_535 : 254)) {
        throw new DbfFormatError(`field ${field.name} (${field.type}) needs a length from 1 to ${field.type === 'C' ? 65_535 : 254}`);
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
  memo: { writer: MemoWriter; binaryPointer: boolean } | null,
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
    case 'P': {
      if (blank || !memo || field.type !== 'M') return;
      const block = memo.writer.add(encodeText(String(value), codepage));
      if (memo.binaryPointer) view.setInt32(at, block, true);
      else target.set(asciiBytes(String(block).padStart(length, ' ')), at);
      return;
    }
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

/** The bytes of a .DBF file holding `spec.records` (memo fields blank). */
export function writeDbf(spec: DbfWriteSpec): Uint8Array {
  return writeDbfFiles(spec, false).dbf;
}

/** A .DBF file and, for a memo version, its memo side file (.dbt for dBase, .fpt for FoxPro). */
export function writeDbfWithMemo(spec: DbfWriteSpec): { dbf: Uint8Array; memo: Uint8Array | null } {
  return writeDbfFiles(spec, true);
}

function writeDbfFiles(spec: DbfWriteSpec, withMemo: boolean): { dbf: Uint8Array; memo: Uint8Array | null } {
  const version = spec.version ?? (spec.fields.some((field) => VISUAL_FOXPRO_TYPES.includes(field.type)) ? 0x30 : 0x03);
  const visualFoxPro = version >= 0x30 && version <= 0x32;
  const memoKind = withMemo ? memoKindOf(version) : null;
  const memoWriter = memoKind ? new MemoWriter(memoKind) : null;
  const memo = memoWriter ? { writer: memoWriter, binaryPointer: visualFoxPro } : null;
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

  view.setUint8(0, version);
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
    const length = lengths[index] ?? 0;
    bytes[at + 16] = length & 0xff;
    // Clipper's long C fields: the high byte of the length where the decimals would be.
    bytes[at + 17] = field.type === 'C' && length > 255 ? length >> 8 : (field.decimals ?? 0);
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
      writeValue(bytes, view, at, field, length, record.values[field.name.toUpperCase()], spec.codepage, memo);
      at += length;
    });
  });
  bytes[total - 1] = END_OF_FILE;
  return { dbf: bytes, memo: memoWriter ? memoWriter.bytes() : null };
}
