import { describe, expect, it } from 'vitest';
import { createStringUtils } from './string';

describe('util.str.normalize', () => {
  const str = createStringUtils();

  it('composes with nfc and decomposes with nfd', () => {
    const decomposed = 'n\u0303';
    expect(str.normalize(decomposed, 'nfc')).toBe('ñ');
    expect(str.normalize('ñ', 'nfd')).toBe(decomposed);
  });

  it('folds compatibility characters with nfkc', () => {
    expect(str.normalize('ﬁ ①', 'nfkc')).toBe('fi 1');
  });

  it('refuses an unknown form', () => {
    expect(() => str.normalize('x', 'nfx' as 'nfc')).toThrow(/Unknown normalization type/);
  });

  it('offers only normalize, as APPSYNC_JS does (toUpper & co. are VTL-only)', () => {
    expect(Object.keys(str)).toEqual(['normalize']);
  });
});
