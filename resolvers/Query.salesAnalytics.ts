/**
 * Query.salesAnalytics — staff: the sales figures the hourly analytics job wrote (`PK = ANALYTICS`, one
 * small item per period and per series; model/sales-analytics.ts). One Query reads them all; null before
 * the job's first run.
 */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ANALYTICS_PK, toSalesAnalytics } from '../model/sales-analytics';
import { failOnDataSourceError } from './support/data-source-error';

export function request() {
  // 7 periods + 3 series, a few KB each: one page holds them all.
  return ddb.query<{ PK: string }>({ query: { PK: { eq: ANALYTICS_PK } }, limit: 50 });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  return toSalesAnalytics(ctx.result.items);
}
