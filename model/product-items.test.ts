import { describe, expect, it } from 'vitest';
import {
  productInputProblems,
  productItems,
  productItemsChange,
  productInputOf,
  sameProductFacts,
  type ProductInput,
} from './product-items';

const ibuprofeno: ProductInput = {
  id: '01J9ZQ8Y4N6W3G7V5K2H1M0P9R',
  sku: 'IBU-400-10',
  barcode: '7501234567890',
  name: 'Ibuprofeno Niños 100 mg',
  activeIngredients: ['Ibuprofeno'],
  lab: 'Laboratorios Pisa',
  presentation: 'Frasco con 120 ml de suspensión',
  categoryName: 'Analgésicos',
  priceCents: 8950,
  currency: 'MXN',
  stock: 25,
  prescriptionRequired: false,
  active: true,
  createdAt: '2025-01-02T03:04:05.000Z',
  updatedAt: '2025-01-02T03:04:05.000Z',
};

describe('product items', () => {
  it('builds the product item with its keys, category id and both listing indexes while active', () => {
    const { product } = productItems(ibuprofeno);
    expect(product).toEqual({
      PK: `PRODUCT#${ibuprofeno.id}`,
      SK: 'PRODUCT',
      GSI3PK: 'STAFFPRODUCTS',
      GSI3SK: `ibuprofeno ninos 100 mg#${ibuprofeno.id}`,
      staffText: 'ibuprofeno ninos 100 mg ibu-400-10 7501234567890',
      type: 'Product',
      id: ibuprofeno.id,
      sku: 'IBU-400-10',
      barcode: '7501234567890',
      name: 'Ibuprofeno Niños 100 mg',
      activeIngredients: ['Ibuprofeno'],
      lab: 'Laboratorios Pisa',
      presentation: 'Frasco con 120 ml de suspensión',
      categoryId: 'analgesicos',
      categoryName: 'Analgésicos',
      priceCents: 8950,
      currency: 'MXN',
      stock: 25,
      prescriptionRequired: false,
      active: true,
      createdAt: ibuprofeno.createdAt,
      updatedAt: ibuprofeno.updatedAt,
      GSI1PK: 'CATEGORY#analgesicos',
      GSI1SK: `ibuprofeno ninos 100 mg#${ibuprofeno.id}`,
      GSI2PK: 'PRODUCTS',
      GSI2SK: `ibuprofeno ninos 100 mg#${ibuprofeno.id}`,
    });
  });

  it('leaves an inactive product off both listing indexes', () => {
    const { product } = productItems({ ...ibuprofeno, active: false });
    expect(product.GSI1PK).toBeUndefined();
    expect(product.GSI2PK).toBeUndefined();
    expect(product.active).toBe(false);
  });

  it('leaves missing optional facts off the item instead of storing empty values', () => {
    const { product } = productItems({ ...ibuprofeno, barcode: undefined, description: '', imageUrl: undefined });
    expect(Object.keys(product)).not.toContain('barcode');
    expect(Object.keys(product)).not.toContain('description');
    expect(Object.keys(product)).not.toContain('imageUrl');
  });

  it('builds the SKU guard and the category item', () => {
    const items = productItems(ibuprofeno);
    expect(items.skuGuard).toEqual({ PK: 'SKU#IBU-400-10', SK: 'SKU', type: 'SkuGuard', sku: 'IBU-400-10', productId: ibuprofeno.id });
    expect(items.category).toEqual({ PK: 'CATALOG', SK: 'CATEGORY#analgesicos', type: 'Category', id: 'analgesicos', name: 'Analgésicos' });
  });

  it('writes one search entry per folded word of name, ingredients and lab and one per code, each with the facts search ranks on', () => {
    const { searchEntries } = productItems(ibuprofeno);
    expect(searchEntries.map((entry) => `${entry.PK} ${entry.SK} ${entry.field}`)).toEqual([
      `SEARCH#ib ibuprofeno#${ibuprofeno.id} name`,
      `SEARCH#ni ninos#${ibuprofeno.id} name`,
      `SEARCH#10 100#${ibuprofeno.id} name`,
      `SEARCH#mg mg#${ibuprofeno.id} name`,
      `SEARCH#la laboratorios#${ibuprofeno.id} lab`,
      `SEARCH#pi pisa#${ibuprofeno.id} lab`,
      `SEARCHCODE#75 7501234567890#${ibuprofeno.id} code`,
      `SEARCHCODE#ib ibu40010#${ibuprofeno.id} code`,
    ]);
    expect(searchEntries[1]).toEqual({
      PK: 'SEARCH#ni',
      SK: `ninos#${ibuprofeno.id}`,
      type: 'SearchEntry',
      productId: ibuprofeno.id,
      field: 'name',
      shown: 'niños',
      nameWords: ' ibuprofeno ninos 100 mg ',
      ingredientWords: ' ibuprofeno ',
      labWords: ' laboratorios pisa ',
      sortName: 'ibuprofeno ninos 100 mg',
      priceCents: 8950,
      inStock: true,
      active: true,
      categoryId: 'analgesicos',
      labId: 'laboratorios-pisa',
      prescriptionRequired: false,
    });
  });

  it('marks the entries of a product out of stock or hidden', () => {
    const entries = productItems({ ...ibuprofeno, stock: 0, active: false }).searchEntries;
    expect(entries.every((entry) => entry.inStock === false && entry.active === false)).toBe(true);
  });

  it('lists the entries of a changed barcode or SKU as stale', () => {
    const change = productItemsChange(ibuprofeno, { ...ibuprofeno, barcode: '7501234567906', sku: 'IBU-400-20' });
    expect(change.staleSearchEntryKeys).toEqual([
      { PK: 'SEARCHCODE#75', SK: `7501234567890#${ibuprofeno.id}` },
      { PK: 'SEARCHCODE#ib', SK: `ibu40010#${ibuprofeno.id}` },
    ]);
  });

  it('lists the search entries of words a renamed product lost as stale', () => {
    const renamed = { ...ibuprofeno, name: 'Ibuprofeno Infantil 100 mg' };
    const change = productItemsChange(ibuprofeno, renamed);
    expect(change.staleSearchEntryKeys).toEqual([{ PK: 'SEARCH#ni', SK: `ninos#${ibuprofeno.id}` }]);
    expect(change.staleSkuGuardKey).toBeNull();
    expect(change.puts.searchEntries.map((entry) => entry.SK)).toContain(`infantil#${ibuprofeno.id}`);
  });

  it('lists the previous SKU guard as stale when the SKU changes', () => {
    const change = productItemsChange(ibuprofeno, { ...ibuprofeno, sku: 'IBU-100-SUSP' });
    expect(change.staleSkuGuardKey).toEqual({ PK: 'SKU#IBU-400-10', SK: 'SKU' });
  });

  it('has nothing stale for a new product', () => {
    const change = productItemsChange(null, ibuprofeno);
    expect(change.staleSearchEntryKeys).toEqual([]);
    expect(change.staleSkuGuardKey).toBeNull();
  });

  it('reads a stored item back into the same input', () => {
    expect(productInputOf(productItems(ibuprofeno).product)).toEqual(ibuprofeno);
  });

  it('compares product facts ignoring timestamps', () => {
    expect(sameProductFacts(ibuprofeno, { ...ibuprofeno, updatedAt: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameProductFacts(ibuprofeno, { ...ibuprofeno, priceCents: 8951 })).toBe(false);
    expect(sameProductFacts(ibuprofeno, { ...ibuprofeno, activeIngredients: ['Ibuprofeno', 'Cafeína'] })).toBe(false);
  });

  it('reports problems of an invalid input and none of a valid one', () => {
    expect(productInputProblems(ibuprofeno)).toEqual([]);
    const problems = productInputProblems({ ...ibuprofeno, name: ' ', priceCents: 10.5, currency: 'mxn', categoryName: '¿?' });
    expect(problems).toEqual([
      'name is required',
      'categoryName needs at least one letter or digit',
      'priceCents must be a whole number of cents from 0 to 100000000',
      'currency must be an ISO-4217 code such as MXN',
    ]);
  });
});
