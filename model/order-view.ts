/**
 * Turns stored Order items into the GraphQL `Order` shape: `Money` objects from the `*Cents` attributes
 * and the order's currency, table keys left out. Every order resolver returns orders through here.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { Address } from './order-input';
import type { OrderItem, StatusChange } from './order-items';
import type { OrderStatus } from './order-status';

export interface Money {
  amountCents: number;
  currency: string;
}

export interface OrderLineView {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  prescriptionRequired: boolean;
}

export interface OrderView {
  id: string;
  ownerId: string;
  customerEmail: string | null;
  status: OrderStatus;
  lines: OrderLineView[];
  itemCount: number;
  subtotal: Money;
  shipping: Money;
  total: Money;
  shippingAddress: Address;
  statusHistory: StatusChange[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderConnectionView {
  items: OrderView[];
  nextToken: string | null;
}

export function money(amountCents: number, currency: string): Money {
  return { amountCents, currency };
}

export function toOrderView(item: OrderItem): OrderView {
  const currency = item.currency;
  return {
    id: item.id,
    ownerId: item.ownerId,
    customerEmail: item.customerEmail ? item.customerEmail : null,
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
    shippingAddress: item.shippingAddress,
    statusHistory: item.statusHistory,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** A page of a Query on an order index. */
export function toOrderConnection(items: OrderItem[], nextToken: string | null | undefined): OrderConnectionView {
  return { items: items.map((item) => toOrderView(item)), nextToken: nextToken ? nextToken : null };
}
