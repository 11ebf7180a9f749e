/**
 * Turns stored Order items into the GraphQL `Order` shape: `Money` objects from the `*Cents` attributes
 * and the order's currency, table keys left out. Every order resolver returns orders through here.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { isEmailAddress } from './input-text';
import type { Address } from './order-input';
import type { OrderItem, StatusChange } from './order-items';
import type { Money, Order, OrderConnection, OrderLine } from './schema-types.generated';

export type { Money };
export type OrderLineView = OrderLine;
export type OrderView = Order;
export type OrderConnectionView = OrderConnection;

export function money(amountCents: number, currency: string): Money {
  return { amountCents, currency };
}

export function toOrderView(item: OrderItem): OrderView {
  const currency = item.currency;
  return {
    id: item.id,
    ownerId: item.ownerId,
    // An address stored before createOrder validated it may not serialize as AWSEmail: show none then.
    customerEmail: isEmailAddress(item.customerEmail) ? (item.customerEmail as string) : null,
    status: item.status,
    lines: item.lines.map((line) => ({
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceCents, currency),
      lineTotal: money(line.lineTotalCents, currency),
      prescriptionRequired: line.prescriptionRequired,
    })),
    itemCount: item.itemCount,
    subtotal: money(item.subtotalCents, currency),
    shipping: money(item.shippingCents, currency),
    total: money(item.totalCents, currency),
    // Stored items leave absent optional fields out; the API answers null for them.
    shippingAddress: {
      recipientName: item.shippingAddress.recipientName,
      line1: item.shippingAddress.line1,
      line2: item.shippingAddress.line2 ?? null,
      city: item.shippingAddress.city,
      state: item.shippingAddress.state,
      postalCode: item.shippingAddress.postalCode,
      country: item.shippingAddress.country,
      phone: item.shippingAddress.phone ?? null,
    },
    statusHistory: item.statusHistory.map((change) => ({
      status: change.status,
      at: change.at,
      by: change.by ?? null,
      byEmail: isEmailAddress(change.byEmail) ? (change.byEmail as string) : null,
      reason: change.reason ?? null,
      carrier: change.carrier ?? null,
      trackingNumber: change.trackingNumber ?? null,
    })),
    prescriptionVerification: item.prescriptionVerification
      ? {
          at: item.prescriptionVerification.at,
          by: item.prescriptionVerification.by,
          byEmail: isEmailAddress(item.prescriptionVerification.byEmail) ? (item.prescriptionVerification.byEmail as string) : null,
          note: item.prescriptionVerification.note ?? null,
        }
      : null,
    paymentMethod: item.paymentMethod ?? null,
    // The reservation's end matters only while the order waits for payment.
    reservationExpiresAt: item.status === 'PENDING' && item.reservationExpiresAt ? item.reservationExpiresAt : null,
    paymentReference: item.paymentReference ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** A page of a Query on an order index. */
export function toOrderConnection(items: OrderItem[], nextToken: string | null | undefined): OrderConnectionView {
  return { items: items.map((item) => toOrderView(item)), nextToken: nextToken ? nextToken : null };
}
