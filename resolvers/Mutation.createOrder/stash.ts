/**
 * The contract between createOrder's steps: everything a step leaves in `ctx.stash` for the later ones,
 * typed in one place. Every step reads and writes the stash through `createOrderStash(ctx)`, never through
 * untyped `ctx.stash.<key>`.
 *
 * Who writes what (steps in the order of steps.ts):
 *   resolver.ts           order = null
 *   validateOrderInput    request
 *   getOrderProducts      placedOrderId (checkout already placed) | pricedOrder + stockSeen
 *   writeNewOrder         newOrder, then order (written) | placedOrderId / clientTokenTaken (lost the token)
 *   getPlacedOrder        order (the checkout's first order)
 *   resolver.ts           reads order
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { Context } from '@aws-appsync/utils';
import type { OrderRequest } from '../../model/order-input';
import type { OrderItem } from '../../model/order-items';
import type { PricedOrder } from '../../model/order-pricing';

/** The stock of a product as the consistent read saw it (for an OutOfStock message when DynamoDB says less). */
export interface StockSeen {
  productId: string;
  stock: number;
}

export interface CreateOrderStash {
  /** The checked and cleaned input (validateOrderInput). */
  request?: OrderRequest;
  /** Set when this client token already placed an order: the later steps return that order. */
  placedOrderId?: string;
  /** Set when the transaction lost the client token to a concurrent request and DynamoDB did not say to which order. */
  clientTokenTaken?: boolean;
  /** The order priced from the stored products (getOrderProducts). */
  pricedOrder?: PricedOrder;
  stockSeen?: StockSeen[];
  /** The order item writeNewOrder tries to put. */
  newOrder?: OrderItem;
  /** The result: the order written now, or the checkout's first order. */
  order: OrderItem | null;
}

export function createOrderStash(ctx: Context): CreateOrderStash {
  return ctx.stash as CreateOrderStash;
}
