/**
 * A labelled set of shopper searches over the demo catalog (1,200 products, default seed), for ranking
 * quality: precision@5 in `bench/search.ts` (`npm run bench:search`) and in `test/api/search-quality.test.ts`.
 *
 * Each query says what the shopper wants, written as facts of the products that satisfy them (active
 * ingredients, name words, lab, code) — a judgement of intent, independent of how search matches or ranks:
 * "paracetamol" wants paracetamol-only products, not a cold remedy that also contains it. Text is compared
 * folded here with Unicode NFD, not with the model code search uses.
 */
import type { DemoProduct } from './generate';

export interface RelevantWhen {
  /** The product's active ingredients are exactly these (any order). */
  readonly ingredients?: readonly string[];
  /** One of the product's active ingredients is this. */
  readonly ingredient?: string;
  /** Every one of these words is a whole word of the name. */
  readonly nameWords?: readonly string[];
  readonly lab?: string;
  readonly category?: string;
  readonly sku?: string;
}

export interface LabelledQuery {
  readonly text: string;
  /** What the shopper is after, in words. */
  readonly intent: string;
  readonly relevantWhen: RelevantWhen;
}

export const LABELLED_QUERIES: readonly LabelledQuery[] = [
  { text: 'paracetamol', intent: 'paracetamol on its own, any brand', relevantWhen: { ingredients: ['Paracetamol'] } },
  { text: 'ibuprofeno', intent: 'ibuprofen on its own', relevantWhen: { ingredients: ['Ibuprofeno'] } },
  { text: 'ibuprofeno 400', intent: 'ibuprofen 400 mg', relevantWhen: { ingredients: ['Ibuprofeno'], nameWords: ['400'] } },
  { text: 'amoxicilina 500', intent: 'amoxicillin 500 mg', relevantWhen: { ingredients: ['Amoxicilina'], nameWords: ['500'] } },
  { text: 'amoxicilina', intent: 'amoxicillin, alone or with clavulanic acid', relevantWhen: { ingredient: 'Amoxicilina' } },
  { text: 'losartan', intent: 'losartan, accent left out', relevantWhen: { ingredient: 'Losartán potásico' } },
  { text: 'omeprazol', intent: 'omeprazole', relevantWhen: { ingredients: ['Omeprazol'] } },
  { text: 'atorvastatina', intent: 'atorvastatin', relevantWhen: { ingredients: ['Atorvastatina'] } },
  { text: 'loratadina', intent: 'loratadine', relevantWhen: { ingredients: ['Loratadina'] } },
  { text: 'metformina', intent: 'metformin on its own, not the combination', relevantWhen: { ingredients: ['Metformina'] } },
  { text: 'metformina 850', intent: 'metformin 850 mg', relevantWhen: { ingredients: ['Metformina'], nameWords: ['850'] } },
  { text: 'diclofenaco', intent: 'diclofenac', relevantWhen: { ingredient: 'Diclofenaco' } },
  { text: 'naproxeno', intent: 'naproxen', relevantWhen: { ingredients: ['Naproxeno'] } },
  { text: 'cetirizina', intent: 'cetirizine', relevantWhen: { ingredients: ['Cetirizina'] } },
  { text: 'clonazepam', intent: 'clonazepam', relevantWhen: { ingredients: ['Clonazepam'] } },
  { text: 'azitromicina', intent: 'azithromycin', relevantWhen: { ingredients: ['Azitromicina'] } },
  { text: 'salbutamol', intent: 'salbutamol', relevantWhen: { ingredients: ['Salbutamol'] } },
  { text: 'acido folico', intent: 'folic acid, accents left out', relevantWhen: { ingredients: ['Ácido fólico'] } },
  { text: 'melatonina', intent: 'melatonin', relevantWhen: { ingredients: ['Melatonina'] } },
  { text: 'tylenol', intent: 'the Tylenol brand', relevantWhen: { nameWords: ['tylenol'] } },
  { text: 'advil', intent: 'the Advil brand', relevantWhen: { nameWords: ['advil'] } },
  { text: 'aspirina', intent: 'the Aspirina brand', relevantWhen: { nameWords: ['aspirina'] } },
  { text: 'loratadina jarabe', intent: 'loratadine syrup', relevantWhen: { ingredients: ['Loratadina'], nameWords: ['jarabe'] } },
  { text: 'protector solar', intent: 'sunscreen', relevantWhen: { nameWords: ['protector', 'solar'] } },
  { text: 'pañales', intent: 'diapers', relevantWhen: { nameWords: ['panales'] } },
  { text: 'vitamina d', intent: 'vitamin D (cholecalciferol), alone or with calcium', relevantWhen: { ingredient: 'Colecalciferol' } },
  { text: 'colageno', intent: 'collagen supplements', relevantWhen: { ingredients: ['Colágeno hidrolizado'] } },
  { text: 'suspension paracetamol', intent: "paracetamol syrup for children", relevantWhen: { ingredients: ['Paracetamol'], nameWords: ['suspension'] } },
  { text: 'laboratorios pisa', intent: 'anything made by Laboratorios Pisa', relevantWhen: { lab: 'Laboratorios Pisa' } },
  { text: 'senosiain', intent: 'anything made by Laboratorios Senosiain', relevantWhen: { lab: 'Laboratorios Senosiain' } },
  { text: 'bayer', intent: 'anything made by Bayer', relevantWhen: { lab: 'Bayer' } },
  // Typos: one letter swapped, dropped, doubled or changed.
  { text: 'ibuprofneo', intent: 'ibuprofen, two letters swapped', relevantWhen: { ingredients: ['Ibuprofeno'] } },
  { text: 'paracetmol', intent: 'paracetamol, a letter dropped', relevantWhen: { ingredients: ['Paracetamol'] } },
  { text: 'amoxicilna', intent: 'amoxicillin, a letter dropped', relevantWhen: { ingredient: 'Amoxicilina' } },
  { text: 'omeprasol', intent: 'omeprazole, z typed as s', relevantWhen: { ingredients: ['Omeprazol'] } },
  { text: 'loratadinna', intent: 'loratadine, a letter doubled', relevantWhen: { ingredients: ['Loratadina'] } },
  // Codes typed or scanned into the search box.
  { text: '7500027000296', intent: 'the box whose barcode was scanned', relevantWhen: { sku: 'ANA-00029' } },
  { text: 'ANA-00029', intent: 'the product with that SKU', relevantWhen: { sku: 'ANA-00029' } },
  { text: 'tos-00004', intent: 'the product with that SKU, typed in lower case', relevantWhen: { sku: 'TOS-00004' } },
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const wordsOf = (text: string) => fold(text).split(/[^a-z0-9]+/).filter((word) => word.length > 0);

/** Whether `product` is what the labelled query asks for. */
export function isRelevant(query: LabelledQuery, product: DemoProduct): boolean {
  const when = query.relevantWhen;
  const ingredients = product.activeIngredients.map(fold);
  if (when.ingredients) {
    const wanted = when.ingredients.map(fold);
    if (ingredients.length !== wanted.length || !wanted.every((name) => ingredients.includes(name))) return false;
  }
  if (when.ingredient && !ingredients.includes(fold(when.ingredient))) return false;
  if (when.nameWords) {
    const name = wordsOf(product.name);
    if (!when.nameWords.every((word) => name.includes(fold(word)))) return false;
  }
  if (when.lab && fold(product.lab) !== fold(when.lab)) return false;
  if (when.category && fold(product.categoryName) !== fold(when.category)) return false;
  if (when.sku && product.sku !== when.sku) return false;
  return true;
}

export interface QueryPrecision {
  readonly text: string;
  /** Relevant products among the first 5 results. */
  readonly relevantInTop5: number;
  /** Active relevant products in the catalog. */
  readonly relevantInCatalog: number;
  /** relevantInTop5 / min(5, relevantInCatalog): a query with 2 relevant products is perfect with both on top. */
  readonly precisionAt5: number;
}

/**
 * Precision@5 of one query's ranked result ids. The denominator is min(5, relevant products in the
 * catalog), so a query that has fewer than 5 right answers can still score 1.
 */
export function precisionAt5(query: LabelledQuery, rankedIds: readonly string[], catalog: readonly DemoProduct[]): QueryPrecision {
  const byId = new Map(catalog.map((product) => [product.id, product]));
  const relevantInCatalog = catalog.filter((product) => product.active && isRelevant(query, product)).length;
  const relevantInTop5 = rankedIds.slice(0, 5).filter((id) => {
    const product = byId.get(id);
    return product !== undefined && isRelevant(query, product);
  }).length;
  const denominator = Math.min(5, relevantInCatalog);
  return { text: query.text, relevantInTop5, relevantInCatalog, precisionAt5: denominator === 0 ? 0 : relevantInTop5 / denominator };
}

export function meanPrecisionAt5(results: readonly QueryPrecision[]): number {
  return results.reduce((sum, result) => sum + result.precisionAt5, 0) / Math.max(1, results.length);
}
