/** Query.myOrders(limit, nextToken) — the caller's orders, newest first (GSI1 `USER#<sub>`, read backwards). */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { CallerIdentity } from '../model/order-access';
import { userOrdersPartition } from '../model/keys';
import type { OrderItem } from '../model/order-items';
import { toOrderConnection } from '../model/order-view';
import { checkPageSize } from '../model/page-size';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  return ddb.query<{ GSI1PK: string }>({
    index: 'GSI1',
    query: { GSI1PK: { eq: userOrdersPartition((ctx.identity as CallerIdentity).sub) } },
    limit: size.ok ? size.limit : 1,
    nextToken: ctx.args.nextToken,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  return toOrderConnection(ctx.result.items as OrderItem[], ctx.result.nextToken);
}
