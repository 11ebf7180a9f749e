import { describe, expect, it } from 'vitest';
import { searchEntryItems, type ProductInput, type SearchEntryItem } from './product-items';
import {
  anchorWord,
  checkSearchText,
  codeOfText,
  correctedRequest,
  cursorOfPageToken,
  pageTokenText,
  rankSearch,
  rankSuggestions,
  searchFilterOf,
  searchSignature,
  spellingCorrection,
  typedPrefix,
  type SearchRequest,
} from './product-search';
import { compactCode, shortWords, shownWords, withinOneEdit } from './search-text';

// These tests are linted with the APPSYNC_JS rules of model/ (no String.repeat there).
const letters = (count: number) => new Array(count + 1).join('x');

function product(id: string, overrides: Partial<ProductInput>): ProductInput {
  return {
    id,
    sku: `SKU-${id}`,
    name: 'Producto',
    activeIngredients: [],
    lab: 'Genéricos Unidos',
    presentation: 'Caja',
    categoryName: 'Analgésicos',
    priceCents: 5000,
    currency: 'MXN',
    stock: 10,
    prescriptionRequired: false,
    active: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const catalog: ProductInput[] = [
  product('P01', { name: 'XL-3 Día y Noche', activeIngredients: ['Paracetamol', 'Clorfenamina'], lab: 'Genomma Lab' }),
  product('P02', { name: 'Paracetamol 500 mg', activeIngredients: ['Paracetamol'], lab: 'Genéricos Unidos', stock: 0 }),
  product('P03', { name: 'Paracetamol 500 mg', activeIngredients: ['Paracetamol'], lab: 'Liomont', barcode: '7501234567895' }),
  product('P04', { name: 'Tempra Paracetamol Infantil', activeIngredients: ['Paracetamol'], lab: 'Reckitt', priceCents: 9000 }),
  product('P05', { name: 'Paracetamoles Surtidos', activeIngredients: [], lab: 'Varios', priceCents: 100 }),
  product('P06', { name: 'Analgésico Paracetamol Lab', activeIngredients: ['Ibuprofeno'], lab: 'Paracetamol Labs' }),
  product('P07', { name: 'Ibuprofeno 400 mg', activeIngredients: ['Ibuprofeno'], lab: 'Laboratorios Pisa', prescriptionRequired: true }),
  product('P09', { name: 'Vitamina C 500 mg', activeIngredients: ['Ácido ascórbico'], lab: 'Redoxon' }),
  product('P10', { name: 'Vitamina D 400 UI', activeIngredients: ['Colecalciferol'], lab: 'Redoxon' }),
  product('P08', { name: 'Ibuprofeno Niños 100 mg', activeIngredients: ['Ibuprofeno'], lab: 'Laboratorios Pisa', active: false }),
];
const entries: SearchEntryItem[] = catalog.reduce((all: SearchEntryItem[], input) => all.concat(searchEntryItems(input)), []);

/** The entries the resolver's Query would read: the anchor's bucket, sort keys beginning with the anchor. */
function anchorEntries(anchor: string): SearchEntryItem[] {
  return entries.filter((entry) => entry.PK === `SEARCH#${anchor.slice(0, 2)}` && entry.SK.indexOf(anchor) === 0);
}
function codeEntries(code: string): SearchEntryItem[] {
  return entries.filter((entry) => entry.PK === `SEARCHCODE#${code.slice(0, 2)}` && entry.SK.indexOf(code) === 0);
}

function requestOf(text: string, overrides: Partial<SearchRequest> = {}): SearchRequest {
  const check = checkSearchText(text);
  const words = check.ok ? check.words : [];
  return { words, boostWords: shortWords(text), anchor: anchorWord(words), code: codeOfText(text), filter: searchFilterOf(null), sort: 'RELEVANCE', limit: 20, after: null, ...overrides };
}

function run(text: string, overrides: Partial<SearchRequest> = {}) {
  const request = requestOf(text, overrides);
  return rankSearch(request, anchorEntries(request.anchor), request.code ? codeEntries(request.code) : []);
}

describe('search text check', () => {
  it('folds the text into search words', () => {
    expect(checkSearchText('Ibuprofeno 400 mg')).toEqual({ ok: true, words: ['ibuprofeno', '400', 'mg'] });
    expect(checkSearchText('PARACETAMOL')).toEqual(checkSearchText('paracetamól'));
  });

  it('refuses text shorter than 2 or longer than 100 characters, saying how long it was', () => {
    expect(checkSearchText('a')).toEqual({ ok: false, message: 'Search text must be 2 to 100 characters long; got 1.' });
    expect(checkSearchText('   ')).toMatchObject({ ok: false });
    expect(checkSearchText(letters(10 * 1024))).toEqual({ ok: false, message: 'Search text must be 2 to 100 characters long; got 10240.' });
    expect(checkSearchText(letters(100))).toMatchObject({ ok: true });
  });
});

describe('search words, codes and typos', () => {
  it('reads the entries of the longest word with a letter', () => {
    expect(anchorWord(['400', 'ibuprofeno', 'mg'])).toBe('ibuprofeno');
    expect(anchorWord(['amoxicilina', '500'])).toBe('amoxicilina');
    expect(anchorWord(['bayer', 'aspir'])).toBe('bayer');
    expect(anchorWord(['7501234567895'])).toBe('7501234567895');
  });

  it('treats one token with a digit as a possible barcode or SKU', () => {
    expect(codeOfText(' 7501234567895 ')).toBe('7501234567895');
    expect(codeOfText('ANA-00012')).toBe('ana00012');
    expect(codeOfText('amoxicilina 500')).toBeNull();
    expect(codeOfText('paracetamol')).toBeNull();
    expect(compactCode('SKU-P03')).toBe('skup03');
  });

  it('keeps the written form of each word', () => {
    expect(shownWords('Ibuprofeno NIÑOS de 100 mg')).toEqual([
      { word: 'ibuprofeno', shown: 'ibuprofeno' },
      { word: 'ninos', shown: 'niños' },
      { word: '100', shown: '100' },
      { word: 'mg', shown: 'mg' },
    ]);
  });

  it('allows one changed, added, removed or swapped letter, not two', () => {
    expect(withinOneEdit('ibuprofneo', 'ibuprofeno')).toBe(true);
    expect(withinOneEdit('ibuprofeno', 'ibuprofeno')).toBe(true);
    expect(withinOneEdit('ibuprofno', 'ibuprofeno')).toBe(true);
    expect(withinOneEdit('ibuprofenoo', 'ibuprofeno')).toBe(true);
    expect(withinOneEdit('ibuprafeno', 'ibuprofeno')).toBe(true);
    expect(withinOneEdit('ibuprfneo', 'ibuprofeno')).toBe(false);
    expect(withinOneEdit('ibupro', 'ibuprofeno')).toBe(false);
  });
});

describe('ranking', () => {
  it('puts whole-word name matches first, then the ingredient, then prefixes, then the lab', () => {
    const page = run('paracetamol');
    // Among equal matches: in stock first, then names starting with the word, then shorter names, then A–Z.
    expect(page.ids).toEqual(['P03', 'P06', 'P04', 'P02', 'P01', 'P05']);
    expect(page.total).toBe(6);
  });

  it('never shows a product that only has the word as an ingredient before one named after it', () => {
    const ids = run('paracetamol').ids;
    expect(ids.indexOf('P01')).toBeGreaterThan(ids.indexOf('P03'));
    expect(ids.indexOf('P01')).toBeGreaterThan(ids.indexOf('P02'));
  });

  it('needs every word, and ranks on all of them', () => {
    expect(run('paracetamol infantil').ids).toEqual(['P04']);
    expect(run('ibuprofeno pisa').ids).toEqual(['P07']);
  });

  it('leaves inactive products out', () => {
    expect(run('ibuprofeno').ids).toEqual(['P07', 'P06']);
  });

  it('pages over the ranked set: full pages, each product once, the same order as one big page', () => {
    const all = run('paracetamol').ids;
    const seen: string[] = [];
    let after: string | null = null;
    let done = false;
    const pages = [1, 2, 3, 4].map(() => {
      const page = done ? null : run('paracetamol', { limit: 2, after });
      if (page) {
        page.ids.forEach((id) => seen.push(id));
        after = page.nextCursor;
        done = page.nextCursor === null;
      }
      return page;
    });
    expect(pages.map((page) => (page ? page.ids.length : -1))).toEqual([2, 2, 2, -1]);
    expect(seen).toEqual(all);
  });

  it('filters by category, lab, prescription and stock', () => {
    expect(run('paracetamol', { filter: searchFilterOf({ lab: 'liomont' }) }).ids).toEqual(['P03']);
    expect(run('paracetamol', { filter: searchFilterOf({ inStock: false }) }).ids).toEqual(['P02']);
    expect(run('ibuprofeno', { filter: searchFilterOf({ prescriptionRequired: true }) }).ids).toEqual(['P07']);
    expect(run('paracetamol', { filter: searchFilterOf({ category: 'Antibióticos' }) }).ids).toEqual([]);
  });

  it('sorts by price and by name when asked', () => {
    expect(run('paracetamol', { sort: 'PRICE_ASC' }).ids[0]).toBe('P05');
    expect(run('paracetamol', { sort: 'PRICE_DESC' }).ids[0]).toBe('P04');
    expect(run('paracetamol', { sort: 'NAME' }).ids).toEqual(['P06', 'P02', 'P03', 'P05', 'P04', 'P01']);
  });

  it('finds a product by its barcode and by its SKU as printed', () => {
    expect(run('7501234567895').ids).toEqual(['P03']);
    expect(run('sku-p07').ids).toEqual(['P07']);
    expect(run('SKU P07').ids).toEqual([]);
  });

  it('ranks products with a one-letter word typed ("vitamina d") first without requiring it', () => {
    expect(run('vitamina d').ids).toEqual(['P10', 'P09']);
    expect(run('vitamina c').ids).toEqual(['P09', 'P10']);
  });

  it('lets a word no product has match with one typo, and says what it matched', () => {
    const page = run('paracetamol infnatil');
    expect(page.ids).toEqual(['P04']);
    expect(page.correctedWords).toEqual(['paracetamol', 'infantil']);
    expect(run('paracetamol infantil').correctedWords).toBeNull();
  });
});

describe('page tokens', () => {
  it('carry the cursor of the same search only', () => {
    const signature = searchSignature(requestOf('paracetamol'));
    const text = pageTokenText(signature, 'cursor\u0001P03');
    expect(cursorOfPageToken(text, signature)).toBe('cursor\u0001P03');
    expect(cursorOfPageToken(text, searchSignature(requestOf('ibuprofeno')))).toBeNull();
    expect(cursorOfPageToken(text, searchSignature(requestOf('paracetamol', { sort: 'NAME' })))).toBeNull();
    expect(cursorOfPageToken('garbage', signature)).toBeNull();
  });
});

describe('spelling correction', () => {
  it('picks the catalog word one edit away that most products have', () => {
    expect(spellingCorrection('ibuprofneo', anchorEntries('ib'))).toBe('ibuprofeno');
    expect(spellingCorrection('ibuprfeno', anchorEntries('ib'))).toBe('ibuprofeno');
    expect(spellingCorrection('ibuxyz', anchorEntries('ib'))).toBeNull();
  });

  it('searches the corrected word instead', () => {
    const request = correctedRequest(requestOf('ibuprofneo 400'), 'ibuprofeno');
    expect(request.words).toEqual(['ibuprofeno', '400']);
    expect(rankSearch(request, anchorEntries('ibuprofeno'), []).ids).toEqual(['P07']);
  });
});

describe('suggestions', () => {
  it('completes the last word, the word most products have first, as the catalog writes it', () => {
    expect(rankSuggestions('para', anchorEntries('para'), 8)).toEqual([
      { text: 'paracetamol', productCount: 5, field: 'NAME' },
      { text: 'paracetamoles', productCount: 1, field: 'NAME' },
    ]);
    expect(rankSuggestions('Ibuprofeno ni', anchorEntries('ni'), 8)).toEqual([]);
    expect(rankSuggestions('Paracetamol inf', anchorEntries('inf'), 8)).toEqual([
      { text: 'Paracetamol infantil', productCount: 1, field: 'NAME' },
    ]);
  });

  it('keeps to the limit and needs two letters of the last word', () => {
    expect(rankSuggestions('para', anchorEntries('para'), 1)).toHaveLength(1);
    expect(typedPrefix('ibuprofeno n')).toBeNull();
    expect(typedPrefix('Ibuprofeno  NIÑ')).toEqual({ last: 'nin', before: ['ibuprofeno'], head: 'Ibuprofeno', lastWritten: 'niñ' });
  });
});
