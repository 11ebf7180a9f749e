/**
 * The end of an order's stock reservation: the one rule every path that moves an order uses — staff
 * (updateOrderStatus), the shopper cancelling an unpaid order, the payment webhook, and the
 * reservation-expiry job. It says which writes belong in the same transaction as the order's versioned
 * status update:
 *   - leaving PENDING (paid, cancelled or expired): delete the order's reservation item, on condition it still
 *     exists, and take one off the owner's unpaid-orders count. A cash-on-delivery order has no reservation
 *     item (its stock is held until staff ship or cancel it) but counts as unpaid until it leaves PENDING;
 *   - becoming CANCELLED (from PENDING, PAID, or by expiry): every line's units back to stock.
 * A second release of the same reservation fails on both the order's version and the reservation item's
 * existence, so stock comes back exactly once whoever gets there first.
 *
 * Callers turn the plan into their own request shape (resolvers/support/reservation-end-writes.ts for
 * APPSYNC_JS, functions/reservation-expiry for the SDK).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { productKey, reservationKey, unpaidOrdersKey } from './keys';
import type { OrderItem } from './order-items';
import { statusReturnsStock } from './order-status';
import { paysOnDelivery } from './payment-methods';

export interface TableKey {
  PK: string;
  SK: string;
}

export interface ReservationEnd {
  /** Units going back to stock, per product (the product must still exist). */
  stockReturns: { key: TableKey; quantity: number }[];
  /** The reservation item to delete (condition: it exists). Null when the order holds none. */
  reservation: TableKey | null;
  /** The owner's unpaid-orders count to decrement. Null when the order never counted. */
  unpaidCounter: TableKey | null;
}

/** The reason written on the history entry (and in the email) when an unpaid order's time runs out. */
export const EXPIRED_RESERVATION_REASON = 'No recibimos el pago a tiempo: la reserva venció y los productos volvieron al inventario.';

/** Who an automatic change is recorded as (`by` of the history entry). */
export const SYSTEM_ACTOR = 'sistema';

export function reservationEndOf(order: OrderItem, to: string): ReservationEnd {
  const leavesPending = order.status === 'PENDING' && to !== 'PENDING';
  const holdsReservation = leavesPending && typeof order.reservationExpiresAt === 'string';
  const countedUnpaid = holdsReservation || (leavesPending && paysOnDelivery(order.paymentMethod));
  return {
    stockReturns:
      statusReturnsStock(to) ? order.lines.map((line) => ({ key: productKey(line.productId), quantity: line.quantity })) : [],
    reservation: holdsReservation ? reservationKey(order.reservationExpiresAt as string, order.id) : null,
    unpaidCounter: countedUnpaid ? unpaidOrdersKey(order.ownerId) : null,
  };
}

/** The reservation item written with a new order: the expiry job finds the order through it. */
export interface ReservationItem extends TableKey {
  type: 'Reservation';
  orderId: string;
  ownerId: string;
  expiresAt: string;
}

export function reservationItem(order: { id: string; ownerId: string; reservationExpiresAt: string }): ReservationItem {
  return {
    ...reservationKey(order.reservationExpiresAt, order.id),
    type: 'Reservation',
    orderId: order.id,
    ownerId: order.ownerId,
    expiresAt: order.reservationExpiresAt,
  };
}
