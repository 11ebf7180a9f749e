/** Query.ordersByStatus(status, limit, nextToken) — staff: orders in one status, oldest first (GSI2 `ORDERSTATUS#<status>`). */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ordersByStatusPartition } from '../model/keys';
import type { OrderItem } from '../model/order-items';
import { toOrderConnection } from '../model/order-view';
import { checkPageSize } from '../model/page-size';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  status: string;
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  return ddb.query<{ GSI2PK: string }>({
    index: 'GSI2',
    query: { GSI2PK: { eq: ordersByStatusPartition(ctx.args.status) } },
    limit: size.ok ? size.limit : 1,
    nextToken: ctx.args.nextToken,
    scanIndexForward: true,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  return toOrderConnection(ctx.result.items as OrderItem[], ctx.result.nextToken);
}
