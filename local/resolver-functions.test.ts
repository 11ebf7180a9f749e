/**
 * Resolver Lambdas through the local AppSync endpoint: a field wired to an AWS_LAMBDA data source runs the
 * generic resolver code (resolvers/support/lambda-invoke.ts, bundled as deployed) and the handler in-process
 * (createLocalResolverFunctions), which gets AppSync's Lambda request shape and whose result, typed error or
 * crash comes back as AppSync would answer. Also: the registry, the wiring and the local handlers agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaDataSource, startLocalAppSync, type LocalAppSync } from '@farmacruz/appsync-local';
import { localLambdaSettings } from '../config/settings';
import { createAwsClients } from '../functions/shared/aws-clients';
import { LOCAL_CREDENTIALS } from './dynamodb-local';
import { ResolverError, resolverHandler, requireGroup, type ResolverEvent } from '../functions/shared/resolver-event';
import { createTestUser, testUserPool, type TestUser } from '../test/support/cognito-users';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { dataSources, resolvers } from '../wiring/api';
import { resolverFunctions } from '../wiring/resolver-functions';
import { createLocalResolverFunctions, localResolverHandlers } from './resolver-functions';

const ROOT_DIR = path.resolve(import.meta.dirname, '..');
const API_KEY = 'da2-lambda-resolver-test-key';

const SDL = /* GraphQL */ `
  schema { query: Query mutation: Mutation }
  type Echo @aws_api_key @aws_cognito_user_pools {
    arguments: AWSJSON
    identitySub: String
    groups: [String!]
    fieldName: String
    parentTypeName: String
    selectionSetList: [String!]
    variables: AWSJSON
    userAgent: String
  }
  type Query {
    echo(text: String!, count: Int): Echo @aws_api_key @aws_cognito_user_pools
    fails(kind: String!): String @aws_api_key @aws_cognito_user_pools
  }
  type Mutation {
    "The API key directive stands for a directive dropped by mistake: the function must still refuse."
    staffOnly: String @aws_cognito_user_pools(cognito_groups: ["admin"]) @aws_api_key
  }
`;

interface EchoArgs {
  text: string;
  count?: number;
}

/** What the fixture functions saw, for the assertions. */
const seen: ResolverEvent<unknown>[] = [];

const fixtureHandlers = {
  'fixture-echo': () =>
    resolverHandler<EchoArgs, unknown>(async (event) => {
      seen.push(event);
      if (event.info.fieldName === 'staffOnly') {
        requireGroup(event, 'admin');
        return 'ok';
      }
      if (event.info.fieldName === 'fails') {
        const kind = (event.arguments as unknown as { kind: string }).kind;
        if (kind === 'typed') throw new ResolverError('ValidationError', 'La foto pesa más de 5 MB.', { field: 'file' });
        if (kind === 'crash') throw new Error('S3 is down');
        if (kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 5000));
        return 'unreachable';
      }
      return {
        arguments: JSON.stringify(event.arguments),
        identitySub: event.identity?.sub ?? null,
        groups: event.identity?.groups ?? null,
        fieldName: event.info.fieldName,
        parentTypeName: event.info.parentTypeName,
        selectionSetList: event.info.selectionSetList,
        variables: JSON.stringify(event.info.variables),
        userAgent: event.request.headers['user-agent'] ?? null,
      };
    }),
};

let rootDir: string;
let server: LocalAppSync;
let staff: TestUser;
let shopper: TestUser;

async function graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'farmacruz-test/1', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: Record<string, any> | null; errors?: { errorType: string; message: string; errorInfo?: unknown; path: unknown }[] };
}

beforeAll(async () => {
  // The generic resolver code, bundled exactly as build:resolvers bundles a wired Lambda field.
  rootDir = mkdtempSync(path.join(tmpdir(), 'lambda-resolver-'));
  const out = (field: string) => path.relative(ROOT_DIR, path.join(rootDir, `dist/appsync/resolvers/${field}.js`));
  await bundleAppSyncCode(ROOT_DIR, ['Query.echo', 'Query.fails', 'Mutation.staffOnly'].map((field) => ({ source: 'resolvers/support/lambda-invoke.ts', outfile: out(field) })));

  const definitions = [{ name: 'fixture-echo', description: 'echo', timeoutSeconds: 2, memoryMb: 128 }];
  const settings = localLambdaSettings({});
  const invokers = createLocalResolverFunctions({ settings, clients: undefined as never }, definitions, fixtureHandlers);
  const lambda = createLambdaDataSource({ functionName: 'fixture-echo', invoke: invokers['fixture-echo'] });
  const fields = [
    { typeName: 'Query', fieldName: 'echo' },
    { typeName: 'Query', fieldName: 'fails' },
    { typeName: 'Mutation', fieldName: 'staffOnly' },
  ];
  const pool = testUserPool();
  server = await startLocalAppSync({
    schema: { sdl: SDL },
    bundleDir: path.join(rootDir, 'dist/appsync'),
    wiring: {
      dataSources: { echo: { kind: 'AWS_LAMBDA' } },
      resolvers: fields.map((field) => ({ ...field, kind: 'UNIT', dataSource: 'echo' })),
      pipelineFunctions: [],
    },
    dataSources: { echo: lambda },
    host: '127.0.0.1',
    port: 0,
    apiKey: API_KEY,
    userPool: { issuer: pool.issuer, clientId: pool.clientId },
  });
  [staff, shopper] = await Promise.all([createTestUser({ groups: ['admin'], prefix: 'personal' }), createTestUser()]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (rootDir) rmSync(rootDir, { recursive: true, force: true });
});

const ECHO = /* GraphQL */ `
  query Echo($text: String!) {
    echo(text: $text, count: 3) { arguments identitySub groups fieldName parentTypeName selectionSetList variables userAgent }
  }
`;

describe('a field served by a resolver Lambda, through the local GraphQL endpoint', () => {
  it("hands the function AppSync's Lambda request: arguments, identity, info, request headers; returns its result", async () => {
    const body = await graphql(ECHO, { text: 'ibuprofeno' }, { authorization: staff.idToken });
    expect(body.errors).toBeUndefined();
    expect(body.data!.echo).toEqual({
      arguments: JSON.stringify({ text: 'ibuprofeno', count: 3 }),
      identitySub: staff.sub,
      groups: ['admin'],
      fieldName: 'echo',
      parentTypeName: 'Query',
      selectionSetList: ['arguments', 'identitySub', 'groups', 'fieldName', 'parentTypeName', 'selectionSetList', 'variables', 'userAgent'],
      variables: JSON.stringify({ text: 'ibuprofeno' }),
      userAgent: 'farmacruz-test/1',
    });
    const event = seen.at(-1)!;
    expect(event.source).toBeNull();
    expect(event.identity?.claims).toMatchObject({ sub: staff.sub, 'cognito:groups': ['admin'] });
    expect(event.request.headers.authorization).toBe(staff.idToken);
  });

  it('gives API key callers a null identity', async () => {
    const body = await graphql(ECHO, { text: 'x' }, { 'x-api-key': API_KEY });
    expect(body.data!.echo.identitySub).toBeNull();
    expect(seen.at(-1)!.identity).toBeNull();
  });

  it("turns a ResolverError into the field's error with its errorType, message and errorInfo", async () => {
    const body = await graphql('query { fails(kind: "typed") }', {}, { 'x-api-key': API_KEY });
    expect(body.data).toEqual({ fails: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ errorType: 'ValidationError', message: 'La foto pesa más de 5 MB.', errorInfo: { field: 'file' }, path: ['fails'] }),
    ]);
  });

  it('reports a function that throws as AppSync does: Lambda:Unhandled with its message', async () => {
    const body = await graphql('query { fails(kind: "crash") }', {}, { 'x-api-key': API_KEY });
    expect(body.data).toEqual({ fails: null });
    expect(body.errors).toEqual([expect.objectContaining({ errorType: 'Lambda:Unhandled', message: 'S3 is down', path: ['fails'] })]);
  });

  it("fails a function that runs past its timeout, as Lambda does", async () => {
    const body = await graphql('query { fails(kind: "slow") }', {}, { 'x-api-key': API_KEY });
    expect(body.errors).toEqual([expect.objectContaining({ errorType: 'Lambda:Unhandled', message: expect.stringMatching(/timed out after 2000 ms/) })]);
  }, 30_000);

  it('keeps callers out by the schema before the function runs, and the function checks the group again', async () => {
    const before = seen.length;
    const asShopper = await graphql('mutation { staffOnly }', {}, { authorization: shopper.idToken });
    expect(asShopper.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(seen.length).toBe(before);
    // The schema lets API key callers through here: requireGroup in the function refuses them.
    const apiKey = await graphql('mutation { staffOnly }', {}, { 'x-api-key': API_KEY });
    expect(seen.length).toBe(before + 1);
    expect(apiKey.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access staffOnly on type Mutation' })]);
    const asStaff = await graphql('mutation { staffOnly }', {}, { authorization: staff.idToken });
    expect(asStaff).toEqual({ data: { staffOnly: 'ok' } });
  });
});

describe('the local Lambda data source', () => {
  it('refuses operations other than Invoke, and answers a function it cannot run with Lambda:Unhandled', async () => {
    const dataSource = createLambdaDataSource({ functionName: 'missing' });
    expect(await dataSource.invoke({ operation: 'BatchInvoke', payload: [] })).toEqual({ error: expect.objectContaining({ type: 'MappingTemplate' }) });
    expect(await dataSource.invoke({ operation: 'Invoke', payload: {} })).toEqual({
      error: { message: 'Function missing is not running locally.', type: 'Lambda:Unhandled' },
    });
  });

  it('passes only JSON both ways, and returns null at once for an Event invocation', async () => {
    let received: unknown;
    const dataSource = createLambdaDataSource({
      functionName: 'f',
      invoke: async (payload) => {
        received = payload;
        return { data: { at: new Date('2026-01-01T00:00:00Z'), gone: undefined } };
      },
    });
    expect(await dataSource.invoke({ operation: 'Invoke', payload: { a: 1, b: undefined } })).toEqual({ result: { data: { at: '2026-01-01T00:00:00.000Z' } } });
    expect(received).toEqual({ a: 1 });
    expect(await dataSource.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} })).toEqual({ result: null });
  });
});

describe('the resolver functions registry', () => {
  it('has a local handler for every function, and nothing else', () => {
    expect(Object.keys(localResolverHandlers).sort()).toEqual(resolverFunctions.map((f) => f.name).sort());
  });

  it('is what the AWS_LAMBDA data sources invoke: each names a registered function, and each function is invoked', () => {
    const invoked = Object.values(dataSources as Record<string, { kind: string; function?: string; invokes?: string }>)
      .filter((d) => d.kind === 'AWS_LAMBDA' && d.invokes !== 'event-function')
      .map((d) => d.function);
    expect(new Set(invoked)).toEqual(new Set(resolverFunctions.map((f) => f.name)));
  });

  it('runs locally the event functions the API invokes itself (the similarity job started with invocationType Event)', () => {
    const eventFunctions = Object.values(dataSources as Record<string, { kind: string; function?: string; invokes?: string }>)
      .filter((d) => d.kind === 'AWS_LAMBDA' && d.invokes === 'event-function')
      .map((d) => d.function!);
    expect(eventFunctions).toEqual(['similarity']);
    const settings = localLambdaSettings({});
    const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    try {
      const invokers = createLocalResolverFunctions({ settings, clients });
      for (const name of eventFunctions) expect(typeof invokers[name], name).toBe('function');
    } finally {
      clients.destroy();
    }
  });

  it('keeps each function within the 30 s AppSync waits for a data source', () => {
    for (const fn of resolverFunctions) expect(fn.timeoutSeconds, fn.name).toBeLessThanOrEqual(30);
  });

  it('serves every field wired to a Lambda data source with the generic resolver code', async () => {
    const lambdaSources = new Set(Object.entries(dataSources as Record<string, { kind: string }>).filter(([, d]) => d.kind === 'AWS_LAMBDA').map(([n]) => n));
    const { readFileSync } = await import('node:fs');
    for (const resolver of resolvers) {
      if (resolver.kind !== 'UNIT' || !lambdaSources.has(resolver.dataSource)) continue;
      const source = readFileSync(path.join(ROOT_DIR, `resolvers/${resolver.typeName}.${resolver.fieldName}.ts`), 'utf8');
      expect(source, `${resolver.typeName}.${resolver.fieldName}`).toMatch(/from '\.\/support\/lambda-invoke'/);
    }
  });
});
