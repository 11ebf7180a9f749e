/**
 * `util.transform`: filter objects (`{ price: { gt: 100 }, or: [...] }`) into DynamoDB expressions and
 * AppSync subscription filters.
 *
 * The output reproduces what AppSync itself answers, recorded from AppSync's EvaluateCode for each operator
 * and grouping: placeholders `#field` / `:<path>field_<op>` where the path names every enclosing group
 * (`and_0_`, `or_1_`, `not_`), comparisons wrapped in parentheses, a field with several operators wrapped
 * once more, groups of two or more members wrapped, top-level fields joined without wrapping, and `null`
 * (not an error) for a filter AppSync cannot read. The DynamoDB forms are returned as JSON strings, the
 * subscription filter as an object, as in AppSync.
 *
 * `toElasticsearchQueryDSL` is not provided: this project has no OpenSearch data source.
 */
import { type AttributeValue, toDynamoDB } from './util-dynamodb';

export interface DynamoDBExpression {
  readonly expression: string;
  readonly expressionNames: Record<string, string>;
  readonly expressionValues: Record<string, AttributeValue>;
}

export interface SubscriptionFilterEntry {
  readonly fieldName: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface SubscriptionFilter {
  readonly filterGroup: { readonly filters: SubscriptionFilterEntry[] }[];
}

export interface TransformUtils {
  toDynamoDBFilterExpression(filter: unknown): string | null;
  toDynamoDBConditionExpression(condition: unknown): string | null;
  toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null;
}

/** Thrown inside the renderer when the filter cannot be read; the public functions answer `null`. */
class Unreadable {}
const UNREADABLE = new Unreadable();

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Readonly<Record<string, string>> = {
  contains: 'contains',
  notContains: 'NOT contains',
  beginsWith: 'begins_with',
};
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

interface Accumulator {
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
}

function valueOf(value: unknown): AttributeValue {
  return toDynamoDB(value) ?? { NULL: null };
}

/** The conditions one field's operators produce, e.g. `(#price > :price_gt)`. */
function renderOperators(operators: Record<string, unknown>, lhs: string, valuePrefix: string, acc: Accumulator): string[] {
  const conditions: string[] = [];
  for (const op of Object.keys(operators)) {
    const operand = operators[op];
    if (operand === undefined) continue;
    const placeholder = `:${valuePrefix}${op}`;
    const comparison = COMPARISONS[op];
    const fn = FUNCTIONS[op];
    if (comparison !== undefined) {
      acc.values[placeholder] = valueOf(operand);
      conditions.push(`(${lhs} ${comparison} ${placeholder})`);
    } else if (fn !== undefined) {
      acc.values[placeholder] = valueOf(operand);
      conditions.push(`(${fn}(${lhs},${placeholder}))`);
    } else if (op === 'between') {
      if (!Array.isArray(operand) || operand.length < 2) throw UNREADABLE;
      acc.values[`${placeholder}_start`] = valueOf(operand[0]);
      acc.values[`${placeholder}_end`] = valueOf(operand[1]);
      conditions.push(`(${lhs} BETWEEN ${placeholder}_start AND ${placeholder}_end)`);
    } else if (op === 'in') {
      if (!Array.isArray(operand)) throw UNREADABLE;
      if (operand.length === 0) {
        conditions.push('(null)');
        continue;
      }
      const placeholders = operand.map((item, i) => {
        acc.values[`${placeholder}_${i}`] = valueOf(item);
        return `${placeholder}_${i}`;
      });
      conditions.push(`(${lhs} IN (${placeholders.join(', ')}))`);
    } else if (op === 'attributeExists') {
      if (typeof operand !== 'boolean') throw UNREADABLE;
      conditions.push(`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${lhs}))`);
    } else if (op === 'attributeType') {
      const code = typeof operand === 'string' && Object.hasOwn(ATTRIBUTE_TYPES, operand) ? ATTRIBUTE_TYPES[operand] : undefined;
      if (code === undefined) throw UNREADABLE;
      acc.values[placeholder] = { S: code };
      conditions.push(`(attribute_type(${lhs},${placeholder}))`);
    } else if (op === 'size') {
      if (!isMap(operand)) throw UNREADABLE;
      const sizeLhs = lhs.startsWith('size(') ? lhs : `size(${lhs})`;
      conditions.push(...renderOperators(operand, sizeLhs, `${valuePrefix}size_`, acc));
    } else {
      throw UNREADABLE;
    }
  }
  return conditions;
}

function renderFilter(filter: unknown, prefix: string, acc: Accumulator): string {
  if (!isMap(filter)) throw UNREADABLE;
  const parts: string[] = [];
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw UNREADABLE;
      const members = value.map((member, i) => renderFilter(member, `${prefix}${key}_${i}_`, acc));
      const joined = members.join(key === 'and' ? ' AND ' : ' OR ');
      parts.push(members.length > 1 ? `(${joined})` : joined);
    } else if (key === 'not') {
      parts.push(`(NOT ${renderFilter(value, `${prefix}not_`, acc)})`);
    } else {
      if (!isMap(value)) throw UNREADABLE;
      const name = `#${key}`;
      acc.names[name] = key;
      const conditions = renderOperators(value, name, `${prefix}${key}_`, acc);
      parts.push(conditions.length > 1 ? `(${conditions.join(' AND ')})` : conditions.join(''));
    }
  }
  return parts.join(' AND ');
}

/** The filter as an expression object, or `null` when AppSync could not read it. */
export function filterExpression(filter: unknown): DynamoDBExpression | null {
  const acc: Accumulator = { names: {}, values: {} };
  try {
    const expression = renderFilter(filter, '', acc);
    return { expression, expressionNames: acc.names, expressionValues: acc.values };
  } catch (error) {
    if (error === UNREADABLE) return null;
    throw error;
  }
}

type Conjunction = SubscriptionFilterEntry[];

function product(left: readonly Conjunction[], right: readonly Conjunction[]): Conjunction[] {
  const out: Conjunction[] = [];
  for (const l of left) for (const r of right) out.push([...l, ...r]);
  return out;
}

/** Every way the filter can hold, as a list of conjunctions (AppSync's filter groups, OR-ed). */
function alternatives(filter: unknown, ignored: readonly string[]): Conjunction[] {
  if (!isMap(filter)) throw UNREADABLE;
  let groups: Conjunction[] = [[]];
  for (const key of Object.keys(filter)) {
    if (ignored.indexOf(key) >= 0) continue;
    const value = filter[key];
    if (value === undefined) continue;
    let options: Conjunction[];
    if (key === 'and' || key === 'or') {
      const members = Array.isArray(value) ? value : [value];
      options =
        key === 'and'
          ? members.reduce<Conjunction[]>((acc, member) => product(acc, alternatives(member, ignored)), [[]])
          : members.flatMap((member) => alternatives(member, ignored));
    } else {
      if (!isMap(value)) throw UNREADABLE;
      options = Object.keys(value).map((operator) => [{ fieldName: key, operator, value: value[operator] }]);
    }
    groups = product(groups, options);
  }
  return groups;
}

export function subscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  const ignored = Array.isArray(ignoredFields) ? ignoredFields.map(String) : [];
  try {
    let groups = alternatives(filter, ignored);
    if (isMap(rules)) {
      // At least one rule must hold: every operator of every rule is one more alternative for each group.
      const ruleOptions: Conjunction[] = [];
      for (const field of Object.keys(rules)) {
        const operators = rules[field];
        if (!isMap(operators)) throw UNREADABLE;
        for (const operator of Object.keys(operators)) ruleOptions.push([{ fieldName: field, operator, value: operators[operator] }]);
      }
      if (ruleOptions.length > 0) groups = product(groups, ruleOptions);
    }
    return { filterGroup: groups.filter((g) => g.length > 0).map((filters) => ({ filters })) };
  } catch (error) {
    if (error === UNREADABLE) return null;
    throw error;
  }
}

export function createTransformUtils(): TransformUtils {
  const asJson = (filter: unknown) => {
    const expression = filterExpression(filter);
    return expression === null ? null : JSON.stringify(expression);
  };
  return {
    toDynamoDBFilterExpression: asJson,
    toDynamoDBConditionExpression: asJson,
    toSubscriptionFilter: subscriptionFilter,
  };
}
