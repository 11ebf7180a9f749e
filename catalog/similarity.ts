/**
 * "Similar products", judged as a pharmacist would: for every active product, the k most similar other
 * active products. Pure: products in, ranked lists out; the nightly job (similarity-job.ts) reads and
 * writes the table.
 *
 * Each product's facts — strength, form, population, stage, pack size, meter line, name words — are parsed
 * from its name and presentation (similarity-facts.ts). A candidate c of product p scores 0–1:
 *
 * Medicines (p has active ingredients):
 *
 *     J · (0.45 + 0.15·strength + 0.12·form) · (0.25 if child/infant against adult, else 1)
 *   + 0.08·population + 0.05·[same form group] + 0.05·[same category] + 0.03·[same lab]
 *   + 0.05·cos(name words) + 0.02·pack size
 *
 *   J is the Jaccard index of the ingredient sets; strength and form are 1 when equal, 0 when different,
 *   0.5 when neither says, 0.25 when one does not (form: 0.5 for another form of the same group, a capsule
 *   for a tablet, but not an extended-release or enteric one). Products without active ingredients are
 *   not offered for a medicine. So an exact generic equivalent — same ingredients, strength and form — outranks the same
 *   lab's other strengths by at least 0.15 − (0.03 + 0.05 + 0.02) = 0.05, and a child's medicine sinks an
 *   adult's below other children's medicines.
 *
 * Everything else (no active ingredient: diapers, strips, cosmetics):
 *
 *   ( 0.40·cos(name words) + 0.25·[same category] + 0.08·[same lab] + 0.07·pack size
 *   + 0.05·population + 0.10·[same form] + 0.05·[same stage] ) · stage factor · population factor
 *
 *   A different stage ("Etapa 1" against "Etapa 5", "Venda 5 cm" against "10 cm") multiplies by
 *   0.4/√|difference| (0.35 when the stages are not numbers); the population factor is 0.6 when only one
 *   of the two says who it is for ("Cepillo dental infantil" against "Cepillo dental medio"), 0.8 for
 *   infant against child, 0.4 against adult; names without a shared word and without the same form
 *   (another kind of goods: formula for a diaper) multiply by 0.5. For goods the form is the kind
 *   ("shampoo", "crema", "gel"). A meter's strips, lancets or sensors are never similar to
 *   another meter line's products (score 0, not listed).
 *
 * cos is the cosine of the TF-IDF vectors of the name's words (binary tf, idf = ln(1 + N/df)); pack size is
 * 1 − |ln(a/b)| / ln 10 (same unit; 0.5 when unknown). Scores are rounded to 4 decimals and ties rank by
 * id, so every run gives the same lists whatever order the products came in.
 *
 * Scale: no pair loop. Each product's candidates come from blocks, most specific first — medicines: same
 * ingredients, strength and form (same lab, then same name, then any); same ingredients and form group;
 * same ingredients; same category, form group and population; each ingredient. Goods: same meter maker;
 * same category and stage (same lab first); same category and name. Then the product's rarer name words
 * (rarest first), same category and lab, same category — until `candidateBudget` candidates. Ties among
 * a block's members go to the lowest id, which is also how ties rank. Work is O(N · budget), memory O(N):
 * typed arrays for the facts, the name vectors and the k results.
 */
import { foldFast, ingredientKey, productFacts, sameDeviceLine, type DeviceLine, type Population } from './similarity-facts';

export interface SimilarityProduct {
  readonly id: string;
  readonly name: string;
  readonly activeIngredients: readonly string[];
  readonly lab: string;
  readonly categoryId: string;
  /** The pack as sold ("Caja con 20 tabletas de 400 mg"); strength and form are read from it and the name. */
  readonly presentation?: string;
}

export interface SimilarProduct {
  readonly productId: string;
  /** 0–1, rounded to 4 decimals. */
  readonly score: number;
}

export interface SimilarityOptions {
  /** How many similar products per product. Default 8. */
  readonly k?: number;
  /** Candidates scored per product, taken from the blocks in order. Default 200. */
  readonly candidateBudget?: number;
  /** Score every pair instead (O(N²)): the reference the blocking is measured against in tests and the bench. */
  readonly allPairs?: boolean;
  /** Name words in more than this share of products find no candidates (their idf is near 0). Default 0.02. */
  readonly commonWordShare?: number;
}

export const SIMILARITY_WEIGHTS = {
  medicine: { ingredients: 0.45, strength: 0.15, form: 0.12, population: 0.08, formGroup: 0.05, category: 0.05, lab: 0.03, name: 0.05, pack: 0.02 },
  goods: { name: 0.4, category: 0.25, lab: 0.08, pack: 0.07, population: 0.05, form: 0.1, stage: 0.05 },
  /** A child's or infant's medicine against an adult's: the equivalence part counts this much. */
  populationConflict: 0.25,
  /** A different numeric stage multiplies by this / √|difference|. */
  stageMismatch: 0.4,
  /** A different stage that is not a number ("talla m" against "talla g"). */
  stageMismatchOther: 0.35,
  /** Goods: one says who it is for and the other does not / infant against child / either against adult. */
  goodsPopulationUnknown: 0.6,
  goodsPopulationNear: 0.8,
  goodsPopulationConflict: 0.4,
  /** Goods whose names share no word are other kinds of goods (formula is not a diaper, whatever its stage). */
  goodsUnrelatedNames: 0.5,
} as const;

/** The k lists of every product as compact arrays (what the job keeps in memory for 100,000 products). */
export interface SimilarityTable {
  /** Product ids, sorted. */
  readonly ids: readonly string[];
  readonly k: number;
  /** `neighbours[i*k + j]`: position in `ids` of product i's j-th most similar product, -1 past its count. */
  readonly neighbours: Int32Array;
  readonly scores: Float64Array;
  /** Candidates scored in all (how much work the blocking left). */
  readonly scored: number;
}

const POPULATION_CODE: Record<Population, number> = { infant: 1, child: 2, adult: 3 };
const PACK_UNIT_CODE = { u: 1, ml: 2, g: 3 } as const;
const LN10 = Math.log(10);

class Interner {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function sortedById(products: readonly SimilarityProduct[]): SimilarityProduct[] {
  return [...products].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The top-k similar products of every product, as compact arrays. */
export function computeSimilarityTable(products: readonly SimilarityProduct[], options: SimilarityOptions = {}): SimilarityTable {
  const k = options.k ?? 8;
  const budget = Math.max(1, options.candidateBudget ?? 200);
  const sorted = sortedById(products);
  const total = sorted.length;
  const ids = sorted.map((product) => product.id);

  // ── Facts, interned to small integers ──────────────────────────────────────
  const strings = { ingredient: new Interner(), word: new Interner(), value: new Interner() };
  const ingredientLists: number[][] = [];
  const wordLists: number[][] = [];
  const strength = new Int32Array(total);
  const form = new Int32Array(total);
  const formGroup = new Int32Array(total);
  const population = new Int8Array(total);
  const stage = new Int32Array(total);
  const stageNumber = new Float64Array(total);
  const packUnit = new Int8Array(total);
  const packLog = new Float64Array(total);
  /** 1 for extended-release and enteric forms: not interchangeable with the plain tablet of their group. */
  const modifiedRelease = new Int8Array(total);
  /** Interned ingredient set (-1: none), so equal sets compare without a merge. */
  const ingredientSet = new Int32Array(total);
  const category = new Int32Array(total);
  const lab = new Int32Array(total);
  const deviceLines: (DeviceLine | null)[] = [];
  // Block ids per product (interned keys) and each block's members, in id order.
  const blockKey = new Interner();
  const blockMembers: number[][] = [];
  const productBlocks: number[][] = [];
  const valueId = (value: string | null) => (value === null ? -1 : strings.value.id(value));

  for (let position = 0; position < total; position += 1) {
    const product = sorted[position] as SimilarityProduct;
    const facts = productFacts(product);
    const ingredientIds = [
      ...new Set(product.activeIngredients.map(ingredientKey).filter((name) => name.length > 0)),
    ]
      .map((name) => strings.ingredient.id(name))
      .sort((a, b) => a - b);
    ingredientLists.push(ingredientIds);
    ingredientSet[position] = ingredientIds.length > 0 ? strings.value.id(`set:${ingredientIds.join(',')}`) : -1;
    wordLists.push(facts.words.map((word) => strings.word.id(word)));
    strength[position] = valueId(facts.strength);
    form[position] = valueId(facts.form);
    formGroup[position] = valueId(facts.formGroup);
    modifiedRelease[position] = facts.form === 'liberacion-prolongada' || facts.form === 'tableta-enterica' ? 1 : 0;
    population[position] = facts.population ? POPULATION_CODE[facts.population] : 0;
    stage[position] = valueId(facts.stage);
    stageNumber[position] = facts.stageNumber ?? Number.NaN;
    packUnit[position] = facts.packSize ? PACK_UNIT_CODE[facts.packSize.unit] : 0;
    packLog[position] = facts.packSize ? Math.log(facts.packSize.amount) : 0;
    category[position] = strings.value.id(`category:${product.categoryId}`);
    const folded = foldFast(product.lab).trim();
    lab[position] = folded ? strings.value.id(`lab:${folded}`) : -1;
    deviceLines.push(facts.deviceLine);

    // Blocks this product is found through, most specific first (see the module comment).
    const set = ingredientIds.join(',');
    const keys: string[] = [];
    const cat = product.categoryId;
    const nameKey = facts.words.join(' ');
    if (ingredientIds.length > 0) {
      const exact = `e|${set}|${facts.strength}|${facts.form}`;
      keys.push(`${exact}|${folded}`, `${exact}|${nameKey}`, exact, `s|${set}|${facts.formGroup}`, `i|${set}`);
      keys.push(`t|${cat}|${facts.formGroup}|${facts.population}`);
      for (const ingredient of ingredientIds) keys.push(`1|${ingredient}`);
    } else {
      if (facts.deviceLine) keys.push(`d|${facts.deviceLine.lab}`);
      if (facts.stage) keys.push(`g|${cat}|${facts.stage}|${folded}`, `g|${cat}|${facts.stage}`);
      keys.push(`n|${cat}|${nameKey}`);
    }
    keys.push(`l|${cat}|${folded}`, `c|${cat}`);
    productBlocks.push(
      keys.map((key) => {
        const id = blockKey.id(key);
        if (id === blockMembers.length) blockMembers.push([]);
        (blockMembers[id] as number[]).push(position);
        return id;
      }),
    );
  }

  // ── Name vectors: TF-IDF, unit length, word ids sorted for a merge dot product ──
  const documentFrequency = new Int32Array(strings.word.size);
  for (const words of wordLists) for (const word of words) documentFrequency[word] = (documentFrequency[word] ?? 0) + 1;
  const wordStart = new Int32Array(total + 1);
  for (let position = 0; position < total; position += 1) wordStart[position + 1] = (wordStart[position] as number) + (wordLists[position] as number[]).length;
  const wordIds = new Int32Array(wordStart[total] as number);
  const wordWeights = new Float64Array(wordStart[total] as number);
  for (let position = 0; position < total; position += 1) {
    const words = (wordLists[position] as number[]).slice().sort((a, b) => a - b);
    let squares = 0;
    const weights = words.map((word) => {
      const weight = Math.log(1 + total / (documentFrequency[word] as number));
      squares += weight * weight;
      return weight;
    });
    const norm = Math.sqrt(squares) || 1;
    const at = wordStart[position] as number;
    words.forEach((word, index) => {
      wordIds[at + index] = word;
      wordWeights[at + index] = (weights[index] as number) / norm;
    });
  }

  // ── Inverted indexes ───────────────────────────────────────────────────────
  const commonWordLimit = Math.max(k, Math.floor(total * (options.commonWordShare ?? 0.02)));
  const byWord: number[][] = Array.from({ length: strings.word.size }, () => []);
  const rareWords: number[][] = wordLists.map((words, position) => {
    const rare = words.filter((word) => (documentFrequency[word] as number) <= commonWordLimit);
    for (const word of rare) (byWord[word] as number[]).push(position);
    // Rarest first: they find the closest names before the budget runs out.
    return rare.sort((a, b) => (documentFrequency[a] as number) - (documentFrequency[b] as number) || a - b);
  });
  wordLists.length = 0;

  // ── Scoring ────────────────────────────────────────────────────────────────
  const M = SIMILARITY_WEIGHTS.medicine;
  const G = SIMILARITY_WEIGHTS.goods;
  const ingredients = ingredientLists;

  function jaccard(a: number, b: number): number {
    if (ingredientSet[a] === ingredientSet[b]) return (ingredientSet[a] as number) < 0 ? 0 : 1;
    const x = ingredients[a] as number[];
    const y = ingredients[b] as number[];
    if (x.length === 0 || y.length === 0) return 0;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < x.length && j < y.length) {
      const u = x[i] as number;
      const v = y[j] as number;
      if (u === v) {
        shared += 1;
        i += 1;
        j += 1;
      } else if (u < v) i += 1;
      else j += 1;
    }
    return shared / (x.length + y.length - shared);
  }
  function cosine(a: number, b: number): number {
    let i = wordStart[a] as number;
    const iEnd = wordStart[a + 1] as number;
    let j = wordStart[b] as number;
    const jEnd = wordStart[b + 1] as number;
    let dot = 0;
    while (i < iEnd && j < jEnd) {
      const u = wordIds[i] as number;
      const v = wordIds[j] as number;
      if (u === v) {
        dot += (wordWeights[i] as number) * (wordWeights[j] as number);
        i += 1;
        j += 1;
      } else if (u < v) i += 1;
      else j += 1;
    }
    return dot;
  }
  /** 1 equal, 0 different, 0.5 neither known, 0.25 one known. */
  function match(values: Int32Array, a: number, b: number): number {
    const x = values[a] as number;
    const y = values[b] as number;
    if (x < 0 && y < 0) return 0.5;
    if (x < 0 || y < 0) return 0.25;
    return x === y ? 1 : 0;
  }
  function populationMatch(a: number, b: number): number {
    const x = population[a] as number;
    const y = population[b] as number;
    if (x === 0 || y === 0) return 0.5;
    if (x === y) return 1;
    return x === 3 || y === 3 ? 0 : 0.5; // infant against child: near; either against adult: a conflict
  }
  function packMatch(a: number, b: number): number {
    if (packUnit[a] === 0 || packUnit[a] !== packUnit[b]) return 0.5;
    return Math.max(0, 1 - Math.abs((packLog[a] as number) - (packLog[b] as number)) / LN10);
  }
  function same(values: Int32Array, a: number, b: number): number {
    return (values[a] as number) >= 0 && values[a] === values[b] ? 1 : 0;
  }

  function scoreMedicine(p: number, c: number): number {
    const j = jaccard(p, c);
    const populationScore = populationMatch(p, c);
    if ((ingredients[c] as number[]).length === 0) return 0; // a medicine's alternatives are medicines
    let formScore = match(form, p, c);
    if (formScore === 0 && same(formGroup, p, c) === 1 && modifiedRelease[p] === 0 && modifiedRelease[c] === 0) formScore = 0.5;
    const equivalence =
      j * (M.ingredients + M.strength * match(strength, p, c) + M.form * formScore) * (populationScore === 0 ? SIMILARITY_WEIGHTS.populationConflict : 1);
    return (
      equivalence +
      M.population * populationScore +
      M.formGroup * same(formGroup, p, c) +
      M.category * (category[p] === category[c] ? 1 : 0) +
      M.lab * same(lab, p, c) +
      M.name * cosine(p, c) +
      M.pack * packMatch(p, c)
    );
  }
  /** A child's toothbrush is offered children's ones first: a population that differs is a stage of its own. */
  function goodsPopulationFactor(a: number, b: number): number {
    const x = population[a] as number;
    const y = population[b] as number;
    if (x === y) return 1;
    if (x === 0 || y === 0) return SIMILARITY_WEIGHTS.goodsPopulationUnknown;
    return x === 3 || y === 3 ? SIMILARITY_WEIGHTS.goodsPopulationConflict : SIMILARITY_WEIGHTS.goodsPopulationNear;
  }
  function scoreGoods(p: number, c: number): number {
    const lineOfP = deviceLines[p];
    const lineOfC = deviceLines[c];
    if (lineOfP && lineOfC && !sameDeviceLine(lineOfP, lineOfC)) return 0;
    let stageFactor = 1;
    const sp = stage[p] as number;
    const sc = stage[c] as number;
    if (sp >= 0 && sc >= 0 && sp !== sc) {
      const difference = Math.abs((stageNumber[p] as number) - (stageNumber[c] as number));
      stageFactor = Number.isNaN(difference) ? SIMILARITY_WEIGHTS.stageMismatchOther : SIMILARITY_WEIGHTS.stageMismatch / Math.sqrt(difference);
    }
    const names = cosine(p, c);
    return (
      (G.name * names +
        G.category * (category[p] === category[c] ? 1 : 0) +
        G.lab * same(lab, p, c) +
        G.pack * packMatch(p, c) +
        G.population * populationMatch(p, c) +
        G.form * same(form, p, c) +
        G.stage * (sp >= 0 && sp === sc ? 1 : 0)) *
      stageFactor *
      goodsPopulationFactor(p, c) *
      (names > 0 || same(form, p, c) === 1 ? 1 : SIMILARITY_WEIGHTS.goodsUnrelatedNames)
    );
  }

  // ── Top k per product ──────────────────────────────────────────────────────
  const neighbours = new Int32Array(total * k).fill(-1);
  const scores = new Float64Array(total * k);
  const stamp = new Int32Array(total).fill(-1);
  const candidates = new Int32Array(options.allPairs ? total : budget);
  let scored = 0;
  let count = 0;
  let p = 0;
  /** Adds a block's members not yet taken, until `budget` candidates. */
  function take(list: readonly number[] | undefined): void {
    if (!list) return;
    for (let index = 0; index < list.length && count < budget; index += 1) {
      const other = list[index] as number;
      if (other === p || stamp[other] === p) continue;
      stamp[other] = p;
      candidates[count] = other;
      count += 1;
    }
  }

  for (p = 0; p < total; p += 1) {
    count = 0;
    const own = productBlocks[p] as number[];
    const isMedicine = (ingredients[p] as number[]).length > 0;
    if (options.allPairs) {
      for (let other = 0; other < total; other += 1) {
        if (other === p) continue;
        candidates[count] = other;
        count += 1;
      }
    } else {
      // The specific blocks, then the rare words, then the broad category blocks (the last two).
      for (let index = 0; index < own.length - 2 && count < budget; index += 1) take(blockMembers[own[index] as number]);
      for (const word of rareWords[p] as number[]) {
        if (count >= budget) break;
        take(byWord[word]);
      }
      take(blockMembers[own[own.length - 2] as number]);
      take(blockMembers[own[own.length - 1] as number]);
    }

    const base = p * k;
    let size = 0;
    for (let index = 0; index < count; index += 1) {
      const c = candidates[index] as number;
      const value = round4(isMedicine ? scoreMedicine(p, c) : scoreGoods(p, c));
      if (value <= 0) continue;
      if (size === k) {
        const lastScore = scores[base + k - 1] as number;
        if (value < lastScore || (value === lastScore && c > (neighbours[base + k - 1] as number))) continue;
      } else {
        size += 1;
      }
      // Insertion into the sorted top k: higher score first, then lower position (id).
      let at = size - 1;
      while (at > 0) {
        const before = scores[base + at - 1] as number;
        if (before > value || (before === value && (neighbours[base + at - 1] as number) < c)) break;
        scores[base + at] = before;
        neighbours[base + at] = neighbours[base + at - 1] as number;
        at -= 1;
      }
      scores[base + at] = value;
      neighbours[base + at] = c;
    }
    scored += count;
  }
  return { ids, k, neighbours, scores, scored };
}

/** Product `position`'s list from a table, most similar first. */
export function similarListAt(table: SimilarityTable, position: number): SimilarProduct[] {
  const list: SimilarProduct[] = [];
  for (let j = 0; j < table.k; j += 1) {
    const other = table.neighbours[position * table.k + j] as number;
    if (other < 0) break;
    list.push({ productId: table.ids[other] as string, score: table.scores[position * table.k + j] as number });
  }
  return list;
}

/** The top-k similar products of each product (keyed by id), never the product itself. */
export function computeSimilarProducts(products: readonly SimilarityProduct[], options: SimilarityOptions = {}): Map<string, SimilarProduct[]> {
  const table = computeSimilarityTable(products, options);
  const result = new Map<string, SimilarProduct[]>();
  table.ids.forEach((id, position) => result.set(id, similarListAt(table, position)));
  return result;
}
