/**
 * Search as a shopper uses it, through the real local AppSync runtime (the bundled pipeline in the sandbox,
 * DynamoDB Local) over the whole demo catalog (1,200 products): relevance, full and stable pages, barcodes
 * and SKUs, typos, filters and sorts, suggestions as you type, and ranking quality on the labelled set
 * (local/demo-catalog/search-judgments.ts).
 *
 * Expected results come from the generated catalog with an independent folding (Unicode NFD), not from
 * the model code the resolvers run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCatalog, type DemoProduct } from '../../local/demo-catalog/generate';
import { loadDemoCatalog } from '../../local/demo-catalog/load';
import { LABELLED_QUERIES, meanPrecisionAt5, precisionAt5, type QueryPrecision } from '../../local/demo-catalog/search-judgments';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';

const catalog = generateDemoCatalog();
const active = catalog.filter((p) => p.active);

const SEARCH = `query Search($text: String!, $limit: Int, $nextToken: String, $filter: ProductSearchFilter, $sort: ProductSort) {
  searchProducts(text: $text, limit: $limit, nextToken: $nextToken, filter: $filter, sort: $sort) {
    items { id sku barcode name activeIngredients lab categoryId stock prescriptionRequired price { amountCents } }
    nextToken total correctedText } }`;
const SUGGEST = `query Suggest($prefix: String!, $limit: Int) { searchSuggestions(prefix: $prefix, limit: $limit) { text productCount field } }`;
const UPSERT = `mutation Upsert($input: ProductInput!) { upsertProduct(input: $input) { id } }`;
const SET_ACTIVE = `mutation SetActive($id: ID!, $active: Boolean!) { setProductActive(id: $id, active: $active) { id active } }`;

interface Found {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  activeIngredients: string[];
  lab: string;
  categoryId: string;
  stock: number;
  prescriptionRequired: boolean;
  price: { amountCents: number };
}
interface SearchPage {
  items: Found[];
  nextToken: string | null;
  total: number;
  correctedText: string | null;
}
interface Suggestion {
  text: string;
  productCount: number;
  field: string;
}

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const wordsIn = (text: string) => fold(text).split(/[^a-z0-9]+/).filter((word) => word.length > 0);
const hasWord = (text: string, word: string) => wordsIn(text).includes(word);
const productWords = (p: DemoProduct) => wordsIn(`${p.name} ${p.activeIngredients.join(' ')} ${p.lab}`);
/** Active products with a word starting with every query word (the match rule, without typos). */
const matching = (...queryWords: string[]) => active.filter((p) => queryWords.every((q) => productWords(p).some((w) => w.startsWith(q))));

let api: TestApi;
let staff: TestUser;

async function search(text: string, variables: Record<string, unknown> = {}): Promise<SearchPage> {
  const result = await api.graphql<{ searchProducts: SearchPage }>(SEARCH, { text, ...variables });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.searchProducts;
}

/** Every page of a search, at most 100 pages. */
async function allPages(text: string, variables: Record<string, unknown> = {}): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  let nextToken: string | null = null;
  do {
    const page = await search(text, { ...variables, nextToken });
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken !== null && pages.length < 100);
  expect(nextToken, 'paging did not end').toBeNull();
  return pages;
}

async function suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
  const result = await api.graphql<{ searchSuggestions: Suggestion[] }>(SUGGEST, { prefix, limit });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.searchSuggestions;
}

let skuCounter = 0;
async function createProduct(overrides: Record<string, unknown>): Promise<string> {
  skuCounter += 1;
  const result = await api.graphql<{ upsertProduct: { id: string } }>(
    UPSERT,
    {
      input: {
        sku: `SRCH-${skuCounter}`,
        name: 'Producto de prueba',
        activeIngredients: [],
        lab: 'Laboratorio de Prueba',
        presentation: 'Caja con 10 tabletas',
        categoryName: 'Analgésicos',
        priceCents: 5000,
        stock: 10,
        prescriptionRequired: false,
        ...overrides,
      },
    },
    staff,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.upsertProduct.id;
}

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoCatalog({ client: api.table.client, tableName: api.table.tableName });
  staff = await createTestUser({ groups: ['admin'], prefix: 'staff' });
}, 300_000);

afterAll(async () => {
  await api?.close();
});

describe('relevance', () => {
  it('"paracetamol" lists the products named Paracetamol before those that only contain it ("XL-3 Día y Noche")', async () => {
    const named = active.filter((p) => hasWord(p.name, 'paracetamol'));
    const page = await search('paracetamol', { limit: 100 });
    expect(page.items[0]!.name).not.toBe('XL-3 Día y Noche');
    expect(page.items.slice(0, named.length).every((p) => hasWord(p.name, 'paracetamol'))).toBe(true);
    expect(page.items.map((p) => p.name)).toContain('XL-3 Día y Noche');
    expect(page.total).toBe(matching('paracetamol').length);
  });

  it('ranks a whole-word name match over a prefix, the name over the active ingredient over the lab', async () => {
    const prefix = await createProduct({ name: 'Quelvaranita 10 mg' });
    const lab = await createProduct({ name: 'Tabletas Sabor Menta', lab: 'Quelvaran Labs' });
    const ingredient = await createProduct({ name: 'Duromax 20 mg', activeIngredients: ['Quelvaran'] });
    const name = await createProduct({ name: 'Quelvaran 20 mg', activeIngredients: ['Quelvaran'] });
    expect((await search('quelvaran')).items.map((p) => p.id)).toEqual([name, ingredient, lab, prefix]);
  });

  it('puts products in stock before equal matches out of stock', async () => {
    const soldOut = await createProduct({ name: 'Brontilax 5 mg', stock: 0 });
    const inStock = await createProduct({ name: 'Brontilax 5 mg', stock: 3 });
    expect((await search('brontilax')).items.map((p) => p.id)).toEqual([inStock, soldOut]);
  });
});

describe('pages', () => {
  it('are full while results remain and end with the last one: "amoxicilina 500"', async () => {
    const expected = matching('amoxicilina', '500').map((p) => p.id);
    expect(expected.length).toBeGreaterThan(10);
    const pages = await allPages('amoxicilina 500', { limit: 5 });
    expect(pages.map((page) => page.items.length)).toEqual(
      Array.from({ length: Math.ceil(expected.length / 5) }, (_, i) => Math.min(5, expected.length - 5 * i)),
    );
    const ids = pages.flatMap((page) => page.items.map((p) => p.id));
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(pages.every((page) => page.total === expected.length)).toBe(true);
  });

  it('are stable: small pages give the ranked list of one big page, each product once', async () => {
    const whole = (await search('ibuprofeno', { limit: 100 })).items.map((p) => p.id);
    const paged = (await allPages('ibuprofeno', { limit: 7 })).flatMap((page) => page.items.map((p) => p.id));
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('refuse a token of another search', async () => {
    const first = await search('ibuprofeno', { limit: 2 });
    const result = await api.graphql(SEARCH, { text: 'paracetamol', limit: 2, nextToken: first.nextToken });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'nextToken' } });
    const sorted = await api.graphql(SEARCH, { text: 'ibuprofeno', limit: 2, nextToken: first.nextToken, sort: 'NAME' });
    expect(sorted.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
  });
});

describe('barcodes and SKUs typed into the search box', () => {
  it('finds the product by its EAN-13 barcode', async () => {
    const product = active.find((p) => p.barcode && p.sku === 'ANA-00029')!;
    const page = await search(product.barcode!);
    expect(page.items[0]).toMatchObject({ id: product.id, barcode: product.barcode });
  });

  it('finds the product by its SKU, as printed or in lower case', async () => {
    const product = active.find((p) => p.sku === 'TOS-00004')!;
    expect((await search('TOS-00004')).items[0]!.id).toBe(product.id);
    expect((await search('tos-00004')).items[0]!.id).toBe(product.id);
  });
});

describe('typos', () => {
  it('"ibuprofneo" finds ibuprofen and says what it searched', async () => {
    const page = await search('ibuprofneo');
    expect(page.correctedText).toBe('ibuprofeno');
    expect(page.items.length).toBe(20);
    expect(page.items.every((p) => p.activeIngredients.includes('Ibuprofeno') || hasWord(p.name, 'ibuprofeno'))).toBe(true);
    expect(page.total).toBe(matching('ibuprofeno').length);
    const next = await search('ibuprofneo', { nextToken: page.nextToken });
    expect(next.items.length).toBe(20);
  });

  it('corrects one word of several: "amoxicilna 500"', async () => {
    const page = await search('amoxicilna 500');
    expect(page.correctedText).toBe('amoxicilina 500');
    expect(page.total).toBe(matching('amoxicilina', '500').length);
  });

  it('leaves correct text alone and finds nothing for words far from any', async () => {
    expect((await search('ibuprofeno')).correctedText).toBeNull();
    expect(await search('zzqxwvyk')).toEqual({ items: [], nextToken: null, total: 0, correctedText: null });
  });
});

describe('filters and sorts', () => {
  it('filters by category, lab, prescription and stock', async () => {
    const inAnalgesics = await search('paracetamol', { limit: 100, filter: { category: 'analgesicos' } });
    expect(inAnalgesics.items.every((p) => p.categoryId === 'analgesicos')).toBe(true);
    expect(inAnalgesics.total).toBe(matching('paracetamol').filter((p) => p.categoryId === 'analgesicos').length);
    const pisa = await search('ibuprofeno', { limit: 100, filter: { lab: 'laboratorios pisa' } });
    expect(pisa.total).toBeGreaterThan(0);
    expect(pisa.items.every((p) => p.lab === 'Laboratorios Pisa')).toBe(true);
    const rx = await search('amoxicilina', { limit: 100, filter: { prescriptionRequired: true, inStock: true } });
    expect(rx.total).toBe(matching('amoxicilina').filter((p) => p.prescriptionRequired && p.stock > 0).length);
  });

  it('sorts by price both ways and by name', async () => {
    const cheapest = (await search('omeprazol', { limit: 100, sort: 'PRICE_ASC' })).items.map((p) => p.price.amountCents);
    expect(cheapest).toEqual([...cheapest].sort((a, b) => a - b));
    const dearest = (await search('omeprazol', { limit: 100, sort: 'PRICE_DESC' })).items.map((p) => p.price.amountCents);
    expect(dearest).toEqual([...cheapest].reverse());
    const names = (await search('omeprazol', { limit: 100, sort: 'NAME' })).items.map((p) => wordsIn(p.name).join(' '));
    expect(names).toEqual([...names].sort());
  });
});

describe('hiding a product', () => {
  it('takes it out of search at once and brings it back when shown', async () => {
    const id = await createProduct({ name: 'Plumbetrina 50 mg' });
    expect((await search('plumbetrina')).items.map((p) => p.id)).toEqual([id]);
    await api.graphql(SET_ACTIVE, { id, active: false }, staff);
    expect(await search('plumbetrina')).toMatchObject({ items: [], total: 0 });
    await api.graphql(SET_ACTIVE, { id, active: true }, staff);
    expect((await search('plumbetrina')).items.map((p) => p.id)).toEqual([id]);
  });
});

describe('Query.searchSuggestions', () => {
  it('completes the word being typed, the word most products have first', async () => {
    const suggestions = await suggest('ibu');
    expect(suggestions[0]).toEqual({ text: 'ibuprofeno', productCount: matching('ibuprofeno').length, field: 'NAME' });
    expect(suggestions.length).toBeLessThanOrEqual(8);
  });

  it('completes the last word among the products of the words before it, accents as written', async () => {
    const suggestions = await suggest('Amoxicilina 50');
    expect(suggestions[0]).toEqual({ text: 'Amoxicilina 500', productCount: matching('amoxicilina', '500').length, field: 'NAME' });
    expect((await suggest('pañ'))[0]).toMatchObject({ text: 'pañales', field: 'NAME' });
  });

  it('gives the top 8 by default, fewer on request, nothing for one letter', async () => {
    expect(await suggest('co')).toHaveLength(8);
    expect(await suggest('co', 3)).toHaveLength(3);
    expect(await suggest('c')).toEqual([]);
  });

  it('refuses an over-long prefix and an out-of-range limit', async () => {
    const long = await api.graphql(SUGGEST, { prefix: 'x'.repeat(101) });
    expect(long.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'prefix' } });
    const limit = await api.graphql(SUGGEST, { prefix: 'ibu', limit: 50 });
    expect(limit.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'limit' } });
  });

  it('is readable with the API key, like the catalog', async () => {
    const result: GraphQLResult = await api.graphql(SUGGEST, { prefix: 'para' }, 'apiKey');
    expect(result.errors).toBeUndefined();
  });
});

describe('ranking quality on the labelled set', () => {
  /**
   * Threshold: mean precision@5 ≥ 0.9 and no query below 0.6. Every labelled query has at least one right
   * answer, and most have 5 or more; 0.9 allows about one wrong product in the top 5 of every other query
   * (a combination product for a single-ingredient intent, say) but fails when ranking goes back to id
   * order, which put "XL-3 Día y Noche" first for "paracetamol" (0.2 on that query), or when barcodes,
   * SKUs or typos find nothing (0 each).
   */
  it('scores a mean precision@5 of at least 0.9 over 30+ shopper queries', async () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(30);
    const results: QueryPrecision[] = [];
    for (const query of LABELLED_QUERIES) {
      const page = await search(query.text, { limit: 5 });
      results.push(precisionAt5(query, page.items.map((p) => p.id), catalog));
    }
    const mean = meanPrecisionAt5(results);
    const weak = results.filter((result) => result.precisionAt5 < 0.6);
    expect(results.every((result) => result.relevantInCatalog > 0)).toBe(true);
    expect(weak, JSON.stringify(results)).toEqual([]);
    expect(mean, JSON.stringify(results)).toBeGreaterThanOrEqual(0.9);
  });
});
