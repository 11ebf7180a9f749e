/**
 * Orders as they change, pushed by the server (Subscription.onMyOrderChanged / onOrderChanged): pages keep
 * what they read with queries and lay the newest pushed version of each order over it, so a status set by
 * staff, a payment or an expired reservation shows without reloading. After a dropped connection is back, or
 * when the server ends a subscription, `onResync` lets the page refetch what it may have missed.
 */
import { useSubscription } from 'urql';
import { graphql } from '../gql';
import type { LiveOrderFieldsFragment } from '../gql/graphql';

export const LiveOrderFields = graphql(`
  fragment LiveOrderFields on Order {
    id status createdAt updatedAt itemCount customerEmail paymentMethod paymentReference reservationExpiresAt
    lines { productId name quantity unitPrice { amountCents currency } lineTotal { amountCents currency } prescriptionRequired }
    subtotal { amountCents currency } shipping { amountCents currency } total { amountCents currency }
    shippingAddress { recipientName line1 line2 city state postalCode country phone }
    statusHistory { status at by reason carrier trackingNumber }
    prescriptionVerification { at by note }
    paymentMethod reservationExpiresAt paymentReference
  }
`);

const MyOrderChanged = graphql(`
  subscription MyOrderChanged($id: ID) {
    onMyOrderChanged(id: $id) { ...LiveOrderFields }
  }
`);

const StaffOrderChanged = graphql(`
  subscription StaffOrderChanged {
    onOrderChanged { ...LiveOrderFields }
  }
`);

export type LiveOrder = LiveOrderFieldsFragment;

function keepNewest(previous: ReadonlyMap<string, LiveOrder> | undefined, order: LiveOrder | null | undefined): ReadonlyMap<string, LiveOrder> {
  const next = new Map(previous);
  if (!order) return next;
  const known = next.get(order.id);
  // Delivery is at least once and may repeat an older version after a reconnect: the newest wins.
  if (!known || known.updatedAt <= order.updatedAt) next.set(order.id, order);
  return next;
}

const EMPTY: ReadonlyMap<string, LiveOrder> = new Map();

/** The signed-in shopper's orders as they change; with `id`, that one order. */
export function useMyLiveOrders(id: string | null, pause = false): ReadonlyMap<string, LiveOrder> {
  const [result] = useSubscription({ query: MyOrderChanged, variables: { id }, pause }, (previous: ReadonlyMap<string, LiveOrder> | undefined, data) =>
    keepNewest(previous, data.onMyOrderChanged),
  );
  return result.data ?? EMPTY;
}

/** Staff: every order as it is placed or changes. */
export function useStaffLiveOrders(pause = false): ReadonlyMap<string, LiveOrder> {
  const [result] = useSubscription({ query: StaffOrderChanged, pause }, (previous: ReadonlyMap<string, LiveOrder> | undefined, data) =>
    keepNewest(previous, data.onOrderChanged),
  );
  return result.data ?? EMPTY;
}

/** The newer of what a query read and what was pushed (ISO-8601 UTC times compare as text). */
export function newest<T extends { updatedAt?: string }>(read: T, pushed: Partial<T> | undefined): T {
  if (!pushed) return read;
  // The pushed order carries LiveOrderFields; what only the page's query reads stays as it was read.
  return !read.updatedAt || read.updatedAt <= (pushed.updatedAt ?? '') ? { ...read, ...pushed } : read;
}

interface ListedOrder {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A list read with queries, with the pushed orders laid over it: a listed order is replaced by its newer
 * pushed version (and dropped when it no longer `belongs`, e.g. moved out of the staff tab's status); a pushed
 * order the list lacks is added in the list's order (newest or oldest first) when it belongs — at the end of
 * an oldest-first list only once every page was read (`complete`), else the next pages bring it.
 */
export function withLiveOrders<T extends ListedOrder>(
  items: readonly T[],
  live: ReadonlyMap<string, LiveOrder>,
  options: { readonly toItem: (order: LiveOrder) => T; readonly belongs?: (item: T) => boolean; readonly sort: 'newest-first' | 'oldest-first'; readonly complete: boolean },
): T[] {
  const belongs = options.belongs ?? (() => true);
  const listed = new Set(items.map((item) => item.id));
  const merged = items.map((item) => {
    const pushed = live.get(item.id);
    return pushed && pushed.updatedAt >= item.updatedAt ? options.toItem(pushed) : item;
  });
  const added = [...live.values()].filter((order) => !listed.has(order.id)).map(options.toItem).filter(belongs);
  const kept = merged.filter(belongs);
  if (options.sort === 'newest-first') {
    return [...added.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), ...kept];
  }
  return options.complete ? [...kept, ...added.sort((a, b) => a.createdAt.localeCompare(b.createdAt))] : kept;
}
