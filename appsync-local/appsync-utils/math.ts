/**
 * `util.math`. Random values come from the realm's `Math.random`: the reference says not to use them for
 * anything needing high entropy.
 */
export interface MathUtils {
  roundNum(input: number): number;
  minVal(input1: number, input2: number): number;
  maxVal(input1: number, input2: number): number;
  randomDouble(): number;
  randomWithinRange(start: number, end: number): number;
}

export function createMathUtils(random: () => number): MathUtils {
  return {
    roundNum: (input) => Math.round(Number(input)),
    minVal: (a, b) => Math.min(Number(a), Number(b)),
    maxVal: (a, b) => Math.max(Number(a), Number(b)),
    randomDouble: () => random(),
    // Both bounds inclusive: "a random integer value within the specified range".
    randomWithinRange: (start, end) => {
      const low = Math.ceil(Math.min(Number(start), Number(end)));
      const high = Math.floor(Math.max(Number(start), Number(end)));
      return low + Math.floor(random() * (high - low + 1));
    },
  };
}
