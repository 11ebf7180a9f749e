/**
 * verifyPrescription, step 1: checks the note (ValidationError, field "note"), reads the order (NotFound) and
 * checks it can be verified (model/order-status-details.ts: it has prescription lines, is not verified yet and
 * is PENDING or PAID; otherwise Conflict with errorInfo.reason). Leaves `ctx.stash.currentOrder` and
 * `ctx.stash.prescriptionNote` (cleaned, possibly empty).
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { cleanText } from '../../model/input-text';
import { orderKey } from '../../model/keys';
import { ORDER_LIMITS } from '../../model/order-input';
import { checkPrescriptionVerifiable, STATUS_DETAIL_LIMITS } from '../../model/order-status-details';

interface Args {
  id: string;
  note?: string | null;
}

export function request(ctx: Context<Args>) {
  const note = cleanText('note', ctx.args.note, STATUS_DETAIL_LIMITS.prescriptionNote);
  if (!note.ok) {
    util.error(note.message, 'ValidationError', null, { field: 'note' });
  }
  ctx.stash.prescriptionNote = note.ok ? note.text : '';
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
  const check = checkPrescriptionVerifiable(ctx.result);
  if (!check.ok) {
    util.error(check.message, check.errorType, null, { reason: check.reason, status: ctx.result.status });
  }
  ctx.stash.currentOrder = ctx.result;
  return null;
}
