/**
 * Query.products(category, limit, nextToken) — active products by folded name: one category from GSI1
 * (`CATEGORY#<id>`), or all of them from GSI2 (`PRODUCTS`). Inactive products carry no index keys, so they
 * never show up here.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ALL_ACTIVE_PRODUCTS } from '../model/keys';
import { checkPageSize } from '../model/page-size';
import { PRODUCT_LIMITS, type ProductItem } from '../model/product-items';
import { toProductPage } from '../model/product-view';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  category?: string | null;
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  const limit = size.ok ? size.limit : 1;
  const category = ctx.args.category;
  if (typeof category === 'string') {
    if (category.length === 0 || category.length > PRODUCT_LIMITS.categoryName) {
      util.error(`category must be 1 to ${PRODUCT_LIMITS.categoryName} characters.`, 'ValidationError', null, {
        field: 'category',
      });
    }
    return ddb.query<{ GSI1PK: string }>({
      index: 'GSI1',
      query: { GSI1PK: { eq: `CATEGORY#${category}` } },
      limit,
      nextToken: ctx.args.nextToken,
    });
  }
  return ddb.query<{ GSI2PK: string }>({
    index: 'GSI2',
    query: { GSI2PK: { eq: ALL_ACTIVE_PRODUCTS } },
    limit,
    nextToken: ctx.args.nextToken,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  return toProductPage(ctx.result.items as ProductItem[], ctx.result.nextToken);
}
