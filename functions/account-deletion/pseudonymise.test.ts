import { describe, expect, it } from 'vitest';
import { REMOVED_ADDRESS_LINE, pseudonymiseOrder, type PseudonymisableOrder } from './pseudonymise';

const order: PseudonymisableOrder = {
  PK: 'ORDER#01J',
  SK: 'ORDER',
  ownerId: 'sub-ana',
  version: 3,
  customerEmail: 'ana@example.com',
  shippingAddress: { recipientName: 'Ana López', line1: 'Av. Juárez 123', line2: 'Col. Centro', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX', phone: '3312345678' },
  statusHistory: [
    { status: 'PENDING', at: '2026-12-01T10:00:00.000Z', by: 'sub-ana', byEmail: 'ana@example.com' },
    { status: 'PAID', at: '2026-12-01T11:00:00.000Z', by: 'staff-1', byEmail: 'caja@farmacruz.mx' },
  ],
};

describe('pseudonymiseOrder', () => {
  it('keeps where the sale went and drops who, the street, the phone and the shopper’s email; staff entries stay', () => {
    const changed = pseudonymiseOrder(order, { pseudonym: 'Cliente eliminado 1F3A9C2B', ownerUsername: 'sub-ana' });
    expect(changed.ownerId).toBe('DELETED#1F3A9C2B');
    expect(changed.GSI1PK).toBe('USER#DELETED#1F3A9C2B');
    expect(changed.shippingAddress).toEqual({ recipientName: 'Cliente eliminado 1F3A9C2B', line1: REMOVED_ADDRESS_LINE, city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX' });
    expect(changed.statusHistory).toEqual([
      { status: 'PENDING', at: '2026-12-01T10:00:00.000Z', by: 'Cliente eliminado 1F3A9C2B' },
      { status: 'PAID', at: '2026-12-01T11:00:00.000Z', by: 'staff-1', byEmail: 'caja@farmacruz.mx' },
    ]);
    expect(JSON.stringify(changed)).not.toMatch(/Ana|Juárez|Centro|3312345678|ana@example\.com|sub-ana/);
  });
});
