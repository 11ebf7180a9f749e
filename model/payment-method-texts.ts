/**
 * What the shop tells shoppers about each payment method, in Spanish: its name and a short explanation (the
 * checkout's choice, the order page, the staff pages, the emails). Keyed by the schema's PaymentMethod, so adding
 * a method to the enum fails the typecheck until it has its text here. The methods themselves and their rules are
 * model/payment-methods.ts (bundled into resolvers; these texts are not, to keep them under AppSync's 32 KB).
 */
import type { PaymentMethod } from './schema-types.generated';
import { offeredPaymentMethods, PAYMENT_METHOD_OPTIONS, type PaymentMethodOption, type PaymentSettings } from './payment-methods';

export interface PaymentMethodText {
  /** Short name, e.g. "Transferencia bancaria (SPEI)". */
  readonly label: string;
  /** One or two sentences a shopper reads before choosing it. */
  readonly description: string;
}

export const PAYMENT_METHOD_TEXTS: Readonly<Record<PaymentMethod, PaymentMethodText>> = {
  CARD: {
    label: 'Tarjeta de crédito o débito',
    description: 'Pagas en línea en la página segura de Stripe, nuestro procesador de pagos. Preparamos tu pedido en cuanto se confirma el pago.',
  },
  SPEI: {
    label: 'Transferencia bancaria (SPEI)',
    description: 'Te damos nuestra CLABE y una referencia; transfieres desde la app o el portal de tu banco y confirmamos tu pago en horario de la farmacia.',
  },
  OXXO: {
    label: 'Efectivo en tiendas OXXO',
    description: 'Obtienes una ficha de pago y pagas en efectivo en cualquier tienda OXXO antes de que venza; apartamos tus productos unos días.',
  },
  CASH_ON_DELIVERY: {
    label: 'Pago en efectivo al recibir',
    description: 'Pagas en efectivo a quien te entrega el pedido. Ten el importe exacto a la mano: el repartidor puede no llevar cambio.',
  },
};

export type DescribedPaymentMethod = PaymentMethodOption & PaymentMethodText;

function described(option: PaymentMethodOption): DescribedPaymentMethod {
  return { ...option, ...PAYMENT_METHOD_TEXTS[option.method] };
}

/** Every method of the list, with its texts, in the list's order. */
export function describedPaymentMethods(): DescribedPaymentMethod[] {
  return PAYMENT_METHOD_OPTIONS.map(described);
}

/** The methods a shopper may choose now, with their texts. */
export function offeredDescribedPaymentMethods(settings: PaymentSettings): DescribedPaymentMethod[] {
  return offeredPaymentMethods(settings).map(described);
}

/** The Spanish name of a method; the raw value for one the list does not know. */
export function paymentMethodLabel(method: string): string {
  const text = (PAYMENT_METHOD_TEXTS as Record<string, PaymentMethodText | undefined>)[method];
  return text ? text.label : method;
}
