/**
 * Query.searchSuggestions(prefix, limit): completions of the last word being typed. One Query of the
 * entries beginning with that word (its bucket, up to DynamoDB's 1 MB page); the words of active products
 * that also match the words typed before it are counted and the top `limit` returned
 * (model/product-search.ts, rankSuggestions). Cheap enough to call on every keystroke.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { SearchEntryItem } from '../model/product-items';
import {
  SEARCH_TEXT_LENGTH,
  checkSuggestionLimit,
  rankSuggestions,
  typedPrefix,
  wordEntriesQuery,
} from '../model/product-search';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  prefix: string;
  limit?: number | null;
}

export function request(ctx: Context<Args>) {
  const prefix = ctx.args.prefix;
  if (prefix.length > SEARCH_TEXT_LENGTH.max) {
    util.error(`Search text must be at most ${SEARCH_TEXT_LENGTH.max} characters long; got ${prefix.length}.`, 'ValidationError', null, {
      field: 'prefix',
    });
  }
  const limit = checkSuggestionLimit(ctx.args.limit);
  if (!limit.ok) {
    util.error(limit.message, 'ValidationError', null, { field: 'limit' });
  }
  const typed = typedPrefix(prefix);
  if (typed === null) {
    runtime.earlyReturn([]);
  }
  return ddb.query<SearchEntryItem>({ query: wordEntriesQuery(typed ? typed.last : '') });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error);
  const limit = checkSuggestionLimit(ctx.args.limit);
  return rankSuggestions(ctx.args.prefix, ctx.result.items as SearchEntryItem[], limit.ok ? limit.limit : 8);
}
