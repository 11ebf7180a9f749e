/**
 * searchProducts, step 4 (only after a spelling correction): one Query of the corrected anchor's entries,
 * ranked like step 2. Result: the search state with its page.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { SearchEntryItem } from '../../model/product-items';
import { RANKING_ATTRIBUTES, rankSearch, wordEntriesQuery, type SearchState } from '../../model/product-search';
import { failOnDataSourceError } from '../support/data-source-error';

export function request(ctx: Context) {
  const state: SearchState = ctx.prev.result;
  if (state.page !== null) {
    runtime.earlyReturn(state);
  }
  return ddb.query<SearchEntryItem>({ query: wordEntriesQuery(state.request.anchor), projection: RANKING_ATTRIBUTES });
}

export function response(ctx: Context): SearchState {
  failOnDataSourceError(ctx.error);
  const state: SearchState = ctx.prev.result;
  return { ...state, page: rankSearch(state.request, ctx.result.items as SearchEntryItem[], []) };
}
