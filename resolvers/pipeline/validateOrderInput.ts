/**
 * createOrder, step 1 (no data source): checks the input against the schema's limits and leaves the
 * cleaned request in `ctx.stash.orderRequest`. Fails with ValidationError naming the field.
 */
import { util, type Context } from '@aws-appsync/utils';
import { checkCreateOrderInput, type CreateOrderInput } from '../../model/order-input';

export function request(ctx: Context<{ input: CreateOrderInput }>) {
  const check = checkCreateOrderInput(ctx.args.input);
  if (!check.ok) {
    util.error(check.problem.message, 'ValidationError', null, check.problem.errorInfo);
  }
  ctx.stash.orderRequest = check.ok ? check.request : null;
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.result;
}
