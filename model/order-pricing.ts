/**
 * Prices an order from the products as stored right now — never from anything the client sent: lines,
 * subtotal, shipping and total in integer cents of one currency.
 *
 * Shipping: a flat 49.00 per order, free when the subtotal reaches 500.00 (amounts in the order's
 * currency, MXN for the shop). One currency per order: a cart mixing currencies is refused.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { OrderItemInput } from './order-input';

export const SHIPPING_RULE = {
  flatCents: 4900,
  freeFromSubtotalCents: 50000,
};

/** The product attributes pricing and stock checks need (a subset of the Product item). */
export interface ProductForOrder {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  stock: number;
  active: boolean;
  prescriptionRequired: boolean;
  /** At most this many units per order, when lower than the shop's limit (model/order-payment.ts). */
  maxPerOrder?: number | null;
  /** The product's category when the order is placed (kept on the line for sales by category). */
  categoryId?: string;
  categoryName?: string;
}

/** One line as stored on the Order item (docs/data-model.md). */
export interface OrderLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  prescriptionRequired: boolean;
  categoryId?: string;
  categoryName?: string;
}

export interface PricedOrder {
  currency: string;
  lines: OrderLine[];
  itemCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
}

/** A line that asks for more units than the product has. */
export interface StockShortage {
  productId: string;
  requested: number;
  available: number;
}

export type OrderPricing =
  | { ok: true; order: PricedOrder }
  | { ok: false; reason: 'NotFound'; productIds: string[] }
  | { ok: false; reason: 'OutOfStock'; shortage: StockShortage }
  | { ok: false; reason: 'MixedCurrencies'; currencies: string[] };

export function shippingCentsFor(subtotalCents: number): number {
  return subtotalCents >= SHIPPING_RULE.freeFromSubtotalCents ? 0 : SHIPPING_RULE.flatCents;
}

function productById(products: ProductForOrder[], id: string): ProductForOrder | undefined {
  return products.find((product) => product.id === id);
}

/** Requested ids that are unknown or whose product is inactive (hidden products cannot be bought). */
export function unavailableProductIds(items: OrderItemInput[], products: ProductForOrder[]): string[] {
  return items
    .filter((item) => {
      const product = productById(products, item.productId);
      return product === undefined || product.active !== true;
    })
    .map((item) => item.productId);
}

/**
 * Prices `items` (already validated: distinct products, quantities 1–100) against `products`. Reports,
 * in this order, unknown or inactive products, mixed currencies, then the first line short of stock.
 */
export function priceOrder(items: OrderItemInput[], products: ProductForOrder[]): OrderPricing {
  const missing = unavailableProductIds(items, products);
  if (missing.length > 0) return { ok: false, reason: 'NotFound', productIds: missing };

  const lines: OrderLine[] = items.map((item) => {
    const product = productById(products, item.productId) as ProductForOrder;
    const line: OrderLine = {
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity: item.quantity,
      unitPriceCents: product.priceCents,
      lineTotalCents: product.priceCents * item.quantity,
      prescriptionRequired: product.prescriptionRequired === true,
    };
    // DynamoDB items leave absent attributes out, so the line gets them only when the product has them.
    if (product.categoryId) line.categoryId = product.categoryId;
    if (product.categoryName) line.categoryName = product.categoryName;
    return line;
  });

  const currencies = items
    .map((item) => (productById(products, item.productId) as ProductForOrder).currency)
    .filter((currency, index, all) => all.indexOf(currency) === index);
  if (currencies.length > 1) return { ok: false, reason: 'MixedCurrencies', currencies };

  const short = items.find((item) => (productById(products, item.productId) as ProductForOrder).stock < item.quantity);
  if (short) {
    const available = (productById(products, short.productId) as ProductForOrder).stock;
    return {
      ok: false,
      reason: 'OutOfStock',
      shortage: { productId: short.productId, requested: short.quantity, available: Math.max(0, available) },
    };
  }

  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const shippingCents = shippingCentsFor(subtotalCents);
  return {
    ok: true,
    order: {
      currency: currencies[0] as string,
      lines,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      subtotalCents,
      shippingCents,
      totalCents: subtotalCents + shippingCents,
    },
  };
}
