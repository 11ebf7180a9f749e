import { describe, expect, it } from 'vitest';
import { productItem, type ProductInput } from './product-items';
import { productInputOfArgs, productWrites, upsertInputProblems, type ProductInputArgs } from './product-upsert';

// These tests are linted with the APPSYNC_JS rules of model/ (no String.repeat there).
const letters = (count: number) => new Array(count + 1).join('x');

const args: ProductInputArgs = {
  sku: ' ANA-1 ',
  name: 'Ibuprofeno 400 mg',
  activeIngredients: ['Ibuprofeno'],
  lab: 'Laboratorios Pisa',
  presentation: 'Caja con 20 tabletas de 400 mg',
  categoryName: 'Analgésicos',
  priceCents: 7490,
  stock: 10,
  prescriptionRequired: false,
};

describe('upsertProduct input', () => {
  it('defaults currency to MXN and active to true, and trims texts', () => {
    const input = productInputOfArgs(args, 'ID1', '2025-01-01T00:00:00.000Z');
    expect(input).toMatchObject({ id: 'ID1', sku: 'ANA-1', currency: 'MXN', active: true, createdAt: '2025-01-01T00:00:00.000Z' });
    expect(input).not.toHaveProperty('barcode');
  });

  it('accepts a complete product', () => {
    expect(upsertInputProblems(args)).toEqual([]);
    expect(upsertInputProblems({ ...args, barcode: '7501055300150', currency: 'USD', active: false })).toEqual([]);
  });

  it('lists every problem in words', () => {
    const problems = upsertInputProblems({
      ...args,
      name: letters(201),
      sku: '',
      priceCents: 0,
      stock: -1,
      currency: 'pesos',
      barcode: '75A1',
      activeIngredients: new Array(11).fill('').map((_, i) => `Ingrediente ${i}`),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'name is longer than 200 characters',
        'sku is required',
        'priceCents must be greater than 0',
        'stock must be a whole number from 0 to 10000000',
        'currency must be an ISO-4217 code such as MXN',
        'barcode must be 8 to 14 digits (EAN-13, UPC)',
        'at most 10 active ingredients',
      ]),
    );
  });

  it('refuses an over-long id', () => {
    expect(upsertInputProblems({ ...args, id: letters(65) })).toContain('id must be 1 to 64 characters');
  });
});

describe('upsertProduct write plan', () => {
  const now = '2025-02-01T00:00:00.000Z';
  const created = productInputOfArgs(args, 'P1', now);

  it('creates: product that must not exist, free SKU guard, category, one entry per word', () => {
    const writes = productWrites(null, created);
    expect(writes[0]).toMatchObject({ kind: 'put', key: { PK: 'PRODUCT#P1', SK: 'PRODUCT' }, condition: { PK: { attributeExists: false } } });
    expect(writes[0]?.kind === 'put' && writes[0].attributes).toMatchObject({ type: 'Product', GSI2PK: 'PRODUCTS', priceCents: 7490 });
    expect(writes[1]).toEqual({
      kind: 'put',
      key: { PK: 'SKU#ANA-1', SK: 'SKU' },
      attributes: { type: 'SkuGuard', sku: 'ANA-1', productId: 'P1' },
      condition: { or: [{ PK: { attributeExists: false } }, { productId: { eq: 'P1' } }] },
    });
    expect(writes[2]).toMatchObject({ kind: 'put', key: { PK: 'CATALOG', SK: 'CATEGORY#analgesicos' }, condition: null });
    const entries = writes.filter((w) => w.key.PK.startsWith('SEARCH#'));
    expect(entries.map((w) => w.key.SK)).toEqual(['ibuprofeno#P1', '400#P1', 'mg#P1', 'laboratorios#P1', 'pisa#P1']);
    expect(writes.some((w) => w.kind === 'delete')).toBe(false);
  });

  it('replaces: product must still be the version read; lost words and the old SKU are deleted', () => {
    const previous: ProductInput = { ...created, updatedAt: '2025-01-15T00:00:00.000Z' };
    const renamed = productInputOfArgs({ ...args, sku: 'ANA-2', name: 'Ibuprofeno 600 mg' }, 'P1', now);
    const writes = productWrites(previous, renamed);
    expect(writes[0]?.condition).toEqual({ updatedAt: { eq: '2025-01-15T00:00:00.000Z' } });
    const deletes = writes.filter((w) => w.kind === 'delete');
    expect(deletes).toEqual([
      { kind: 'delete', key: { PK: 'SEARCH#40', SK: '400#P1' }, condition: null },
      { kind: 'delete', key: { PK: 'SEARCHCODE#an', SK: 'ana1#P1' }, condition: null },
      { kind: 'delete', key: { PK: 'SKU#ANA-1', SK: 'SKU' }, condition: { productId: { eq: 'P1' } } },
    ]);
    expect(writes.some((w) => w.kind === 'put' && w.key.SK === '600#P1')).toBe(true);
  });

  it('keeps the listing keys off an inactive product (only the staff list, GSI3, has it)', () => {
    const hidden = productWrites(null, { ...created, active: false })[0];
    expect(hidden?.kind === 'put' && Object.keys(hidden.attributes).filter((n) => n.startsWith('GSI'))).toEqual(['GSI3PK', 'GSI3SK']);
    expect(productItem(created).GSI1PK).toBe('CATEGORY#analgesicos');
  });
});
