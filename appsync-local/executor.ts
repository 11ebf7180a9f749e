/**
 * Resolves one wired field the way AppSync does, running the field's bundled APPSYNC_JS code (the files
 * the CDK stack deploys, under dist/appsync/) in the sandbox:
 *
 *   unit resolver      request → data source → response
 *   pipeline resolver  request (before) → for each function: request → data source → response → response (after)
 *
 * `ctx.stash` is one object for the whole resolution; `ctx.prev.result` carries each step's value to the
 * next (the before handler's to the first function, the last function's to the after handler). A data
 * source failure is not raised by itself: it reaches the response handler as `ctx.error` ({ message,
 * type }), which decides. `util.error`, `util.unauthorized`, a JavaScript error in the code ("Code") or a
 * timeout end the resolution: the field is null and that error comes last in `errors`, after every error
 * appended with `util.appendError` on the way.
 *
 * `runtime.earlyReturn(value, { skipTo })`:
 *   - unit request handler: data source and response handler are skipped; `value` is the field's value;
 *   - pipeline before handler: the functions are skipped (default, or skipTo 'END') and the after handler
 *     runs with `ctx.prev.result = value`; with skipTo 'NEXT' the functions run, starting from `value`;
 *   - function request handler: its data source and response handler are skipped and `value` is the
 *     function's result (default, or 'NEXT'); with 'END' the remaining functions are skipped too;
 *   - function response handler: `value` is the function's result; with 'END' the remaining functions are
 *     skipped;
 *   - unit response / pipeline after handler: `value` is the field's value.
 * (AppSync documents the request-handler cases; the response-handler cases follow the same rule.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  pipelineFunctionBundleFile,
  resolverBundleFile,
  type PipelineFunctionWiring,
  type ResolverWiring,
} from './api-wiring';
import type { DataSource, DataSourceOutcome, FieldResolution, FieldResolver, ResolverError, ResolverInvocation } from './contracts';
import { type AppSyncModule, createSandbox, type HandlerContext, type HandlerOutcome, parseValue, type Sandbox } from './sandbox/sandbox';
import type { ExtensionCall } from './appsync-utils/invocation';

export type { ExtensionCall } from './appsync-utils/invocation';

export interface ResolverExecutorOptions {
  readonly resolver: ResolverWiring;
  /** Folder of the bundles: `resolvers/Type.field.js` and `pipeline/name.js` under it. */
  readonly bundleDir: string;
  /** Data sources by the wiring's names. */
  readonly dataSources: Readonly<Record<string, DataSource>>;
  /** The API's pipeline functions (those a pipeline resolver names are looked up here). */
  readonly pipelineFunctions: readonly PipelineFunctionWiring[];
  /** The realm to run in; one shared by every executor of the process when omitted. */
  readonly sandbox?: Sandbox;
  /** `ctx.env`. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A field's resolution plus the `extensions` calls its code made (cache evictions, subscription filters). */
export interface ResolverExecution extends FieldResolution {
  readonly extensionCalls: readonly ExtensionCall[];
}

export interface ResolverExecutor extends FieldResolver {
  readonly resolver: ResolverWiring;
  resolve(invocation: ResolverInvocation): Promise<ResolverExecution>;
}

let sharedSandbox: Sandbox | undefined;

function defaultSandbox(): Sandbox {
  sharedSandbox ??= createSandbox();
  return sharedSandbox;
}

function loadBundle(sandbox: Sandbox, bundleDir: string, relativePath: string, what: string): AppSyncModule {
  const file = path.join(bundleDir, relativePath);
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${what}: cannot read its bundle ${relativePath} (run \`npm run build:resolvers\`): ${(error as Error).message}`);
  }
  return sandbox.load(code, relativePath);
}

interface FunctionStep {
  readonly name: string;
  readonly module: AppSyncModule;
  readonly dataSource: string;
}

/** Collects what a resolution produced on its way: appended errors and extension calls. */
class Resolution {
  readonly errors: ResolverError[] = [];
  readonly extensionCalls: ExtensionCall[] = [];

  /** Records an outcome's side effects; returns the outcome for the caller to branch on. */
  take(outcome: HandlerOutcome): HandlerOutcome {
    if (outcome.appendedErrors.length > 0) this.errors.push(...outcome.appendedErrors);
    if (outcome.extensionCalls.length > 0) this.extensionCalls.push(...outcome.extensionCalls);
    return outcome;
  }

  done(valueJson: string | undefined): ResolverExecution {
    const data = parseValue(valueJson);
    return { data: data === undefined ? null : data, errors: this.errors, extensionCalls: this.extensionCalls };
  }

  fail(error: ResolverError): ResolverExecution {
    return { data: null, errors: [...this.errors, error], extensionCalls: this.extensionCalls };
  }
}

export function createResolverExecutor(options: ResolverExecutorOptions): ResolverExecutor {
  const { resolver, bundleDir, dataSources } = options;
  const sandbox = options.sandbox ?? defaultSandbox();
  const env = options.env ?? {};
  const fieldName = `${resolver.typeName}.${resolver.fieldName}`;
  const resolverModule = loadBundle(sandbox, bundleDir, resolverBundleFile(resolver), `resolver ${fieldName}`);

  const definitions = options.pipelineFunctions;
  const steps: FunctionStep[] =
    resolver.kind === 'PIPELINE'
      ? resolver.functions.map((name) => {
          const definition = definitions.find((f) => f.name === name);
          if (!definition) throw new Error(`resolver ${fieldName}: pipeline function ${name} is not defined`);
          return {
            name,
            dataSource: definition.dataSource,
            module: loadBundle(sandbox, bundleDir, pipelineFunctionBundleFile(name), `pipeline function ${name}`),
          };
        })
      : [];

  async function callDataSource(name: string, requestJson: string | undefined): Promise<DataSourceOutcome> {
    const dataSource = dataSources[name];
    if (!dataSource) return { error: { message: `No data source named ${name} is configured`, type: 'MappingTemplate' } };
    try {
      return await dataSource.invoke(parseValue(requestJson));
    } catch (error) {
      // A data source is supposed to report failures as ctx.error; a throw is a bug or an outage.
      return { error: { message: (error as Error).message ?? String(error), type: 'InternalFailure' } };
    }
  }

  async function resolveUnit(ctx: HandlerContext, run: Resolution, dataSource: string): Promise<ResolverExecution> {
    const request = run.take(resolverModule.request(ctx));
    if (request.kind === 'failed') return run.fail(request.error);
    if (request.kind === 'earlyReturn') return run.done(request.valueJson);
    const outcome = await callDataSource(dataSource, request.valueJson);
    ctx.setResult(outcome.result, outcome.error);
    const response = run.take(resolverModule.response(ctx));
    if (response.kind === 'failed') return run.fail(response.error);
    return run.done(response.valueJson);
  }

  async function resolvePipeline(ctx: HandlerContext, run: Resolution): Promise<ResolverExecution> {
    const before = run.take(resolverModule.request(ctx));
    if (before.kind === 'failed') return run.fail(before.error);
    let prev = before.valueJson;
    const skipFunctions = before.kind === 'earlyReturn' && before.skipTo !== 'NEXT';
    if (!skipFunctions) {
      for (const step of steps) {
        ctx.clearResult();
        ctx.setPrevResult(prev);
        const request = run.take(step.module.request(ctx));
        if (request.kind === 'failed') return run.fail(request.error);
        if (request.kind === 'earlyReturn') {
          prev = request.valueJson;
          if (request.skipTo === 'END') break;
          continue;
        }
        const outcome = await callDataSource(step.dataSource, request.valueJson);
        ctx.setResult(outcome.result, outcome.error);
        const response = run.take(step.module.response(ctx));
        if (response.kind === 'failed') return run.fail(response.error);
        prev = response.valueJson;
        if (response.kind === 'earlyReturn' && response.skipTo === 'END') break;
      }
    }
    ctx.clearResult();
    ctx.setPrevResult(prev);
    const after = run.take(resolverModule.response(ctx));
    if (after.kind === 'failed') return run.fail(after.error);
    return run.done(after.valueJson);
  }

  return {
    resolver,
    async resolve(invocation) {
      const ctx = sandbox.context({
        arguments: invocation.arguments,
        source: invocation.source,
        identity: invocation.identity,
        info: invocation.info,
        request: invocation.request,
        authType: invocation.authType,
        env,
      });
      const run = new Resolution();
      return resolver.kind === 'UNIT' ? resolveUnit(ctx, run, resolver.dataSource) : resolvePipeline(ctx, run);
    },
  };
}
