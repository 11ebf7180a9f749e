/**
 * Was the text decoded with the wrong code page? Point-of-sale files often record a wrong one or none:
 * a DOS program's cp850 "NIÑOS" read as Windows cp1252 is "NI¥OS", "ANALGÉSICOS" becomes "ANALG�SICOS".
 *
 * The bytes ≥ 0x80 of every character field (collected while reading) are decoded with each candidate
 * code page and scored as Spanish catalog text: accented vowels, Ñ/ñ, Ü/ü, ¿ ¡ ° º ª score; symbols, box
 * drawing, Greek and unassigned bytes count against. When another candidate explains the bytes clearly
 * better than the code page used, the file's text was probably decoded wrongly.
 */
import { COMMON_CODEPAGES, decodeBytes, type Codepage } from './codepages';
import type { DbfTextStatistics } from './read';

/** Characters expected in Spanish product data. */
const SPANISH = new Set('áéíóúüñÁÉÍÓÚÜÑ¿¡°ºª');
/** Other Latin letters: plausible in brand or lab names (Nestlé, Roché, Lâb), not evidence either way. */
const LATIN_LETTER = /^[A-Za-zÀ-ÖØ-öø-ÿ]$/;

export interface CodepageSuspicion {
  /** The code page used to read the file. */
  readonly used: Codepage;
  /** The code page that explains the text better. */
  readonly likely: Codepage;
  /** How many character bytes ≥ 0x80 read as implausible characters with `used`. */
  readonly implausibleCharacters: number;
  /** A few values as read and as they would read with `likely`. */
  readonly examples: readonly { readonly field: string; readonly recordNumber: number; readonly asRead: string; readonly withLikely: string }[];
}

interface Score {
  readonly codepage: Codepage;
  readonly spanish: number;
  readonly implausible: number;
}

function scoreOf(codepage: Codepage, highBytes: Uint32Array): Score {
  let spanish = 0;
  let implausible = 0;
  for (let byte = 0x80; byte < 0x100; byte += 1) {
    const count = highBytes[byte] ?? 0;
    if (count === 0) continue;
    const ch = decodeBytes(Uint8Array.of(byte), codepage);
    if (SPANISH.has(ch)) spanish += count;
    else if (!LATIN_LETTER.test(ch)) implausible += count;
  }
  return { codepage, spanish, implausible };
}

/**
 * The better code page for the text when the one used looks wrong; null when the text reads plausibly
 * (or has no bytes ≥ 0x80 at all, when every code page reads it alike).
 */
export function suspectCodepage(
  used: Codepage,
  statistics: DbfTextStatistics,
  candidates: readonly Codepage[] = COMMON_CODEPAGES,
): CodepageSuspicion | null {
  // A file that names a code page outside the Western ones (Cyrillic, Greek…) is taken at its word.
  if (!candidates.includes(used)) return null;
  const current = scoreOf(used, statistics.highBytes);
  if (current.implausible === 0) return null;
  const better = candidates
    .filter((codepage) => codepage !== used)
    .map((codepage) => scoreOf(codepage, statistics.highBytes))
    // Clearly better: at most a quarter of the implausible characters, and more Spanish ones.
    .filter((score) => score.implausible * 4 <= current.implausible && score.spanish > current.spanish)
    .sort((a, b) => a.implausible - b.implausible || b.spanish - a.spanish);
  const likely = better[0];
  if (!likely) return null;
  const examples: { field: string; recordNumber: number; asRead: string; withLikely: string }[] = [];
  for (const sample of statistics.samples) {
    const asRead = decodeBytes(sample.bytes, used).trimEnd();
    const withLikely = decodeBytes(sample.bytes, likely.codepage).trimEnd();
    if (asRead !== withLikely && !examples.some((example) => example.asRead === asRead)) {
      examples.push({ field: sample.field, recordNumber: sample.recordNumber, asRead: visible(asRead), withLikely });
    }
    if (examples.length >= 3) break;
  }
  return { used, likely: likely.codepage, implausibleCharacters: current.implausible, examples };
}

/** Unassigned bytes and controls shown as '�' so the message itself stays readable. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** "DESCRIP «NI¥OS» (record 3) reads «NIÑOS» with cp850" lines for a message. */
export function describeSuspicion(suspicion: CodepageSuspicion): string {
  const shown = suspicion.examples
    .map((example) => `${example.field} "${example.asRead}" (record ${example.recordNumber}) would read "${example.withLikely}"`)
    .join('; ');
  return (
    `the text looks like ${suspicion.likely} read as ${suspicion.used} (${suspicion.implausibleCharacters} characters ` +
    `such as ${shown}); import again with --codepage ${suspicion.likely}` +
    ` (or --codepage ${suspicion.used} to import the text as it reads now)`
  );
}
