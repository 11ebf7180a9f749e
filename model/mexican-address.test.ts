import { describe, expect, it } from 'vitest';
import { isMexicanPostalCode, MEXICAN_STATES, mexicanPhoneDigits, mexicanStateName } from './mexican-address';

describe('Mexican addresses', () => {
  it('know the 32 federal entities, each with its own ISO code', () => {
    expect(MEXICAN_STATES).toHaveLength(32);
    const codes: Record<string, boolean> = {};
    for (const entry of MEXICAN_STATES) codes[entry.split('|')[1] ?? ''] = true;
    expect(Object.keys(codes)).toHaveLength(32);
  });

  it.each([
    ['Jalisco', 'Jalisco'],
    ['michoacan', 'Michoacán'],
    ['Michoacán de Ocampo', 'Michoacán'],
    ['CDMX', 'Ciudad de México'],
    ['ciudad de mexico', 'Ciudad de México'],
    ['Edo. de Méx.', 'Estado de México'],
    ['NL', 'Nuevo León'],
    ['QUE', 'Querétaro'],
    ['  Yucatán ', 'Yucatán'],
  ])('read state %j as %j', (text, name) => {
    expect(mexicanStateName(text)).toBe(name);
  });

  it.each(['Texas', 'abc', '', 'Jalisco Norte'])('refuse state %j', (text) => {
    expect(mexicanStateName(text)).toBeNull();
  });

  it('need 5-digit postal codes', () => {
    expect(isMexicanPostalCode('03100')).toBe(true);
    for (const code of ['abc', '3100', '031000', '03 100', '0310a', '00000']) expect(isMexicanPostalCode(code)).toBe(false);
  });

  it('need 10-digit phones, optionally with +52', () => {
    expect(mexicanPhoneDigits('33 1234 5678')).toBe('3312345678');
    expect(mexicanPhoneDigits('+52 (33) 1234-5678')).toBe('3312345678');
    expect(mexicanPhoneDigits('+523312345678')).toBe('3312345678');
    for (const phone of ['33', '123456789', '+1 212 555 0100 1', '33-1234-567x', '+52 33 1234 567']) {
      expect(mexicanPhoneDigits(phone)).toBeNull();
    }
  });
});
