import { describe, expect, it } from 'vitest';
import { activationChange } from './product-activation';
import { productItem, type ProductInput } from './product-items';

const input: ProductInput = {
  id: 'P1',
  sku: 'ANA-1',
  name: 'Paracetamol 500 mg',
  activeIngredients: ['Paracetamol'],
  lab: 'Liomont',
  presentation: 'Caja con 10 tabletas de 500 mg',
  categoryName: 'Analgésicos',
  priceCents: 2490,
  currency: 'MXN',
  stock: 5,
  prescriptionRequired: false,
  active: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('product activation', () => {
  it('hiding removes the listing keys', () => {
    const change = activationChange(productItem(input), false, '2025-03-01T00:00:00.000Z');
    expect(change.set).toEqual({
      active: false,
      updatedAt: '2025-03-01T00:00:00.000Z',
      GSI3PK: 'STAFFPRODUCTS',
      GSI3SK: 'paracetamol 500 mg#P1',
      staffText: 'paracetamol 500 mg ana-1',
    });
    expect(change.remove).toEqual(['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK']);
    expect(change.product.active).toBe(false);
    expect(change.product.GSI1PK).toBeUndefined();
  });

  it('showing puts the listing keys back', () => {
    const hidden = productItem({ ...input, active: false });
    const change = activationChange(hidden, true, '2025-03-01T00:00:00.000Z');
    expect(change.remove).toEqual([]);
    expect(change.set).toEqual({
      active: true,
      updatedAt: '2025-03-01T00:00:00.000Z',
      GSI3PK: 'STAFFPRODUCTS',
      GSI3SK: 'paracetamol 500 mg#P1',
      staffText: 'paracetamol 500 mg ana-1',
      GSI1PK: 'CATEGORY#analgesicos',
      GSI1SK: 'paracetamol 500 mg#P1',
      GSI2PK: 'PRODUCTS',
      GSI2SK: 'paracetamol 500 mg#P1',
    });
  });
});

describe('product activation and search', () => {
  it('rewrites every search entry of the product with the new active flag', () => {
    const change = activationChange(productItem(input), false, '2025-03-01T00:00:00.000Z');
    expect(change.searchEntries.map((entry) => entry.SK)).toEqual(['paracetamol#P1', '500#P1', 'mg#P1', 'liomont#P1', 'ana1#P1']);
    expect(change.searchEntries.every((entry) => entry.active === false)).toBe(true);
  });
});
