/**
 * Catalog search over the search entries (docs/data-model.md, "Search"): check the text, pick the query
 * word whose entries are read (the anchor), then match the other words, rank, filter, sort and page over
 * every product found — so pages are full and stable — plus barcode/SKU lookups, one-edit typo tolerance
 * and suggestions as the shopper types.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset (no regular expressions, no while or
 * for(;;), no ++, no try/throw, no sort comparators: ranking sorts strings built to sort right).
 */
import { searchBucket, searchCodeBucket } from './keys';
import type { SearchEntryItem, SearchField } from './product-items';
import { MIN_CODE_LENGTH, compactCode, searchWords, shownWords, slugify, splitWords, withinOneEdit, type ShownWord } from './search-text';

export const SEARCH_TEXT_LENGTH = { min: 2, max: 100 };
/** Suggestions: 8 unless asked otherwise, at most 20. */
export const SUGGESTION_LIMIT = { default: 8, max: 20 };
/** Shortest query word that may match with one edit (a typo), or be corrected. */
export const TYPO_MIN_LENGTH = 5;

export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME';
export const SEARCH_SORTS: SearchSort[] = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NAME'];

/** The optional filters of searchProducts, as the GraphQL input gives them. */
export interface SearchFilterArgs {
  category?: string | null;
  lab?: string | null;
  prescriptionRequired?: boolean | null;
  inStock?: boolean | null;
}

/** The filters as search applies them: ids folded, absent ones null. */
export interface SearchFilter {
  categoryId: string | null;
  labId: string | null;
  prescriptionRequired: boolean | null;
  inStock: boolean | null;
}

/** Everything the pipeline functions need to run one search (the resolver leaves it in the stash). */
export interface SearchRequest {
  /** Folded query words, stop words left out. */
  words: string[];
  /** One-letter query words ("vitamina d" → ["d"]): not required, but a product that has one ranks higher. */
  boostWords: string[];
  /** The query word whose entries are read ('' when there is none). */
  anchor: string;
  /** The text as a code (barcode, SKU) when it could be one; null otherwise. */
  code: string | null;
  filter: SearchFilter;
  sort: SearchSort;
  limit: number;
  /** Sort key of the last product of the previous page; null for the first page. */
  after: string | null;
}

/** One page of ranked product ids. */
export interface RankedPage {
  ids: string[];
  /** Sort key of the page's last product when more follow; null on the last page. */
  nextCursor: string | null;
  /** How many products match (over the entries read). */
  total: number;
  /** The query words with the ones matched only through a typo replaced by what they matched; null when none. */
  correctedWords: string[] | null;
}

export type SearchTextCheck = { ok: true; words: string[] } | { ok: false; message: string };

/** The words to search for; an error message when the text is too short or too long. */
export function checkSearchText(text: string | null | undefined): SearchTextCheck {
  const length = typeof text === 'string' ? text.length : 0;
  const trimmedLength = typeof text === 'string' ? text.trim().length : 0;
  if (typeof text !== 'string' || trimmedLength < SEARCH_TEXT_LENGTH.min || length > SEARCH_TEXT_LENGTH.max) {
    return {
      ok: false,
      message: `Search text must be ${SEARCH_TEXT_LENGTH.min} to ${SEARCH_TEXT_LENGTH.max} characters long; got ${length}.`,
    };
  }
  return { ok: true, words: searchWords(text) };
}

const DIGITS = '0123456789';

function hasDigit(text: string): boolean {
  return text.split('').some((ch) => DIGITS.indexOf(ch) >= 0);
}

function hasLetter(text: string): boolean {
  return text.split('').some((ch) => DIGITS.indexOf(ch) < 0);
}

/**
 * The query word whose entries are read: the longest word with a letter (numbers like "500" are in many
 * names), else the longest. Ties go to the first.
 */
export function anchorWord(words: string[]): string {
  let best = '';
  let bestHasLetter = false;
  words.forEach((word) => {
    const letter = hasLetter(word);
    if ((letter && !bestHasLetter) || (letter === bestHasLetter && word.length > best.length)) {
      best = word;
      bestHasLetter = letter;
    }
  });
  return best;
}

/** The text as a barcode or SKU ("ANA-00012" → "ana00012"): one token with a digit; null otherwise. */
export function codeOfText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.indexOf(' ') >= 0) {
    return null;
  }
  const code = compactCode(trimmed);
  return code.length >= MIN_CODE_LENGTH && hasDigit(code) ? code : null;
}

export function searchFilterOf(args: SearchFilterArgs | null | undefined): SearchFilter {
  const given = args ? args : {};
  const category = typeof given.category === 'string' ? slugify(given.category) : '';
  const lab = typeof given.lab === 'string' ? slugify(given.lab) : '';
  return {
    categoryId: category.length > 0 ? category : null,
    labId: lab.length > 0 ? lab : null,
    prescriptionRequired: typeof given.prescriptionRequired === 'boolean' ? given.prescriptionRequired : null,
    inStock: typeof given.inStock === 'boolean' ? given.inStock : null,
  };
}

/** What a page token belongs to: the same words, filters and sort must come with it. */
export function searchSignature(request: Pick<SearchRequest, 'words' | 'boostWords' | 'code' | 'filter' | 'sort'>): string {
  const filter = request.filter;
  return [
    request.words.join(' '),
    request.boostWords.join(' '),
    request.code ? request.code : '',
    filter.categoryId ? filter.categoryId : '',
    filter.labId ? filter.labId : '',
    `${filter.prescriptionRequired}`,
    `${filter.inStock}`,
    request.sort,
  ].join('|');
}

const TOKEN_VERSION = 's1';
const SEPARATOR = '\u0001';

/** The text a page token encodes (the resolver base64-encodes it). */
export function pageTokenText(signature: string, cursor: string): string {
  return [TOKEN_VERSION, signature, cursor].join(SEPARATOR);
}

/** The cursor inside a decoded page token; null when the token is not one of this search's. */
export function cursorOfPageToken(text: string, signature: string): string | null {
  const parts = text.split(SEPARATOR);
  if (parts.length < 3 || parts[0] !== TOKEN_VERSION || parts[1] !== signature) {
    return null;
  }
  const cursor = parts.slice(2).join(SEPARATOR);
  return cursor.length > 0 ? cursor : null;
}

/** The DynamoDB Query of the anchor word's entries: its bucket, sort keys beginning with it. */
export function wordEntriesQuery(word: string) {
  return { PK: { eq: searchBucket(word) }, SK: { beginsWith: word } };
}

/** The attributes ranking reads from an entry (the Query's projection: less to send and to parse). */
export const RANKING_ATTRIBUTES = [
  'SK',
  'productId',
  'nameWords',
  'ingredientWords',
  'labWords',
  'sortName',
  'priceCents',
  'inStock',
  'active',
  'categoryId',
  'labId',
  'prescriptionRequired',
];

/** The DynamoDB Query of the entries of codes beginning with `code`. */
export function codeEntriesQuery(code: string) {
  return { PK: { eq: searchCodeBucket(code) }, SK: { beginsWith: code } };
}

/** The term of an entry: its sort key before the product id. */
export function entryTerm(entry: Pick<SearchEntryItem, 'SK'>): string {
  return entry.SK.split('#')[0] as string;
}

// ── Matching and scoring ──
// A query word scores 4 × kind + field: kind whole word 3, word prefix 2, one edit (typo) 1; field name 3,
// active ingredient 2, lab 1. So any whole-word match outranks any prefix, and between equal kinds the name
// outranks the ingredient, which outranks the lab. A product's score is the sum over the query words.
const FIELDS: { field: SearchField; weight: number }[] = [
  { field: 'name', weight: 3 },
  { field: 'ingredient', weight: 2 },
  { field: 'lab', weight: 1 },
];
const WHOLE = 3;
const PREFIX = 2;
const TYPO = 1;
/** A barcode or SKU typed whole outranks any word match; a code's beginning nearly so. */
const CODE_SCORE = { exact: 100, prefix: 60 };

function wordsOf(entry: SearchEntryItem, field: SearchField): string {
  if (field === 'name') {
    return entry.nameWords;
  }
  return field === 'ingredient' ? entry.ingredientWords : entry.labWords;
}

/** Score of an exact (whole word or prefix) match of `word` in the product of `entry`; 0 when none. */
export function exactMatchScore(word: string, entry: SearchEntryItem): number {
  let best = 0;
  FIELDS.forEach((field) => {
    const words = wordsOf(entry, field.field);
    const score = words.indexOf(` ${word} `) >= 0 ? 4 * WHOLE + field.weight : words.indexOf(` ${word}`) >= 0 ? 4 * PREFIX + field.weight : 0;
    if (score > best) {
      best = score;
    }
  });
  return best;
}

/** True when `word` is one edit away from `candidate` or from its beginning (a typo while typing). */
export function nearWord(word: string, candidate: string): boolean {
  if (word.length < TYPO_MIN_LENGTH || candidate.length < TYPO_MIN_LENGTH - 1) {
    return false;
  }
  return (
    withinOneEdit(word, candidate) ||
    withinOneEdit(word, candidate.slice(0, word.length)) ||
    withinOneEdit(word, candidate.slice(0, word.length - 1)) ||
    withinOneEdit(word, candidate.slice(0, word.length + 1))
  );
}

interface TypoMatch {
  score: number;
  matched: string;
}

/** Best one-edit match of `word` in the product of `entry`. */
export function typoMatch(word: string, entry: SearchEntryItem): TypoMatch {
  let best: TypoMatch = { score: 0, matched: '' };
  FIELDS.forEach((field) => {
    wordsOf(entry, field.field)
      .split(' ')
      .forEach((candidate) => {
        const score = 4 * TYPO + field.weight;
        if (score > best.score && nearWord(word, candidate)) {
          best = { score, matched: candidate };
        }
      });
  });
  return best;
}

function pad(value: number, width: number): string {
  const text = `${Math.max(0, Math.floor(value))}`;
  return text.length >= width ? text : `${'000000000000'.slice(0, width - text.length)}${text}`;
}

const MAX_PRICE_CENTS = 999999999;

/** A product's place in the order asked for: sort keys compare as strings; the id makes each unique. */
export function rankSortKey(sort: SearchSort, score: number, entry: SearchEntryItem, firstWord: string): string {
  const tail = `${SEPARATOR}${entry.sortName}${SEPARATOR}${entry.productId}`;
  if (sort === 'PRICE_ASC') {
    return `${pad(entry.priceCents, 9)}${tail}`;
  }
  if (sort === 'PRICE_DESC') {
    return `${pad(MAX_PRICE_CENTS - entry.priceCents, 9)}${tail}`;
  }
  if (sort === 'NAME') {
    return tail.slice(1);
  }
  // Relevance: score, then in stock first, then names starting with the first query word, then shorter names.
  const startsWith = firstWord.length > 0 && entry.sortName.indexOf(firstWord) === 0;
  const nameLength = entry.sortName.split(' ').length;
  return `${pad(999 - score, 3)}${entry.inStock ? '0' : '1'}${startsWith ? '0' : '1'}${pad(nameLength, 2)}${tail}`;
}

function productIdOfSortKey(key: string): string {
  const parts = key.split(SEPARATOR);
  return parts[parts.length - 1] as string;
}

function passesFilter(entry: SearchEntryItem, filter: SearchFilter): boolean {
  return (
    (filter.categoryId === null || entry.categoryId === filter.categoryId) &&
    (filter.labId === null || entry.labId === filter.labId) &&
    (filter.prescriptionRequired === null || entry.prescriptionRequired === filter.prescriptionRequired) &&
    (filter.inStock === null || entry.inStock === filter.inStock)
  );
}

/** Entries written before search entries carried the product's facts are skipped (see the reindex). */
function isCurrentEntry(entry: SearchEntryItem): boolean {
  return typeof entry.nameWords === 'string' && typeof entry.sortName === 'string' && typeof entry.active === 'boolean';
}

interface Candidate {
  entry: SearchEntryItem;
  codeScore: number;
  scores: number[];
}

/**
 * Ranks every active product found — through the anchor word's entries (`wordEntries`) or a code
 * (`codeEntries`) — that matches every query word (a word no product has exactly may match with one edit)
 * and the filters, orders them as asked, and cuts the page that follows `request.after`.
 */
export function rankSearch(request: SearchRequest, wordEntries: SearchEntryItem[], codeEntries: SearchEntryItem[]): RankedPage {
  const byId: Record<string, Candidate> = {};
  const ids: string[] = [];
  const consider = (entry: SearchEntryItem, codeScore: number) => {
    if (!isCurrentEntry(entry) || !entry.active || !passesFilter(entry, request.filter)) {
      return;
    }
    if (Object.hasOwn(byId, entry.productId)) {
      const known = byId[entry.productId] as Candidate;
      known.codeScore = Math.max(known.codeScore, codeScore);
      return;
    }
    byId[entry.productId] = { entry, codeScore, scores: [] };
    ids.push(entry.productId);
  };
  codeEntries.forEach((entry) => {
    const term = entryTerm(entry);
    if (request.code && term.indexOf(request.code) === 0) {
      consider(entry, term === request.code ? CODE_SCORE.exact : CODE_SCORE.prefix);
    }
  });
  wordEntries.forEach((entry) => consider(entry, 0));

  // Exact matches first; a word that no candidate has exactly may then match with one edit.
  const exactSomewhere = request.words.map(() => false);
  ids.forEach((id) => {
    const candidate = byId[id] as Candidate;
    candidate.scores = request.words.map((word, index) => {
      const score = exactMatchScore(word, candidate.entry);
      if (score > 0) {
        exactSomewhere[index] = true;
      }
      return score;
    });
  });
  const corrections: Record<string, Record<string, number>> = {};
  request.words.forEach((word, index) => {
    if (exactSomewhere[index] || word.length < TYPO_MIN_LENGTH) {
      return;
    }
    corrections[word] = {};
    ids.forEach((id) => {
      const candidate = byId[id] as Candidate;
      const match = typoMatch(word, candidate.entry);
      candidate.scores[index] = match.score;
      if (match.score > 0) {
        const seen = corrections[word] as Record<string, number>;
        seen[match.matched] = (Object.hasOwn(seen, match.matched) ? (seen[match.matched] as number) : 0) + 1;
      }
    });
  });

  const firstWord = request.words.length > 0 ? (request.words[0] as string) : '';
  const keys: string[] = [];
  ids.forEach((id) => {
    const candidate = byId[id] as Candidate;
    const matchesAll = request.words.length > 0 && candidate.scores.every((score) => score > 0);
    if (!matchesAll && candidate.codeScore === 0) {
      return;
    }
    const wordScore = matchesAll ? candidate.scores.reduce((sum, score) => sum + score, 0) : 0;
    // A one-letter word counts only as a whole word ("d" in "Vitamina D", not the d of "dolor").
    const boost = request.boostWords.reduce((sum, word) => sum + (exactMatchScore(word, candidate.entry) >= 4 * WHOLE ? exactMatchScore(word, candidate.entry) : 0), 0);
    keys.push(rankSortKey(request.sort, candidate.codeScore + wordScore + boost, candidate.entry, firstWord));
  });
  keys.sort();

  const after = request.after;
  const remaining = after === null ? keys : keys.filter((key) => key > after);
  const page = remaining.slice(0, request.limit);
  const corrected = Object.keys(corrections).filter((word) => Object.keys(corrections[word] as Record<string, number>).length > 0);
  return {
    ids: page.map((key) => productIdOfSortKey(key)),
    nextCursor: remaining.length > page.length ? (page[page.length - 1] as string) : null,
    total: keys.length,
    correctedWords:
      corrected.length === 0 ? null : request.words.map((word) => (corrected.indexOf(word) >= 0 ? mostSeen(corrections[word] as Record<string, number>) : word)),
  };
}

function mostSeen(counts: Record<string, number>): string {
  let best = '';
  let bestCount = 0;
  Object.keys(counts).forEach((word) => {
    const count = counts[word] as number;
    if (count > bestCount || (count === bestCount && word < best)) {
      best = word;
      bestCount = count;
    }
  });
  return best;
}

// ── Spelling: "¿Quisiste decir …?" ──

/** Whether the anchor word deserves a spelling correction: nothing found, and long enough to judge. */
export function wantsCorrection(request: SearchRequest, foundEntries: number): boolean {
  return foundEntries === 0 && request.anchor.length >= TYPO_MIN_LENGTH;
}

/** The bucket to look for near words in: the anchor's (a typo in the first two letters is not corrected). */
export function spellingQuery(word: string) {
  return { PK: { eq: searchBucket(word) } };
}

/**
 * The catalog word nearest to `word` among the bucket's entries: one edit from the word (or from the
 * beginning of a longer word); whole-word neighbours first, then the word most products have, then A–Z.
 * Null when none is near.
 */
export function spellingCorrection(word: string, entries: Pick<SearchEntryItem, 'SK'>[]): string | null {
  const counts: Record<string, number> = {};
  entries.forEach((entry) => {
    const term = entryTerm(entry);
    counts[term] = (Object.hasOwn(counts, term) ? (counts[term] as number) : 0) + 1;
  });
  const keys: string[] = [];
  Object.keys(counts).forEach((term) => {
    if (term === word || !nearWord(word, term)) {
      return;
    }
    const whole = withinOneEdit(word, term);
    keys.push(`${whole ? '0' : '1'}${pad(999999 - (counts[term] as number), 6)}${SEPARATOR}${term}`);
  });
  keys.sort();
  return keys.length > 0 ? productIdOfSortKey(keys[0] as string) : null;
}

/** The request with the anchor word replaced by its correction. */
export function correctedRequest(request: SearchRequest, correction: string): SearchRequest {
  return {
    ...request,
    words: request.words.map((word) => (word === request.anchor ? correction : word)),
    anchor: correction,
  };
}

// ── Suggestions as the shopper types ──

export interface SearchSuggestion {
  /** The text to search: what was typed before the last word, then the completed word as the catalog writes it. */
  text: string;
  /** How many active products have the completed word (and the words before it). */
  productCount: number;
  /** Where the completed word is found most: NAME, INGREDIENT or LAB. */
  field: 'NAME' | 'INGREDIENT' | 'LAB';
}

export type SuggestionLimitCheck = { ok: true; limit: number } | { ok: false; message: string };

export function checkSuggestionLimit(limit: number | null | undefined): SuggestionLimitCheck {
  if (limit === null || limit === undefined) {
    return { ok: true, limit: SUGGESTION_LIMIT.default };
  }
  if (Math.floor(limit) !== limit || limit < 1 || limit > SUGGESTION_LIMIT.max) {
    return { ok: false, message: `limit must be a whole number from 1 to ${SUGGESTION_LIMIT.max}.` };
  }
  return { ok: true, limit };
}

/** What is being typed: the last word's beginning, the search words before it, and those as typed. */
export interface TypedPrefix {
  /** Folded beginning of the last word (stop words too: "de" may become "dexametasona"). */
  last: string;
  before: string[];
  /** The text before the last word, as typed ("Ibuprofeno niñ" → "Ibuprofeno"). */
  head: string;
  /** The last word as typed, lower case, accents kept ("niñ"). */
  lastWritten: string;
}

/** The typed prefix; null when the last word has fewer than 2 letters or digits. */
export function typedPrefix(text: string): TypedPrefix | null {
  const tokens = text.split(' ').filter((token) => token.length > 0);
  const lastToken = tokens.length > 0 ? (tokens[tokens.length - 1] as string) : '';
  const lastWords = splitWords(lastToken);
  const last = lastWords.length > 0 ? (lastWords[lastWords.length - 1] as string) : '';
  if (last.length < 2) {
    return null;
  }
  const head = tokens.slice(0, tokens.length - 1).join(' ');
  const written = shownWords(lastToken);
  const lastWritten = written.length > 0 ? (written[written.length - 1] as ShownWord).shown : last;
  return { last, before: searchWords(`${head} ${lastWords.slice(0, lastWords.length - 1).join(' ')}`), head, lastWritten };
}

const FIELD_NAMES: Record<string, 'NAME' | 'INGREDIENT' | 'LAB'> = { name: 'NAME', ingredient: 'INGREDIENT', lab: 'LAB' };
const FIELD_RANK: Record<string, string> = { name: '0', ingredient: '1', lab: '2' };

/**
 * The top `limit` completions of the last typed word among `entries` (the entries beginning with it):
 * words of active products that also match the words typed before it; words written the way it was typed
 * first ("pañ" → "pañales" before "pantoprazol"), then the word most products have, then name words before
 * ingredients before labs, then A–Z.
 */
export function rankSuggestions(text: string, entries: SearchEntryItem[], limit: number): SearchSuggestion[] {
  const typed = typedPrefix(text);
  if (typed === null) {
    return [];
  }
  const last = typed.last;
  const before = typed.before;
  const counts: Record<string, number> = {};
  const fields: Record<string, string> = {};
  const shown: Record<string, string> = {};
  entries.forEach((entry) => {
    const term = entryTerm(entry);
    if (!isCurrentEntry(entry) || !entry.active || entry.field === 'code' || term.indexOf(last) !== 0) {
      return;
    }
    if (!before.every((word) => exactMatchScore(word, entry) > 0)) {
      return;
    }
    counts[term] = (Object.hasOwn(counts, term) ? (counts[term] as number) : 0) + 1;
    const known = Object.hasOwn(fields, term) ? (fields[term] as string) : 'lab';
    if ((FIELD_RANK[entry.field] as string) <= (FIELD_RANK[known] as string)) {
      fields[term] = entry.field;
      shown[term] = entry.shown;
    }
  });
  const keys = Object.keys(counts).map((term) => {
    const asTyped = (shown[term] as string).indexOf(typed.lastWritten) === 0 ? '0' : '1';
    return `${asTyped}${pad(999999 - (counts[term] as number), 6)}${FIELD_RANK[fields[term] as string]}${SEPARATOR}${term}`;
  });
  keys.sort();
  const head = typed.head;
  return keys.slice(0, limit).map((key) => {
    const term = productIdOfSortKey(key);
    return {
      text: head.length > 0 ? `${head} ${shown[term]}` : (shown[term] as string),
      productCount: counts[term] as number,
      field: FIELD_NAMES[fields[term] as string] as 'NAME' | 'INGREDIENT' | 'LAB',
    };
  });
}

// ── The searchProducts pipeline's contract ──

/** What each searchProducts function hands to the next (as its result). */
export interface SearchState {
  /** The search as run: after a spelling correction, with the corrected anchor. */
  request: SearchRequest;
  /** Entries of codes beginning with the text (barcode, SKU); empty when the text is not a code. */
  codeEntries: SearchEntryItem[];
  /** The ranked page; null while a spelling correction is still to be tried. */
  page: RankedPage | null;
  /** The corrected anchor as the catalog writes it ("ibuprofeno"), when the anchor was corrected. */
  correctedAnchor: string | null;
}

export function emptyRankedPage(): RankedPage {
  return { ids: [], nextCursor: null, total: 0, correctedWords: null };
}

/**
 * The text the results are for when it differs from what was typed: the query words with the corrected
 * anchor (as the catalog writes it) and the words matched through a typo replaced. Null when nothing was.
 */
export function correctedTextOf(typed: SearchRequest, state: SearchState): string | null {
  const page = state.page ? state.page : emptyRankedPage();
  if (state.correctedAnchor === null && page.correctedWords === null) {
    return null;
  }
  const words = page.correctedWords ? page.correctedWords : state.request.words;
  return words
    .map((word, index) => (word === state.request.anchor && state.correctedAnchor !== null && typed.words[index] !== word ? state.correctedAnchor : word))
    .join(' ');
}
