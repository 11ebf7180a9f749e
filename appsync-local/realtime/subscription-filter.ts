/**
 * Enhanced subscription filters (`extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`),
 * evaluated as AppSync documents them: a filter is `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`;
 * the filters of one group must all hold (AND), one group holding is enough (OR). `fieldName` names a field of
 * the published payload, with `.` for nesting; AppSync ignores rules deeper than five levels, and so do we.
 * Also the basic filtering AppSync applies without an enhanced filter: every argument the subscriber gave must
 * equal the payload's top-level field of that name.
 *
 * Where AppSync's documentation is silent, a choice (docs/realtime.md): a field absent from the payload counts
 * as null; comparisons (lt, le, gt, ge, between) hold only between two numbers or two strings.
 */

export interface FilterRule {
  readonly fieldName: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface SubscriptionFilterObject {
  readonly filterGroup: readonly { readonly filters: readonly FilterRule[] }[];
}

/** Nesting AppSync evaluates: rules on `a.b.c.d.e.f` (six levels) are ignored. */
export const MAX_FILTER_DEPTH = 5;

const OPERATORS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `value` is not a filter AppSync would take, or null. */
export function filterProblem(value: unknown): string | null {
  if (!isRecord(value) || !Array.isArray(value.filterGroup)) return 'a subscription filter needs a filterGroup list';
  for (const group of value.filterGroup) {
    if (!isRecord(group) || !Array.isArray(group.filters) || group.filters.length === 0) return 'every filter group needs a non-empty filters list';
    for (const rule of group.filters) {
      if (!isRecord(rule) || typeof rule.fieldName !== 'string' || rule.fieldName === '') return 'every filter needs a fieldName';
      if (typeof rule.operator !== 'string' || !OPERATORS.has(rule.operator)) return `unknown filter operator ${String(rule.operator)}`;
      if ((rule.operator === 'in' || rule.operator === 'notIn' || rule.operator === 'containsAny') && !Array.isArray(rule.value)) {
        return `${rule.operator} needs a list value`;
      }
      if (rule.operator === 'between' && !(Array.isArray(rule.value) && rule.value.length === 2)) return 'between needs [low, high]';
    }
  }
  return null;
}

function fieldValue(payload: unknown, fieldName: string): unknown {
  let current: unknown = payload;
  for (const part of fieldName.split('.')) {
    if (!isRecord(current)) return null;
    current = current[part];
  }
  return current === undefined ? null : current;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function comparable(a: unknown, b: unknown): a is number | string {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function holds(rule: FilterRule, payload: unknown): boolean {
  if (rule.fieldName.split('.').length > MAX_FILTER_DEPTH) return true;
  const actual = fieldValue(payload, rule.fieldName);
  const expected = rule.value;
  switch (rule.operator) {
    case 'eq':
      return same(actual, expected);
    case 'ne':
      return !same(actual, expected);
    case 'lt':
      return comparable(actual, expected) && actual < (expected as typeof actual);
    case 'le':
      return comparable(actual, expected) && actual <= (expected as typeof actual);
    case 'gt':
      return comparable(actual, expected) && actual > (expected as typeof actual);
    case 'ge':
      return comparable(actual, expected) && actual >= (expected as typeof actual);
    case 'between': {
      const [low, high] = expected as [unknown, unknown];
      return comparable(actual, low) && comparable(actual, high) && actual >= (low as typeof actual) && actual <= (high as typeof actual);
    }
    case 'contains':
      if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
      return Array.isArray(actual) && actual.some((item) => same(item, expected));
    case 'notContains':
      if (typeof actual === 'string') return !(typeof expected === 'string' && actual.includes(expected));
      return !(Array.isArray(actual) && actual.some((item) => same(item, expected)));
    case 'beginsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'in':
      return (expected as unknown[]).some((item) => same(actual, item));
    case 'notIn':
      return !(expected as unknown[]).some((item) => same(actual, item));
    case 'containsAny':
      return Array.isArray(actual) && (expected as unknown[]).some((item) => actual.some((element) => same(element, item)));
    default:
      return false;
  }
}

/** Whether `payload` passes `filter`: one group whose every rule holds. */
export function matchesFilter(filter: SubscriptionFilterObject, payload: unknown): boolean {
  return filter.filterGroup.some((group) => group.filters.every((rule) => holds(rule, payload)));
}

/** Basic filtering: every non-null argument equals the payload's top-level field of the same name. */
export function matchesArguments(args: Readonly<Record<string, unknown>>, payload: unknown): boolean {
  for (const [name, value] of Object.entries(args)) {
    if (value === null || value === undefined) continue;
    if (!isRecord(payload) || !same(payload[name], value)) return false;
  }
  return true;
}
