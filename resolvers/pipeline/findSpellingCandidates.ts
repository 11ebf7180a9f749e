/**
 * searchProducts, step 3 (only when the anchor word found nothing): one Query of the anchor's bucket,
 * reading only the sort keys and written forms, and the catalog word one edit away that most products have
 * ("ibuprofneo" → "ibuprofeno"). Result: the search with the corrected anchor, or an empty page.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { SearchEntryItem } from '../../model/product-items';
import {
  correctedRequest,
  emptyRankedPage,
  entryTerm,
  spellingCorrection,
  spellingQuery,
  type SearchState,
} from '../../model/product-search';
import { failOnDataSourceError } from '../support/data-source-error';

export function request(ctx: Context) {
  const state: SearchState = ctx.prev.result;
  if (state.page !== null) {
    runtime.earlyReturn(state);
  }
  return ddb.query<SearchEntryItem>({ query: spellingQuery(state.request.anchor), projection: ['SK', 'shown'] });
}

export function response(ctx: Context): SearchState {
  failOnDataSourceError(ctx.error);
  const state: SearchState = ctx.prev.result;
  const entries = ctx.result.items as Pick<SearchEntryItem, 'SK' | 'shown'>[];
  const correction = spellingCorrection(state.request.anchor, entries);
  if (correction === null) {
    return { ...state, page: emptyRankedPage() };
  }
  const written = entries.find((entry) => entryTerm(entry) === correction);
  return {
    ...state,
    request: correctedRequest(state.request, correction),
    correctedAnchor: written && written.shown ? written.shown : correction,
  };
}
