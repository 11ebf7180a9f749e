/**
 * Pure logic of order-email: the data an order email template is rendered with, in Spanish and with
 * every number already formatted (SES templates cannot format). SES does not HTML-escape template values,
 * so the HTML parts read an escaped copy of the same view under `html`; the subject and text parts read
 * the plain values.
 */
import type { Address } from '../../model/order-input';
import type { OrderEvent, OrderEventType, OrderStatus } from '../../model/order-events';
import type { OrderEmailTemplateNames, SpeiAccount } from '../../config/settings';
import { formatClabe } from '../../model/clabe';
import { paysOnDelivery } from '../../model/payment-methods';
import { paymentMethodLabel } from '../../model/payment-method-texts';
import { formatMoney } from '../../model/money-format';
import { orderPath, shopUrlOf } from '../../model/shop-paths';

export const STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  PENDING: 'Pendiente de pago',
  PAID: 'Pagado',
  SHIPPED: 'Enviado',
  DELIVERED: 'Entregado',
  CANCELLED: 'Cancelado',
};

const STATUS_MESSAGES: Readonly<Record<OrderStatus, { headline: string; message: string }>> = {
  PENDING: {
    headline: 'Tu pedido está pendiente de pago',
    message: 'En cuanto recibamos tu pago empezaremos a preparar tu pedido.',
  },
  PAID: {
    headline: '¡Recibimos tu pago!',
    message: 'Ya estamos preparando tu pedido. Te avisaremos cuando salga rumbo a tu domicilio.',
  },
  SHIPPED: {
    headline: 'Tu pedido va en camino',
    message: 'Entregamos tu pedido a la paquetería. Pronto llegará a la dirección de envío.',
  },
  DELIVERED: {
    headline: 'Tu pedido fue entregado',
    message: 'Esperamos que todo haya llegado bien. ¡Gracias por comprar en FarmaCruz!',
  },
  CANCELLED: {
    headline: 'Tu pedido fue cancelado',
    message: 'Cancelamos tu pedido. Si ya habías pagado, te reembolsaremos el importe completo.',
  },
};

export interface EmailLineView {
  name: string;
  sku: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
  prescriptionRequired: boolean;
}

/** The stored order address (model/order-input.ts). */
export type EmailAddressView = Address;

export interface OrderEmailView {
  orderId: string;
  /** Short form shown to people: the last 8 characters of the ULID. */
  orderNumber: string;
  greetingName: string;
  placedAt: string;
  changedAt: string;
  status: string;
  previousStatus: string;
  headline: string;
  message: string;
  lines: EmailLineView[];
  itemCountLabel: string;
  subtotal: string;
  shipping: string;
  total: string;
  address: EmailAddressView;
  hasPrescriptionItems: boolean;
  /** Why staff cancelled the order, as they wrote it; empty when none was recorded. */
  cancellationReason: string;
  /** Carrier and tracking number of the shipment; empty unless the order was shipped with them. */
  carrier: string;
  trackingNumber: string;
  orderUrl: string;
  year: string;
  /** How the order is paid, in Spanish; empty on orders placed before payments existed. */
  paymentMethod: string;
  /** Order placed to be paid by SPEI: the transfer's details (the email shows them only then). */
  spei: SpeiInstructionsView | null;
  /** Order placed to be paid in cash on delivery: what to have ready. */
  cashOnDelivery: { amount: string } | null;
}

/** What a shopper needs to make the SPEI transfer of an order. */
export interface SpeiInstructionsView {
  /** Grouped for reading, e.g. "012 180 00123456789 9". */
  clabe: string;
  beneficiary: string;
  bank: string;
  /** The exact amount to transfer (the order's total). */
  amount: string;
  /** What to write in the transfer's concept (concepto / referencia). */
  reference: string;
  /** Until when the products stay reserved; empty when the order has no reservation end. */
  deadline: string;
}

export interface OrderEmailTemplateData extends OrderEmailView {
  /** The same view with every string HTML-escaped, for the HTML part. */
  html: OrderEmailView;
}

export interface EmailViewOptions {
  readonly timeZone: string;
  readonly shopUrl: string;
  /** The shop's SPEI account; without it, a SPEI order's email carries no transfer details. */
  readonly speiAccount?: SpeiAccount;
}

function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/** The newest history entry of the order's current status: the change this event is about. */
function currentStatusChange(event: OrderEvent) {
  const history = event.order.statusHistory ?? [];
  return [...history].reverse().find((change) => change.status === event.order.status);
}

/** The status an order had before its newest change (the history entry before the last one). */
function statusBeforeCurrent(event: OrderEvent): OrderStatus | undefined {
  const history = event.order.statusHistory ?? [];
  return history.length >= 2 ? history[history.length - 2]?.status : undefined;
}

/** What the cancellation email says about the card refund (OrderRefunded: the order records `cardRefund`). */
function refundMessage(event: OrderEvent, timeZone: string): string | null {
  const refund = event.order.cardRefund;
  if (!refund) return null;
  return (
    `Cancelamos tu pedido y ya emitimos el reembolso de ${formatMoney(refund.amountCents, refund.currency)} a la tarjeta con la que pagaste ` +
    `(${formatDateTime(refund.refundedAt, timeZone)}, referencia ${refund.refundId}). ` +
    'Según tu banco, puede tardar de 5 a 10 días hábiles en verse en tu estado de cuenta.'
  );
}

export function orderEmailView(event: OrderEvent, options: EmailViewOptions): OrderEmailView {
  const { order } = event;
  const change = currentStatusChange(event);
  const money = (cents: number) => formatMoney(cents, order.currency);
  const status = STATUS_MESSAGES[order.status];
  const placed = event.eventType === 'OrderPlaced';
  const refunded = event.eventType === 'OrderRefunded';
  const itemCount = order.itemCount;
  const address = order.shippingAddress;
  return {
    orderId: order.id,
    orderNumber: order.id.slice(-8).toUpperCase(),
    greetingName: firstName(address.recipientName),
    placedAt: formatDateTime(order.createdAt, options.timeZone),
    // A refund comes after the cancellation: the email tells when the order was cancelled and what it was before.
    changedAt: formatDateTime(refunded && change ? change.at : event.occurredAt, options.timeZone),
    status: STATUS_LABELS[order.status],
    previousStatus: placed ? '' : STATUS_LABELS[refunded ? (statusBeforeCurrent(event) ?? event.previousStatus) : event.previousStatus],
    headline: placed ? '¡Gracias por tu pedido!' : status.headline,
    message: placed
      ? 'Recibimos tu pedido y apartamos tus productos. Te avisaremos por correo cada vez que avance.'
      : (refundMessage(event, options.timeZone) ?? status.message),
    lines: order.lines.map((line) => ({
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceCents),
      lineTotal: money(line.lineTotalCents),
      prescriptionRequired: line.prescriptionRequired,
    })),
    itemCountLabel: itemCount === 1 ? '1 producto' : `${itemCount} productos`,
    subtotal: money(order.subtotalCents),
    shipping: order.shippingCents === 0 ? 'Gratis' : money(order.shippingCents),
    total: money(order.totalCents),
    address: {
      recipientName: address.recipientName,
      line1: address.line1,
      ...(address.line2 ? { line2: address.line2 } : {}),
      city: address.city,
      state: address.state,
      postalCode: address.postalCode,
      country: address.country,
      ...(address.phone ? { phone: address.phone } : {}),
    },
    hasPrescriptionItems: order.lines.some((line) => line.prescriptionRequired),
    cancellationReason: order.status === 'CANCELLED' ? (change?.reason ?? '') : '',
    carrier: order.status === 'SHIPPED' ? (change?.carrier ?? '') : '',
    trackingNumber: order.status === 'SHIPPED' ? (change?.trackingNumber ?? '') : '',
    orderUrl: shopUrlOf(options.shopUrl, orderPath(order.id)),
    year: String(new Date(event.occurredAt).getUTCFullYear() || new Date().getUTCFullYear()),
    paymentMethod: order.paymentMethod ? paymentMethodLabel(order.paymentMethod) : '',
    spei: placed ? speiInstructions(event, options) : null,
    cashOnDelivery: placed && paysOnDelivery(order.paymentMethod) ? { amount: money(order.totalCents) } : null,
  };
}

/** The transfer details of a new SPEI order: the shop's account, the exact total, the reference and the deadline. */
function speiInstructions(event: OrderEvent, options: EmailViewOptions): SpeiInstructionsView | null {
  const { order } = event;
  if (order.paymentMethod !== 'SPEI' || !order.paymentReference || !options.speiAccount) return null;
  return {
    clabe: formatClabe(options.speiAccount.clabe),
    beneficiary: options.speiAccount.beneficiary,
    bank: options.speiAccount.bank,
    amount: formatMoney(order.totalCents, order.currency),
    reference: order.paymentReference,
    deadline: order.reservationExpiresAt ? formatDateTime(order.reservationExpiresAt, options.timeZone) : '',
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c] ?? c);
}

function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeHtml(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)])) as T;
  }
  return value;
}

export function orderEmailTemplateData(event: OrderEvent, options: EmailViewOptions): OrderEmailTemplateData {
  const view = orderEmailView(event, options);
  return { ...view, html: escapeDeep(view) };
}

export function templateNameFor(eventType: OrderEventType, names: OrderEmailTemplateNames): string {
  switch (eventType) {
    case 'OrderPlaced':
      return names.orderPlaced;
    case 'OrderStatusChanged':
      return names.orderStatusChanged;
    case 'OrderCancelled':
    // The cancellation email of a card-paid order, sent once its refund is recorded (plan-order-email.ts).
    case 'OrderRefunded':
      return names.orderCancelled;
  }
}
