import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding';

describe('util.base64Encode / util.base64Decode', () => {
  it('encodes the UTF-8 bytes of a string', () => {
    expect(base64Encode('hello')).toBe('aGVsbG8=');
    expect(base64Encode('Paracetamol 500 mg — ñandú')).toBe(Buffer.from('Paracetamol 500 mg — ñandú', 'utf8').toString('base64'));
  });

  it('pads to a multiple of four characters', () => {
    expect(base64Encode('a')).toBe('YQ==');
    expect(base64Encode('ab')).toBe('YWI=');
    expect(base64Encode('abc')).toBe('YWJj');
  });

  it('decodes back to the same text, emoji included', () => {
    for (const text of ['', 'a', 'hello world', 'ñandú', 'pastilla 💊', '{"id":"01J"}']) expect(base64Decode(base64Encode(text))).toBe(text);
  });

  it('decodes input without padding', () => {
    expect(base64Decode('YWI')).toBe('ab');
  });

  it('refuses characters outside the base64 alphabet', () => {
    expect(() => base64Decode('not base64!')).toThrow(/not valid base64/);
  });
});

describe('util.urlEncode / util.urlDecode', () => {
  it('encodes as application/x-www-form-urlencoded: space as +, reserved characters as %XX', () => {
    expect(urlEncode('hello world & more')).toBe('hello+world+%26+more');
    expect(urlEncode("a=1/b?c#d!'()~")).toBe('a%3D1%2Fb%3Fc%23d%21%27%28%29%7E');
  });

  it('leaves letters, digits and . - * _ alone', () => {
    expect(urlEncode('Az09.-*_')).toBe('Az09.-*_');
  });

  it('encodes non-ASCII characters as their UTF-8 bytes', () => {
    expect(urlEncode('ñ')).toBe('%C3%B1');
    expect(urlEncode('💊')).toBe('%F0%9F%92%8A');
  });

  it('decodes what it encodes', () => {
    for (const text of ['hello world & more', 'ñandú', 'a+b=c', '💊 x']) expect(urlDecode(urlEncode(text))).toBe(text);
  });

  it('reads + as a space', () => {
    expect(urlDecode('a+b%2Bc')).toBe('a b+c');
  });

  it('refuses a broken escape', () => {
    expect(() => urlDecode('100%')).toThrow(/Illegal hex/);
  });
});

describe('util.escapeJavaScript', () => {
  it('escapes quotes, backslashes and slashes', () => {
    expect(escapeJavaScript(`He said "it's" a\\b</script>`)).toBe(`He said \\"it\\'s\\" a\\\\b<\\/script>`);
  });

  it('escapes control characters with their short forms or \\u', () => {
    expect(escapeJavaScript('a\nb\tc\rd\be\ff\u0001')).toBe('a\\nb\\tc\\rd\\be\\ff\\u0001');
  });

  it('escapes characters outside ASCII as \\u sequences', () => {
    expect(escapeJavaScript('ñ')).toBe('\\u00F1');
    expect(escapeJavaScript('💊')).toBe('\\uD83D\\uDC8A');
  });
});
