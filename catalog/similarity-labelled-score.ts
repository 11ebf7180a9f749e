/**
 * Scores the similarity job against the labelled set (similarity-labelled.ts): for each case, whether the
 * first products offered are the expected equivalents, whether those that must come later do, and whether
 * any that must never be offered is. Used by the test and printed by `npm run bench:similarity`.
 */
import { computeSimilarProducts, type SimilarityOptions } from './similarity';
import { EQUIVALENCE_CASES, LABELLED_CATALOG, type EquivalenceCase } from './similarity-labelled';

export interface CaseResult {
  readonly case: EquivalenceCase;
  readonly listed: readonly string[];
  /** Share of the first `first.length` listed products that are expected there (precision at that rank). */
  readonly precision: number;
  /** `after` products listed before the last expected one. */
  readonly tooEarly: readonly string[];
  /** `never` products listed. */
  readonly offeredWrongly: readonly string[];
  readonly passed: boolean;
}

export interface LabelledScore {
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  /** Mean precision over the cases. */
  readonly precision: number;
}

export function scoreLabelledSet(options: SimilarityOptions = {}): LabelledScore {
  const lists = computeSimilarProducts(LABELLED_CATALOG, options);
  const cases = EQUIVALENCE_CASES.map((labelled): CaseResult => {
    const listed = (lists.get(labelled.product) ?? []).map((entry) => entry.productId);
    const top = listed.slice(0, labelled.first.length);
    const precision = top.filter((id) => labelled.first.includes(id)).length / labelled.first.length;
    const lastExpected = Math.max(...labelled.first.map((id) => listed.indexOf(id)));
    const tooEarly = (labelled.after ?? []).filter((id) => {
      const at = listed.indexOf(id);
      return at >= 0 && at < lastExpected;
    });
    const offeredWrongly = (labelled.never ?? []).filter((id) => listed.includes(id));
    return {
      case: labelled,
      listed,
      precision,
      tooEarly,
      offeredWrongly,
      passed: precision === 1 && tooEarly.length === 0 && offeredWrongly.length === 0,
    };
  });
  return {
    cases,
    passed: cases.filter((result) => result.passed).length,
    precision: cases.reduce((sum, result) => sum + result.precision, 0) / cases.length,
  };
}
