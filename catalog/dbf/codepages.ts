/**
 * Code pages of .DBF text and the header's language driver byte that names them. The character tables
 * come from iconv-lite (the converter dbffile and most Node DBF readers use), not from tables of our own:
 * any code page iconv-lite knows can be named with `--codepage`, and every language driver dBase, FoxPro
 * and Visual FoxPro document maps to one.
 *
 * Single-byte pages (all the DOS and Windows ones a POS writes) are decoded through a 256-entry table
 * built once from iconv-lite, which keeps decoding at table speed; multi-byte pages (Shift-JIS, GBK, Big5,
 * Korean) go through iconv-lite for every value.
 */
import iconv from 'iconv-lite';

/** A code page name iconv-lite knows, lower case: 'cp850', 'cp1252', 'cp437', 'cp1251', 'macintosh'… */
export type Codepage = string;

/** The code pages POS files in Mexico are written in, in the order a detector tries them. */
export const COMMON_CODEPAGES: readonly Codepage[] = ['cp1252', 'cp850', 'cp437'];

/** Language driver byte (header offset 29) → code page, from the dBase IV/5 and Visual FoxPro tables. */
const LANGUAGE_DRIVERS: ReadonlyMap<number, Codepage> = new Map<number, Codepage>([
  [0x01, 'cp437'], // US MS-DOS
  [0x02, 'cp850'], // International MS-DOS
  [0x03, 'cp1252'], // Windows ANSI
  [0x04, 'macintosh'], // Standard Macintosh
  [0x08, 'cp865'], // Danish OEM
  [0x09, 'cp437'], // Dutch OEM
  [0x0a, 'cp850'], // Dutch OEM (secondary)
  [0x0b, 'cp437'], // Finnish OEM
  [0x0d, 'cp437'], // French OEM
  [0x0e, 'cp850'], // French OEM (secondary)
  [0x0f, 'cp437'], // German OEM
  [0x10, 'cp850'], // German OEM (secondary)
  [0x11, 'cp437'], // Italian OEM
  [0x12, 'cp850'], // Italian OEM (secondary)
  [0x13, 'cp932'], // Japanese Shift-JIS
  [0x14, 'cp850'], // Spanish OEM (secondary)
  [0x15, 'cp437'], // Swedish OEM
  [0x16, 'cp850'], // Swedish OEM (secondary)
  [0x17, 'cp865'], // Norwegian OEM
  [0x18, 'cp437'], // Spanish OEM
  [0x19, 'cp437'], // English OEM (Britain)
  [0x1a, 'cp850'], // English OEM (Britain, secondary)
  [0x1b, 'cp437'], // English OEM (US)
  [0x1c, 'cp863'], // French OEM (Canada)
  [0x1d, 'cp850'], // French OEM (secondary)
  [0x1f, 'cp852'], // Czech OEM
  [0x22, 'cp852'], // Hungarian OEM
  [0x23, 'cp852'], // Polish OEM
  [0x24, 'cp860'], // Portuguese OEM
  [0x25, 'cp850'], // Portuguese OEM (secondary)
  [0x26, 'cp866'], // Russian OEM
  [0x37, 'cp850'], // English OEM (US, secondary)
  [0x40, 'cp852'], // Romanian OEM
  [0x4d, 'cp936'], // Chinese GBK (PRC)
  [0x4e, 'cp949'], // Korean
  [0x4f, 'cp950'], // Chinese Big5 (Taiwan)
  [0x50, 'cp874'], // Thai
  [0x57, 'cp1252'], // ANSI (current)
  [0x58, 'cp1252'], // Western European ANSI
  [0x59, 'cp1252'], // Spanish ANSI
  [0x64, 'cp852'], // Eastern European MS-DOS
  [0x65, 'cp866'], // Russian MS-DOS
  [0x66, 'cp865'], // Nordic MS-DOS
  [0x67, 'cp861'], // Icelandic MS-DOS
  [0x6a, 'cp737'], // Greek MS-DOS
  [0x6b, 'cp857'], // Turkish MS-DOS
  [0x6c, 'cp863'], // French-Canadian MS-DOS
  [0x78, 'cp950'], // Taiwan Big5
  [0x79, 'cp949'], // Hangul (Wansung)
  [0x7a, 'cp936'], // PRC GBK
  [0x7b, 'cp932'], // Japanese Shift-JIS
  [0x7c, 'cp874'], // Thai Windows/MS-DOS
  [0x86, 'cp737'], // Greek OEM
  [0x87, 'cp852'], // Slovenian OEM
  [0x88, 'cp857'], // Turkish OEM
  [0x96, 'maccyrillic'], // Russian Macintosh
  [0x97, 'maccenteuro'], // Eastern European Macintosh
  [0x98, 'macgreek'], // Greek Macintosh
  [0xc8, 'cp1250'], // Eastern European Windows
  [0xc9, 'cp1251'], // Russian Windows
  [0xca, 'cp1254'], // Turkish Windows
  [0xcb, 'cp1253'], // Greek Windows
  [0xcc, 'cp1257'], // Baltic Windows
]);

/** The language driver a writer records for a code page (the first of the table that names it). */
const PREFERRED_DRIVER: ReadonlyMap<Codepage, number> = (() => {
  const preferred = new Map<Codepage, number>();
  for (const [driver, codepage] of LANGUAGE_DRIVERS) if (!preferred.has(codepage)) preferred.set(codepage, driver);
  return preferred;
})();

/** 'CP850', 'cp-850', '850', 'windows-1252' → the name iconv-lite and this module use; null when unknown. */
export function normalizeCodepage(name: string): Codepage | null {
  const compact = name.trim().toLowerCase().replace(/[-_ ]/g, '');
  const candidates = /^\d+$/.test(compact) ? [`cp${compact}`] : [compact, compact.replace(/^windows/, 'cp')];
  for (const candidate of candidates) if (iconv.encodingExists(candidate)) return candidate;
  return null;
}

export function isCodepage(name: string): boolean {
  return normalizeCodepage(name) !== null;
}

interface SingleByteTable {
  /** Byte → UTF-16 code unit. */
  readonly units: Uint16Array;
  /** True when bytes 0x00–0x7F are ASCII (then ASCII-only text needs no table). */
  readonly asciiLower: boolean;
}

const singleByteTables = new Map<Codepage, SingleByteTable | null>();

/** The byte → character table of a single-byte code page; null for multi-byte ones. */
function singleByteTable(codepage: Codepage): SingleByteTable | null {
  const cached = singleByteTables.get(codepage);
  if (cached !== undefined) return cached;
  let table: SingleByteTable | null = null;
  const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
  const decoded = iconv.decode(all, codepage);
  if (decoded.length === 256) {
    const units = new Uint16Array(256);
    let asciiLower = true;
    for (let byte = 0; byte < 256; byte += 1) {
      units[byte] = decoded.charCodeAt(byte);
      if (byte < 0x80 && units[byte] !== byte) asciiLower = false;
    }
    table = { units, asciiLower };
  }
  singleByteTables.set(codepage, table);
  return table;
}

const latin1 = new TextDecoder('latin1');

/** Decodes bytes of a code page to a JS string (bytes the code page does not assign become U+FFFD). */
export function decodeBytes(bytes: Uint8Array, codepage: Codepage): string {
  const table = singleByteTable(codepage);
  if (!table) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codepage);
  let ascii = table.asciiLower;
  if (ascii) {
    for (let at = 0; at < bytes.length; at += 1) {
      if ((bytes[at] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return latin1.decode(bytes);
  }
  const units = new Uint16Array(bytes.length);
  for (let at = 0; at < bytes.length; at += 1) units[at] = table.units[bytes[at] as number] as number;
  return String.fromCharCode.apply(null, units as unknown as number[]);
}

/** Encodes a string to a code page; characters it cannot represent become '?'. */
export function encodeText(text: string, codepage: Codepage): Uint8Array {
  return new Uint8Array(iconv.encode(text, codepage));
}

/** The code page a language driver byte names; null for 0 (not recorded) or a byte no table documents. */
export function codepageOfLanguageDriver(languageDriver: number): Codepage | null {
  return LANGUAGE_DRIVERS.get(languageDriver) ?? null;
}

/** The language driver byte a writer records for a code page; 0 ("not recorded") when none names it. */
export function languageDriverOf(codepage: Codepage): number {
  return PREFERRED_DRIVER.get(codepage) ?? 0;
}

/** Characters that are not text: C0/C1 controls, DEL, and U+FFFD for bytes a code page leaves unassigned. */
function isNotText(unit: number): boolean {
  return unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit === 0xfffd;
}

/**
 * A decoder for one code page, for the hot loop of reading records: trims trailing spaces/NULs on the bytes
 * before decoding, decodes pure ASCII natively, and finds bytes that are not text in the same pass. It
 * returns the text; `badAt()` then tells the index of the first byte that decodes to a control or an
 * unassigned character (-1 when none) — kept out of the return value so no object is made per field.
 */
export interface FieldTextDecoder {
  (buffer: Buffer, start: number, end: number): string;
  badAt(): number;
}

/** Buffer's own latin1 decoder, which `toString('latin1', …)` calls after its argument checks. */
type LatinSlicing = Buffer & { latin1Slice(start: number, end: number): string };

export function textDecoderFor(codepage: Codepage): FieldTextDecoder {
  const table = singleByteTable(codepage);
  let lastBadAt = -1;
  let decoder: (buffer: Buffer, start: number, end: number) => string;
  if (!table) {
    decoder = (buffer, start, end) => {
      while (end > start && (buffer[end - 1] === 0x20 || buffer[end - 1] === 0)) end -= 1;
      const text = iconv.decode(buffer.subarray(start, end), codepage);
      lastBadAt = -1;
      for (let at = 0; at < text.length; at += 1) {
        if (isNotText(text.charCodeAt(at))) {
          lastBadAt = at;
          break;
        }
      }
      return text;
    };
  } else {
    const { units, asciiLower } = table;
    const bad = new Uint8Array(256);
    for (let byte = 0; byte < 256; byte += 1) bad[byte] = isNotText(units[byte] as number) ? 1 : 0;
    const scratch = new Uint16Array(65_536);
    decoder = (buffer, start, end) => {
      while (end > start && (buffer[end - 1] === 0x20 || buffer[end - 1] === 0)) end -= 1;
      let high = !asciiLower;
      lastBadAt = -1;
      for (let at = start; at < end; at += 1) {
        const byte = buffer[at] as number;
        if (byte >= 0x80) high = true;
        if (bad[byte] === 1 && lastBadAt < 0) lastBadAt = at - start;
      }
      if (!high) return (buffer as LatinSlicing).latin1Slice(start, end);
      const length = end - start;
      for (let at = 0; at < length; at += 1) scratch[at] = units[buffer[start + at] as number] as number;
      return String.fromCharCode.apply(null, scratch.subarray(0, length) as unknown as number[]);
    };
  }
  return Object.assign(decoder, { badAt: () => lastBadAt });
}
