/**
 * Order items with the documented shape (docs/data-model.md), for tests that put orders into the table
 * directly until they are placed through GraphQL.
 */
import { ulid } from 'ulid';
import { orderKey, ordersByStatusPartition, userOrdersPartition } from '../../model/keys';
import type { OrderLineSnapshot, OrderSnapshot, OrderStatus, StatusChangeSnapshot } from '../../model/order-events';

export interface OrderItem extends OrderSnapshot {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  GSI2PK: string;
  GSI2SK: string;
  type: 'Order';
}

export const sampleLines: OrderLineSnapshot[] = [
  {
    productId: 'P-PARACETAMOL',
    sku: '7501008400011',
    name: 'Paracetamol 500 mg, 20 tabletas',
    quantity: 2,
    unitPriceCents: 4_550,
    lineTotalCents: 9_100,
    prescriptionRequired: false,
  },
  {
    productId: 'P-AMOXICILINA',
    sku: '7501008400028',
    name: 'Amoxicilina 500 mg, 12 cápsulas',
    quantity: 1,
    unitPriceCents: 114_400,
    lineTotalCents: 114_400,
    prescriptionRequired: true,
  },
];

export function sampleOrderItem(overrides: Partial<OrderSnapshot> = {}): OrderItem {
  const id = overrides.id ?? ulid();
  const createdAt = overrides.createdAt ?? '2025-03-14T17:05:00.000Z';
  const lines = overrides.lines ?? sampleLines;
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const shippingCents = overrides.shippingCents ?? 0;
  const status: OrderStatus = overrides.status ?? 'PENDING';
  const snapshot: OrderSnapshot = {
    id,
    ownerId: 'c0ffee00-0000-4000-8000-000000000001',
    customerEmail: 'ana.lopez@example.com',
    status,
    currency: 'MXN',
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotalCents,
    shippingCents,
    totalCents: subtotalCents + shippingCents,
    shippingAddress: {
      recipientName: 'Ana López García',
      line1: 'Av. Insurgentes Sur 1234, int. 5',
      city: 'Ciudad de México',
      state: 'CDMX',
      postalCode: '03100',
      country: 'MX',
      phone: '+52 55 1234 5678',
    },
    statusHistory: [{ status: 'PENDING', at: createdAt }],
    clientToken: `token-${id}`,
    version: 1,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
  return {
    ...orderKey(id),
    GSI1PK: userOrdersPartition(snapshot.ownerId),
    GSI1SK: `ORDER#${snapshot.createdAt}#${id}`,
    GSI2PK: ordersByStatusPartition(snapshot.status),
    GSI2SK: `${snapshot.createdAt}#${id}`,
    type: 'Order',
    ...snapshot,
  };
}

/** The same order after staff moved it to `status` (version + 1, history appended). */
export function withStatus(item: OrderItem, status: OrderStatus, at: string, note: Omit<StatusChangeSnapshot, 'status' | 'at'> = {}): OrderItem {
  return {
    ...item,
    status,
    GSI2PK: ordersByStatusPartition(status),
    statusHistory: [...item.statusHistory, { status, at, by: 'staff-1', ...note }],
    version: item.version + 1,
    updatedAt: at,
  };
}
