/**
 * createOrder, step 1 (no data source): checks the input against the schema's limits and leaves the
 * cleaned request in the stash's `request`. Fails with ValidationError naming the field. The caller's
 * verified email (the order's customerEmail) must be a plain address: a token whose email claim carries
 * CR/LF or anything else AWSEmail cannot serialize is refused here, before anything is written.
 */
import { util, type Context } from '@aws-appsync/utils';
import { customerEmailOf, type CallerIdentity } from '../../model/order-access';
import { checkCreateOrderInput, type CreateOrderInput } from '../../model/order-input';
import { createOrderStash } from './stash';

export function request(ctx: Context<{ input: CreateOrderInput }>) {
  const check = checkCreateOrderInput(ctx.args.input);
  if (!check.ok) {
    util.error(check.problem.message, 'ValidationError', null, check.problem.errorInfo);
  }
  const email = customerEmailOf(ctx.identity as CallerIdentity);
  if (!email.ok) {
    util.error(email.message, 'ValidationError', null, { field: 'customerEmail' });
  }
  if (check.ok) createOrderStash(ctx).request = check.request;
  return { payload: null };
}

export function response(ctx: Context) {
  return ctx.result;
}
