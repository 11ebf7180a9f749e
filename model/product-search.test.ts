import { describe, expect, it } from 'vitest';
import { checkSearchText, distinctProductIds, otherWordsFilter, searchPlan } from './product-search';

// These tests are linted with the APPSYNC_JS rules of model/ (no String.repeat there).
const letters = (count: number) => new Array(count + 1).join('x');

describe('search text check', () => {
  it('folds the text into search words', () => {
    expect(checkSearchText('Ibuprofeno 400 mg')).toEqual({ ok: true, words: ['ibuprofeno', '400', 'mg'] });
    expect(checkSearchText('PARACETAMOL')).toEqual(checkSearchText('paracetamól'));
  });

  it('refuses text shorter than 2 or longer than 100 characters, saying how long it was', () => {
    expect(checkSearchText('a')).toEqual({ ok: false, message: 'Search text must be 2 to 100 characters long; got 1.' });
    expect(checkSearchText('   ')).toMatchObject({ ok: false });
    expect(checkSearchText(letters(10 * 1024))).toEqual({
      ok: false,
      message: 'Search text must be 2 to 100 characters long; got 10240.',
    });
    expect(checkSearchText(letters(100))).toMatchObject({ ok: true });
  });

  it('finds no words in text made only of stop words or symbols', () => {
    expect(checkSearchText('de la')).toEqual({ ok: true, words: [] });
    expect(checkSearchText('¿?!')).toEqual({ ok: true, words: [] });
  });
});

describe('search plan', () => {
  it('reads the bucket of the longest word and filters on the others', () => {
    expect(searchPlan(['400', 'ibuprofeno', 'mg'])).toEqual({
      partition: 'SEARCH#ib',
      wordPrefix: 'ibuprofeno',
      otherWords: ['400', 'mg'],
    });
  });

  it('prefers the first of equally long words', () => {
    expect(searchPlan(['bayer', 'aspir']).wordPrefix).toBe('bayer');
  });

  it('filters on word starts: " " + word inside the words list', () => {
    expect(otherWordsFilter([])).toBeNull();
    expect(otherWordsFilter(['400'])).toEqual({ words: { contains: ' 400' } });
    expect(otherWordsFilter(['400', 'mg'])).toEqual({ and: [{ words: { contains: ' 400' } }, { words: { contains: ' mg' } }] });
  });

  it('keeps each found product once, in the order found', () => {
    expect(distinctProductIds([{ productId: 'B' }, { productId: 'A' }, { productId: 'B' }])).toEqual(['B', 'A']);
  });
});
