/**
 * searchProducts, step 1: when the text could be a barcode or SKU (one token with a digit), one Query of the
 * code entries beginning with it (`SEARCHCODE#<xx>`). Result: the search state with those entries.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { SearchEntryItem } from '../../model/product-items';
import { RANKING_ATTRIBUTES, codeEntriesQuery, type SearchRequest, type SearchState } from '../../model/product-search';
import { failOnDataSourceError } from '../support/data-source-error';

/** More products than a code's beginning is worth listing. */
const MAX_CODE_ENTRIES = 100;

export function request(ctx: Context) {
  const search: SearchRequest = ctx.stash.search;
  if (search.code === null) {
    const state: SearchState = { request: search, codeEntries: [], page: null, correctedAnchor: null };
    runtime.earlyReturn(state);
  }
  return ddb.query<SearchEntryItem>({ query: codeEntriesQuery(search.code as string), limit: MAX_CODE_ENTRIES, projection: RANKING_ATTRIBUTES });
}

export function response(ctx: Context): SearchState {
  failOnDataSourceError(ctx.error);
  return { request: ctx.stash.search, codeEntries: ctx.result.items as SearchEntryItem[], page: null, correctedAnchor: null };
}
