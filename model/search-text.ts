/**
 * Text folding and word splitting for catalog search. Shared by the APPSYNC_JS resolvers (bundled into
 * them) and by Node code (catalog loader), so it is written in the APPSYNC_JS subset: no regular
 * expressions, no classic for loops, no ++, no `in`, no try/throw.
 */

const FOLDED: Record<string, string> = {
  á: 'a', à: 'a', ä: 'a', â: 'a', ã: 'a', å: 'a',
  é: 'e', è: 'e', ë: 'e', ê: 'e',
  í: 'i', ì: 'i', ï: 'i', î: 'i',
  ó: 'o', ò: 'o', ö: 'o', ô: 'o', õ: 'o',
  ú: 'u', ù: 'u', ü: 'u', û: 'u',
  ñ: 'n', ç: 'c',
};

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Words too common in product names to be worth an index entry or a search filter. */
const STOP_WORDS: Record<string, boolean> = {
  de: true, del: true, la: true, las: true, el: true, los: true, con: true, en: true, para: true,
  por: true, sin: true, un: true, una: true, al: true,
  // One-letter words that join others ("Día y Noche") rather than name something ("Vitamina D", "Etapa 1").
  y: true, o: true, a: true, e: true, u: true,
};

/** Shortest word that is indexed or searched for. */
export const MIN_WORD_LENGTH = 2;

/** Lower-case and strip accents: "Ibuprofeno Niño" → "ibuprofeno nino". */
export function foldText(text: string): string {
  let folded = '';
  for (const ch of text.toLowerCase()) {
    folded = folded + (Object.hasOwn(FOLDED, ch) ? FOLDED[ch] : ch);
  }
  return folded;
}

/** All words of a text, folded, split on anything that is not a letter or digit. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  for (const ch of foldText(text) + ' ') {
    if (WORD_CHARS.indexOf(ch) >= 0) {
      current = current + ch;
    } else {
      if (current.length > 0) {
        words.push(current);
      }
      current = '';
    }
  }
  return words;
}

/** The distinct searchable words of a text: folded, no stop words, in order of first appearance. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  for (const word of splitWords(text)) {
    if (word.length >= MIN_WORD_LENGTH && !Object.hasOwn(STOP_WORDS, word) && words.indexOf(word) < 0) {
      words.push(word);
    }
  }
  return words;
}

/**
 * Every distinct word of a text that can tell products apart, one-letter words included ("Vitamina D",
 * "Etapa 1"): folded, no stop words. Search keeps these in an entry's word lists; only words of
 * MIN_WORD_LENGTH or more get entries of their own.
 */
export function listedWords(text: string): string[] {
  const words: string[] = [];
  for (const word of splitWords(text)) {
    if (!Object.hasOwn(STOP_WORDS, word) && words.indexOf(word) < 0) {
      words.push(word);
    }
  }
  return words;
}

/** The one-letter words of a text ("vitamina d" → ["d"]): too short to search for, used to rank. */
export function shortWords(text: string): string[] {
  return listedWords(text).filter((word) => word.length < MIN_WORD_LENGTH);
}

/** A URL-safe id for a display name: "Higiene Bucal" → "higiene-bucal". */
export function slugify(name: string): string {
  return splitWords(name).join('-');
}

/** A searchable word and how the catalog writes it (lower case, accents kept: "niños" for "ninos"). */
export interface ShownWord {
  word: string;
  shown: string;
}

/**
 * The distinct searchable words of a text with their written form, in order of first appearance:
 * "Ibuprofeno NIÑOS" → [{ word: 'ibuprofeno', shown: 'ibuprofeno' }, { word: 'ninos', shown: 'niños' }].
 */
export function shownWords(text: string): ShownWord[] {
  const words: ShownWord[] = [];
  let word = '';
  let shown = '';
  for (const ch of text.toLowerCase() + ' ') {
    const folded = Object.hasOwn(FOLDED, ch) ? (FOLDED[ch] as string) : ch;
    if (folded.length === 1 && WORD_CHARS.indexOf(folded) >= 0) {
      word = word + folded;
      shown = shown + ch;
    } else {
      const known = words.some((entry) => entry.word === word);
      if (word.length >= MIN_WORD_LENGTH && !Object.hasOwn(STOP_WORDS, word) && !known) {
        words.push({ word, shown });
      }
      word = '';
      shown = '';
    }
  }
  return words;
}

/** Shortest barcode or SKU (letters and digits only) that is indexed and looked up. */
export const MIN_CODE_LENGTH = 3;

/** A code as typed or printed, reduced to folded letters and digits: "ANA-00012" → "ana00012". */
export function compactCode(text: string): string {
  return splitWords(text).join('');
}

/**
 * True when `a` becomes `b` with at most one edit: a letter changed, added or removed, or two neighbours
 * swapped ("ibuprofneo" → "ibuprofeno"); the optimal string alignment distance is at most 1.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const longer = a.length >= b.length ? a : b;
  const shorter = a.length >= b.length ? b : a;
  if (longer.length - shorter.length > 1) {
    return false;
  }
  const at = longer.split('').findIndex((ch, index) => ch !== shorter.charAt(index));
  if (longer.length !== shorter.length) {
    return longer.slice(at + 1) === shorter.slice(at);
  }
  if (longer.slice(at + 1) === shorter.slice(at + 1)) {
    return true;
  }
  return (
    longer.charAt(at) === shorter.charAt(at + 1) &&
    longer.charAt(at + 1) === shorter.charAt(at) &&
    longer.slice(at + 2) === shorter.slice(at + 2)
  );
}
