import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { autoId, autoKsuid, autoUlid, type RandomBytes } from './ids';

const secure: RandomBytes = (count) => [...randomBytes(count)];
const fixed = (hex: string): RandomBytes => (count) => [...Buffer.from(hex, 'hex')].slice(0, count);

describe('util.autoId', () => {
  it('is a version 4 UUID', () => {
    expect(autoId(secure)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs on every call', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => autoId(secure)));
    expect(ids.size).toBe(1000);
  });
});

describe('util.autoUlid', () => {
  it('is 26 Crockford base32 characters', () => {
    expect(autoUlid(secure, Date.now())).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('starts with the time, as in the ULID spec example 01ARZ3NDEKTSV4RRFFQ69G5FAV (1469922850259 ms)', () => {
    expect(autoUlid(secure, 1469922850259).slice(0, 10)).toBe('01ARZ3NDEK');
  });

  it('sorts by creation time', () => {
    const earlier = autoUlid(secure, 1_700_000_000_000);
    const later = autoUlid(secure, 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});

describe('util.autoKsuid', () => {
  it('is 27 base62 characters', () => {
    expect(autoKsuid(secure, Date.now())).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('encodes timestamp and payload as in the KSUID reference example', () => {
    // 0ujtsYcgvSTl8PAuAdqWYSMnLOv = timestamp 107608047 (seconds after the KSUID epoch 1400000000),
    // payload B5A1CD34B5F99D1154FB6853345C9735.
    const nowMs = (1400000000 + 107608047) * 1000;
    expect(autoKsuid(fixed('B5A1CD34B5F99D1154FB6853345C9735'), nowMs)).toBe('0ujtsYcgvSTl8PAuAdqWYSMnLOv');
  });
});
