/**
 * Query.staffOrders(filter, limit, nextToken) — staff: orders newest first, found by customer email (GSI3
 * `CUSTOMER#<email>`) or by status (GSI2 `ORDERSTATUS#<status>`), within a creation time range (the sort keys
 * begin with createdAt), optionally only one short order number (filter). Pages may come back short when a
 * filter applies; follow nextToken (model/staff-queries.ts).
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { OrderItem } from '../model/order-items';
import { toOrderConnection } from '../model/order-view';
import { checkPageSize } from '../model/page-size';
import { staffOrderQueryPlan, type StaffOrderFilterArgs } from '../model/staff-queries';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  filter: StaffOrderFilterArgs;
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  const check = staffOrderQueryPlan(ctx.args.filter);
  if (!check.ok) {
    util.error(check.message, 'ValidationError', null, { field: check.field });
  }
  const plan = check.ok ? check.plan : null;
  if (plan === null) return {};
  const query: Record<string, unknown> = {};
  query[plan.partitionKeyName] = { eq: plan.partition };
  query[plan.sortKeyName] = { between: [plan.from, plan.before] };
  const request: Record<string, unknown> = {
    index: plan.index,
    query,
    limit: size.ok ? size.limit : 1,
    nextToken: ctx.args.nextToken,
    scanIndexForward: false,
  };
  if (plan.filter !== null) request.filter = plan.filter;
  return ddb.query(request as never);
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  return toOrderConnection(ctx.result.items as OrderItem[], ctx.result.nextToken);
}
