/**
 * Query.searchProducts(text, limit, nextToken) — pipeline: findSearchEntries → getSearchedProducts.
 * Checks the arguments and folds the text into search words (model/search-text.ts) for the functions;
 * the last function leaves the page of products as its result.
 */
import { util, type Context } from '@aws-appsync/utils';
import { checkPageSize } from '../model/page-size';
import { checkSearchText } from '../model/product-search';

interface Args {
  text: string;
  limit?: number | null;
  nextToken?: string | null;
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
  ctx.stash.searchWords = text.ok ? text.words : [];
  ctx.stash.pageSize = size.ok ? size.limit : 1;
  return {};
}

export function response(ctx: Context<Args>) {
  return ctx.prev.result;
}
