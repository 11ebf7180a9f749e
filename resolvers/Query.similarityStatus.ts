/**
 * Query.similarityStatus — staff: the last run of the similar-products job (`CATALOG / SIMILARITYRUN`, written
 * by catalog/similarity-job.ts at the end of every run): when the lists were computed, for how many products,
 * how many changed. Null before the first run.
 */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { SIMILARITY_RUN_KEY } from '../model/keys';
import { failOnDataSourceError } from './support/data-source-error';

interface SimilarityRunItem {
  computedAt: string;
  finishedAt: string;
  products: number;
  changed: number;
  unchanged: number;
  durationMs: number;
}

export function request() {
  return ddb.get({ key: SIMILARITY_RUN_KEY, consistentRead: true });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  const run = ctx.result as SimilarityRunItem | null;
  if (!run) return null;
  return {
    computedAt: run.computedAt,
    finishedAt: run.finishedAt,
    products: run.products,
    changed: run.changed,
    unchanged: run.unchanged,
    durationMs: run.durationMs,
  };
}
