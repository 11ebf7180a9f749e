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

/** A URL-safe id for a display name: "Higiene Bucal" → "higiene-bucal". */
export function slugify(name: string): string {
  return splitWords(name).join('-');
}
