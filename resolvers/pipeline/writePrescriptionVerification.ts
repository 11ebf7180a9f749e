/**
 * verifyPrescription, step 2: one conditional UpdateItem of the order — `prescriptionVerification` (who, when,
 * note), version + 1, updatedAt — only if its version is still the one step 1 read (a concurrent change →
 * Conflict). The status does not move, so the order stream publishes no event and no email goes out.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { orderKey } from '../../model/keys';
import type { CallerIdentity } from '../../model/order-access';
import type { OrderItem } from '../../model/order-items';
import { prescriptionVerificationRecord } from '../../model/order-status-details';

export function request(ctx: Context<{ id: string }>) {
  const order: OrderItem = ctx.stash.currentOrder;
  const now = util.time.nowISO8601();
  const record = prescriptionVerificationRecord(ctx.identity as CallerIdentity, now, ctx.stash.prescriptionNote);
  ctx.stash.changedOrder = { ...order, prescriptionVerification: record, version: order.version + 1, updatedAt: now };
  return ddb.update({
    key: orderKey(order.id),
    update: { prescriptionVerification: ddb.operations.replace(record), version: order.version + 1, updatedAt: now },
    condition: { version: { eq: order.version } },
  });
}

export function response(ctx: Context<{ id: string }>) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('The order was changed by someone else meanwhile; read it again and retry.', 'Conflict', null, { reason: 'Changed' });
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  ctx.stash.order = ctx.stash.changedOrder;
  return null;
}
