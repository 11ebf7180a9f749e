import { describe, expect, it } from 'vitest';
import { categoryItem, productItem, type ProductInput } from './product-items';
import { toCategoryViews, toProductPage, toProductView } from './product-view';

const input: ProductInput = {
  id: '01JGY24HSR0BNAEBKBPMQPBK0Q',
  sku: 'ANA-00001',
  name: 'Ibuprofeno 400 mg',
  activeIngredients: ['Ibuprofeno'],
  lab: 'Laboratorios Pisa',
  presentation: 'Caja con 20 tabletas de 400 mg',
  categoryName: 'Analgésicos',
  priceCents: 7490,
  currency: 'MXN',
  stock: 12,
  prescriptionRequired: false,
  active: true,
  createdAt: '2025-01-06T15:00:00.000Z',
  updatedAt: '2025-01-07T15:00:00.000Z',
};

describe('product view', () => {
  it('builds the GraphQL Product: Money price, nulls for absent optional facts, no table keys', () => {
    expect(toProductView(productItem(input))).toEqual({
      id: input.id,
      sku: 'ANA-00001',
      barcode: null,
      name: 'Ibuprofeno 400 mg',
      description: null,
      activeIngredients: ['Ibuprofeno'],
      lab: 'Laboratorios Pisa',
      presentation: 'Caja con 20 tabletas de 400 mg',
      categoryId: 'analgesicos',
      categoryName: 'Analgésicos',
      price: { amountCents: 7490, currency: 'MXN' },
      stock: 12,
      maxPerOrder: null,
      prescriptionRequired: false,
      imageUrl: null,
      imageSizes: [],
      active: true,
      createdAt: '2025-01-06T15:00:00.000Z',
      updatedAt: '2025-01-07T15:00:00.000Z',
    });
  });

  it('keeps barcode, description and image when present', () => {
    const view = toProductView(productItem({ ...input, barcode: '7501055300150', description: 'Alivia el dolor.', imageUrl: 'https://img.example/1.jpg' }));
    expect(view).toMatchObject({ barcode: '7501055300150', description: 'Alivia el dolor.', imageUrl: 'https://img.example/1.jpg' });
  });

  it('makes a page with a null nextToken on the last page', () => {
    expect(toProductPage([], undefined)).toEqual({ items: [], nextToken: null });
    expect(toProductPage([productItem(input)], 'abc').nextToken).toBe('abc');
  });

  it('orders categories by name ignoring accents and case', () => {
    const items = ['Vitaminas y suplementos', 'Bebés', 'analgésicos', 'Antibióticos', 'Béisbol'].map((name) => categoryItem(name));
    expect(toCategoryViews(items).map((c) => c.name)).toEqual(['analgésicos', 'Antibióticos', 'Bebés', 'Béisbol', 'Vitaminas y suplementos']);
    expect(toCategoryViews(items)[2]).toEqual({ id: 'bebes', name: 'Bebés' });
  });
});
