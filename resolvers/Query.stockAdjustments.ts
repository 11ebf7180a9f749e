/** Query.stockAdjustments(productId, limit, nextToken) — staff: a product's stock history, newest first. */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { productKey } from '../model/keys';
import { checkPageSize } from '../model/page-size';
import { STOCK_ADJUSTMENT_SK_PREFIX, toStockAdjustmentView, type StockAdjustmentItem } from '../model/stock-adjustment';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  productId: string;
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  return ddb.query<{ PK: string; SK: string }>({
    query: { PK: { eq: productKey(ctx.args.productId).PK }, SK: { beginsWith: STOCK_ADJUSTMENT_SK_PREFIX } },
    limit: size.ok ? size.limit : 1,
    nextToken: ctx.args.nextToken,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  const items = ctx.result.items as StockAdjustmentItem[];
  return { items: items.map((item) => toStockAdjustmentView(item)), nextToken: ctx.result.nextToken ? ctx.result.nextToken : null };
}
