/**
 * What a Stripe Checkout Session for an order says (pure: unit-tested without Stripe). The session carries the
 * order's lines at the prices the order was placed with and its shipping as one more line, so the total the
 * shopper pays is the order's `totalCents` exactly; the webhook checks that again before marking it PAID.
 * The order id travels as `client_reference_id` and in the metadata of the session and of its PaymentIntent
 * (a refund or a dispute names the order too).
 */
import type Stripe from 'stripe';
import type { OrderItem } from '../../model/order-items';

/** Stripe refuses a Checkout Session that expires sooner than this after its creation. */
export const STRIPE_MIN_SESSION_MINUTES = 30;
/** …or later than this. */
export const STRIPE_MAX_SESSION_MINUTES = 24 * 60;

/** Why a shopper cannot pay this order through Stripe now (errorInfo.reason of the Conflict). */
export type CardCheckoutRefusal = 'NotPending' | 'NotCardPayment' | 'ReservationEnded';

/** The methods paid on Stripe's Checkout page: by card, or with an OXXO voucher (cash at the store). */
const STRIPE_METHODS: readonly string[] = ['CARD', 'OXXO'];

export function cardCheckoutRefusal(order: Pick<OrderItem, 'status' | 'paymentMethod' | 'reservationExpiresAt'>, now: Date): CardCheckoutRefusal | null {
  if (order.status !== 'PENDING') return 'NotPending';
  const method = order.paymentMethod ?? 'CARD';
  if (!STRIPE_METHODS.includes(method)) return 'NotCardPayment';
  if (order.reservationExpiresAt && Date.parse(order.reservationExpiresAt) <= now.getTime()) return 'ReservationEnded';
  // An OXXO voucher lives at least until the end of the next day: too late for a reservation that ends sooner.
  if (method === 'OXXO' && oxxoVoucherDays(order.reservationExpiresAt, now) === null) return 'ReservationEnded';
  return null;
}

/** Stripe's time zone for OXXO vouchers; Mexico City keeps UTC−6 all year since 2022 (no daylight saving). */
const OXXO_UTC_OFFSET_HOURS = -6;
/** Stripe accepts 1–7 days for an OXXO voucher. */
const OXXO_MAX_VOUCHER_DAYS = 7;

/** When a voucher issued at `now` with `days` expires: 23:59:59 Mexico City time, `days` calendar days later. */
export function oxxoVoucherExpiry(now: Date, days: number): Date {
  const local = new Date(now.getTime() + OXXO_UTC_OFFSET_HOURS * 3600_000);
  const endOfDayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 23, 59, 59);
  return new Date(endOfDayLocal - OXXO_UTC_OFFSET_HOURS * 3600_000);
}

/**
 * `expires_after_days` for the OXXO voucher of an order: the most days (1–7) whose voucher still expires before
 * the order's reservation ends, so a voucher can never be paid for an order whose stock is already back on the
 * shelf (a payment confirmed late anyway is refunded by the webhook). Null when not even one day fits.
 */
export function oxxoVoucherDays(reservationExpiresAt: string | undefined, now: Date): number | null {
  const end = reservationExpiresAt ? Date.parse(reservationExpiresAt) : Number.POSITIVE_INFINITY;
  for (let days = OXXO_MAX_VOUCHER_DAYS; days >= 1; days--) {
    if (oxxoVoucherExpiry(now, days).getTime() < end) return days;
  }
  return null;
}

/**
 * When the session stops taking payments: at the order's reservation end, but never sooner than Stripe's
 * minimum. A card reservation (30 min from the order) therefore ends a little before its session can: a
 * payment in that gap finds the order CANCELLED by the expiry job and is refunded (docs/orders.md).
 */
export function sessionExpiry(reservationExpiresAt: string | undefined, now: Date): Date {
  const earliest = now.getTime() + STRIPE_MIN_SESSION_MINUTES * 60_000 + 60_000;
  const latest = now.getTime() + STRIPE_MAX_SESSION_MINUTES * 60_000 - 60_000;
  const reservationEnd = reservationExpiresAt ? Date.parse(reservationExpiresAt) : latest;
  return new Date(Math.min(latest, Math.max(earliest, reservationEnd)));
}

/** Where Stripe sends the shopper back: the order page, told how it went (web/src/pages/OrderPayment.tsx). */
export function returnUrls(shopUrl: string, orderId: string): { success: string; cancel: string } {
  const order = `${shopUrl.replace(/\/+$/, '')}/pedidos/${encodeURIComponent(orderId)}`;
  return { success: `${order}?pago=exito`, cancel: `${order}?pago=cancelado` };
}

export function checkoutSessionParams(
  order: Pick<OrderItem, 'id' | 'currency' | 'lines' | 'shippingCents' | 'customerEmail'> & Partial<Pick<OrderItem, 'paymentMethod' | 'reservationExpiresAt'>>,
  options: { shopUrl: string; expiresAt: Date; now?: Date },
): Stripe.Checkout.SessionCreateParams {
  const oxxo = order.paymentMethod === 'OXXO';
  const voucherDays = oxxo ? (oxxoVoucherDays(order.reservationExpiresAt, options.now ?? new Date()) ?? 1) : null;
  const currency = order.currency.toLowerCase();
  const urls = returnUrls(options.shopUrl, order.id);
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = order.lines.map((line) => ({
    quantity: line.quantity,
    price_data: { currency, unit_amount: line.unitPriceCents, product_data: { name: line.name } },
  }));
  if (order.shippingCents > 0) {
    lineItems.push({ quantity: 1, price_data: { currency, unit_amount: order.shippingCents, product_data: { name: 'Envío a domicilio' } } });
  }
  return {
    mode: 'payment',
    // OXXO: an explicit OXXO-only session, its voucher expiring before the order's reservation ends.
    ...(oxxo
      ? { payment_method_types: ['oxxo'], payment_method_options: { oxxo: { expires_after_days: voucherDays as number } } }
      : { allowed_payment_method_types: ['card'] }),
    line_items: lineItems,
    client_reference_id: order.id,
    metadata: { orderId: order.id },
    payment_intent_data: { metadata: { orderId: order.id }, description: `Pedido FarmaCruz ${order.id}` },
    ...(order.customerEmail ? { customer_email: order.customerEmail } : {}),
    locale: 'es-419',
    expires_at: Math.floor(options.expiresAt.getTime() / 1000),
    success_url: urls.success,
    cancel_url: urls.cancel,
  };
}
