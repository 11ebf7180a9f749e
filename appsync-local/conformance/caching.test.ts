// Guide pages: "Configuring server-side caching and API payload compression" (per-resolver caching: TTL and
// caching keys) and "Extensions" (extensions.evictFromApiCache), with the API cache on.
import { describe, expect, it } from 'vitest';
import { createApiCache } from '../api-cache';
import type { ResolverWiring } from '../api-wiring';
import type { FieldResolver, ResolverInvocation } from '../contracts';
import type { ResolverExecution } from '../executor';

function invocation(args: Record<string, unknown>): ResolverInvocation {
  return {
    arguments: args,
    source: null,
    identity: null,
    authType: 'API Key Authorization',
    request: { headers: {}, domainName: null },
    info: { fieldName: 'getPost', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  };
}

const getPost: ResolverWiring = { typeName: 'Query', fieldName: 'getPost', kind: 'UNIT', dataSource: 'table', caching: { ttlSeconds: 60, keys: ['$context.arguments.id'] } };
const updatePost: ResolverWiring = { typeName: 'Mutation', fieldName: 'updatePost', kind: 'UNIT', dataSource: 'table' };

describe('caching › per-resolver caching with the API cache on', () => {
  it('answers from the cache within the TTL, per caching key, and fresh after it', async () => {
    let clock = 0;
    let reads = 0;
    const cache = createApiCache(() => clock);
    const resolver = cache.wrap(getPost, { resolve: async (inv) => ({ data: { id: inv.arguments.id, reads: (reads += 1) }, errors: [] }) });
    expect((await resolver.resolve(invocation({ id: '1' }))).data).toEqual({ id: '1', reads: 1 });
    clock = 59_000;
    expect((await resolver.resolve(invocation({ id: '1' }))).data).toEqual({ id: '1', reads: 1 });
    expect((await resolver.resolve(invocation({ id: '2' }))).data).toEqual({ id: '2', reads: 2 });
    clock = 60_001;
    expect((await resolver.resolve(invocation({ id: '1' }))).data).toEqual({ id: '1', reads: 3 });
  });

  it('does not cache a resolution with errors', async () => {
    let reads = 0;
    const cache = createApiCache(() => 0);
    const resolver = cache.wrap(getPost, {
      resolve: async () => ((reads += 1), { data: null, errors: [{ message: 'm', errorType: 'E', errorInfo: null, data: null }] }),
    });
    await resolver.resolve(invocation({ id: '1' }));
    await resolver.resolve(invocation({ id: '1' }));
    expect(reads).toBe(2);
  });
});

describe('extensions › evictFromApiCache', () => {
  it("evicts the entry the guide's example names, so the next read is fresh", async () => {
    let version = 1;
    const cache = createApiCache(() => 0);
    const read = cache.wrap(getPost, { resolve: async () => ({ data: { version }, errors: [] }) });
    const mutation: FieldResolver = {
      resolve: async (inv): Promise<ResolverExecution> => {
        version += 1;
        return {
          data: true,
          errors: [],
          extensionCalls: [{ name: 'evictFromApiCache', args: ['Query', 'getPost', { 'context.arguments.id': inv.arguments.id }] }],
        };
      },
    };
    const update = cache.wrap(updatePost, mutation);
    expect((await read.resolve(invocation({ id: '1' }))).data).toEqual({ version: 1 });
    await update.resolve(invocation({ id: '1' }));
    expect((await read.resolve(invocation({ id: '1' }))).data).toEqual({ version: 2 });
  });
});
