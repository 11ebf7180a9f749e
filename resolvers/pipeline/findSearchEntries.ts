/**
 * searchProducts, step 2: one Query of every entry of the anchor word (its bucket, sort keys beginning with
 * it: up to DynamoDB's 1 MB page), then the other words are matched, the products ranked, filtered, sorted
 * and the page cut in model/product-search.ts. Text without any searchable word ("de la") finds only codes.
 * When the anchor found nothing, the page is left null for the spelling step.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { SearchEntryItem } from '../../model/product-items';
import { RANKING_ATTRIBUTES, rankSearch, wantsCorrection, wordEntriesQuery, type SearchState } from '../../model/product-search';
import { failOnDataSourceError } from '../support/data-source-error';

export function request(ctx: Context) {
  const state: SearchState = ctx.prev.result;
  if (state.request.anchor.length === 0) {
    const ranked: SearchState = { ...state, codeEntries: [], page: rankSearch(state.request, [], state.codeEntries) };
    runtime.earlyReturn(ranked);
  }
  ctx.stash.codeEntries = state.codeEntries;
  return ddb.query<SearchEntryItem>({ query: wordEntriesQuery(state.request.anchor), projection: RANKING_ATTRIBUTES });
}

export function response(ctx: Context): SearchState {
  failOnDataSourceError(ctx.error);
  const codeEntries: SearchEntryItem[] = ctx.stash.codeEntries;
  const entries = ctx.result.items as SearchEntryItem[];
  const state: SearchState = { request: ctx.stash.search, codeEntries: [], page: null, correctedAnchor: null };
  if (codeEntries.length === 0 && wantsCorrection(state.request, entries.length)) {
    return state;
  }
  return { ...state, page: rankSearch(state.request, entries, codeEntries) };
}
