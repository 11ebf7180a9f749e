/**
 * The one list of the ways a shopper can pay, with what the shop tells them about each (Spanish): the checkout
 * page builds its choice from it, the order page and emails name the method with its label, and createOrder
 * accepts exactly these methods. Adding a method = adding it to the schema's PaymentMethod enum and one entry
 * here (and its own payment flow); no page lists methods by hand.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { PaymentMethod } from './schema-types.generated';

/** A shop setting (ShopSettings, staff's "Formas de pago" page) that must be on for a method to be offered. */
export type PaymentMethodSetting = 'cashOnDelivery';

export interface PaymentMethodOption {
  readonly method: PaymentMethod;
  /** Short name, e.g. "Transferencia bancaria (SPEI)". */
  readonly label: string;
  /** One or two sentences a shopper reads before choosing it. */
  readonly description: string;
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
    label: 'Tarjeta de crédito o débito',
    description: 'Pagas en línea en la página segura de Stripe, nuestro procesador de pagos. Preparamos tu pedido en cuanto se confirma el pago.',
    paysOnDelivery: false,
  },
  {
    method: 'SPEI',
    label: 'Transferencia bancaria (SPEI)',
    description: 'Te damos nuestra CLABE y una referencia; transfieres desde la app o el portal de tu banco y confirmamos tu pago en horario de la farmacia.',
    paysOnDelivery: false,
  },
  {
    method: 'OXXO',
    label: 'Efectivo en tiendas OXXO',
    description: 'Obtienes una ficha de pago y pagas en efectivo en cualquier tienda OXXO antes de que venza; apartamos tus productos unos días.',
    paysOnDelivery: false,
  },
  {
    method: 'CASH_ON_DELIVERY',
    label: 'Pago en efectivo al recibir',
    description: 'Pagas en efectivo a quien te entrega el pedido. Ten el importe exacto a la mano: el repartidor puede no llevar cambio.',
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

/** The Spanish name of a method; the raw value for one this list does not know. */
export function paymentMethodLabel(method: string): string {
  const option = paymentMethodOption(method);
  return option ? option.label : method;
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
