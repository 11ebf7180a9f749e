/**
 * The one list of the ways a shopper can pay: the checkout page builds its choice from it, createOrder accepts
 * exactly these methods, the life cycle and the reservation follow `paysOnDelivery`. What the shop tells shoppers
 * about each (Spanish label and explanation) is model/payment-method-texts.ts, a record keyed by the enum, so a
 * method without its text does not typecheck; it is kept apart because the resolvers bundle this file and
 * AppSync limits a resolver's code to 32 KB. Adding a method = the schema's PaymentMethod enum value, one entry
 * here, its text there (and its own payment flow); no page lists methods by hand.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { PaymentMethod } from './schema-types.generated';

/** A shop setting (ShopSettings, staff's "Formas de pago" page) that must be on for a method to be offered. */
export type PaymentMethodSetting = 'cashOnDelivery';

export interface PaymentMethodOption {
  readonly method: PaymentMethod;
  /**
   * Paid when the order is handed over, not before: such an order holds no timed reservation (nothing to
   * expire), is prepared and shipped unpaid, and is settled at delivery (model/order-status.ts).
   */
  readonly paysOnDelivery: boolean;
  /** Offered only while staff have this shop setting on; always offered when absent. */
  readonly requiresSetting?: PaymentMethodSetting;
}

// A plain array, not readonly: the APPSYNC_JS lint allows callbacks on Array methods only, not ReadonlyArray.
export const PAYMENT_METHOD_OPTIONS: PaymentMethodOption[] = [
  {
    method: 'CARD',
    paysOnDelivery: false,
  },
  {
    method: 'SPEI',
    paysOnDelivery: false,
  },
  {
    method: 'OXXO',
    paysOnDelivery: false,
  },
  {
    method: 'CASH_ON_DELIVERY',
    paysOnDelivery: true,
    requiresSetting: 'cashOnDelivery',
  },
];

/** What the shop's settings say about payments (ShopSettings). */
export interface PaymentSettings {
  readonly cashOnDelivery: boolean;
}

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = { cashOnDelivery: false };

/** The settings as stored (`SHOP / SETTINGS`, a ShopSettings item), the defaults when there is none. */
export function shopPaymentSettingsOf(item: Record<string, unknown> | null | undefined): PaymentSettings {
  if (!item) return DEFAULT_PAYMENT_SETTINGS;
  return { cashOnDelivery: item.cashOnDelivery === true };
}

export function paymentMethodOption(method: string | null | undefined): PaymentMethodOption | null {
  const found = PAYMENT_METHOD_OPTIONS.find((option) => option.method === method);
  return found ? found : null;
}

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && paymentMethodOption(value) !== null;
}

/** Whether `method` is paid at delivery (no timed reservation; shipped before it is paid). */
export function paysOnDelivery(method: string | null | undefined): boolean {
  const option = paymentMethodOption(method);
  return option !== null && option.paysOnDelivery;
}

/** Whether the shop offers `option` under `settings`. */
export function isPaymentMethodOffered(option: PaymentMethodOption, settings: PaymentSettings): boolean {
  return option.requiresSetting === 'cashOnDelivery' ? settings.cashOnDelivery === true : true;
}

/** The methods a shopper may choose now, in the list's order. */
export function offeredPaymentMethods(settings: PaymentSettings): PaymentMethodOption[] {
  return PAYMENT_METHOD_OPTIONS.filter((option) => isPaymentMethodOffered(option, settings));
}

/** "CARD, SPEI or CASH_ON_DELIVERY": every method, for messages that list them. */
export function paymentMethodNames(): string {
  const names = PAYMENT_METHOD_OPTIONS.map((option) => option.method);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
