import { describe, expect, it } from 'vitest';
import { createMathUtils } from './math';

describe('util.math', () => {
  const math = createMathUtils(Math.random);

  it('roundNum rounds to the nearest integer, halves up', () => {
    expect(math.roundNum(2.4)).toBe(2);
    expect(math.roundNum(2.5)).toBe(3);
    expect(math.roundNum(-2.5)).toBe(-2);
  });

  it('minVal and maxVal', () => {
    expect(math.minVal(3, 7)).toBe(3);
    expect(math.maxVal(3, 7)).toBe(7);
  });

  it('randomDouble is in [0, 1)', () => {
    for (let i = 0; i < 1000; i += 1) {
      const value = math.randomDouble();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('randomWithinRange gives integers between both bounds, each bound reachable', () => {
    const low = createMathUtils(() => 0).randomWithinRange(5, 10);
    const high = createMathUtils(() => 0.999999).randomWithinRange(5, 10);
    expect([low, high]).toEqual([5, 10]);
    for (let i = 0; i < 1000; i += 1) {
      const value = math.randomWithinRange(1, 6);
      expect(Number.isInteger(value) && value >= 1 && value <= 6).toBe(true);
    }
  });
});
