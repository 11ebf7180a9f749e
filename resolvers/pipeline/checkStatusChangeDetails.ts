/**
 * updateOrderStatus, step 1 (no data source): the details the target status needs — a reason to cancel, the
 * carrier and tracking number to ship — cleaned into `ctx.stash.statusDetails` (StatusChangeDetails); a
 * missing detail or one given for another status is a ValidationError naming it. Nothing is read or written.
 */
import { util, type Context } from '@aws-appsync/utils';
import { checkStatusChangeDetails, type StatusChangeDetailsArgs } from '../../model/order-status-details';

interface Args extends StatusChangeDetailsArgs {
  id: string;
  status: string;
}

export function request(ctx: Context<Args>) {
  const check = checkStatusChangeDetails(ctx.args.status, ctx.args);
  if (!check.ok) {
    util.error(check.message, 'ValidationError', null, { field: check.field });
  }
  ctx.stash.statusDetails = check.ok ? check.details : {};
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.result;
}
