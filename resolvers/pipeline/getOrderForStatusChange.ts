/**
 * updateOrderStatus, step 1: reads the order (NotFound if missing) and checks the move against the order
 * life cycle of its payment method (model/order-status.ts); a move it does not allow fails with Conflict,
 * errorInfo {from, to}.
 * An order with prescription lines cannot ship before a pharmacist verified the prescription
 * (PrescriptionNotVerified): the rule holds for every caller of the state machine, not only the staff page.
 * The order goes to `ctx.stash.currentOrder`.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../../model/keys';
import { ORDER_LIMITS } from '../../model/order-input';
import { canChangeOrderStatus } from '../../model/order-status';
import { awaitsPrescriptionVerification } from '../../model/order-status-details';

interface Args {
  id: string;
  status: string;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length === 0 || ctx.args.id.length > ORDER_LIMITS.maxIdLength) {
    util.error(`Order ${ctx.args.id.slice(0, 64)} was not found.`, 'NotFound');
  }
  return ddb.get({ key: orderKey(ctx.args.id), consistentRead: true });
}

export function response(ctx: Context<Args>) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  if (!ctx.result) {
    util.error(`Order ${ctx.args.id} was not found.`, 'NotFound');
  }
  const from = ctx.result.status;
  const to = ctx.args.status;
  const paymentMethod = ctx.result.paymentMethod ? ctx.result.paymentMethod : null;
  if (!canChangeOrderStatus(from, to, paymentMethod)) {
    const paid = paymentMethod ? ` (paid by ${paymentMethod})` : '';
    util.error(`An order${paid} cannot move from ${from} to ${to}.`, 'Conflict', null, { from, to });
  }
  if (awaitsPrescriptionVerification(ctx.result, to)) {
    util.error(
      `Order ${ctx.args.id} has prescription products: a pharmacist must verify the prescription before it ships.`,
      'PrescriptionNotVerified',
      null,
      { id: ctx.args.id },
    );
  }
  ctx.stash.currentOrder = ctx.result;
  return null;
}
