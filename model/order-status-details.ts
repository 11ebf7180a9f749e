/**
 * What staff must say when they move an order (issue 12): a reason to cancel it (kept on the history entry and
 * written in the cancellation email), the carrier and tracking number to ship it (in the shipping email); and
 * the pharmacist's record that an order's prescription (receta) was checked, without which an order with
 * prescription lines cannot ship. Who made each change (username and email) comes from the caller's token.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { cleanText, isEmailAddress } from './input-text';
import type { CallerIdentity } from './order-access';
import type { OrderStatus } from './order-status';

export const STATUS_DETAIL_LIMITS = {
  reason: { required: true, max: 500 },
  carrier: { required: true, max: 60 },
  trackingNumber: { min: 4, max: 40 },
  prescriptionNote: { required: false, max: 500, multiline: true },
};

/** Letters and digits of any carrier's tracking numbers; spaces and dashes as printed on the label. */
const TRACKING_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789- ';

/** What a status change carries besides the status (all optional in the API, required by status). */
export interface StatusChangeDetailsArgs {
  reason?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
}

export interface StatusChangeDetails {
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
}

export type StatusChangeDetailsCheck =
  | { ok: true; details: StatusChangeDetails }
  | { ok: false; field: string; message: string };

function given(value: string | null | undefined): boolean {
  return value !== null && value !== undefined;
}

function refuse(field: string, message: string): StatusChangeDetailsCheck {
  return { ok: false, field, message };
}

/** The cleaned details a move to `to` needs: CANCELLED a reason, SHIPPED carrier and tracking; others none. */
export function checkStatusChangeDetails(to: OrderStatus | string, args: StatusChangeDetailsArgs): StatusChangeDetailsCheck {
  const details: StatusChangeDetails = {};
  if (to === 'CANCELLED') {
    const reason = cleanText('reason', args.reason, STATUS_DETAIL_LIMITS.reason);
    if (!reason.ok) return refuse('reason', `A cancellation needs a reason: ${reason.message}.`);
    details.reason = reason.text;
  } else if (given(args.reason)) {
    return refuse('reason', 'A reason is given only when cancelling an order.');
  }
  if (to === 'SHIPPED') {
    const carrier = cleanText('carrier', args.carrier, STATUS_DETAIL_LIMITS.carrier);
    if (!carrier.ok) return refuse('carrier', `Shipping needs the carrier: ${carrier.message}.`);
    const tracking = cleanText('trackingNumber', args.trackingNumber, { required: true, max: STATUS_DETAIL_LIMITS.trackingNumber.max });
    if (!tracking.ok) return refuse('trackingNumber', `Shipping needs the tracking number: ${tracking.message}.`);
    const number = tracking.text;
    const plain = number.split('').every((ch) => TRACKING_CHARACTERS.indexOf(ch) >= 0);
    if (!plain || number.length < STATUS_DETAIL_LIMITS.trackingNumber.min) {
      return refuse(
        'trackingNumber',
        `The tracking number must be ${STATUS_DETAIL_LIMITS.trackingNumber.min}–${STATUS_DETAIL_LIMITS.trackingNumber.max} letters, digits, dashes or spaces.`,
      );
    }
    details.carrier = carrier.text;
    details.trackingNumber = number.toUpperCase();
  } else if (given(args.carrier) || given(args.trackingNumber)) {
    return refuse(given(args.carrier) ? 'carrier' : 'trackingNumber', 'A carrier and tracking number are given only when shipping an order.');
  }
  return { ok: true, details };
}

/** The pharmacist's record on an order (`prescriptionVerification` attribute of the Order item). */
export interface PrescriptionVerificationRecord {
  at: string;
  by: string;
  byEmail?: string;
  note?: string;
}

/** The parts of an Order item the prescription rule reads. */
export interface PrescriptionOrder {
  status: string;
  lines: { prescriptionRequired: boolean }[];
  prescriptionVerification?: PrescriptionVerificationRecord | null;
}

export function hasPrescriptionLines(order: PrescriptionOrder): boolean {
  return order.lines.some((line) => line.prescriptionRequired === true);
}

/** True when the move to `to` must wait for a pharmacist: shipping an order with prescription lines not yet verified. */
export function awaitsPrescriptionVerification(order: PrescriptionOrder, to: string): boolean {
  return to === 'SHIPPED' && hasPrescriptionLines(order) && !order.prescriptionVerification;
}

/** The prescription can be verified while the order has not left: PENDING or PAID. */
export const PRESCRIPTION_VERIFIABLE_STATUSES: OrderStatus[] = ['PENDING', 'PAID'];

export type PrescriptionVerificationCheck = { ok: true } | { ok: false; errorType: string; message: string; reason: string };

export function checkPrescriptionVerifiable(order: PrescriptionOrder): PrescriptionVerificationCheck {
  if (!hasPrescriptionLines(order)) {
    return { ok: false, errorType: 'Conflict', reason: 'NoPrescriptionLines', message: 'This order has no prescription products to verify.' };
  }
  if (order.prescriptionVerification) {
    return { ok: false, errorType: 'Conflict', reason: 'AlreadyVerified', message: 'The prescription of this order was verified already.' };
  }
  if (PRESCRIPTION_VERIFIABLE_STATUSES.indexOf(order.status as OrderStatus) < 0) {
    return { ok: false, errorType: 'Conflict', reason: 'OrderClosed', message: `An order in ${order.status} cannot have its prescription verified.` };
  }
  return { ok: true };
}

/** The verified email of the caller (ID tokens), for "who" in histories; undefined when the token has none. */
export function actorEmailOf(identity: CallerIdentity): string | undefined {
  const claims = identity.claims;
  const email = claims ? claims.email : undefined;
  return isEmailAddress(email) ? (email as string) : undefined;
}

export function prescriptionVerificationRecord(
  identity: CallerIdentity,
  now: string,
  note: string,
): PrescriptionVerificationRecord {
  const record: PrescriptionVerificationRecord = { at: now, by: identity.username ? identity.username : identity.sub };
  const email = actorEmailOf(identity);
  if (email) record.byEmail = email;
  if (note.length > 0) record.note = note;
  return record;
}
