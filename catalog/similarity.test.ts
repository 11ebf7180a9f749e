import { describe, expect, it } from 'vitest';
import { generateSimilarityCatalog } from '../bench/support/similarity-catalog';
import { computeSimilarProducts, computeSimilarityTable, similarListAt, type SimilarityProduct } from './similarity';
import { scoreLabelledSet } from './similarity-labelled-score';
import { LABELLED_CATALOG } from './similarity-labelled';

function product(id: string, name: string, activeIngredients: string[], lab: string, categoryId: string, presentation = ''): SimilarityProduct {
  return { id, name, activeIngredients, lab, categoryId, presentation };
}

const idsOf = (list: readonly { productId: string }[] | undefined) => (list ?? []).map((entry) => entry.productId);

describe('similar products, judged as a pharmacist would', () => {
  it('lists other labs’ exact generic equivalents before the same lab’s other strengths', () => {
    const catalog = [
      product('A', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Pisa', 'analgesicos', 'Caja con 20 tabletas de 400 mg'),
      product('B', 'Ibuprofeno 800 mg', ['Ibuprofeno'], 'Pisa', 'analgesicos', 'Caja con 20 tabletas de 800 mg'),
      product('C', 'Ibuprofeno 200 mg', ['Ibuprofeno'], 'Pisa', 'analgesicos', 'Caja con 20 tabletas de 200 mg'),
      product('D', 'Advil 400 mg', ['Ibuprofeno'], 'Haleon', 'analgesicos', 'Caja con 10 tabletas'),
      product('E', 'IBUPROFENO 400MG TAB C/30', ['IBUPROFENO'], 'ULTRA', 'analgesicos', 'CAJA C/30'),
    ];
    expect(idsOf(computeSimilarProducts(catalog).get('A'))).toEqual(['E', 'D', 'B', 'C']);
  });

  it('does not offer adult tablets before children’s medicines for a child’s suspension', () => {
    const catalog = [
      product('S1', 'Motrin Infantil Suspensión 100 mg/5 ml', ['Ibuprofeno'], 'J&J', 'analgesicos', 'Frasco con 120 ml'),
      product('T1', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Pisa', 'analgesicos', 'Caja con 20 tabletas de 400 mg'),
      product('T2', 'Advil 200 mg', ['Ibuprofeno'], 'Haleon', 'analgesicos', 'Caja con 20 tabletas de 200 mg'),
      product('S2', 'Advil Infantil Suspensión', ['Ibuprofeno'], 'Haleon', 'analgesicos', 'Frasco con 120 ml de suspensión (100 mg/5 ml)'),
      product('S3', 'Tempra Infantil Suspensión 160 mg/5 ml', ['Paracetamol'], 'Reckitt', 'analgesicos', 'Frasco con 120 ml'),
    ];
    expect(idsOf(computeSimilarProducts(catalog).get('S1'))).toEqual(['S2', 'S3', 'T1', 'T2']);
  });

  it('keeps one-character stages: stage 1 diapers of any brand before the same line’s stage 5', () => {
    const catalog = [
      product('H1', 'Huggies Supreme Etapa 1', [], 'Kimberly-Clark', 'bebes', 'Paquete con 40 pañales'),
      product('H5', 'Huggies Supreme Etapa 5', [], 'Kimberly-Clark', 'bebes', 'Paquete con 40 pañales'),
      product('P1', 'Pampers Premium Care Etapa 1', [], 'Procter & Gamble', 'bebes', 'Paquete con 40 pañales'),
      product('P5', 'Pampers Premium Care Etapa 5', [], 'Procter & Gamble', 'bebes', 'Paquete con 40 pañales'),
    ];
    const lists = computeSimilarProducts(catalog);
    expect(idsOf(lists.get('H1'))[0]).toBe('P1');
    expect(idsOf(lists.get('H5'))[0]).toBe('P5');
  });

  it('never offers test strips for another meter', () => {
    const catalog = [
      product('A50', 'Accu-Chek Active Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 50 tiras'),
      product('A25', 'Accu-Chek Active Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 25 tiras'),
      product('P50', 'Accu-Chek Performa Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 50 tiras'),
      product('F50', 'FreeStyle Optium Tiras reactivas', [], 'Abbott', 'diabetes', 'Caja con 50 tiras'),
      product('M', 'Metformina 850 mg', ['Metformina'], 'Pisa', 'diabetes', 'Caja con 30 tabletas'),
    ];
    const lists = computeSimilarProducts(catalog);
    expect(idsOf(lists.get('A50'))).toEqual(['A25', 'M']);
    expect(idsOf(lists.get('F50'))).toEqual(['M']);
    // A medicine's alternatives are medicines: no strips for metformina.
    expect(idsOf(lists.get('M'))).toEqual([]);
  });

  it('matches active ingredients without regard to accents, case or salt', () => {
    const catalog = [
      product('L1', 'Losartán 50 mg', ['Losartán'], 'Pisa', 'cardiovascular', 'Caja con 30 tabletas'),
      product('L2', 'Cozaar 50 mg', ['LOSARTAN POTASICO'], 'Organon', 'cardiovascular', 'Caja con 30 tabletas'),
      product('N1', 'Naproxeno 550 mg', ['Naproxeno sódico'], 'Pisa', 'analgesicos', 'Caja con 20 tabletas'),
    ];
    const [first] = computeSimilarProducts(catalog).get('L1') ?? [];
    expect(first).toMatchObject({ productId: 'L2' });
    expect(first!.score).toBeGreaterThan(0.9);
  });

  it('scores the labelled set of expected equivalents: every case as a pharmacist expects', () => {
    const score = scoreLabelledSet();
    const failed = score.cases
      .filter((result) => !result.passed)
      .map((result) => ({ product: result.case.product, listed: result.listed, tooEarly: result.tooEarly, never: result.offeredWrongly }));
    expect(score.cases.length).toBeGreaterThanOrEqual(20);
    expect(failed).toEqual([]);
    expect(score.precision).toBe(1);
  });
});

describe('similar products, mechanics', () => {
  it('never lists a product as similar to itself', () => {
    for (const [id, similar] of computeSimilarProducts(LABELLED_CATALOG)) expect(idsOf(similar)).not.toContain(id);
  });

  it('lists at most k products, most similar first, each score above 0 and at most 1', () => {
    for (const similar of computeSimilarProducts(LABELLED_CATALOG, { k: 3 }).values()) {
      expect(similar.length).toBeLessThanOrEqual(3);
      const scores = similar.map((entry) => entry.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const value of scores) expect(value).toBeGreaterThan(0), expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('falls back to the same category for goods that share no word', () => {
    const catalog = [
      product('P09', 'Pasta dental menta', [], 'Colgate', 'higiene-bucal'),
      product('P10', 'Enjuague bucal', [], 'Listerine', 'higiene-bucal'),
      product('P11', 'Hilo dental', [], 'Oral-B', 'higiene-bucal'),
      product('P12', 'Vitamina C 1 g', ['Ácido ascórbico'], 'Redoxon', 'vitaminas'),
    ];
    expect(idsOf(computeSimilarProducts(catalog).get('P10')).sort()).toEqual(['P09', 'P11']);
  });

  it('gives the same result whatever order the products come in', () => {
    const reversed = [...LABELLED_CATALOG].reverse();
    const rotated = [...LABELLED_CATALOG.slice(30), ...LABELLED_CATALOG.slice(0, 30)];
    const expected = [...computeSimilarProducts(LABELLED_CATALOG)].sort();
    expect([...computeSimilarProducts(reversed)].sort()).toEqual(expected);
    expect([...computeSimilarProducts(rotated)].sort()).toEqual(expected);
  });

  it('breaks ties by product id', () => {
    const twins = [
      product('B', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia', 'Caja con 10 tabletas'),
      product('C', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia', 'Caja con 10 tabletas'),
      product('A', 'Loratadina 10 mg', ['Loratadina'], 'Lab', 'alergia', 'Caja con 10 tabletas'),
    ];
    expect(idsOf(computeSimilarProducts(twins).get('B'))).toEqual(['A', 'C']);
  });

  it('loses almost nothing to blocking: the bounded candidates give the all-pairs lists', () => {
    const catalog = generateSimilarityCatalog(2500);
    const blocked = computeSimilarityTable(catalog);
    const exhaustive = computeSimilarityTable(catalog, { allPairs: true });
    let identical = 0;
    let sameFirst = 0;
    for (let position = 0; position < catalog.length; position += 1) {
      const a = similarListAt(blocked, position);
      const b = similarListAt(exhaustive, position);
      if (JSON.stringify(a) === JSON.stringify(b)) identical += 1;
      if (a[0]?.score === b[0]?.score) sameFirst += 1;
    }
    expect(sameFirst).toBe(catalog.length);
    expect(identical / catalog.length).toBeGreaterThan(0.98);
    // The work is bounded by the budget, not by the catalog: at most 200 candidates per product.
    expect(blocked.scored).toBeLessThanOrEqual(catalog.length * 200);
    expect(exhaustive.scored).toBeGreaterThan(blocked.scored);
  });

  it('gives every product of a 10,000-product catalog its k, exact equivalents first', () => {
    const catalog = generateSimilarityCatalog(10_000);
    const table = computeSimilarityTable(catalog);
    expect(table.ids).toHaveLength(10_000);
    const byId = new Map(catalog.map((entry) => [entry.id, entry]));
    let full = 0;
    for (let position = 0; position < table.ids.length; position += 1) {
      const list = similarListAt(table, position);
      if (list.length === 8) full += 1;
      const own = byId.get(table.ids[position]!)!;
      if (own.activeIngredients.length === 0 || list.length === 0) continue;
      // The first one offered for a medicine shares its active ingredients.
      const first = byId.get(list[0]!.productId)!;
      expect([...first.activeIngredients].sort()).toEqual([...own.activeIngredients].sort());
    }
    expect(full).toBe(10_000);
  });
});
