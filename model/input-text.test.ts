import { describe, expect, it } from 'vitest';
import { cleanText, imageUrlProblem, isEmailAddress, normalizeText, textFault } from './input-text';

const name = { required: true, max: 200 };

describe('text typed by people or read from files', () => {
  it('is normalized to NFC and trimmed of every blank character', () => {
    const decomposed = 'Pediatri\u0301a'; // "í" as i + combining acute
    const cleaned = cleanText('name', `\u200b ${decomposed}\u00a0`, name);
    expect(cleaned).toEqual({ ok: true, text: 'Pediatría' });
    expect(normalizeText('a\r\nb')).toBe('a\nb');
  });

  it.each([
    ['a NUL', 'Para\u0000cetamol'],
    ['a line break outside descriptions', 'Ibuprofeno\r\nBcc: x@y.z'],
    ['DEL', 'Aspirina\u007f'],
    ['a C1 control', 'Aspirina\u0085'],
    ['a line separator', 'Aspirina\u2028'],
    ['a tag character', 'Aspirina\udb40\udc41'],
  ])('refuses %s as a control character', (_label, text) => {
    expect(cleanText('name', text, name)).toMatchObject({ ok: false, fault: 'control', message: 'name contains control characters' });
  });

  it.each(['\u202e', '\u2066', '\u200f', '\u061c'])('refuses the bidirectional control %j', (bidi) => {
    expect(cleanText('name', `Jarabe ${bidi}gnp.exe`, name)).toMatchObject({ ok: false, fault: 'bidi' });
  });

  it('refuses lone surrogates but keeps well-formed emoji', () => {
    expect(cleanText('name', 'Vitamina \ud83d', name)).toMatchObject({ ok: false, fault: 'surrogate' });
    expect(cleanText('name', 'Vitamina \ude00 C', name)).toMatchObject({ ok: false, fault: 'surrogate' });
    expect(cleanText('name', 'Vitamina C 💊', name)).toEqual({ ok: true, text: 'Vitamina C 💊' });
  });

  it('requires visible text: zero-width characters and fillers alone are empty', () => {
    expect(cleanText('name', '\u200b\u200c\u200d\u2060', name)).toMatchObject({ ok: false, fault: 'required' });
    expect(textFault('\u200b\u3164\u200d', name)).toBe('invisible');
    expect(cleanText('name', 'x\u200b', name)).toEqual({ ok: true, text: 'x' });
  });

  it('lets descriptions span lines and tabs', () => {
    expect(cleanText('description', 'Uso:\r\n\t1 tableta', { required: false, max: 100, multiline: true })).toEqual({
      ok: true,
      text: 'Uso:\n\t1 tableta',
    });
  });

  it('counts length after normalizing and names the field', () => {
    expect(cleanText('city', new Array(102).join('x'), { required: true, max: 100 })).toMatchObject({
      ok: false,
      message: 'city is longer than 100 characters',
    });
    expect(textFault('e\u0301', name)).toBe('notNfc');
  });
});

describe('image URLs', () => {
  it('accept https and http only for localhost', () => {
    expect(imageUrlProblem('imageUrl', 'https://cdn.farmacruz.mx/p/1.webp')).toBeNull();
    expect(imageUrlProblem('imageUrl', 'http://localhost:5173/p/1.webp')).toBeNull();
    expect(imageUrlProblem('imageUrl', 'http://127.0.0.1:8080/1.png')).toBeNull();
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript://cdn.farmacruz.mx/%0aalert(1)',
    'data:image/png;base64,AAAA',
    '//cdn.farmacruz.mx/1.png',
    '/img/1.png',
    'http://cdn.farmacruz.mx/1.png',
    'https://user:pass@cdn.farmacruz.mx/1.png',
    'https://cdn.farmacruz.mx/a b.png',
    'https:///1.png',
  ])('refuse %j', (url) => {
    expect(imageUrlProblem('imageUrl', url)?.startsWith('imageUrl must')).toBe(true);
  });
});

describe('email addresses orders are confirmed to', () => {
  it('accept plain addresses', () => {
    expect(isEmailAddress('ana.lopez+pedidos@example.com.mx')).toBe(true);
  });

  it.each([
    'ana@example.com\r\nBcc: x@evil.test',
    'ana@example.com\nX: y',
    'Ana <ana@example.com>',
    'ana@example',
    'ana@@example.com',
    'ana example@example.com',
    'ana..lopez@example.com',
    'ñandú@example.com',
    `${new Array(66).join('a')}@example.com`,
    '',
    42,
  ])('refuse %j', (email) => {
    expect(isEmailAddress(email)).toBe(false);
  });
});
