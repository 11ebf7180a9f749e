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
    expect(response.errors?.[0]?.errorType).toBe('ValidationError');
    expect(response.errors?.[0]?.message).toContain('AWSDateTime');
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
    expect(response.errors?.[0]).toMatchObject({ errorType: 'ValidationError', path: null });
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
