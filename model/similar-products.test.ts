import { describe, expect, it } from 'vitest';
import { checkSimilarLimit, pickSimilarProducts, similarProductIds, similarProductsItem } from './similar-products';

describe('similar products item', () => {
  it('is keyed under the product with the SIMILAR sort key', () => {
    expect(similarProductsItem('P1', [{ productId: 'P2', score: 0.75 }], '2025-03-01T09:00:00.000Z')).toEqual({
      PK: 'PRODUCT#P1',
      SK: 'SIMILAR',
      type: 'SimilarProducts',
      productId: 'P1',
      similar: [{ productId: 'P2', score: 0.75 }],
      computedAt: '2025-03-01T09:00:00.000Z',
    });
  });

  it('lists no ids when the job has not written the item yet, and never the product itself', () => {
    expect(similarProductIds(null, 'P1')).toEqual([]);
    const item = similarProductsItem('P1', [{ productId: 'P1', score: 1 }, { productId: 'P3', score: 0.5 }], 'x');
    expect(similarProductIds(item, 'P1')).toEqual(['P3']);
  });
});

describe('Product.similar limit', () => {
  it('defaults to all 8 stored and accepts 1 to 8', () => {
    expect(checkSimilarLimit(undefined)).toEqual({ ok: true, limit: 8 });
    expect(checkSimilarLimit(3)).toEqual({ ok: true, limit: 3 });
    expect(checkSimilarLimit(0).ok).toBe(false);
    expect(checkSimilarLimit(9).ok).toBe(false);
    expect(checkSimilarLimit(2.5).ok).toBe(false);
  });
});

describe('picking the similar products to show', () => {
  const product = (id: string, active = true) => ({ id, active });

  it('keeps the stored order, drops inactive and missing products, and stops at the limit', () => {
    const found = [product('C'), null, product('A', false), product('B'), product('D')];
    expect(pickSimilarProducts(['A', 'B', 'X', 'C', 'D'], found, 2)).toEqual([product('B'), product('C')]);
  });
});
