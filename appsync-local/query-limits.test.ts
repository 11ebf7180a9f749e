import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { findDepthExcess, ParsedQueryCache } from './query-limits';

const nestedSimilar = (levels: number) => `{ product(id: "1") { ${'similar { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

describe('query depth', () => {
  it('counts nested field levels, leaves included', () => {
    const doc = parse('{ product(id: "1") { id price { amountCents } } }');
    expect(findDepthExcess(doc, 3)).toBeUndefined();
    expect(findDepthExcess(doc, 2)).toMatchObject({ depth: 3 });
  });

  it('finds 13 nested similar levels (15 deep) beyond the limit and names the top field', () => {
    const excess = findDepthExcess(parse(nestedSimilar(13)), 10);
    expect(excess?.depth).toBe(15);
    expect(excess?.field.name.value).toBe('product');
  });

  it('measures through fragments and inline fragments, each fragment once', () => {
    // Each fragment spreads the next one twice: its expansion doubles per level, its depth grows by one.
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Product { similar { ...F${i + 1} ...F${i + 1} } }`).join('\n');
    const doc = parse(`{ product(id: "1") { ... on Product { ...F0 } } }\n${chain}\nfragment F40 on Product { id }`);
    expect(findDepthExcess(doc, 10)?.depth).toBe(1 + 40 + 1);
    expect(findDepthExcess(doc, 42)).toBeUndefined();
  });

  it('covers introspection, whose fields no resolver of ours sees', () => {
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } } }`;
    expect(findDepthExcess(parse(deep), 10)).toMatchObject({ depth: 15 });
  });
});

describe('the parsed-query cache', () => {
  it('stays within its byte budget whatever the number of distinct large queries', () => {
    const cache = new ParsedQueryCache<string>(1024 * 1024);
    const big = 'x'.repeat(600); // 60 KB by the estimate
    for (let i = 0; i < 1000; i += 1) cache.set(`${i}${big}`, 'parsed');
    expect(cache.sizeBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(cache.size).toBeLessThan(20);
    expect(cache.get(`999${big}`)).toBe('parsed');
  });

  it('does not cache a query bigger than a sixteenth of the budget', () => {
    const cache = new ParsedQueryCache<string>(1024 * 1024);
    cache.set('small', 'kept');
    cache.set('y'.repeat(1024), 'too big');
    expect(cache.get('y'.repeat(1024))).toBeUndefined();
    expect(cache.get('small')).toBe('kept');
  });

  it('evicts the least recently used first', () => {
    // 300-character queries cost 30 000 bytes: 16 of them fill a 480 000-byte budget.
    const cache = new ParsedQueryCache<number>(480_000);
    const query = (n: number) => String(n).padStart(300, '-');
    for (let n = 0; n < 16; n += 1) cache.set(query(n), n);
    expect(cache.get(query(0))).toBe(0);
    cache.set(query(16), 16);
    expect(cache.get(query(1))).toBeUndefined();
    expect(cache.get(query(0))).toBe(0);
    expect(cache.get(query(16))).toBe(16);
  });
});
