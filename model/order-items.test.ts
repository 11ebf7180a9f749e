import { describe, expect, it } from 'vitest';
import { clientTokenItem, itemAttributes, newOrderItem, orderStatusUpdate, type NewOrder } from './order-items';
import { toOrderConnection, toOrderView } from './order-view';

const placed: NewOrder = {
  id: '01JA0000000000000000000001',
  now: '2026-03-01T10:00:00.000Z',
  actor: { sub: 'sub-maria', username: 'maria', email: 'maria@example.mx' },
  clientToken: 'checkout-0001',
  shippingAddress: {
    recipientName: 'María Pérez',
    line1: 'Av. Juárez 123',
    city: 'Veracruz',
    state: 'Veracruz',
    postalCode: '91700',
    country: 'MX',
  },
  priced: {
    currency: 'MXN',
    lines: [
      {
        productId: 'PARA',
        sku: 'PARA-500-20',
        name: 'Paracetamol 500 mg',
        quantity: 2,
        unitPriceCents: 3500,
        lineTotalCents: 7000,
        prescriptionRequired: false,
      },
    ],
    itemCount: 2,
    subtotalCents: 7000,
    shippingCents: 4900,
    totalCents: 11900,
  },
};

describe('order items', () => {
  it('builds a PENDING order, version 1, listed under its owner and its status', () => {
    expect(newOrderItem(placed)).toEqual({
      PK: 'ORDER#01JA0000000000000000000001',
      SK: 'ORDER',
      GSI1PK: 'USER#sub-maria',
      GSI1SK: 'ORDER#2026-03-01T10:00:00.000Z#01JA0000000000000000000001',
      GSI2PK: 'ORDERSTATUS#PENDING',
      GSI3PK: 'CUSTOMER#maria@example.mx',
      GSI3SK: '2026-03-01T10:00:00.000Z#01JA0000000000000000000001',
      GSI2SK: '2026-03-01T10:00:00.000Z#01JA0000000000000000000001',
      type: 'Order',
      id: placed.id,
      ownerId: 'sub-maria',
      customerEmail: 'maria@example.mx',
      status: 'PENDING',
      currency: 'MXN',
      lines: placed.priced.lines,
      itemCount: 2,
      subtotalCents: 7000,
      shippingCents: 4900,
      totalCents: 11900,
      shippingAddress: placed.shippingAddress,
      statusHistory: [{ status: 'PENDING', at: placed.now, by: 'maria' }],
      clientToken: 'checkout-0001',
      version: 1,
      createdAt: placed.now,
      updatedAt: placed.now,
    });
  });

  it('leaves customerEmail off when the token has no email', () => {
    const item = newOrderItem({ ...placed, actor: { sub: 'sub-maria', username: 'maria' } });
    expect(Object.keys(item)).not.toContain('customerEmail');
  });

  it('builds the client-token item pointing at the order', () => {
    expect(clientTokenItem('sub-maria', 'checkout-0001', placed.id, placed.now)).toEqual({
      PK: 'CLIENTTOKEN#sub-maria#checkout-0001',
      SK: 'CLIENTTOKEN',
      type: 'ClientToken',
      ownerId: 'sub-maria',
      clientToken: 'checkout-0001',
      orderId: placed.id,
      createdAt: placed.now,
    });
  });

  it('splits the primary key off for put requests', () => {
    const attributes = itemAttributes(clientTokenItem('s', 'checkout-0001', 'o', placed.now));
    expect(attributes).toEqual({ type: 'ClientToken', ownerId: 's', clientToken: 'checkout-0001', orderId: 'o', createdAt: placed.now });
  });

  it('moves status: new GSI2 partition, one more history entry, version + 1, guarded by the old version', () => {
    const order = newOrderItem(placed);
    const update = orderStatusUpdate(order, 'PAID', '2026-03-01T11:00:00.000Z', 'staff');
    expect(update.expectedVersion).toBe(1);
    expect(update.set).toEqual({
      status: 'PAID',
      GSI2PK: 'ORDERSTATUS#PAID',
      version: 2,
      updatedAt: '2026-03-01T11:00:00.000Z',
    });
    expect(update.appendedHistory).toEqual([{ status: 'PAID', at: '2026-03-01T11:00:00.000Z', by: 'staff' }]);
    expect(update.after.statusHistory).toEqual([
      { status: 'PENDING', at: placed.now, by: 'maria' },
      { status: 'PAID', at: '2026-03-01T11:00:00.000Z', by: 'staff' },
    ]);
    expect(update.after.GSI2SK).toBe(order.GSI2SK);
    expect(order.status).toBe('PENDING');
  });
});

describe('order view', () => {
  it('shows money as amount + currency and hides table keys', () => {
    const view = toOrderView(newOrderItem(placed));
    expect(view).toEqual({
      id: placed.id,
      ownerId: 'sub-maria',
      customerEmail: 'maria@example.mx',
      status: 'PENDING',
      lines: [
        {
          productId: 'PARA',
          sku: 'PARA-500-20',
          name: 'Paracetamol 500 mg',
          quantity: 2,
          unitPrice: { amountCents: 3500, currency: 'MXN' },
          lineTotal: { amountCents: 7000, currency: 'MXN' },
          prescriptionRequired: false,
        },
      ],
      itemCount: 2,
      subtotal: { amountCents: 7000, currency: 'MXN' },
      shipping: { amountCents: 4900, currency: 'MXN' },
      total: { amountCents: 11900, currency: 'MXN' },
      // Optional address fields the shopper left out are null in the API, as the schema's types say.
      shippingAddress: { line2: null, phone: null, ...placed.shippingAddress },
      statusHistory: [{ status: 'PENDING', at: placed.now, by: 'maria', byEmail: null, reason: null, carrier: null, trackingNumber: null }],
      prescriptionVerification: null,
      paymentMethod: null,
      paymentReference: null,
      reservationExpiresAt: null,
      createdAt: placed.now,
      updatedAt: placed.now,
    });
  });

  it('pages carry a null nextToken on the last page', () => {
    expect(toOrderConnection([], undefined)).toEqual({ items: [], nextToken: null });
    expect(toOrderConnection([newOrderItem(placed)], 'abc').nextToken).toBe('abc');
  });
});
