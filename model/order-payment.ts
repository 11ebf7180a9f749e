/**
 * How orders are paid and how long an unpaid order holds its stock (issue 13): the order limits (units of
 * one product per order, unpaid orders per shopper), the reservation time per payment method, and the
 * bank-transfer (SPEI) reference. The numbers are settings: API environment variables (ctx.env) set by the
 * CDK stack and the local runtime from config/settings.ts; each has a default here.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { PaymentMethod } from './schema-types.generated';
import { isPaymentMethod, paysOnDelivery } from './payment-methods';
export type { PaymentMethod };
export { isPaymentMethod };

export const ORDER_POLICY_ENV = {
  maxUnitsPerProduct: 'ORDER_MAX_UNITS_PER_PRODUCT',
  maxUnpaidOrders: 'ORDER_MAX_UNPAID_ORDERS',
  cardReservationMinutes: 'RESERVATION_MINUTES_CARD',
  speiReservationMinutes: 'RESERVATION_MINUTES_SPEI',
  oxxoReservationDays: 'RESERVATION_DAYS_OXXO',
} as const;

export interface OrderPolicy {
  /** At most this many units of one product per order (a product's own `maxPerOrder` may lower it). */
  maxUnitsPerProduct: number;
  /** At most this many PENDING orders per shopper. */
  maxUnpaidOrders: number;
  /** Minutes an unpaid order keeps its stock, per payment method. */
  reservationMinutes: { CARD: number; SPEI: number };
  /**
   * Days an unpaid OXXO order keeps its stock (at least 2: the voucher, which Stripe makes expire at 23:59 Mexico
   * City time a whole number of days after it is issued, must expire before: functions/card-checkout). Default
   * when absent.
   */
  oxxoReservationDays?: number;
}

/** Days an unpaid OXXO order holds its stock by default. */
export const DEFAULT_OXXO_RESERVATION_DAYS = 3;

export const DEFAULT_ORDER_POLICY: OrderPolicy = {
  maxUnitsPerProduct: 10,
  maxUnpaidOrders: 3,
  // Card and OXXO through Stripe Checkout: the shopper pays now (an OXXO voucher is issued at once).
  // Bank transfer: the shopper goes to their bank; staff confirm it in business hours.
  reservationMinutes: { CARD: 30, SPEI: 48 * 60 },
};

export const DEFAULT_PAYMENT_METHOD: PaymentMethod = 'CARD';

function positiveIntegerOr(text: string | undefined, fallback: number): number {
  if (typeof text !== 'string' || text.length === 0) return fallback;
  const value = Number(text);
  return Math.floor(value) === value && value >= 1 ? value : fallback;
}

export function orderPolicyOf(env: Readonly<Record<string, string | undefined>>): OrderPolicy {
  return {
    maxUnitsPerProduct: positiveIntegerOr(env[ORDER_POLICY_ENV.maxUnitsPerProduct], DEFAULT_ORDER_POLICY.maxUnitsPerProduct),
    maxUnpaidOrders: positiveIntegerOr(env[ORDER_POLICY_ENV.maxUnpaidOrders], DEFAULT_ORDER_POLICY.maxUnpaidOrders),
    reservationMinutes: {
      CARD: positiveIntegerOr(env[ORDER_POLICY_ENV.cardReservationMinutes], DEFAULT_ORDER_POLICY.reservationMinutes.CARD),
      SPEI: positiveIntegerOr(env[ORDER_POLICY_ENV.speiReservationMinutes], DEFAULT_ORDER_POLICY.reservationMinutes.SPEI),
    },
    oxxoReservationDays: oxxoReservationDaysOf(positiveIntegerOr(env[ORDER_POLICY_ENV.oxxoReservationDays], DEFAULT_OXXO_RESERVATION_DAYS)),
  };
}

/** The API environment variables for a policy (what the CDK stack and the local runtime set). */
export function orderPolicyEnvironment(policy: OrderPolicy): Record<string, string> {
  return {
    [ORDER_POLICY_ENV.maxUnitsPerProduct]: `${policy.maxUnitsPerProduct}`,
    [ORDER_POLICY_ENV.maxUnpaidOrders]: `${policy.maxUnpaidOrders}`,
    [ORDER_POLICY_ENV.cardReservationMinutes]: `${policy.reservationMinutes.CARD}`,
    [ORDER_POLICY_ENV.speiReservationMinutes]: `${policy.reservationMinutes.SPEI}`,
    [ORDER_POLICY_ENV.oxxoReservationDays]: `${oxxoReservationDaysOf(policy.oxxoReservationDays)}`,
  };
}

/**
 * Whether an order paid by `method` holds its stock for a limited time (CARD, SPEI). An order paid on delivery
 * holds it until staff ship or cancel it: no reservation item, nothing for the expiry job to cancel.
 */
export function holdsTimedReservation(method: string): boolean {
  return !paysOnDelivery(method);
}

/** How many units of a product one order may hold: the shop's limit, lowered by the product's own. */
export function unitLimitOf(product: { maxPerOrder?: number | null }, policy: OrderPolicy): number {
  const own = product.maxPerOrder;
  return typeof own === 'number' && own >= 1 && own < policy.maxUnitsPerProduct ? own : policy.maxUnitsPerProduct;
}

/** A line asking for more units than its product allows per order. */
export interface UnitLimitExceeded {
  productId: string;
  name: string;
  requested: number;
  limit: number;
}

export function firstUnitLimitExceeded(
  lines: { productId: string; quantity: number }[],
  products: { id: string; name: string; maxPerOrder?: number | null }[],
  policy: OrderPolicy,
): UnitLimitExceeded | null {
  const found = lines
    .map((line) => {
      const product = products.find((p) => p.id === line.productId);
      const limit = product ? unitLimitOf(product, policy) : policy.maxUnitsPerProduct;
      return { productId: line.productId, name: product ? product.name : line.productId, requested: line.quantity, limit };
    })
    .find((entry) => entry.requested > entry.limit);
  return found ? found : null;
}

/** Milliseconds an order paid by `method` keeps its stock. */
export function reservationMillis(method: PaymentMethod, policy: OrderPolicy): number {
  if (method === 'OXXO') return oxxoReservationDaysOf(policy.oxxoReservationDays) * 24 * 60 * 60 * 1000;
  const minutes = method === 'SPEI' ? policy.reservationMinutes.SPEI : policy.reservationMinutes.CARD;
  return minutes * 60 * 1000;
}

/** The OXXO reservation in days: the setting, never under 2 (the voucher needs a whole day before it). */
export function oxxoReservationDaysOf(days: number | undefined): number {
  const value = typeof days === 'number' && Math.floor(days) === days ? days : DEFAULT_OXXO_RESERVATION_DAYS;
  return value < 2 ? 2 : value;
}

/**
 * The reference a shopper writes in the SPEI transfer's "concepto" so staff can match it to the order: the
 * shop's prefix and the last 10 characters of the order id (a ULID's random part; Crockford base 32, no
 * ambiguous letters), e.g. "FC-7QK2M9XW4B".
 */
export function speiReferenceOf(orderId: string): string {
  return `FC-${orderId.slice(-10).toUpperCase()}`;
}
