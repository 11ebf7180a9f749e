import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from './schema';
import { createGraphQLRequestHandler, type RequestCaller } from './graphql-request';
import type { FieldResolver, FieldResolution } from './contracts';

const schema = buildAppSyncSchema(`
  type Item @aws_api_key @aws_cognito_user_pools { id: ID! name: String! secret: String @aws_cognito_user_pools }
  type Query {
    item(id: ID!): Item @aws_api_key @aws_cognito_user_pools
    items: [Item!]! @aws_api_key
    at(when: AWSDateTime!): String @aws_api_key
    link(url: AWSURL!): String @aws_api_key
  }
`);

const apiKeyCaller: RequestCaller = { authType: 'API Key Authorization', identity: null, headers: {}, domainName: null };

function fixed(resolution: FieldResolution): FieldResolver {
  return { resolve: async () => resolution };
}

function handlerWith(resolvers: Record<string, FieldResolver>) {
  return createGraphQLRequestHandler({
    schema,
    resolvers: new Map(Object.entries(resolvers)),
    // Enough of AppSync's rule for this test: `secret` is Cognito-only.
    authorizeField: (type, field, caller) => !(type === 'Item' && field === 'secret' && caller.authType === 'API Key Authorization'),
  });
}

describe('GraphQL request handling', () => {
  it('returns the resolver data under the field name', async () => {
    const handle = handlerWith({ 'Query.item': fixed({ data: { id: '1', name: 'Ibuprofeno' }, errors: [] }) });
    const response = await handle({ query: '{ item(id: "1") { id name } }' }, apiKeyCaller);
    expect(response).toEqual({ data: { item: { id: '1', name: 'Ibuprofeno' } } });
  });

  it('reports a resolver error in AppSync shape with path, errorType and errorInfo', async () => {
    const handle = handlerWith({
      'Query.item': fixed({
        data: null,
        errors: [{ message: 'Product 9 does not exist', errorType: 'NotFound', errorInfo: { id: '9' }, data: null }],
      }),
    });
    const response = await handle({ query: '{ item(id: "9") { id } }' }, apiKeyCaller);
    expect(response.data).toEqual({ item: null });
    expect(response.errors).toEqual([
      {
        path: ['item'],
        data: null,
        errorType: 'NotFound',
        errorInfo: { id: '9' },
        locations: [{ line: 1, column: 3, sourceName: null }],
        message: 'Product 9 does not exist',
      },
    ]);
  });

  it('keeps the data and lists appended errors when the resolver still returns a value', async () => {
    const handle = handlerWith({
      'Query.item': fixed({
        data: { id: '1', name: 'Aspirina' },
        errors: [{ message: 'price is stale', errorType: 'Warning', errorInfo: null, data: null }],
      }),
    });
    const response = await handle({ query: '{ item(id: "1") { name } }' }, apiKeyCaller);
    expect(response.data).toEqual({ item: { name: 'Aspirina' } });
    expect(response.errors?.map((e) => e.errorType)).toEqual(['Warning']);
  });

  it('denies a field the caller may not read with Unauthorized and a null value', async () => {
    const handle = handlerWith({ 'Query.item': fixed({ data: { id: '1', name: 'x', secret: 's' }, errors: [] }) });
    const response = await handle({ query: '{ item(id: "1") { name secret } }' }, apiKeyCaller);
    expect(response.data).toEqual({ item: { name: 'x', secret: null } });
    expect(response.errors?.[0]).toMatchObject({
      path: ['item', 'secret'],
      errorType: 'Unauthorized',
      message: 'Not Authorized to access secret on type Item',
    });
  });

  it('rejects an invalid AWSDateTime before any resolver runs', async () => {
    let called = false;
    const handle = handlerWith({ 'Query.at': { resolve: async () => ((called = true), { data: 'x', errors: [] }) } });
    const response = await handle({ query: 'query($w: AWSDateTime!) { at(when: $w) }', variables: { w: '2026-02-30T10:00:00Z' } }, apiKeyCaller);
    expect(called).toBe(false);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/^Variable 'w' has an invalid value: .*AWSDateTime/);
  });

  it('accepts a valid AWSDateTime and AWSURL', async () => {
    const handle = handlerWith({ 'Query.at': fixed({ data: 'ok', errors: [] }), 'Query.link': fixed({ data: 'ok', errors: [] }) });
    const response = await handle({ query: '{ at(when: "2026-11-28T03:00:00.000-06:00") link(url: "https://farmacruz.mx/a.png") }' }, apiKeyCaller);
    expect(response).toEqual({ data: { at: 'ok', link: 'ok' } });
  });

  it('rejects an AWSURL without a scheme', async () => {
    const handle = handlerWith({ 'Query.link': fixed({ data: 'ok', errors: [] }) });
    const response = await handle({ query: '{ link(url: "farmacruz.mx/a.png") }' }, apiKeyCaller);
    expect(response.errors?.[0]?.message).toContain('Invalid AWSURL');
  });

  it('reports a query for an unknown field as a validation error', async () => {
    const handle = handlerWith({});
    const response = await handle({ query: '{ nope }' }, apiKeyCaller);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toEqual({
      path: null,
      locations: [{ line: 1, column: 3, sourceName: null }],
      message: "Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'",
    });
  });

  it('passes arguments, identity and the selection set to the resolver', async () => {
    let seen: Parameters<FieldResolver['resolve']>[0] | undefined;
    const handle = handlerWith({ 'Query.item': { resolve: async (inv) => ((seen = inv), { data: { id: '1', name: 'n' }, errors: [] }) } });
    await handle({ query: 'query Q { item(id: "1") { id ... on Item { name } } }' }, apiKeyCaller);
    expect(seen?.arguments).toEqual({ id: '1' });
    expect(seen?.info).toMatchObject({ fieldName: 'item', parentTypeName: 'Query', selectionSetList: ['id', 'name'] });
    expect(seen?.authType).toBe('API Key Authorization');
  });
});

describe('request limits (wiring/api-limits.ts, smaller here)', () => {
  const treeSchema = buildAppSyncSchema(`
    type Node @aws_api_key { id: ID! children: [Node!]! }
    type Query { root: Node @aws_api_key }
  `);
  const treeHandler = (limits: Parameters<typeof createGraphQLRequestHandler>[0]['limits'], resolve: FieldResolver['resolve']) =>
    createGraphQLRequestHandler({
      schema: treeSchema,
      resolvers: new Map([
        ['Query.root', { resolve: async () => ({ data: { id: 'r' }, errors: [] }) }],
        ['Node.children', { resolve }],
      ]),
      authorizeField: () => true,
      limits,
    });
  const nested = (levels: number) => `{ root { ${'children { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
  const eightChildren = async (): Promise<FieldResolution> => ({ data: Array.from({ length: 8 }, (_, i) => ({ id: String(i) })), errors: [] });

  it('refuses a query deeper than the depth limit before running any resolver', async () => {
    let calls = 0;
    const handle = treeHandler({ queryDepthLimit: 10 }, async () => {
      calls += 1;
      return eightChildren();
    });
    const response = await handle({ query: nested(13) }, apiKeyCaller);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ errorType: 'QueryDepthLimitReached', path: null, locations: [{ line: 1, column: 3, sourceName: null }] }),
    ]);
    expect(calls).toBe(0);
    expect((await handle({ query: nested(2) }, apiKeyCaller)).errors).toBeUndefined();
  });

  it('stops invoking resolvers at the resolver count limit, with AppSync\'s ResolverExecutionLimitReached', async () => {
    let calls = 0;
    const handle = treeHandler({ queryDepthLimit: 75, resolverCountLimit: 50 }, async () => {
      calls += 1;
      return eightChildren();
    });
    // Unlimited, this would invoke 1 + 8 + 64 + 512 + 4096 resolvers.
    const response = await handle({ query: nested(5) }, apiKeyCaller);
    // Query.root is the 50th; fewer run when a limit error has already ended the response.
    expect(calls).toBeGreaterThanOrEqual(8);
    expect(calls).toBeLessThanOrEqual(49);
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(new Set(response.errors?.map((e) => e.errorType))).toEqual(new Set(['ResolverExecutionLimitReached']));
    expect(response.errors?.[0]?.message).toBe('Resolver invocation limit reached.');
  });

  it('answers ExecutionTimeout past the request time cap and starts no resolver after it', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const handle = treeHandler({ requestTimeoutMs: 50 }, async () => {
      calls += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return eightChildren();
    });
    const response = await handle({ query: nested(3) }, apiKeyCaller);
    expect(response).toEqual({
      data: null,
      errors: [{ path: null, data: null, errorType: 'ExecutionTimeout', errorInfo: null, locations: null, message: 'Execution timed out.' }],
    });
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
  });
});
