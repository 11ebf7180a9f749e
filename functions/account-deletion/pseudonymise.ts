/**
 * What deleting an account does to one of its orders: the personal data goes, the sale stays. Pure, so the
 * rule is tested on its own (pseudonymise.test.ts) and written once.
 */
import { userOrdersPartition } from '../../model/keys';

export interface PseudonymisableOrder {
  readonly PK: string;
  readonly SK: string;
  readonly ownerId: string;
  readonly version: number;
  readonly customerEmail?: string;
  readonly shippingAddress: {
    readonly recipientName: string;
    readonly line1: string;
    readonly line2?: string | null;
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly country: string;
    readonly phone?: string | null;
  };
  readonly statusHistory: readonly Record<string, unknown>[];
}

/** What stands in for the street on a pseudonymised order. */
export const REMOVED_ADDRESS_LINE = 'Dirección eliminada a petición del cliente';

export function pseudonymiseOrder(
  order: PseudonymisableOrder,
  options: { readonly pseudonym: string; readonly ownerUsername: string },
) {
  const owner = `DELETED#${options.pseudonym.split(' ').pop()}`;
  const address = order.shippingAddress;
  return {
    ownerId: owner,
    // Out of the user's partition: nobody signing up later with the same sub (impossible) or email sees them.
    GSI1PK: userOrdersPartition(owner),
    shippingAddress: { recipientName: options.pseudonym, line1: REMOVED_ADDRESS_LINE, city: address.city, state: address.state, postalCode: address.postalCode, country: address.country },
    // The shopper's own changes (placing, cancelling) name the pseudonym; staff's keep who they were.
    statusHistory: order.statusHistory.map((change) => {
      if (change.by !== options.ownerUsername) return change;
      const { byEmail: _email, ...rest } = change;
      return { ...rest, by: options.pseudonym };
    }),
  };
}
