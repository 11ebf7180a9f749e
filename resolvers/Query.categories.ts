/** Query.categories — every catalog category (`CATALOG / CATEGORY#<id>` items), by display name. */
import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { CATALOG_PK } from '../model/keys';
import type { CategoryItem } from '../model/product-items';
import { toCategoryViews } from '../model/product-view';
import { failOnDataSourceError } from './support/data-source-error';

export function request() {
  // A catalog has tens of categories: one Query page (up to 1 MB) holds them all.
  return ddb.query<{ PK: string; SK: string }>({
    query: { PK: { eq: CATALOG_PK }, SK: { beginsWith: 'CATEGORY#' } },
  });
}

export function response(ctx: Context) {
  failOnDataSourceError(ctx.error);
  return toCategoryViews(ctx.result.items as CategoryItem[]);
}
