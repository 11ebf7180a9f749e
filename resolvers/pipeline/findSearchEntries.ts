/**
 * searchProducts, step 1: one Query of the search entries — the bucket of the longest query word, sort keys
 * beginning with it, filtered to products that also have a word starting with each other query word.
 * Result: the product ids found (in order, each once) and the Query's nextToken. Text without any
 * searchable word ("de la") finds nothing.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { distinctProductIds, otherWordsFilter, searchPlan } from '../../model/product-search';
import type { SearchEntryItem } from '../../model/product-items';
import { failOnDataSourceError } from '../support/data-source-error';

export interface FoundSearchEntries {
  productIds: string[];
  nextToken: string | null;
}

export function request(ctx: Context) {
  const words: string[] = ctx.stash.searchWords;
  if (words.length === 0) {
    runtime.earlyReturn({ productIds: [], nextToken: null });
  }
  const plan = searchPlan(words);
  return ddb.query<{ PK: string; SK: string; words: string }>({
    query: { PK: { eq: plan.partition }, SK: { beginsWith: plan.wordPrefix } },
    filter: otherWordsFilter(plan.otherWords),
    limit: ctx.stash.pageSize,
    nextToken: ctx.args.nextToken,
  });
}

export function response(ctx: Context): FoundSearchEntries {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  return {
    productIds: distinctProductIds(ctx.result.items as SearchEntryItem[]),
    nextToken: ctx.result.nextToken ? ctx.result.nextToken : null,
  };
}
