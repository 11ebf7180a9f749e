/**
 * updateOrderStatus, step 2: one TransactWriteItems —
 *   [0] update the order (status, GSI2 partition, history entry appended — who, when, and the reason or the
 *       carrier and tracking number step 1 checked —, version + 1, updatedAt) only if
 *       its version is still the one step 1 read (optimistic lock: a concurrent change → Conflict);
 *   [1…] the end of the stock reservation (model/order-reservation.ts, the rule every order move shares): for
 *       CANCELLED, per line `stock = stock + quantity`; leaving PENDING, the reservation item deleted (it must
 *       still exist: the expiry job may have released it meanwhile) and the owner's unpaid-orders count − 1.
 *   A cash-on-delivery order delivered (model/order-status.ts collectsCashOnDelivery) records its cash
 *   payment on the order in the same update: the total, when and who.
 * The status is `ctx.stash.targetStatus` when step 1 set one (cancelMyOrder), else the `status` argument.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import type { CallerIdentity } from '../../model/order-access';
import { orderKey } from '../../model/keys';
import { orderStatusUpdate, type CashPaymentRecord, type OrderItem } from '../../model/order-items';
import { collectsCashOnDelivery, type OrderStatus } from '../../model/order-status';
import { reservationEndOf } from '../../model/order-reservation';
import { reservationEndWrites } from '../support/reservation-end-writes';
import { actorEmailOf, type StatusChangeDetails } from '../../model/order-status-details';

interface Args {
  id: string;
  status: OrderStatus;
}

interface CancellationReason {
  type?: string | null;
}

export function request(ctx: Context<Args>) {
  const table = tableNameOf(ctx.env);
  const order: OrderItem = ctx.stash.currentOrder;
  const status: OrderStatus = ctx.stash.targetStatus || ctx.args.status;
  const identity = ctx.identity as CallerIdentity;
  // Step checkStatusChangeDetails leaves the reason / carrier / tracking number; other pipelines may leave none.
  const details: StatusChangeDetails = ctx.stash.statusDetails ? ctx.stash.statusDetails : {};
  const byEmail = actorEmailOf(identity);
  const note = byEmail ? { ...details, byEmail } : details;
  const change = orderStatusUpdate(order, status, util.time.nowISO8601(), identity.username, note);
  const update: Record<string, unknown> = {
    status: change.set.status,
    GSI2PK: change.set.GSI2PK,
    version: change.set.version,
    updatedAt: change.set.updatedAt,
    statusHistory: ddb.operations.append(change.appendedHistory),
  };
  if (collectsCashOnDelivery(status, order.paymentMethod)) {
    const cashPayment: CashPaymentRecord = { amountCents: order.totalCents, currency: order.currency, collectedAt: change.set.updatedAt };
    if (identity.username) cashPayment.by = identity.username;
    // replace: a plain object would be read as paths inside an attribute that does not exist yet.
    update.cashPayment = ddb.operations.replace(cashPayment);
    change.after.cashPayment = cashPayment;
  }
  ctx.stash.changedOrder = change.after;
  const reservationEnd = reservationEndWrites(table, reservationEndOf(order, status));
  return ddb.transactWrite({
    items: [
      {
        updateItem: {
          table,
          key: orderKey(order.id),
          update,
          condition: { version: { eq: change.expectedVersion } },
        },
      },
      ...reservationEnd,
    ],
  });
}

export function response(ctx: Context<Args>) {
  if (!ctx.error) {
    ctx.stash.order = ctx.stash.changedOrder;
    return null;
  }
  const reasons: CancellationReason[] = ctx.result && ctx.result.cancellationReasons ? ctx.result.cancellationReasons : [];
  const order: OrderItem = ctx.stash.currentOrder;
  if (reasons.length > 0 && reasons[0] && reasons[0].type === 'ConditionalCheckFailed') {
    util.error('The order was changed by someone else meanwhile; read it again and retry.', 'Conflict', null, {
      from: order.status,
      to: ctx.stash.targetStatus || ctx.args.status,
    });
  }
  util.error(ctx.error.message, ctx.error.type);
}
