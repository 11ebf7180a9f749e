/**
 * The table items one catalog product needs, built in one place so every writer — the GraphQL
 * upsertProduct resolver, the .DBF catalog import and the demo catalog loader — writes identical items
 * (docs/data-model.md). Plain JS values, not DynamoDB-typed attribute values.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset: no regular expressions, no classic for
 * loops, no ++, no try/throw, no classes, no `in`, no instanceof, callbacks only inline to array methods.
 */
import {
  activeProductIndexKeys,
  categoryKey,
  productKey,
  searchCodeEntryKey,
  searchEntryKey,
  skuKey,
  staffProductIndexKeys,
} from './keys';
import { imageUrlProblem, textProblem as sharedTextProblem } from './input-text';
import { MIN_CODE_LENGTH, compactCode, foldText, listedWords, searchWords, shownWords, slugify, type ShownWord } from './search-text';

/** What a writer knows about a product; everything else on the items is derived from it. */
export interface ProductInput {
  id: string;
  sku: string;
  barcode?: string;
  name: string;
  description?: string;
  activeIngredients: string[];
  lab: string;
  presentation: string;
  categoryName: string;
  priceCents: number;
  currency: string;
  stock: number;
  prescriptionRequired: boolean;
  imageUrl?: string;
  /** Units one order may hold when lower than the shop's limit (staff set it; the POS file has no such column). */
  maxPerOrder?: number;
  /** The sizes made from an uploaded photo (functions/product-image), smallest first; imageUrl is the largest. */
  imageSizes?: ImageSizeItem[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One size of a product picture. */
export interface ImageSizeItem {
  url: string;
  width: number;
  height: number;
}

export interface TableKey {
  PK: string;
  SK: string;
}

/** The product item holds every fact a writer knows (ProductInput), with its category's id and index keys. */
export interface ProductItem extends TableKey, ProductInput {
  type: 'Product';
  categoryId: string;
  GSI1PK?: string;
  GSI1SK?: string;
  GSI2PK?: string;
  GSI2SK?: string;
  /** Staff list (every product, by name). */
  GSI3PK: string;
  GSI3SK: string;
  /** Folded name, SKU and barcode, for the staff list's text filter (a filter cannot read GSI3SK). */
  staffText: string;
}

export interface SkuGuardItem extends TableKey {
  type: 'SkuGuard';
  sku: string;
  productId: string;
}

export interface CategoryItem extends TableKey {
  type: 'Category';
  id: string;
  name: string;
}

/** Where a search entry's term comes from: the product's name, an active ingredient, its lab, or a code. */
export type SearchField = 'name' | 'ingredient' | 'lab' | 'code';

/**
 * Layout version of the search entries. 1: `words` only (search read products to rank them); 2: the
 * product's facts on every entry, code entries. A table written with an older layout is reindexed
 * (catalog/search-index.ts) before search can rank it.
 */
export const SEARCH_INDEX_VERSION = 2;

/**
 * One term of one product: `SEARCH#<xx> / <word>#<productId>` for a word of the name, active ingredients
 * or lab (field: the first of those it appears in), `SEARCHCODE#<xx> / <code>#<productId>` for the barcode
 * and the SKU. Every entry carries what search needs to match the other query words, rank, filter, sort
 * and page without reading the product (docs/data-model.md, "Search").
 */
export interface SearchEntryItem extends TableKey {
  type: 'SearchEntry';
  productId: string;
  field: SearchField;
  /** The term as the catalog writes it, lower case with accents ("niños"); suggestions show it. */
  shown: string;
  /** The product's words between single spaces, " w1 w2 … ", per field; one-letter words included ("d"). */
  nameWords: string;
  ingredientWords: string;
  labWords: string;
  /** The folded name's words joined by spaces: the name order. */
  sortName: string;
  priceCents: number;
  inStock: boolean;
  active: boolean;
  categoryId: string;
  /** Slug of the lab's name ("Laboratorios Pisa" → "laboratorios-pisa"), for the lab filter. */
  labId: string;
  prescriptionRequired: boolean;
}

export interface ProductItems {
  product: ProductItem;
  skuGuard: SkuGuardItem;
  category: CategoryItem;
  searchEntries: SearchEntryItem[];
}

/** What to write for a change from `previous` (null: a new product) to `next`. */
export interface ProductItemsChange {
  /** Items to put (all of the product's items: puts are idempotent and `words` may have changed). */
  puts: ProductItems;
  /** Search entries of words the product no longer has. */
  staleSearchEntryKeys: TableKey[];
  /** The previous SKU's guard when the SKU changed; null otherwise. */
  staleSkuGuardKey: TableKey | null;
}

/** Size limits of a product's text fields (GraphQL input and .DBF rows share them). */
export const PRODUCT_LIMITS = {
  sku: 64,
  barcode: 32,
  name: 200,
  description: 4000,
  activeIngredient: 120,
  activeIngredients: 10,
  lab: 120,
  presentation: 200,
  categoryName: 80,
  imageUrl: 2048,
  maxPerOrder: 100,
  maxPriceCents: 100000000,
  maxStock: 10000000,
};

/** Category id of a category name: the slug of its folded name ("Higiene Bucal" → "higiene-bucal"). */
export function categoryIdOf(categoryName: string): string {
  return slugify(categoryName);
}

/** The distinct search words of a product: its name, active ingredients and lab (model/search-text.ts). */
export function productSearchWords(
  product: Pick<ProductInput, 'name' | 'activeIngredients' | 'lab'>,
): string[] {
  return searchWords(`${product.name} ${product.activeIngredients.join(' ')} ${product.lab}`);
}

/** What the staff list's text filter looks into: the folded name, SKU and barcode, space separated. */
export function staffSearchText(product: Pick<ProductInput, 'name' | 'sku' | 'barcode'>): string {
  return foldText(`${product.name} ${product.sku} ${product.barcode ? product.barcode : ''}`).trim();
}

/** The `PRODUCT#id / PRODUCT` item; listed on GSI1 (category) and GSI2 (all) only while active. */
export function productItem(input: ProductInput): ProductItem {
  const categoryId = categoryIdOf(input.categoryName);
  const key = productKey(input.id);
  const staffIndex = staffProductIndexKeys(input.name, input.id);
  // One literal, no spreads (see searchEntryItems): built once per product of every catalog import.
  const item: ProductItem = {
    PK: key.PK,
    SK: key.SK,
    type: 'Product',
    id: input.id,
    sku: input.sku,
    name: input.name,
    activeIngredients: input.activeIngredients,
    lab: input.lab,
    presentation: input.presentation,
    categoryId,
    categoryName: input.categoryName,
    priceCents: input.priceCents,
    currency: input.currency,
    stock: input.stock,
    prescriptionRequired: input.prescriptionRequired,
    active: input.active,
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
    GSI3PK: staffIndex.GSI3PK,
    GSI3SK: staffIndex.GSI3SK,
    staffText: staffSearchText(input),
  };
  // Optional facts are left off rather than stored as null, so an item read back equals the one built.
  if (input.barcode) {
    item.barcode = input.barcode;
  }
  if (input.description) {
    item.description = input.description;
  }
  if (input.imageUrl) {
    item.imageUrl = input.imageUrl;
  }
  if (typeof input.maxPerOrder === 'number') {
    item.maxPerOrder = input.maxPerOrder;
  }
  if (input.imageUrl && input.imageSizes && input.imageSizes.length > 0) {
    item.imageSizes = input.imageSizes;
  }
  if (input.active) {
    const index = activeProductIndexKeys(categoryId, input.name, input.id);
    item.GSI1PK = index.GSI1PK;
    item.GSI1SK = index.GSI1SK;
    item.GSI2PK = index.GSI2PK;
    item.GSI2SK = index.GSI2SK;
  }
  return item;
}

/** The `SKU#sku / SKU` item that keeps SKUs unique; write it with a condition (absent or same product). */
export function skuGuardItem(sku: string, productId: string): SkuGuardItem {
  return { ...skuKey(sku), type: 'SkuGuard', sku, productId };
}

/** The `CATALOG / CATEGORY#id` item; shared by every product of the category, so never deleted here. */
export function categoryItem(categoryName: string): CategoryItem {
  const id = categoryIdOf(categoryName);
  return { ...categoryKey(id), type: 'Category', id, name: categoryName };
}

/** The product's search terms with the field each comes from (name first, then ingredients, then lab). */
export function productSearchTerms(
  product: Pick<ProductInput, 'name' | 'activeIngredients' | 'lab'>,
): { term: ShownWord; field: SearchField }[] {
  const terms: { term: ShownWord; field: SearchField }[] = [];
  const add = (words: ShownWord[], field: SearchField) =>
    words.forEach((term) => {
      if (!terms.some((known) => known.term.word === term.word)) {
        terms.push({ term, field });
      }
    });
  add(shownWords(product.name), 'name');
  add(shownWords(product.activeIngredients.join(' ')), 'ingredient');
  add(shownWords(product.lab), 'lab');
  return terms;
}

/** The product's codes: its barcode and its SKU reduced to letters and digits ("ANA-00012" → "ana00012"), 3 or more. */
export function productSearchCodes(product: Pick<ProductInput, 'sku' | 'barcode'>): string[] {
  const codes: string[] = [];
  [product.barcode ? product.barcode : '', product.sku].forEach((text) => {
    const code = compactCode(text);
    if (code.length >= MIN_CODE_LENGTH && codes.indexOf(code) < 0) {
      codes.push(code);
    }
  });
  return codes;
}

function wordList(words: string[]): string {
  return ` ${words.join(' ')} `;
}

/**
 * The product's search entries: one per search word of its name, active ingredients and lab, and one per
 * code (barcode, SKU). Written for inactive products too (marked `active: false`), so showing a product
 * again only flips a flag.
 */
export function searchEntryItems(input: ProductInput): SearchEntryItem[] {
  // Each entry is one object literal with every attribute (no spreads): a catalog import builds several per
  // product, and spreading the shared facts into each made this the import's costliest step after the writes.
  const productId = input.id;
  const nameWords = wordList(listedWords(input.name));
  const ingredientWords = wordList(listedWords(input.activeIngredients.join(' ')));
  const labWords = wordList(listedWords(input.lab));
  const sortName = searchWords(input.name).join(' ');
  const priceCents = input.priceCents;
  const inStock = input.stock > 0;
  const active = input.active;
  const categoryId = categoryIdOf(input.categoryName);
  const labId = slugify(input.lab);
  const prescriptionRequired = input.prescriptionRequired;
  const entry = (key: TableKey, field: SearchField, shown: string): SearchEntryItem => ({
    PK: key.PK,
    SK: key.SK,
    field,
    shown,
    type: 'SearchEntry',
    productId,
    nameWords,
    ingredientWords,
    labWords,
    sortName,
    priceCents,
    inStock,
    active,
    categoryId,
    labId,
    prescriptionRequired,
  });
  const entries: SearchEntryItem[] = productSearchTerms(input).map((term) =>
    entry(searchEntryKey(term.term.word, productId), term.field, term.term.shown),
  );
  productSearchCodes(input).forEach((code) => {
    entries.push(entry(searchCodeEntryKey(code, productId), 'code', code));
  });
  return entries;
}

/** Every item a product needs. */
export function productItems(input: ProductInput): ProductItems {
  return {
    product: productItem(input),
    skuGuard: skuGuardItem(input.sku, input.id),
    category: categoryItem(input.categoryName),
    searchEntries: searchEntryItems(input),
  };
}

/** The same items as one list: product, SKU guard, category, then search entries. */
export function productItemList(items: ProductItems): TableKey[] {
  const list: TableKey[] = [items.product, items.skuGuard, items.category];
  return list.concat(items.searchEntries);
}

/** Keys of the search entries `previous` had that `next` no longer has (lost words, changed codes). */
export function staleSearchEntryKeys(previous: ProductInput, next: ProductInput): TableKey[] {
  const nextKeys = searchEntryItems(next).map((entry) => `${entry.PK}\u0000${entry.SK}`);
  return searchEntryItems(previous)
    .filter((entry) => nextKeys.indexOf(`${entry.PK}\u0000${entry.SK}`) < 0)
    .map((entry) => ({ PK: entry.PK, SK: entry.SK }));
}

/** What a writer must put and delete to move a product from `previous` (null when new) to `next`. */
export function productItemsChange(previous: ProductInput | null, next: ProductInput): ProductItemsChange {
  if (!previous) {
    return { puts: productItems(next), staleSearchEntryKeys: [], staleSkuGuardKey: null };
  }
  return {
    puts: productItems(next),
    staleSearchEntryKeys: staleSearchEntryKeys(previous, next),
    staleSkuGuardKey: previous.sku !== next.sku ? skuKey(previous.sku) : null,
  };
}

/** Turns a stored Product item back into the writer's input (drops keys and derived attributes). */
export function productInputOf(item: ProductItem): ProductInput {
  const input: ProductInput = {
    id: item.id,
    sku: item.sku,
    name: item.name,
    activeIngredients: item.activeIngredients,
    lab: item.lab,
    presentation: item.presentation,
    categoryName: item.categoryName,
    priceCents: item.priceCents,
    currency: item.currency,
    stock: item.stock,
    prescriptionRequired: item.prescriptionRequired,
    active: item.active,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  if (item.barcode) {
    input.barcode = item.barcode;
  }
  if (item.description) {
    input.description = item.description;
  }
  if (item.imageUrl) {
    input.imageUrl = item.imageUrl;
  }
  // Kept through every rewrite of the item (the POS import merges the file's facts into this).
  if (typeof item.maxPerOrder === 'number') {
    input.maxPerOrder = item.maxPerOrder;
  }
  if (item.imageSizes && item.imageSizes.length > 0) {
    input.imageSizes = item.imageSizes;
  }
  return input;
}

function sameImageSizes(a: ImageSizeItem[] | undefined, b: ImageSizeItem[] | undefined): boolean {
  const left = a ? a : [];
  const right = b ? b : [];
  return (
    left.length === right.length &&
    left.every((size, index) => {
      const other = right[index] as ImageSizeItem;
      return size.url === other.url && size.width === other.width && size.height === other.height;
    })
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * True when two inputs describe the same product facts. Timestamps are ignored (an unchanged row must not
 * bump updatedAt); missing and empty optional texts are the same.
 */
export function sameProductFacts(a: ProductInput, b: ProductInput): boolean {
  return (
    a.id === b.id &&
    a.sku === b.sku &&
    (a.barcode || '') === (b.barcode || '') &&
    a.name === b.name &&
    (a.description || '') === (b.description || '') &&
    sameList(a.activeIngredients, b.activeIngredients) &&
    a.lab === b.lab &&
    a.presentation === b.presentation &&
    a.categoryName === b.categoryName &&
    a.priceCents === b.priceCents &&
    a.currency === b.currency &&
    a.stock === b.stock &&
    a.prescriptionRequired === b.prescriptionRequired &&
    (a.imageUrl || '') === (b.imageUrl || '') &&
    (typeof a.maxPerOrder === 'number' ? a.maxPerOrder : 0) === (typeof b.maxPerOrder === 'number' ? b.maxPerOrder : 0) &&
    sameImageSizes(a.imageSizes, b.imageSizes) &&
    a.active === b.active
  );
}

/**
 * Size and the shared text rules (model/input-text.ts: NFC, no control or bidi characters, no lone
 * surrogates, visible text); only descriptions may span lines.
 */
function textProblem(field: string, value: string | undefined, required: boolean, max: number): string[] {
  if (value === undefined || value === null || value.trim().length === 0) {
    return required ? [`${field} is required`] : [];
  }
  const problem = sharedTextProblem(field, value, { required, max, multiline: field === 'description' });
  return problem === null ? [] : [problem];
}

function isWholeNumber(value: number, max: number): boolean {
  return typeof value === 'number' && Math.floor(value) === value && value >= 0 && value <= max;
}

const UPPER_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Human-readable problems with a product input; empty when it can be written. */
export function productInputProblems(input: ProductInput): string[] {
  const problems: string[] = [];
  const texts = [
    textProblem('sku', input.sku, true, PRODUCT_LIMITS.sku),
    textProblem('barcode', input.barcode, false, PRODUCT_LIMITS.barcode),
    textProblem('name', input.name, true, PRODUCT_LIMITS.name),
    textProblem('description', input.description, false, PRODUCT_LIMITS.description),
    textProblem('lab', input.lab, true, PRODUCT_LIMITS.lab),
    textProblem('presentation', input.presentation, true, PRODUCT_LIMITS.presentation),
    textProblem('categoryName', input.categoryName, true, PRODUCT_LIMITS.categoryName),
  ];
  texts.forEach((list) => list.forEach((problem) => problems.push(problem)));
  const imageText = textProblem('imageUrl', input.imageUrl, false, PRODUCT_LIMITS.imageUrl);
  imageText.forEach((problem) => problems.push(problem));
  const imageProblem = input.imageUrl && imageText.length === 0 ? imageUrlProblem('imageUrl', input.imageUrl) : null;
  if (imageProblem !== null) {
    problems.push(imageProblem);
  }
  if (input.categoryName && categoryIdOf(input.categoryName).length === 0) {
    problems.push('categoryName needs at least one letter or digit');
  }
  if (input.activeIngredients.length > PRODUCT_LIMITS.activeIngredients) {
    problems.push(`at most ${PRODUCT_LIMITS.activeIngredients} active ingredients`);
  }
  input.activeIngredients.forEach((ingredient) => {
    textProblem('activeIngredient', ingredient, true, PRODUCT_LIMITS.activeIngredient).forEach((problem) =>
      problems.push(problem),
    );
  });
  if (!isWholeNumber(input.priceCents, PRODUCT_LIMITS.maxPriceCents)) {
    problems.push('priceCents must be a whole number of cents from 0 to 100000000');
  }
  if (!isWholeNumber(input.stock, PRODUCT_LIMITS.maxStock)) {
    problems.push('stock must be a whole number from 0 to 10000000');
  }
  if (input.maxPerOrder !== undefined && (!isWholeNumber(input.maxPerOrder, PRODUCT_LIMITS.maxPerOrder) || input.maxPerOrder < 1)) {
    problems.push(`maxPerOrder must be a whole number from 1 to ${PRODUCT_LIMITS.maxPerOrder}`);
  }
  const currencyLetters = input.currency.split('').filter((ch) => UPPER_LETTERS.indexOf(ch) >= 0);
  if (input.currency.length !== 3 || currencyLetters.length !== 3) {
    problems.push('currency must be an ISO-4217 code such as MXN');
  }
  return problems;
}
