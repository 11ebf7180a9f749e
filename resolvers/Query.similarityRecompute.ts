/** Query.similarityRecompute — staff: the last "recompute similar products now" request and how it went. */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { SIMILARITY_REQUEST_KEY, similarityRequestView, type SimilarityRequestItem } from '../model/similarity-request';
import { failOnDataSourceError } from './support/data-source-error';

export function request() {
  return ddb.get({ key: SIMILARITY_REQUEST_KEY, consistentRead: true });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const item = ctx.result as SimilarityRequestItem | null;
  return item ? similarityRequestView(item) : null;
}
