import { describe, expect, it } from 'vitest';
import { bundleSource } from '../test-fixtures/bundle';
import { AppSyncModuleError, createSandbox, type HandlerOutcome, loadAppSyncModule, parseValue, type SandboxLogEntry } from './sandbox';

/** A module whose request handler has `body`; its response handler returns ctx.result. */
async function moduleWith(body: string, options: Parameters<typeof loadAppSyncModule>[2] = {}) {
  const { code, filename } = await bundleSource(`import { util, runtime, extensions } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx: any): any {
${body}
}
export function response(ctx: any) { return ctx.result; }
`);
  return loadAppSyncModule(code, filename, options);
}

/**
 * The same, from hand-written ESM instead of a bundle: esbuild rewrites references to `require` into a
 * shim of its own (which itself uses `this` and `throw`, so the sandbox would refuse the bundle).
 */
function unbundledRequestOutcome(body: string): HandlerOutcome {
  const module = loadAppSyncModule(`export function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`, 'unbundled.js');
  return module.request(module.context());
}

async function requestOutcome(body: string, args: Record<string, unknown> = {}): Promise<HandlerOutcome> {
  const module = await moduleWith(body);
  return module.request(module.context({ arguments: args }));
}

function valueOf(outcome: HandlerOutcome): unknown {
  if (outcome.kind === 'failed') throw new Error(`handler failed: ${outcome.error.message}`);
  return parseValue(outcome.valueJson);
}

function failureOf(outcome: HandlerOutcome) {
  if (outcome.kind !== 'failed') throw new Error(`handler did not fail: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('running a bundled module', () => {
  it('calls the request handler with ctx and hands back its value', async () => {
    const outcome = await requestOutcome(`return ddb.get({ key: { PK: 'PRODUCT#' + ctx.args.id, SK: 'PRODUCT' } });`, { id: 'P1' });
    expect(valueOf(outcome)).toEqual({ operation: 'GetItem', key: { PK: { S: 'PRODUCT#P1' }, SK: { S: 'PRODUCT' } } });
  });

  it('gives the response handler ctx.result and ctx.error', async () => {
    const module = await moduleWith('return {};');
    const ctx = module.context();
    ctx.setResult({ id: 'P1' }, { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' });
    expect(valueOf(module.response(ctx))).toEqual({ id: 'P1' });
  });

  it('passes values as JSON: functions and undefined vanish', async () => {
    const outcome = await requestOutcome(`return { f: () => 1, u: undefined, n: null };`);
    expect(valueOf(outcome)).toEqual({ n: null });
    expect((await requestOutcome('return undefined;')).kind === 'returned' && (await requestOutcome('return undefined;'))).toMatchObject({
      valueJson: undefined,
    });
  });

  it('keeps ctx.stash across handler calls on one context, and apart between contexts', async () => {
    const module = await moduleWith('ctx.stash.calls = (ctx.stash.calls ?? 0) + 1; return ctx.stash.calls;');
    const first = module.context();
    module.request(first);
    module.request(first);
    expect(first.stash()).toEqual({ calls: 2 });
    expect(module.context().stash()).toEqual({});
  });

  it('reports appendError and extensions calls with the outcome', async () => {
    const outcome = await requestOutcome(`util.appendError('low stock', 'LowStock'); extensions.evictFromApiCache('Query', 'product', { id: 'P1' }); return 1;`);
    expect(outcome.appendedErrors).toEqual([{ message: 'low stock', errorType: 'LowStock', data: null, errorInfo: null }]);
    expect(outcome.extensionCalls).toEqual([{ name: 'evictFromApiCache', args: ['Query', 'product', { id: 'P1' }] }]);
  });

  it('reports util.error as a failure with its fields', async () => {
    const failure = failureOf(await requestOutcome(`util.error('No such product', 'NotFound', { id: ctx.args.id });`, { id: 'P9' }));
    expect(failure.cause).toBe('error');
    expect(failure.error).toEqual({ message: 'No such product', errorType: 'NotFound', data: { id: 'P9' }, errorInfo: null });
  });

  it('reports util.unauthorized with AppSync\'s message', async () => {
    const module = await moduleWith('util.unauthorized();');
    const outcome = module.request(module.context({ info: { fieldName: 'order', parentTypeName: 'Query' } }));
    expect(failureOf(outcome).error).toEqual({ message: 'Not Authorized to access order on type Query', errorType: 'Unauthorized', data: null, errorInfo: null });
  });

  it('reports runtime.earlyReturn with its value and skipTo', async () => {
    const outcome = await requestOutcome(`runtime.earlyReturn({ cached: true }, { skipTo: 'END' }); return 'not reached';`);
    expect(outcome).toMatchObject({ kind: 'earlyReturn', skipTo: 'END' });
    expect(parseValue(outcome.kind === 'earlyReturn' ? outcome.valueJson : undefined)).toEqual({ cached: true });
  });

  it('reports a JavaScript error like AppSync ("Code"), with bundle and TypeScript positions', async () => {
    const failure = failureOf(await requestOutcome('const order = ctx.args.order;\nreturn order.lines.length;'));
    expect(failure.cause).toBe('code');
    expect(failure.error.errorType).toBe('Code');
    expect(failure.error.message).toMatch(/Fixture\.field\.js:\d+:\d+: TypeError: Cannot read properties of undefined \(reading 'lines'\)/);
    expect(failure.error.message).toMatch(/\[.*resolvers\/Fixture\.field\.ts:5:\d+\]$/);
  });

  it('sends console output to the log', async () => {
    const entries: SandboxLogEntry[] = [];
    const module = await moduleWith(`console.log('looking up', ctx.args.id, { n: 1 }); return 1;`, { log: (entry) => entries.push(entry) });
    module.request(module.context({ arguments: { id: 'P1' } }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'log', message: 'looking up P1 {"n":1}' });
    expect(entries[0]!.source).toMatch(/Fixture\.field\.js$/);
  });
});

describe('what resolver code cannot reach', () => {
  it('Node globals and the globals APPSYNC_JS does not offer are undefined', async () => {
    const names = ['process', 'require', 'module', 'Buffer', 'setTimeout', 'setImmediate', 'fetch', 'queueMicrotask', 'globalThis', 'global', 'Function', 'eval', 'Promise', 'Proxy', 'Reflect', 'WebAssembly', 'RegExp', 'Symbol', 'Intl'];
    const outcome = unbundledRequestOutcome(`return { ${names.map((n) => `${n}: typeof ${n}`).join(', ')} };`);
    expect(valueOf(outcome)).toEqual(Object.fromEntries(names.map((n) => [n, 'undefined'])));
  });

  it('the APPSYNC_JS globals are there', async () => {
    const outcome = await requestOutcome(`return [typeof util, typeof runtime, typeof extensions, typeof console, typeof JSON, typeof Math, typeof Object, typeof Array];`);
    expect(valueOf(outcome)).toEqual(['object', 'object', 'object', 'object', 'object', 'object', 'function', 'function']);
  });

  // Date is not among the guide's built-in objects and is reported rejected by AppSync: refused (use util.time).
  it('has no Date (supported-features: not a listed built-in object)', async () => {
    expect(failureOf(await requestOutcome('return new Date(0).toISOString();')).error.message).toMatch(/TypeError: Date is not a constructor/);
  });

  it('globalThis.process fails', async () => {
    expect(failureOf(await requestOutcome('return globalThis.process.pid;')).error.message).toMatch(/TypeError/);
  });

  it('require() fails', async () => {
    expect(failureOf(unbundledRequestOutcome(`return require('node:child_process');`)).error.message).toMatch(/ReferenceError: require is not defined/);
  });

  it.each([
    ['an object literal', `({}).constructor.constructor('return process')()`],
    ['ctx', `ctx.constructor.constructor('return process')()`],
    ['a util function', `util.autoId.constructor('return process')()`],
    ['an array method', `[].map.constructor('return process')()`],
    ['an arrow function', `(() => 1).constructor('return globalThis')()`],
  ])('the Function constructor reached through %s cannot compile code', async (_via, expression) => {
    expect(failureOf(await requestOutcome(`return ${expression};`)).error.message).toMatch(/EvalError: Code generation from strings disallowed/);
  });

  it('eval and Function cannot be called', async () => {
    expect(failureOf(await requestOutcome(`return eval('process');`)).error.message).toMatch(/TypeError: eval is not a function/);
    expect(failureOf(await requestOutcome(`return Function('return process')();`)).error.message).toMatch(/TypeError: Function is not a function/);
  });

  it('built-in prototypes and util are frozen, so one module cannot change them for another', async () => {
    expect(failureOf(await requestOutcome(`(Array.prototype as any).first = function () { return 1; }; return 1;`)).error.message).toMatch(
      /TypeError: Cannot add property first, object is not extensible/,
    );
    expect(failureOf(await requestOutcome(`util.time = null; return 1;`)).error.message).toMatch(/TypeError: Cannot assign to read only property 'time'/);
    expect(failureOf(await requestOutcome(`(Error as any).prepareStackTrace = () => 1; return 1;`)).error.message).toMatch(/TypeError/);
  });
});

describe('the time limit', () => {
  it('stops an endless loop and the module keeps working afterwards', async () => {
    const module = await moduleWith(`if (ctx.args.spin) { const list = [1]; for (const x of list) list.push(x); } return 'ok';`, { timeLimitMs: 100 });
    const started = Date.now();
    const failure = failureOf(module.request(module.context({ arguments: { spin: true } })));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(failure.cause).toBe('timeout');
    expect(failure.error).toMatchObject({ errorType: 'ExecutionTimeout', message: expect.stringMatching(/timed out after 100 ms/) });
    expect(valueOf(module.request(module.context()))).toBe('ok');
  });

  it('stops a loop that keeps calling functions', async () => {
    const module = await moduleWith(`const list = [0]; for (const n of list) { list.push([n].map((x: number) => x + 1)[0]); } return 1;`, { timeLimitMs: 100 });
    expect(failureOf(module.request(module.context())).cause).toBe('timeout');
  });

  it('ends runaway recursion at its first recursive call (APPSYNC_JS has no recursion)', async () => {
    const failure = failureOf(await requestOutcome(`function down(n: number): number { return down(n + 1); } return down(0);`));
    expect(failure.error.message).toMatch(/Recursive function calls not supported\. Detected cycle in down <-down/);
  });

  it('applies to a module\'s top-level code too', async () => {
    const { code, filename } = await bundleSource(`const list = [1];
for (const x of list) list.push(x);
export function request() { return {}; }
export function response() { return {}; }`);
    expect(() => loadAppSyncModule(code, filename, { timeLimitMs: 100 })).toThrow(/timed out/);
  });
});

describe('loading', () => {
  it('refuses a module without both handlers', async () => {
    const { code, filename } = await bundleSource(`export function request() { return {}; }`);
    expect(() => loadAppSyncModule(code, filename)).toThrow(AppSyncModuleError);
    expect(() => loadAppSyncModule(code, filename)).toThrow(/must export both request and response functions; missing: response/);
  });

  it('compiles a file once per sandbox', async () => {
    const { code, filename } = await bundleSource(`export function request() { return 1; }\nexport function response() { return 2; }`);
    const sandbox = createSandbox();
    expect(sandbox.load(code, filename)).toBe(sandbox.load(code, filename));
  });
});
