import { describe, expect, it } from 'vitest';
import { computeSimilarProducts, type SimilarityProduct } from './similarity';

function product(id: string, name: string, activeIngredients: string[], lab: string, categoryId: string): SimilarityProduct {
  return { id, name, activeIngredients, lab, categoryId };
}

const catalog: SimilarityProduct[] = [
  product('P01', 'Ibuprofeno 400 mg tabletas', ['Ibuprofeno'], 'Pisa', 'analgesicos'),
  product('P02', 'Advil 200 mg cápsulas', ['Ibuprofeno'], 'Pfizer', 'analgesicos'),
  product('P03', 'Motrin infantil suspensión', ['ibuprofeno'], 'Johnson', 'infantil'),
  product('P04', 'Tabletas Pisa dolor fuerte 400 mg', ['Naproxeno'], 'Pisa', 'analgesicos'),
  product('P05', 'Paracetamol 500 mg tabletas', ['Paracetamol'], 'Pisa', 'analgesicos'),
  product('P06', 'Tempra 500 mg', ['Paracetamol'], 'Reckitt', 'analgesicos'),
  product('P07', 'Paracetamol y cafeína', ['Paracetamol', 'Cafeína'], 'Bayer', 'analgesicos'),
  product('P08', 'Cafiaspirina', ['Ácido acetilsalicílico', 'Cafeína'], 'Bayer', 'analgesicos'),
  product('P09', 'Pasta dental menta', [], 'Colgate', 'higiene-bucal'),
  product('P10', 'Enjuague bucal', [], 'Listerine', 'higiene-bucal'),
  product('P11', 'Hilo dental', [], 'Oral-B', 'higiene-bucal'),
  product('P12', 'Vitamina C 1 g', ['Ácido ascórbico'], 'Redoxon', 'vitaminas'),
];

describe('similar products', () => {
  it('ranks products with the same active ingredient first, whatever their lab, category or name', () => {
    const similar = computeSimilarProducts(catalog).get('P01') ?? [];
    // P04 shares lab, category and the words "400 mg tabletas" but not the ingredient.
    expect(similar.slice(0, 2).map((entry) => entry.productId).sort()).toEqual(['P02', 'P03']);
    expect(similar.map((entry) => entry.productId).indexOf('P04')).toBeGreaterThan(1);
  });

  it('matches active ingredients without regard to accents or case', () => {
    const similar = computeSimilarProducts(catalog).get('P07') ?? [];
    // Paracetamol + cafeína: both single-ingredient paracetamols share half, Cafiaspirina a third.
    expect(similar.slice(0, 3).map((entry) => entry.productId)).toEqual(['P05', 'P06', 'P08']);
  });

  it('never lists a product as similar to itself', () => {
    for (const [id, similar] of computeSimilarProducts(catalog)) {
      expect(similar.map((entry) => entry.productId)).not.toContain(id);
    }
  });

  it('lists at most k products, most similar first, each score between 0 and 1', () => {
    const all = computeSimilarProducts(catalog, { k: 3 });
    for (const similar of all.values()) {
      expect(similar.length).toBeLessThanOrEqual(3);
      const scores = similar.map((entry) => entry.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const value of scores) expect(value).toBeGreaterThan(0), expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('falls back to the same category for products without ingredients or shared words', () => {
    const similar = computeSimilarProducts(catalog).get('P10') ?? [];
    expect(similar.map((entry) => entry.productId).sort()).toEqual(['P09', 'P11']);
  });

  it('gives the same result whatever order the products come in', () => {
    const reversed = [...catalog].reverse();
    const shuffled = [...catalog.slice(6), ...catalog.slice(0, 6)];
    const expected = [...computeSimilarProducts(catalog)].sort();
    expect([...computeSimilarProducts(reversed)].sort()).toEqual(expected);
    expect([...computeSimilarProducts(shuffled)].sort()).toEqual(expected);
  });

  it('breaks ties by product id', () => {
    const twins = [
      product('B', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia'),
      product('C', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia'),
      product('A', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia'),
    ];
    expect(computeSimilarProducts(twins).get('B')?.map((entry) => entry.productId)).toEqual(['A', 'C']);
  });

  it('handles a catalog of 10,000 products with each product finding its k', () => {
    const ingredients = Array.from({ length: 400 }, (_, index) => `Sustancia ${index}`);
    const big = Array.from({ length: 10_000 }, (_, index) =>
      product(
        `ID${String(index).padStart(5, '0')}`,
        `Producto ${index % 900} ${['tabletas', 'jarabe', 'crema', 'gotas'][index % 4]} ${index % 50} mg`,
        [ingredients[index % 400] as string],
        `Lab ${index % 37}`,
        `categoria-${index % 15}`,
      ),
    );
    const started = performance.now();
    const result = computeSimilarProducts(big);
    const elapsedMs = performance.now() - started;
    expect(result.size).toBe(10_000);
    for (const similar of result.values()) expect(similar).toHaveLength(8);
    // Same ingredient (index ≡ mod 400) comes first for every product.
    const first = result.get('ID00007') ?? [];
    expect(first.every((entry) => Number(entry.productId.slice(2)) % 400 === 7)).toBe(true);
    // Bounded generously for a shared 2-core machine; all pairs would be 50 million scores.
    expect(elapsedMs).toBeLessThan(20_000);
  });
});
