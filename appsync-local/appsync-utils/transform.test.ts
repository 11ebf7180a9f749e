// Expected outputs are AppSync's own answers (recorded through AppSync's EvaluateCode) for the same filters.
import { describe, expect, it } from 'vitest';
import { createTransformUtils } from './transform';

const transform = createTransformUtils();
const filter = (input: unknown) => {
  const json = transform.toDynamoDBFilterExpression(input);
  return json === null ? null : (JSON.parse(json) as { expression: string; expressionNames: unknown; expressionValues: unknown });
};

describe('util.transform.toDynamoDBFilterExpression', () => {
  it('answers a JSON string, as in the reference example', () => {
    expect(transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } })).toBe(
      '{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}',
    );
  });

  it('renders each comparison operator', () => {
    const ops = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
    for (const [op, symbol] of Object.entries(ops)) {
      expect(filter({ v: { [op]: 'x' } })).toEqual({
        expression: `(#v ${symbol} :v_${op})`,
        expressionNames: { '#v': 'v' },
        expressionValues: { [`:v_${op}`]: { S: 'x' } },
      });
    }
  });

  it('keeps the operand type', () => {
    expect(filter({ v: { eq: 10 } })?.expressionValues).toEqual({ ':v_eq': { N: 10 } });
    expect(filter({ v: { eq: true } })?.expressionValues).toEqual({ ':v_eq': { BOOL: true } });
    expect(filter({ v: { eq: null } })?.expressionValues).toEqual({ ':v_eq': { NULL: null } });
    expect(filter({ v: { eq: [1, 2] } })?.expressionValues).toEqual({ ':v_eq': { L: [{ N: 1 }, { N: 2 }] } });
  });

  it('renders the function operators without a space after the comma', () => {
    expect(filter({ v: { contains: 'x' } })?.expression).toBe('(contains(#v,:v_contains))');
    expect(filter({ v: { notContains: 'x' } })?.expression).toBe('(NOT contains(#v,:v_notContains))');
    expect(filter({ v: { beginsWith: 'x' } })?.expression).toBe('(begins_with(#v,:v_beginsWith))');
  });

  it('names the bounds of between start and end, ignoring extra bounds', () => {
    expect(filter({ v: { between: ['1', '9', '3'] } })).toEqual({
      expression: '(#v BETWEEN :v_between_start AND :v_between_end)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } },
    });
  });

  it('lists the values of in, and renders an empty in as (null)', () => {
    expect(filter({ v: { in: ['a', 'b'] } })).toEqual({
      expression: '(#v IN (:v_in_0, :v_in_1))',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } },
    });
    expect(filter({ v: { in: [] } })?.expression).toBe('(null)');
  });

  it('attributeExists and attributeType', () => {
    expect(filter({ v: { attributeExists: true } })?.expression).toBe('(attribute_exists(#v))');
    expect(filter({ v: { attributeExists: false } })?.expression).toBe('(attribute_not_exists(#v))');
    expect(filter({ a: { attributeType: 'stringSet' }, b: { attributeType: '_null' } })).toEqual({
      expression: '(attribute_type(#a,:a_attributeType)) AND (attribute_type(#b,:b_attributeType))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':a_attributeType': { S: 'SS' }, ':b_attributeType': { S: 'NULL' } },
    });
  });

  it('size compares the size of the attribute', () => {
    expect(filter({ v: { size: { gt: 2 } } })?.expression).toBe('(size(#v) > :v_size_gt)');
    expect(filter({ v: { size: { between: [1, 3] } } })?.expression).toBe('(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)');
    expect(filter({ v: { size: { gt: 2, lt: 5 } } })?.expression).toBe('((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))');
    expect(filter({ v: { size: { size: { gt: 1 } } } })?.expression).toBe('(size(#v) > :v_size_size_gt)');
  });

  it('joins top-level fields without wrapping, and wraps a field with several operators', () => {
    expect(filter({ a: { eq: 1 }, b: { eq: 2 } })?.expression).toBe('(#a = :a_eq) AND (#b = :b_eq)');
    expect(filter({ v: { ge: 1, le: 5 } })?.expression).toBe('((#v >= :v_ge) AND (#v <= :v_le))');
  });

  it('prefixes value names with every enclosing group', () => {
    expect(filter({ and: [{ a: { eq: 1 } }] })?.expression).toBe('(#a = :and_0_a_eq)');
    expect(filter({ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })?.expression).toBe('((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))');
    expect(filter({ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] })?.expression).toBe(
      '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
    );
    expect(filter({ and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] })?.expressionValues).toEqual({ ':and_0_or_0_and_0_a_eq': { N: 1 } });
  });

  it('negates with not', () => {
    expect(filter({ not: { a: { eq: 1 } } })?.expression).toBe('(NOT (#a = :not_a_eq))');
    expect(filter({ not: { not: { a: { eq: 1 } } } })?.expression).toBe('(NOT (NOT (#a = :not_not_a_eq)))');
    expect(filter({ and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] })?.expression).toBe(
      '((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))',
    );
  });

  it('uses a field name verbatim, dots included', () => {
    expect(filter({ 'a.b': { eq: 1 } })).toEqual({
      expression: '(#a.b = :a.b_eq)',
      expressionNames: { '#a.b': 'a.b' },
      expressionValues: { ':a.b_eq': { N: 1 } },
    });
  });

  it('renders empty parts as AppSync does', () => {
    expect(filter({})).toEqual({ expression: '', expressionNames: {}, expressionValues: {} });
    expect(filter({ v: {} })).toEqual({ expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} });
    expect(filter({ not: {} })?.expression).toBe('(NOT )');
    expect(filter({ a: { eq: 1 }, b: {} })?.expression).toBe('(#a = :a_eq) AND ');
  });

  it('answers null for a filter AppSync cannot read', () => {
    for (const input of [undefined, null, [], 'string', { v: { foo: 1 } }, { v: 'x' }, { a: { b: { eq: 1 } } }, { and: { a: { eq: 1 } } }]) {
      expect(transform.toDynamoDBFilterExpression(input)).toBeNull();
    }
    for (const input of [{ and: null }, { not: [{ a: { eq: 1 } }] }, { v: { between: [1] } }, { v: { in: 'x' } }, { v: { attributeExists: 'yes' } }]) {
      expect(transform.toDynamoDBFilterExpression(input)).toBeNull();
    }
    expect(transform.toDynamoDBFilterExpression({ v: { attributeType: 'S' } })).toBeNull();
    expect(transform.toDynamoDBFilterExpression({ v: { size: 3 } })).toBeNull();
  });
});

describe('util.transform.toDynamoDBConditionExpression', () => {
  it('renders like the filter expression', () => {
    const shapes = [{ content: { eq: 'x' } }, { and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] }, { not: { id: { between: ['1', '9'] } } }];
    for (const shape of shapes) expect(transform.toDynamoDBConditionExpression(shape)).toBe(transform.toDynamoDBFilterExpression(shape));
  });

  it('renders the guard of a create and of a versioned update', () => {
    expect(transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
    expect(JSON.parse(transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] })!)).toEqual({
      expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
      expressionNames: { '#id': 'id', '#_version': '_version' },
      expressionValues: { ':and_1__version_eq': { N: 1 } },
    });
  });
});

describe('util.transform.toSubscriptionFilter', () => {
  const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

  it('puts fields and the members of an and in one group', () => {
    expect(transform.toSubscriptionFilter({ z: { eq: 0 }, and: [{ a: { eq: 1 } }] })).toEqual({
      filterGroup: [{ filters: [f('z', 'eq', 0), f('a', 'eq', 1)] }],
    });
  });

  it('multiplies out alternatives: operators of one field, members of an or', () => {
    expect(transform.toSubscriptionFilter({ a: { eq: 1, ne: 2 } })).toEqual({
      filterGroup: [{ filters: [f('a', 'eq', 1)] }, { filters: [f('a', 'ne', 2)] }],
    });
    expect(
      transform.toSubscriptionFilter({
        percentageUp: { lte: 50, gte: 20 },
        and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
        or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
      }),
    ).toEqual({
      filterGroup: [
        { filters: [f('percentageUp', 'lte', 50), f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000), f('author', 'eq', 'Admin')] },
        { filters: [f('percentageUp', 'lte', 50), f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000), f('isPublished', 'eq', false)] },
        { filters: [f('percentageUp', 'gte', 20), f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000), f('author', 'eq', 'Admin')] },
        { filters: [f('percentageUp', 'gte', 20), f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000), f('isPublished', 'eq', false)] },
      ],
    });
  });

  it('drops ignored fields, also inside an and', () => {
    expect(transform.toSubscriptionFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b'])).toEqual({ filterGroup: [{ filters: [f('a', 'eq', 1)] }] });
  });

  it('adds each rule as an alternative to every group', () => {
    expect(transform.toSubscriptionFilter({ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } })).toEqual({
      filterGroup: [{ filters: [f('a', 'eq', 1), f('r1', 'gte', 250)] }, { filters: [f('a', 'eq', 1), f('r2', 'eq', 'p')] }],
    });
    expect(transform.toSubscriptionFilter({}, [], { r1: { eq: 1 } })).toEqual({ filterGroup: [{ filters: [f('r1', 'eq', 1)] }] });
  });

  it('reads not as a field name and passes operators through unchecked', () => {
    expect(transform.toSubscriptionFilter({ not: { a: { eq: 1 } } })).toEqual({ filterGroup: [{ filters: [f('not', 'a', { eq: 1 })] }] });
    expect(transform.toSubscriptionFilter({ a: { bogus: 1 } })).toEqual({ filterGroup: [{ filters: [f('a', 'bogus', 1)] }] });
  });

  it('produces no group for empty filters and null for unreadable ones', () => {
    expect(transform.toSubscriptionFilter({})).toEqual({ filterGroup: [] });
    expect(transform.toSubscriptionFilter({ a: {} })).toEqual({ filterGroup: [] });
    expect(transform.toSubscriptionFilter({ and: [] })).toEqual({ filterGroup: [] });
    for (const input of [null, undefined, [], '{"a":{"eq":1}}']) expect(transform.toSubscriptionFilter(input)).toBeNull();
  });
});
