import { describe, expect, it } from 'vitest';
import { checkPageSize } from './page-size';

describe('page size', () => {
  it('defaults to 20', () => {
    expect(checkPageSize(undefined)).toEqual({ ok: true, limit: 20 });
    expect(checkPageSize(null)).toEqual({ ok: true, limit: 20 });
  });

  it('accepts 1 to 100', () => {
    expect(checkPageSize(1)).toEqual({ ok: true, limit: 1 });
    expect(checkPageSize(100)).toEqual({ ok: true, limit: 100 });
  });

  it('refuses 0, negatives, more than 100 and fractions', () => {
    for (const limit of [0, -5, 101, 2.5]) expect(checkPageSize(limit).ok).toBe(false);
  });
});
