/**
 * The catalog through the real local AppSync runtime: the bundled resolvers in the sandbox, DynamoDB Local
 * holding a demo catalog of 300 products, and real JWTs from cognito-local for staff and shoppers.
 *
 * Expected results are computed here from the generated catalog with an independent accent/case folding
 * (Unicode NFD), not with the model code the resolvers use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTime, isValid } from 'ulid';
import { generateDemoCatalog, type DemoProduct } from '../../local/demo-catalog/generate';
import { loadDemoCatalog } from '../../local/demo-catalog/load';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { createTestUser, type TestUser } from '../support/cognito-users';

const COUNT = 300;
const catalog = generateDemoCatalog({ count: COUNT });
const active = catalog.filter((p) => p.active);

const PRODUCT_FIELDS = `id sku barcode name description activeIngredients lab presentation categoryId categoryName
  price { amountCents currency } stock prescriptionRequired imageUrl active createdAt updatedAt`;
const PRODUCT = `query Product($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`;
const PRODUCTS = `query Products($category: ID, $limit: Int, $nextToken: String) {
  products(category: $category, limit: $limit, nextToken: $nextToken) { items { id name categoryId active } nextToken } }`;
const CATEGORIES = `query { categories { id name } }`;
const SEARCH = `query Search($text: String!, $limit: Int, $nextToken: String) {
  searchProducts(text: $text, limit: $limit, nextToken: $nextToken) { items { id name activeIngredients lab active } nextToken } }`;
const UPSERT = `mutation Upsert($input: ProductInput!) { upsertProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
const SET_ACTIVE = `mutation SetActive($id: ID!, $active: Boolean!) { setProductActive(id: $id, active: $active) { id active updatedAt } }`;

interface ProductView {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  description: string | null;
  activeIngredients: string[];
  lab: string;
  presentation: string;
  categoryId: string;
  categoryName: string;
  price: { amountCents: number; currency: string };
  stock: number;
  prescriptionRequired: boolean;
  imageUrl: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
interface ListedProduct {
  id: string;
  name: string;
  categoryId?: string;
  activeIngredients?: string[];
  lab?: string;
  active: boolean;
}
interface Page {
  items: ListedProduct[];
  nextToken: string | null;
}

// ── The oracle: Spanish search semantics, written independently of model/search-text.ts ──
const STOP_WORDS = new Set(['de', 'del', 'la', 'las', 'el', 'los', 'con', 'en', 'para', 'por', 'sin', 'un', 'una', 'al']);
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const wordsIn = (text: string) => fold(text).split(/[^a-z0-9]+/).filter((word) => word.length > 0);
const productWords = (p: { name: string; activeIngredients: readonly string[]; lab: string }) =>
  wordsIn(`${p.name} ${p.activeIngredients.join(' ')} ${p.lab}`).filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
const queryWords = (text: string) => wordsIn(text).filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
const matchesSearch = (p: DemoProduct, text: string) =>
  queryWords(text).every((query) => productWords(p).some((word) => word.startsWith(query)));
const expectedSearch = (text: string) => active.filter((p) => matchesSearch(p, text)).map((p) => p.id).sort();
const byListingOrder = (products: DemoProduct[]) =>
  [...products].sort((a, b) => {
    const ka = `${fold(a.name)}#${a.id}`;
    const kb = `${fold(b.name)}#${b.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

function errorOf(result: GraphQLResult) {
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return result.errors![0]!;
}

let api: TestApi;
let staff: TestUser;
let shopper: TestUser;

async function allPages<T>(fetchPage: (nextToken: string | null) => Promise<{ items: T[]; nextToken: string | null }>, maxPages = 200) {
  const pages: T[][] = [];
  let nextToken: string | null = null;
  do {
    const page = await fetchPage(nextToken);
    pages.push(page.items);
    nextToken = page.nextToken;
  } while (nextToken !== null && pages.length < maxPages);
  expect(nextToken, 'pagination did not end').toBeNull();
  return pages;
}

async function listProducts(variables: Record<string, unknown>): Promise<Page> {
  const result = await api.graphql<{ products: Page }>(PRODUCTS, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.products;
}

async function search(text: string, limit?: number, nextToken?: string | null): Promise<Page> {
  const result = await api.graphql<{ searchProducts: Page }>(SEARCH, { text, limit, nextToken });
  expect(result.errors).toBeUndefined();
  return result.data!.searchProducts;
}

async function searchAll(text: string, limit = 100): Promise<string[]> {
  const pages = await allPages((nextToken) => search(text, limit, nextToken));
  return pages.flat().map((p) => p.id);
}

let skuCounter = 0;
function newProductInput(overrides: Record<string, unknown> = {}) {
  skuCounter += 1;
  return {
    sku: `TEST-${Date.now().toString(36)}-${skuCounter}`,
    barcode: '7501234567895',
    name: 'Naproxeno Sódico Prueba 550 mg',
    description: 'Alivia el dolor muscular.',
    activeIngredients: ['Naproxeno'],
    lab: 'Laboratorios Zeltia',
    presentation: 'Caja con 12 tabletas de 550 mg',
    categoryName: 'Analgésicos',
    priceCents: 8950,
    stock: 40,
    prescriptionRequired: false,
    ...overrides,
  };
}

async function upsert(input: Record<string, unknown>, caller: TestUser = staff) {
  return api.graphql<{ upsertProduct: ProductView }>(UPSERT, { input }, caller);
}

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoCatalog({ client: api.table.client, tableName: api.table.tableName, count: COUNT });
  [staff, shopper] = await Promise.all([createTestUser({ groups: ['admin'], prefix: 'staff' }), createTestUser({ prefix: 'shopper' })]);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('Query.product', () => {
  it('returns one product with its pharmacy facts and its price as Money', async () => {
    const expected = catalog.find((p) => p.active && p.barcode && p.prescriptionRequired)!;
    const result = await api.graphql<{ product: ProductView }>(PRODUCT, { id: expected.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.product).toEqual({
      id: expected.id,
      sku: expected.sku,
      barcode: expected.barcode,
      name: expected.name,
      description: expected.description,
      activeIngredients: expected.activeIngredients,
      lab: expected.lab,
      presentation: expected.presentation,
      categoryId: expected.categoryId,
      categoryName: expected.categoryName,
      price: { amountCents: expected.priceCents, currency: 'MXN' },
      stock: expected.stock,
      prescriptionRequired: true,
      imageUrl: null,
      active: true,
      createdAt: expected.createdAt,
      updatedAt: expected.updatedAt,
    });
  });

  it('returns an inactive product too, marked inactive', async () => {
    const hidden = catalog.find((p) => !p.active)!;
    const result = await api.graphql<{ product: ProductView }>(PRODUCT, { id: hidden.id });
    expect(result.data!.product).toMatchObject({ id: hidden.id, active: false });
  });

  it('fails with NotFound for an unknown id', async () => {
    const result = await api.graphql<{ product: ProductView | null }>(PRODUCT, { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(result.data).toEqual({ product: null });
    expect(errorOf(result)).toMatchObject({
      errorType: 'NotFound',
      message: 'Product 01JZZZZZZZZZZZZZZZZZZZZZZZ not found.',
      path: ['product'],
    });
  });

  it('refuses an id longer than any product id with ValidationError', async () => {
    const result = await api.graphql(PRODUCT, { id: 'x'.repeat(10 * 1024) });
    expect(errorOf(result)).toMatchObject({ errorType: 'ValidationError', message: 'id must be at most 64 characters.' });
  });
});

describe('Query.products', () => {
  it('lists 20 active products by name when no limit is given', async () => {
    const page = await listProducts({});
    expect(page.items.map((p) => p.id)).toEqual(byListingOrder(active).slice(0, 20).map((p) => p.id));
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('pages through one category, giving every active product of it exactly once, in name order', async () => {
    const category = 'analgesicos';
    const expected = byListingOrder(active.filter((p) => p.categoryId === category)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(14);
    const pages = await allPages((nextToken) => listProducts({ category, limit: 7, nextToken }));
    expect(pages.length).toBe(Math.ceil(expected.length / 7) + (expected.length % 7 === 0 ? 1 : 0));
    expect(pages.flat().map((p) => p.id)).toEqual(expected);
    expect(pages.flat().every((p) => p.categoryId === category && p.active)).toBe(true);
  });

  it('pages through the whole catalog without inactive products', async () => {
    const pages = await allPages((nextToken) => listProducts({ limit: 100, nextToken }));
    const ids = pages.flat().map((p) => p.id);
    expect(ids).toHaveLength(active.length);
    expect(new Set(ids)).toEqual(new Set(active.map((p) => p.id)));
  });

  it('gives an empty page for a category with no products', async () => {
    expect(await listProducts({ category: 'no-existe' })).toEqual({ items: [], nextToken: null });
  });

  it.each([[-1], [0], [101], [1_000_000]])('refuses limit %i with ValidationError', async (limit) => {
    const result = await api.graphql(PRODUCTS, { limit });
    expect(errorOf(result)).toMatchObject({ errorType: 'ValidationError', message: 'limit must be a whole number from 1 to 100.' });
  });

  it('refuses a malformed nextToken with ValidationError', async () => {
    const result = await api.graphql(PRODUCTS, { nextToken: 'not-a-real-token' });
    expect(errorOf(result)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'nextToken' } });
  });

  it('refuses the nextToken of another category', async () => {
    const analgesicos = await listProducts({ category: 'analgesicos', limit: 2 });
    const result = await api.graphql(PRODUCTS, { category: 'antibioticos', limit: 2, nextToken: analgesicos.nextToken });
    expect(errorOf(result)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'nextToken' } });
  });
});

describe('Query.categories', () => {
  it('lists every category once, by name, with slug ids', async () => {
    const result = await api.graphql<{ categories: { id: string; name: string }[] }>(CATEGORIES);
    const categories = result.data!.categories;
    const expected = new Map(catalog.map((p) => [p.categoryId, p.categoryName]));
    expect(categories).toHaveLength(expected.size);
    expect(categories).toContainEqual({ id: 'analgesicos', name: 'Analgésicos' });
    expect(categories).toContainEqual({ id: 'vitaminas-y-suplementos', name: 'Vitaminas y suplementos' });
    const names = categories.map((c) => fold(c.name));
    expect(names).toEqual([...names].sort());
  });
});

describe('Query.searchProducts', () => {
  it('finds "Ibuprofeno" from the prefix "ibupro"', async () => {
    const expected = expectedSearch('ibupro');
    expect(expected.length).toBeGreaterThan(10);
    const found = await searchAll('ibupro');
    expect([...found].sort()).toEqual(expected);
    const page = await search('ibupro');
    expect(page.items.every((p) => p.name.includes('Ibuprofeno') || p.activeIngredients!.includes('Ibuprofeno'))).toBe(true);
  });

  it('ignores case and accents: "PARACETAMOL", "paracetamól" and "paracetamol" find the same products', async () => {
    const plain = await searchAll('paracetamol');
    expect(plain.length).toBeGreaterThan(5);
    expect([...plain].sort()).toEqual(expectedSearch('paracetamol'));
    expect(await searchAll('PARACETAMOL')).toEqual(plain);
    expect(await searchAll('paracetamól')).toEqual(plain);
  });

  it('finds accented names from unaccented text: "losartan" finds "Losartán"', async () => {
    const found = await search('losartan');
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((p) => p.name.startsWith('Losartán') || p.activeIngredients!.includes('Losartán potásico') || p.name.startsWith('Cozaar'))).toBe(
      true,
    );
  });

  it('matches every word: "ibuprofeno 400" finds only 400 mg ibuprofen', async () => {
    const expected = expectedSearch('ibuprofeno 400');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(expectedSearch('ibuprofeno').length);
    const found = await searchAll('ibuprofeno 400');
    expect([...found].sort()).toEqual(expected);
  });

  it('searches the lab and the active ingredient too', async () => {
    expect([...(await searchAll('senosiain'))].sort()).toEqual(expectedSearch('senosiain'));
    expect([...(await searchAll('clonazepam'))].sort()).toEqual(expectedSearch('clonazepam'));
    expect(expectedSearch('clonazepam').length).toBeGreaterThan(0);
  });

  it('pages through results: every match exactly once across small pages', async () => {
    // Two words: the longest one's entries are read 4 at a time and filtered on the other, so pages vary in size.
    const expected = expectedSearch('laboratorios pisa');
    expect(expected.length).toBeGreaterThan(4);
    const pages = await allPages((nextToken) => search('laboratorios pisa', 4, nextToken));
    for (const page of pages) expect(new Set(page.map((p) => p.id)).size).toBe(page.length);
    const ids = pages.flat().map((p) => p.id);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(ids).toHaveLength(expected.length);
  });

  it('finds nothing for text without searchable words', async () => {
    expect(await search('de la')).toEqual({ items: [], nextToken: null });
  });

  it('refuses a 10 KB search string with a clear ValidationError', async () => {
    const result = await api.graphql(SEARCH, { text: 'ibuprofeno '.repeat(1000).slice(0, 10 * 1024) });
    expect(result.data).toBeNull();
    expect(errorOf(result)).toMatchObject({
      errorType: 'ValidationError',
      message: 'Search text must be 2 to 100 characters long; got 10240.',
      errorInfo: { field: 'text' },
    });
  });

  it('refuses a one-letter search', async () => {
    expect(errorOf(await api.graphql(SEARCH, { text: 'a' }))).toMatchObject({ errorType: 'ValidationError' });
  });

  it('refuses an out-of-range limit and a malformed nextToken', async () => {
    expect(errorOf(await api.graphql(SEARCH, { text: 'paracetamol', limit: 500 }))).toMatchObject({ errorType: 'ValidationError' });
    expect(errorOf(await api.graphql(SEARCH, { text: 'paracetamol', nextToken: 'garbage' }))).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'nextToken' },
    });
  });

  it('leaves inactive products out', async () => {
    const hidden = catalog.find((p) => !p.active)!;
    const found = await searchAll(hidden.name);
    expect(found).not.toContain(hidden.id);
  });
});

describe('Mutation.upsertProduct', () => {
  it('creates a product with a new ULID that reads back, lists under its category and is searchable', async () => {
    const input = newProductInput({ name: 'Zelnaprox Forte 550 mg' });
    const result = await upsert(input);
    expect(result.errors).toBeUndefined();
    const created = result.data!.upsertProduct;
    expect(isValid(created.id)).toBe(true);
    expect(created).toMatchObject({
      sku: input.sku,
      name: 'Zelnaprox Forte 550 mg',
      categoryId: 'analgesicos',
      categoryName: 'Analgésicos',
      price: { amountCents: 8950, currency: 'MXN' },
      active: true,
      imageUrl: null,
    });
    expect(created.createdAt).toBe(created.updatedAt);
    expect(Math.abs(decodeTime(created.id) - Date.parse(created.createdAt))).toBeLessThan(5_000);

    const read = await api.graphql<{ product: ProductView }>(PRODUCT, { id: created.id });
    expect(read.data!.product).toEqual(created);
    const listed = await allPages((nextToken) => listProducts({ category: 'analgesicos', limit: 100, nextToken }));
    expect(listed.flat().map((p) => p.id)).toContain(created.id);
    expect((await search('zelnaprox')).items.map((p) => p.id)).toEqual([created.id]);
  });

  it('creates a new category on the fly', async () => {
    const created = (await upsert(newProductInput({ name: 'Termo Gel Frío', categoryName: 'Ortopedia y Rehabilitación' }))).data!.upsertProduct;
    expect(created.categoryId).toBe('ortopedia-y-rehabilitacion');
    const categories = (await api.graphql<{ categories: { id: string; name: string }[] }>(CATEGORIES)).data!.categories;
    expect(categories).toContainEqual({ id: 'ortopedia-y-rehabilitacion', name: 'Ortopedia y Rehabilitación' });
  });

  it('replaces a product by id: search follows the renamed words, createdAt stays', async () => {
    const original = (await upsert(newProductInput({ name: 'Kolvadrin Jarabe 120 ml' }))).data!.upsertProduct;
    const result = await upsert(newProductInput({ id: original.id, sku: original.sku, name: 'Mervotal Jarabe 120 ml', priceCents: 9900 }));
    expect(result.errors).toBeUndefined();
    const updated = result.data!.upsertProduct;
    expect(updated).toMatchObject({ id: original.id, name: 'Mervotal Jarabe 120 ml', price: { amountCents: 9900, currency: 'MXN' } });
    expect(updated.createdAt).toBe(original.createdAt);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(original.updatedAt));
    expect((await search('kolvadrin')).items).toEqual([]);
    expect((await search('mervotal')).items.map((p) => p.id)).toEqual([original.id]);
    expect((await search('mervotal jarabe')).items.map((p) => p.id)).toEqual([original.id]);
  });

  it('refuses a SKU already used by another product with Conflict naming that product', async () => {
    const first = (await upsert(newProductInput())).data!.upsertProduct;
    const result = await upsert(newProductInput({ sku: first.sku, name: 'Otro producto' }));
    expect(result.data).toBeNull();
    expect(errorOf(result)).toMatchObject({
      errorType: 'Conflict',
      message: `SKU ${first.sku} already used by product ${first.id}.`,
      errorInfo: { sku: first.sku, productId: first.id },
    });
  });

  it('frees the old SKU when a product changes its SKU', async () => {
    const product = (await upsert(newProductInput())).data!.upsertProduct;
    const moved = await upsert(newProductInput({ id: product.id, sku: `${product.sku}-B` }));
    expect(moved.errors).toBeUndefined();
    const other = await upsert(newProductInput({ sku: product.sku, name: 'Producto que hereda el SKU' }));
    expect(other.errors).toBeUndefined();
    expect(other.data!.upsertProduct.sku).toBe(product.sku);
  });

  it('gives a contested new SKU to exactly one of several concurrent creates', async () => {
    const sku = newProductInput().sku;
    const results = await Promise.all(
      ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco'].map((word) => upsert(newProductInput({ sku, name: `Producto ${word}` }))),
    );
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0]!.data!.upsertProduct.id;
    for (const loser of results.filter((result) => result.errors)) {
      // Usually "SKU … already used by product <winner>"; when two transactions collide at the same instant,
      // DynamoDB cancels one with TransactionConflict and the message says to try again.
      const error = errorOf(loser);
      expect(error.errorType).toBe('Conflict');
      expect(error.message).toContain(sku);
      if (error.message.includes('already used')) expect(error.message).toBe(`SKU ${sku} already used by product ${winnerId}.`);
    }
  });

  it('leaves only the final name searchable after concurrent renames', async () => {
    const product = (await upsert(newProductInput({ name: 'Vantrel Original' }))).data!.upsertProduct;
    const names = ['Vantrel Alfa', 'Vantrel Beta', 'Vantrel Gamma', 'Vantrel Delta'];
    const results = await Promise.all(names.map((name) => upsert(newProductInput({ id: product.id, sku: product.sku, name }))));
    for (const result of results.filter((r) => r.errors)) {
      const error = errorOf(result);
      expect(error.errorType).toBe('Conflict');
      expect(error.message).toContain(product.id);
    }
    expect(results.some((r) => !r.errors)).toBe(true);
    const final = (await api.graphql<{ product: ProductView }>(PRODUCT, { id: product.id })).data!.product.name;
    for (const word of ['original', 'alfa', 'beta', 'gamma', 'delta']) {
      const found = (await search(`vantrel ${word}`)).items.map((p) => p.id);
      expect(found, word).toEqual(fold(final).endsWith(word) ? [product.id] : []);
    }
  });

  it('writes a product with up to 95 search words (plus its barcode and SKU) in one transaction and refuses one more', async () => {
    const words = (count: number) => Array.from({ length: count }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const spread = (list: string[]) => ({
      name: list.slice(0, 39).join(' '),
      lab: list.slice(39, 62).join(' '),
      activeIngredients: [list.slice(62, 82).join(' '), list.slice(82, 102).join(' ')].filter((text) => text.length > 0),
    });
    const fits = await upsert(newProductInput(spread(words(95))));
    expect(fits.errors).toBeUndefined();
    expect((await search('w094 w000')).items.map((p) => p.id)).toEqual([fits.data!.upsertProduct.id]);
    const tooMany = await upsert(newProductInput(spread(words(96))));
    expect(errorOf(tooMany)).toMatchObject({ errorType: 'ValidationError', errorInfo: { writes: 101 } });
  });

  it('fails with NotFound when replacing an unknown id', async () => {
    const result = await upsert(newProductInput({ id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }));
    expect(errorOf(result)).toMatchObject({ errorType: 'NotFound', message: 'Product 01JZZZZZZZZZZZZZZZZZZZZZZZ not found.' });
  });

  it('refuses invalid input with ValidationError listing every problem', async () => {
    const result = await upsert(newProductInput({ name: 'x'.repeat(201), priceCents: 0, barcode: '12AB', currency: 'pesos' }));
    const error = errorOf(result);
    expect(error.errorType).toBe('ValidationError');
    expect(error.message).toContain('name is longer than 200 characters');
    expect(error.message).toContain('priceCents must be greater than 0');
    expect(error.message).toContain('barcode must be 8 to 14 digits');
    expect(error.message).toContain('currency must be an ISO-4217 code');
  });

  it('is for staff only: shoppers and the API key are refused', async () => {
    expect(errorOf(await upsert(newProductInput(), shopper)).errorType).toBe('Unauthorized');
    const byKey = await api.graphql(UPSERT, { input: newProductInput() }, 'apiKey');
    expect(byKey.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});

describe('Mutation.setProductActive', () => {
  it('hides a product from listing and search, keeps it readable by id, and shows it again', async () => {
    const product = (await upsert(newProductInput({ name: 'Quorvex Gotas 15 ml', categoryName: 'Oftálmicos' }))).data!.upsertProduct;
    const inCategory = async () => (await allPages((t) => listProducts({ category: 'oftalmicos', limit: 100, nextToken: t }))).flat().map((p) => p.id);
    expect(await inCategory()).toContain(product.id);

    const hidden = await api.graphql<{ setProductActive: { id: string; active: boolean } }>(SET_ACTIVE, { id: product.id, active: false }, staff);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.setProductActive).toMatchObject({ id: product.id, active: false });
    expect(await inCategory()).not.toContain(product.id);
    expect((await search('quorvex')).items).toEqual([]);
    expect((await api.graphql<{ product: ProductView }>(PRODUCT, { id: product.id })).data!.product.active).toBe(false);

    const shown = await api.graphql<{ setProductActive: { active: boolean } }>(SET_ACTIVE, { id: product.id, active: true }, staff);
    expect(shown.data!.setProductActive.active).toBe(true);
    expect(await inCategory()).toContain(product.id);
    expect((await search('quorvex')).items.map((p) => p.id)).toEqual([product.id]);
  });

  it('fails with NotFound for an unknown id', async () => {
    const result = await api.graphql(SET_ACTIVE, { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', active: false }, staff);
    expect(errorOf(result)).toMatchObject({ errorType: 'NotFound' });
  });

  it('is for staff only', async () => {
    const product = active[0]!;
    expect(errorOf(await api.graphql(SET_ACTIVE, { id: product.id, active: false }, shopper)).errorType).toBe('Unauthorized');
    expect((await api.graphql<{ product: ProductView }>(PRODUCT, { id: product.id })).data!.product.active).toBe(true);
  });
});
