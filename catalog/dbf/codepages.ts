/**
 * The single-byte code pages point-of-sale .DBF files are written in, and the header's language driver
 * byte that names them. Node's TextDecoder knows windows-1252 but not the DOS pages 437 and 850 that
 * FoxPro/Clipper for DOS wrote, so all three are tables here: the lower half is ASCII, each string below
 * is the upper half (bytes 0x80–0xFF) in byte order.
 */

export type Codepage = 'cp437' | 'cp850' | 'cp1252';

export const CODEPAGES: readonly Codepage[] = ['cp437', 'cp850', 'cp1252'];

const UPPER_HALF: Record<Codepage, string> = {
  cp437:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»' +
    '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  cp850:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»' +
    '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' +
    'ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  // 0x80–0x9F are windows-1252's extras (the five unassigned bytes keep their C1 control code points,
  // as the WHATWG decoder does); 0xA0–0xFF equal Latin-1.
  cp1252:
    '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ' +
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿' +
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß' +
    'àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
};

interface CodepageTables {
  /** Byte → character, all 256. */
  readonly decode: readonly string[];
  /** Character → byte for the upper half (the lower half is ASCII). */
  readonly encode: ReadonlyMap<string, number>;
}

const tables = new Map<Codepage, CodepageTables>();

function tablesOf(codepage: Codepage): CodepageTables {
  const cached = tables.get(codepage);
  if (cached) return cached;
  const upper = [...UPPER_HALF[codepage]];
  if (upper.length !== 128) throw new Error(`code page table ${codepage} has ${upper.length} characters, not 128`);
  const decode: string[] = [];
  for (let byte = 0; byte < 128; byte += 1) decode.push(String.fromCharCode(byte));
  decode.push(...upper);
  const encode = new Map<string, number>();
  upper.forEach((ch, index) => encode.set(ch, 0x80 + index));
  const built = { decode, encode };
  tables.set(codepage, built);
  return built;
}

/** Decodes bytes of a single-byte code page to a JS string. */
export function decodeBytes(bytes: Uint8Array, codepage: Codepage): string {
  const { decode } = tablesOf(codepage);
  let text = '';
  for (const byte of bytes) text += decode[byte];
  return text;
}

/** Encodes a string to a code page; characters it cannot represent become '?'. */
export function encodeText(text: string, codepage: Codepage): Uint8Array {
  const { encode } = tablesOf(codepage);
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    bytes.push(code < 0x80 ? code : (encode.get(ch) ?? 0x3f));
  }
  return Uint8Array.from(bytes);
}

const LANGUAGE_DRIVERS: Record<Codepage, readonly number[]> = {
  // US, Dutch, Finnish, French, German, Italian, Swedish, Spanish, English (UK, US) OEM; FoxPro German/Nordic.
  cp437: [0x01, 0x09, 0x0b, 0x0d, 0x0f, 0x11, 0x15, 0x18, 0x19, 0x1b, 0x5e, 0x5f],
  // International, Dutch, French, German, Italian, Spanish, Swedish, English, Canadian French, Portuguese, US OEM.
  cp850: [0x02, 0x0a, 0x0e, 0x10, 0x12, 0x14, 0x16, 0x1a, 0x1d, 0x25, 0x37, 0x60],
  // Windows ANSI; dBase IV ANSI; Western European and Spanish ANSI; FoxPro German ANSI.
  cp1252: [0x03, 0x57, 0x58, 0x59, 0x61],
};

/** The code page a language driver byte names; null for 0 (not recorded) or a code page we do not read. */
export function codepageOfLanguageDriver(languageDriver: number): Codepage | null {
  for (const codepage of CODEPAGES) {
    if (LANGUAGE_DRIVERS[codepage].includes(languageDriver)) return codepage;
  }
  return null;
}

/** The language driver byte a writer records for a code page (the plain US/International/Windows ids). */
export function languageDriverOf(codepage: Codepage): number {
  return LANGUAGE_DRIVERS[codepage][0] ?? 0;
}
