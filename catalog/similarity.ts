/**
 * "Similar products": for every active product, the k most similar other active products. Pure: products
 * in, ranked lists out; the nightly job (similarity-job.ts) reads and writes the table.
 *
 * Score of a candidate c for product p, from 0 to 1:
 *
 *   0.60 · Jaccard(active ingredients of p, of c)     same medicine, other brand or strength: weighs most
 * + 0.15 · [same category]
 * + 0.10 · [same lab]
 * + 0.15 · cosine(TF-IDF of name words of p, of c)   binary term frequency, idf = ln(1 + N / df)
 *
 * Ingredients and lab compare folded (no accents, lower case), name words are model/search-text.ts's
 * search words. A candidate with the same ingredient set (≥ 0.60) always outranks one sharing none
 * (≤ 0.40). Ties rank by id, so the result is the same on every run.
 *
 * Candidates are not all pairs: they come from inverted indexes — products sharing an ingredient, a name
 * word (words in more than `commonWordShare` of the catalog are skipped, their idf is near 0), or both
 * lab and category; only when that yields fewer than k does the rest of the category fill in (capped).
 * For ~10k products this scores a few hundred candidates per product instead of 10k.
 */
import { foldText, searchWords } from '../model/search-text';

export interface SimilarityProduct {
  readonly id: string;
  readonly name: string;
  readonly activeIngredients: readonly string[];
  readonly lab: string;
  readonly categoryId: string;
}

export interface SimilarProduct {
  readonly productId: string;
  /** 0–1, rounded to 4 decimals. */
  readonly score: number;
}

export interface SimilarityOptions {
  /** How many similar products per product. Default 8. */
  readonly k?: number;
  /** Name words in more than this share of products are not used to find candidates. Default 0.05. */
  readonly commonWordShare?: number;
  /** Most same-category products scored when the indexes found fewer than k. Default 200. */
  readonly categoryFillLimit?: number;
}

export const SIMILARITY_WEIGHTS = { ingredients: 0.6, category: 0.15, lab: 0.1, name: 0.15 } as const;

interface Prepared {
  readonly id: string;
  readonly ingredients: readonly string[];
  readonly lab: string;
  readonly categoryId: string;
  readonly words: readonly string[];
  /** TF-IDF weights of the name words and the vector's length. */
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

function addTo(index: Map<string, number[]>, key: string, position: number): void {
  const list = index.get(key);
  if (list) list.push(position);
  else index.set(key, [position]);
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (const value of a) if (b.includes(value)) shared += 1;
  return shared / (a.length + b.length - shared);
}

function cosine(a: Prepared, b: Prepared): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (const [word, weight] of a.weights) {
    const other = b.weights.get(word);
    if (other !== undefined) dot += weight * other;
  }
  return dot / (a.norm * b.norm);
}

/** The similarity score of two products (see the module comment). */
function score(a: Prepared, b: Prepared): number {
  return (
    SIMILARITY_WEIGHTS.ingredients * jaccard(a.ingredients, b.ingredients) +
    SIMILARITY_WEIGHTS.category * (a.categoryId === b.categoryId ? 1 : 0) +
    SIMILARITY_WEIGHTS.lab * (a.lab === b.lab && a.lab !== '' ? 1 : 0) +
    SIMILARITY_WEIGHTS.name * cosine(a, b)
  );
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The top-k similar products of each product (keyed by id), never the product itself. */
export function computeSimilarProducts(
  products: readonly SimilarityProduct[],
  options: SimilarityOptions = {},
): Map<string, SimilarProduct[]> {
  const k = options.k ?? 8;
  const categoryFillLimit = options.categoryFillLimit ?? 200;
  const total = products.length;

  // Sorted by id so candidate order — and with it every tie — is the same whatever order products came in.
  const sorted = [...products].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const wordsOf = sorted.map((product) => searchWords(product.name));
  const documentFrequency = new Map<string, number>();
  for (const words of wordsOf) for (const word of words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);

  const prepared: Prepared[] = sorted.map((product, position) => {
    const words = wordsOf[position] ?? [];
    const weights = new Map<string, number>();
    let squares = 0;
    for (const word of words) {
      const weight = Math.log(1 + total / (documentFrequency.get(word) ?? 1));
      weights.set(word, weight);
      squares += weight * weight;
    }
    const ingredients = [...new Set(product.activeIngredients.map((ingredient) => foldText(ingredient).trim()))].filter(
      (ingredient) => ingredient.length > 0,
    );
    return {
      id: product.id,
      ingredients,
      lab: foldText(product.lab).trim(),
      categoryId: product.categoryId,
      words,
      weights,
      norm: Math.sqrt(squares),
    };
  });

  const byIngredient = new Map<string, number[]>();
  const byWord = new Map<string, number[]>();
  const byLabAndCategory = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const commonWordLimit = Math.max(k, Math.floor(total * (options.commonWordShare ?? 0.05)));
  prepared.forEach((product, position) => {
    for (const ingredient of product.ingredients) addTo(byIngredient, ingredient, position);
    for (const word of product.words) {
      if ((documentFrequency.get(word) ?? 0) <= commonWordLimit) addTo(byWord, word, position);
    }
    addTo(byLabAndCategory, `${product.lab}\u0000${product.categoryId}`, position);
    addTo(byCategory, product.categoryId, position);
  });

  const result = new Map<string, SimilarProduct[]>();
  const seen = new Int32Array(total).fill(-1);
  prepared.forEach((product, position) => {
    const candidates: number[] = [];
    const consider = (list: readonly number[] | undefined, limit = Number.POSITIVE_INFINITY) => {
      if (!list) return;
      let taken = 0;
      for (const other of list) {
        if (taken >= limit) return;
        if (other === position || seen[other] === position) continue;
        seen[other] = position;
        candidates.push(other);
        taken += 1;
      }
    };
    for (const ingredient of product.ingredients) consider(byIngredient.get(ingredient));
    for (const word of product.words) consider(byWord.get(word));
    consider(byLabAndCategory.get(`${product.lab}\u0000${product.categoryId}`));
    if (candidates.length < k) consider(byCategory.get(product.categoryId), categoryFillLimit);

    const ranked = candidates
      .map((other) => ({ other, score: round4(score(product, prepared[other] as Prepared)) }))
      .filter((candidate) => candidate.score > 0)
      .sort((a, b) => b.score - a.score || a.other - b.other)
      .slice(0, k)
      .map((candidate) => ({ productId: (prepared[candidate.other] as Prepared).id, score: candidate.score }));
    result.set(product.id, ranked);
  });
  return result;
}
