/**
 * Catalog search over the `SEARCH#<xx>` entries (docs/data-model.md): check the text, pick the query word
 * that narrows the read most, filter on the others, and keep products in the order found, once each.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { searchBucket } from './keys';
import { searchWords } from './search-text';

export const SEARCH_TEXT_LENGTH = { min: 2, max: 100 };

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

export interface SearchPlan {
  /** Partition of the entries to read: the bucket of the longest query word. */
  partition: string;
  /** Sort-key prefix: the longest query word (entries are `<word>#<productId>`). */
  wordPrefix: string;
  /** The other query words; an entry matches when its product has a word starting with each. */
  otherWords: string[];
}

/** Reads the longest word's entries (fewest to filter) and filters on the rest. `words` must not be empty. */
export function searchPlan(words: string[]): SearchPlan {
  let longest = words[0] ? words[0] : '';
  words.forEach((word) => {
    if (word.length > longest.length) {
      longest = word;
    }
  });
  return {
    partition: searchBucket(longest),
    wordPrefix: longest,
    otherWords: words.filter((word) => word !== longest),
  };
}

export interface WordsContainFilter {
  words: { contains: string };
}

/**
 * The DynamoDB filter (in the `@aws-appsync/utils/dynamodb` filter format) that keeps entries whose product
 * has a word starting with every other query word: `words` is " w1 w2 … ", so " " + w marks a word start.
 * Null when there is nothing to filter on.
 */
export function otherWordsFilter(otherWords: string[]): WordsContainFilter | { and: WordsContainFilter[] } | null {
  const conditions = otherWords.map((word) => ({ words: { contains: ` ${word}` } }));
  if (conditions.length === 0) {
    return null;
  }
  if (conditions.length === 1) {
    return conditions[0] as WordsContainFilter;
  }
  return { and: conditions };
}

/** Product ids of the found entries, in the order found, each once (a product matches once per word). */
export function distinctProductIds(entries: { productId: string }[]): string[] {
  const ids: string[] = [];
  entries.forEach((entry) => {
    if (ids.indexOf(entry.productId) < 0) {
      ids.push(entry.productId);
    }
  });
  return ids;
}
