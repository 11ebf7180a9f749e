/**
 * Query.searchProducts(text, limit, nextToken, filter, sort) — pipeline:
 *   findCodeEntries → findSearchEntries → findSpellingCandidates → findCorrectedEntries → getSearchedProducts.
 * Checks the arguments, folds the text into search words, picks the anchor word and the code, reads the
 * page token, and leaves the search in `ctx.stash.search` (model/product-search.ts, SearchRequest); the
 * last function leaves the page as its result.
 */
import { util, type Context } from '@aws-appsync/utils';
import { checkPageSize } from '../model/page-size';
import { shortWords } from '../model/search-text';
import {
  anchorWord,
  checkSearchText,
  codeOfText,
  cursorOfPageToken,
  searchFilterOf,
  searchSignature,
  type SearchFilterArgs,
  type SearchRequest,
  type SearchSort,
} from '../model/product-search';

interface Args {
  text: string;
  limit?: number | null;
  nextToken?: string | null;
  filter?: SearchFilterArgs | null;
  sort?: SearchSort | null;
}

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

/** The text inside a page token; null when it is not base64 this API wrote. */
function tokenText(token: string): string | null {
  if (token.length === 0 || token.length > 4096 || token.length % 4 !== 0) {
    return null;
  }
  if (!token.split('').every((ch) => BASE64_CHARS.indexOf(ch) >= 0)) {
    return null;
  }
  const text = util.base64Decode(token);
  return util.base64Encode(text) === token ? text : null;
}

export function request(ctx: Context<Args>) {
  const text = checkSearchText(ctx.args.text);
  if (!text.ok) {
    util.error(text.message, 'ValidationError', null, { field: 'text' });
  }
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  const words = text.ok ? text.words : [];
  const search: SearchRequest = {
    words,
    boostWords: shortWords(ctx.args.text),
    anchor: anchorWord(words),
    code: codeOfText(ctx.args.text),
    filter: searchFilterOf(ctx.args.filter),
    sort: ctx.args.sort ? ctx.args.sort : 'RELEVANCE',
    limit: size.ok ? size.limit : 1,
    after: null,
  };
  const signature = searchSignature(search);
  if (ctx.args.nextToken) {
    const decoded = tokenText(ctx.args.nextToken);
    const cursor = decoded === null ? null : cursorOfPageToken(decoded, signature);
    if (cursor === null) {
      util.error(
        'nextToken is not valid for this search: pass the nextToken of the previous page with the same text, filter and sort.',
        'ValidationError',
        null,
        { field: 'nextToken' },
      );
    }
    search.after = cursor;
  }
  ctx.stash.search = search;
  ctx.stash.searchSignature = signature;
  return {};
}

export function response(ctx: Context<Args>) {
  return ctx.prev.result;
}
