/**
 * Query.staffProducts(filter, limit, nextToken) — staff: every product, active or not, by name (GSI3
 * `STAFFPRODUCTS`), narrowed by text (name or SKU containing it, or the whole barcode), category, state and
 * "stock at most" (low stock; 0 = out of stock). One Query reads up to STAFF_PRODUCTS_EVALUATED products and
 * filters them; the page is the first `limit` matches, and nextToken continues after the last one shown (or
 * from DynamoDB's token when the read ended first), so rare matches fill pages in few requests.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { checkPageSize } from '../model/page-size';
import type { ProductItem } from '../model/product-items';
import { toProductPage } from '../model/product-view';
import {
  STAFF_PRODUCTS_EVALUATED,
  STAFF_PRODUCTS_PARTITION,
  staffProductFilter,
  type StaffProductCursor,
  type StaffProductFilterArgs,
} from '../model/staff-queries';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  filter?: StaffProductFilterArgs | null;
  limit?: number | null;
  nextToken?: string | null;
}

function invalidToken(): never {
  util.error('nextToken is not valid for this query: pass the nextToken of the previous page unchanged.', 'ValidationError', null, {
    field: 'nextToken',
  });
  return null as never;
}

function cursorOf(nextToken: string | null | undefined): StaffProductCursor {
  if (!nextToken) return {};
  if (nextToken.length > 4096) invalidToken();
  const text = util.base64Decode(nextToken);
  if (!text.startsWith('{')) invalidToken();
  const cursor = JSON.parse(text) as StaffProductCursor;
  if (!cursor || (typeof cursor.after !== 'string' && typeof cursor.token !== 'string')) invalidToken();
  return cursor;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  const filter = staffProductFilter(ctx.args.filter ? ctx.args.filter : {});
  if (!filter.ok) {
    util.error(filter.message, 'ValidationError', null, { field: filter.field });
  }
  const cursor = cursorOf(ctx.args.nextToken);
  const query: Record<string, unknown> = { GSI3PK: { eq: STAFF_PRODUCTS_PARTITION } };
  if (typeof cursor.after === 'string') query.GSI3SK = { gt: cursor.after };
  const request: Record<string, unknown> = {
    index: 'GSI3',
    query,
    limit: STAFF_PRODUCTS_EVALUATED,
    nextToken: typeof cursor.token === 'string' ? cursor.token : null,
  };
  if (filter.ok && filter.filter !== null) request.filter = filter.filter;
  ctx.stash.pageSize = size.ok ? size.limit : 1;
  return ddb.query(request as never);
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  const items = ctx.result.items as ProductItem[];
  const pageSize: number = ctx.stash.pageSize;
  if (items.length > pageSize) {
    const page = items.slice(0, pageSize);
    const last = page[page.length - 1] as ProductItem;
    return toProductPage(page, util.base64Encode(JSON.stringify({ after: last.GSI3SK })));
  }
  const more: string | null = ctx.result.nextToken ? ctx.result.nextToken : null;
  return toProductPage(items, more ? util.base64Encode(JSON.stringify({ token: more })) : null);
}
