// The executor's AppSync semantics, on bundled fixture resolvers, with an in-test data source standing in
// for DynamoDB (the DynamoDB data source is tested against DynamoDB Local on its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineFunctionWiring as PipelineFunctionDefinition, ResolverWiring as ResolverDefinition } from './api-wiring';
import type { DataSource, DataSourceOutcome, ResolverInvocation } from './contracts';
import { createNoneDataSource } from './datasources/none';
import { createResolverExecutor } from './executor';
import { createSandbox } from './sandbox/sandbox';
import { type BundledFolder, bundleFixtureFolder } from './test-fixtures/bundle';

/** Records every request object and answers with `respond`. */
function fakeTable(respond: (request: Record<string, any>) => DataSourceOutcome | Promise<DataSourceOutcome>) {
  const requests: Record<string, any>[] = [];
  const dataSource: DataSource = {
    async invoke(request) {
      requests.push(request as Record<string, any>);
      return respond(request as Record<string, any>);
    },
  };
  return { dataSource, requests };
}

function invocation(overrides: Partial<ResolverInvocation> = {}): ResolverInvocation {
  return {
    arguments: {},
    source: null,
    identity: null,
    authType: 'API Key Authorization',
    request: { headers: { 'x-api-key': 'da2-local' }, domainName: null },
    info: { fieldName: 'field', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    ...overrides,
  };
}

const unit = (fieldName: string, dataSource: 'table' | 'none' = 'table'): ResolverDefinition => ({ typeName: 'Query', fieldName, kind: 'UNIT', dataSource });

const pipelineFunctions: PipelineFunctionDefinition[] = [
  { name: 'fixtureAddOne', dataSource: 'none', description: 'adds one' },
  { name: 'fixtureTimesTen', dataSource: 'table', description: 'multiplies by ten, through the table data source' },
];
const pipeline: ResolverDefinition = { typeName: 'Mutation', fieldName: 'fixturePipeline', kind: 'PIPELINE', functions: ['fixtureAddOne', 'fixtureTimesTen'] };

let folder: BundledFolder;
const sandbox = createSandbox();

beforeAll(async () => {
  folder = await bundleFixtureFolder(
    ['Query.fixtureProduct', 'Query.fixtureIgnoresError', 'Query.fixtureEarly', 'Query.fixtureAdminOnly', 'Query.fixtureCrash', 'Query.fixtureContext', 'Mutation.fixturePipeline'],
    ['fixtureAddOne', 'fixtureTimesTen'],
  );
});

afterAll(() => folder?.remove());

function executor(resolver: ResolverDefinition, table: DataSource) {
  return createResolverExecutor({ resolver, bundleDir: folder.bundleDir, dataSources: { table, none: createNoneDataSource() }, pipelineFunctions, sandbox });
}

describe('a unit resolver', () => {
  it('sends the request handler\'s object to the data source and resolves to the response handler\'s value', async () => {
    const table = fakeTable(() => ({ result: { id: 'P1', name: 'Paracetamol', stock: 20 } }));
    const resolution = await executor(unit('fixtureProduct'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(table.requests).toEqual([{ operation: 'GetItem', key: { PK: { S: 'PRODUCT#P1' }, SK: { S: 'PRODUCT' } } }]);
    expect(resolution).toEqual({ data: { id: 'P1', name: 'Paracetamol', stock: 20, lookedUp: 'P1' }, errors: [], extensionCalls: [] });
  });

  it('gives a data source failure to the response handler as ctx.error without raising it', async () => {
    const table = fakeTable(() => ({ error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' } }));
    const resolution = await executor(unit('fixtureIgnoresError'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(resolution).toEqual({
      data: { result: null, error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' } },
      errors: [],
      extensionCalls: [],
    });
  });

  it('fails the field when the response handler raises ctx.error with util.error', async () => {
    const table = fakeTable(() => ({ error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' } }));
    const resolution = await executor(unit('fixtureProduct'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(resolution.data).toBeNull();
    expect(resolution.errors).toEqual([
      { message: 'Throughput exceeded', errorType: 'DynamoDB:ProvisionedThroughputExceededException', data: null, errorInfo: null },
    ]);
  });

  it('resolves to null with the error util.error raised', async () => {
    const table = fakeTable(() => ({ result: null }));
    const resolution = await executor(unit('fixtureProduct'), table.dataSource).resolve(invocation({ arguments: { id: 'P404' } }));
    expect(resolution).toEqual({ data: null, errors: [{ message: 'No product P404', errorType: 'NotFound', data: { id: 'P404' }, errorInfo: null }], extensionCalls: [] });
  });

  it('keeps the value and reports errors appended with util.appendError', async () => {
    const table = fakeTable(() => ({ result: { id: 'P1', stock: 2 } }));
    const resolution = await executor(unit('fixtureProduct'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(resolution.data).toEqual({ id: 'P1', stock: 2, lookedUp: 'P1' });
    expect(resolution.errors).toEqual([{ message: 'Few units left', errorType: 'LowStock', data: { stock: 2 }, errorInfo: null }]);
  });

  it('skips data source and response handler after runtime.earlyReturn in the request handler', async () => {
    const table = fakeTable(() => ({ result: 'never' }));
    const resolution = await executor(unit('fixtureEarly'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(table.requests).toEqual([]);
    expect(resolution.data).toEqual({ from: 'request', id: 'P1' });
  });

  it('stops at util.unauthorized without calling the data source', async () => {
    const table = fakeTable(() => ({ result: [] }));
    const resolution = await executor(unit('fixtureAdminOnly'), table.dataSource).resolve(
      invocation({ info: { fieldName: 'fixtureAdminOnly', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } }),
    );
    expect(table.requests).toEqual([]);
    expect(resolution).toEqual({
      data: null,
      errors: [{ message: 'Not Authorized to access fixtureAdminOnly on type Query', errorType: 'Unauthorized', data: null, errorInfo: null }],
      extensionCalls: [],
    });
  });

  it('lets an admin through the same resolver', async () => {
    const table = fakeTable(() => ({ result: ['all'] }));
    const identity = { sub: 's', issuer: 'i', username: 'u', claims: {}, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW' as const, groups: ['admin'] };
    const resolution = await executor(unit('fixtureAdminOnly'), table.dataSource).resolve(invocation({ identity, authType: 'User Pool Authorization' }));
    expect(resolution.data).toEqual(['all']);
  });

  it('reports a JavaScript error as a Code error after the errors appended before it', async () => {
    const table = fakeTable(() => ({ result: { id: 'P1' } }));
    const resolution = await executor(unit('fixtureCrash'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(resolution.data).toBeNull();
    expect(resolution.errors.map((e) => e.errorType)).toEqual(['CacheMiss', 'Code']);
    expect(resolution.errors[1]!.message).toMatch(/Query\.fixtureCrash\.js:\d+:\d+: TypeError: Cannot read properties of undefined \(reading 'deeper'\)/);
  });

  it('turns a data source that throws into ctx.error InternalFailure', async () => {
    const table = fakeTable(() => {
      throw new Error('connection refused');
    });
    const resolution = await executor(unit('fixtureIgnoresError'), table.dataSource).resolve(invocation({ arguments: { id: 'P1' } }));
    expect(resolution.data).toEqual({ result: null, error: { message: 'connection refused', type: 'InternalFailure' } });
  });

  it('builds ctx from the invocation', async () => {
    const identity = { sub: 'u-1', issuer: 'http://localhost/pool', username: 'ana', claims: { email: 'ana@example.com' }, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW' as const, groups: null };
    const info = { fieldName: 'fixtureContext', parentTypeName: 'Query', variables: { id: 'P1' }, selectionSetList: ['id', 'name'], selectionSetGraphQL: '{\n  id\n  name\n}' };
    const resolution = await createResolverExecutor({
      resolver: unit('fixtureContext', 'none'),
      bundleDir: folder.bundleDir,
      dataSources: { table: fakeTable(() => ({})).dataSource, none: createNoneDataSource() },
      pipelineFunctions: [],
      sandbox,
      env: { STAGE: 'local' },
    }).resolve(
      invocation({
        arguments: { id: 'P1' },
        source: { parent: true },
        identity,
        authType: 'User Pool Authorization',
        info,
        request: { headers: { authorization: 'token' }, domainName: 'api.example.com' },
      }),
    );
    expect(resolution.data).toEqual({
      arguments: { id: 'P1' },
      argsIsArguments: true,
      identity,
      source: { parent: true },
      // Returned whole, ctx.info is serialized without its selection sets, as in AppSync.
      info: { fieldName: info.fieldName, parentTypeName: info.parentTypeName, variables: info.variables },
      headers: { authorization: 'token' },
      domainName: 'api.example.com',
      authType: 'User Pool Authorization',
      env: { STAGE: 'local' },
    });
  });

  it('keeps concurrent resolutions apart', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const table = fakeTable(async (request) => {
      await gate;
      return { result: { id: request.key.PK.S, stock: 10 } };
    });
    const product = executor(unit('fixtureProduct'), table.dataSource);
    const pending = [product.resolve(invocation({ arguments: { id: 'A' } })), product.resolve(invocation({ arguments: { id: 'B' } }))];
    release();
    const [a, b] = await Promise.all(pending);
    expect([a!.data, b!.data]).toEqual([
      { id: 'PRODUCT#A', stock: 10, lookedUp: 'A' },
      { id: 'PRODUCT#B', stock: 10, lookedUp: 'B' },
    ]);
  });

  it('refuses to start without the bundle, and says how to build it', () => {
    expect(() => executor(unit('notBundled'), fakeTable(() => ({})).dataSource)).toThrow(/npm run build:resolvers/);
  });
});

describe('a pipeline resolver', () => {
  /** The fake table for fixtureTimesTen echoes `n`, or fails for 13. */
  const echo = () =>
    fakeTable((request) => (request.n === 13 ? { error: { message: 'Unlucky number', type: 'DynamoDB:ConditionalCheckFailedException' } } : { result: { n: request.n } }));

  it('runs before, every function (request → data source → response) and after, chaining ctx.prev.result and sharing ctx.stash', async () => {
    const table = echo();
    const resolution = await executor(pipeline, table.dataSource).resolve(invocation({ arguments: { start: 4 } }));
    expect(table.requests).toEqual([{ operation: 'Echo', n: 5 }]);
    expect(resolution).toEqual({
      data: { value: { n: 50 }, trace: ['before', 'addOne.request', 'addOne.response', 'timesTen.request', 'timesTen.response', 'after'] },
      errors: [],
      extensionCalls: [],
    });
  });

  it('skips every function after runtime.earlyReturn in the before handler', async () => {
    const table = echo();
    const resolution = await executor(pipeline, table.dataSource).resolve(invocation({ arguments: { earlyBefore: true } }));
    expect(table.requests).toEqual([]);
    expect(resolution.data).toEqual({ value: { from: 'before' }, trace: ['before', 'after'] });
  });

  it('runs the functions from the early value when the before handler returns early with skipTo NEXT', async () => {
    const resolution = await executor(pipeline, echo().dataSource).resolve(invocation({ arguments: { earlyBefore: true, earlyBeforeSkipTo: 'NEXT' } }));
    expect(resolution.data).toEqual({
      value: { n: 10 },
      trace: ['before', 'addOne.request', 'addOne.response', 'timesTen.request', 'timesTen.response', 'after'],
    });
  });

  it('skips a function\'s data source and response handler after runtime.earlyReturn in its request handler; the next function gets the value', async () => {
    const resolution = await executor(pipeline, echo().dataSource).resolve(invocation({ arguments: { start: 4, skipAddOne: true } }));
    expect(resolution.data).toEqual({ value: { n: -10 }, trace: ['before', 'addOne.request', 'timesTen.request', 'timesTen.response', 'after'] });
  });

  it('skips the remaining functions after runtime.earlyReturn with skipTo END', async () => {
    const table = echo();
    const resolution = await executor(pipeline, table.dataSource).resolve(invocation({ arguments: { start: 4, skipAddOne: true, skipAddOneTo: 'END' } }));
    expect(table.requests).toEqual([]);
    expect(resolution.data).toEqual({ value: { n: -1 }, trace: ['before', 'addOne.request', 'after'] });
  });

  it('stops the pipeline at util.error: no further function, no after handler, the field is null', async () => {
    const table = echo();
    const resolution = await executor(pipeline, table.dataSource).resolve(invocation({ arguments: { start: 4, failTimesTen: true } }));
    expect(table.requests).toEqual([]);
    expect(resolution).toEqual({ data: null, errors: [{ message: 'Refused by timesTen', errorType: 'Conflict', data: null, errorInfo: null }], extensionCalls: [] });
  });

  it('gives a function\'s data source failure to that function\'s response handler as ctx.error', async () => {
    const resolution = await executor(pipeline, echo().dataSource).resolve(invocation({ arguments: { start: 12 } }));
    expect(resolution).toEqual({
      data: null,
      errors: [{ message: 'Unlucky number', errorType: 'DynamoDB:ConditionalCheckFailedException', data: null, errorInfo: null }],
      extensionCalls: [],
    });
  });
});
