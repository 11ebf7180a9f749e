/**
 * The two filters of the wiring, evaluated locally the way AWS evaluates them:
 * - the table-stream trigger's entity filter, as a Lambda event-source filter pattern on the new image's
 *   `type` (the CDK stack can put the same pattern in the event source mapping's FilterCriteria);
 * - SNS subscription filter policies on message attributes (exact string matches; every key must match).
 */
import type { QueueMessageAttribute } from './queue-store';

/** Lambda filter pattern: only records whose new image has `type` in `entityTypes`. */
export function tableStreamFilterPattern(entityTypes: readonly string[]) {
  return { dynamodb: { NewImage: { type: { S: [...entityTypes] } } } };
}

type Pattern = { readonly [key: string]: Pattern | readonly unknown[] };

/** Matches a record against a filter pattern made of nested objects and lists of allowed exact values. */
export function matchesFilterPattern(record: unknown, pattern: Pattern): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const value = record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) return value !== undefined && expected.includes(value);
    return matchesFilterPattern(value, expected as Pattern);
  });
}

export function matchesFilterPolicy(
  attributes: Readonly<Record<string, QueueMessageAttribute>>,
  policy: Readonly<Record<string, readonly string[]>> | undefined,
): boolean {
  if (!policy) return true;
  return Object.entries(policy).every(([name, allowed]) => {
    const attribute = attributes[name];
    if (!attribute?.stringValue) return false;
    if (attribute.dataType === 'String.Array') {
      const values = JSON.parse(attribute.stringValue) as unknown[];
      return values.some((v) => allowed.includes(String(v)));
    }
    return allowed.includes(attribute.stringValue);
  });
}
