/**
 * Mutation.verifyPrescription(id, note) — staff only (schema directive). Pipeline:
 * getOrderForPrescriptionVerification → writePrescriptionVerification; the order as it reads afterwards is
 * left in `ctx.stash.order`.
 */
import type { Context } from '@aws-appsync/utils';
import { toOrderView } from '../model/order-view';

export function request(ctx: Context) {
  ctx.stash.order = null;
  return {};
}

export function response(ctx: Context) {
  return toOrderView(ctx.stash.order);
}
