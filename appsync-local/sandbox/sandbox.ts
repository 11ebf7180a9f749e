/**
 * The sandbox that runs bundled APPSYNC_JS modules: one node:vm realm (code generation from strings and
 * WebAssembly disabled, intrinsics frozen) holding AppSync's `util`, `runtime`, `extensions`, `console`
 * and built-in modules. Each module is validated (validate.ts), rewritten in memory (module-source.ts),
 * compiled once, and evaluated afresh for each `request` / `response` call (module-level state never survives a
 * call, as in AppSync).
 *
 * Values cross between the host and the realm only as JSON text, so resolver code never holds a host
 * object (whose prototype chain would lead back to the host's `Function` and from there to `process`).
 * Each handler call runs under a time limit enforced by guards compiled into every function and loop body.
 *
 * Not contained: memory. A handler that builds a gigantic array can still exhaust the process; AppSync
 * itself would stop it, this sandbox does not try to (that would need a separate isolate per call).
 */
import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import type { ResolverError, ResolverInfo } from '../contracts';
import type { ExtensionCall, FieldFacts, RaisedError } from '../appsync-utils/invocation';
import { originalColumn, toModuleScript, type ModuleScript } from './module-source';
import { REALM_GLOBAL, realmRuntimeScript } from './realm-bundle';
import type { RealmApi, RealmBridge, RealmOutcome } from './realm-runtime';
import { originalPosition } from './source-positions';
import { validateAppSyncCode } from './validate';

export const DEFAULT_TIME_LIMIT_MS = 1000;

export interface SandboxLogEntry {
  readonly level: string;
  /** The module whose handler logged. */
  readonly source: string;
  readonly message: string;
}

export interface SandboxOptions {
  /** Longest one handler call (or a module's top-level code) may run, in milliseconds. */
  readonly timeLimitMs?: number;
  /** Receives resolver code's `console.*` output; printed to the host console when omitted. */
  readonly log?: (entry: SandboxLogEntry) => void;
}

/** What a handler's `ctx` starts from. Everything is optional so tests can give only what they need. */
export interface HandlerContextInit {
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly source?: unknown;
  readonly identity?: unknown;
  readonly info?: Partial<ResolverInfo>;
  readonly request?: { readonly headers: Readonly<Record<string, string | readonly string[]>>; readonly domainName: string | null };
  readonly env?: Readonly<Record<string, string>>;
  /** What `util.authType()` answers. */
  readonly authType?: string;
}

interface OutcomeBase {
  readonly appendedErrors: readonly ResolverError[];
  readonly extensionCalls: readonly ExtensionCall[];
}

/** How a handler call ended. Values stay JSON text until someone needs them parsed. */
export type HandlerOutcome =
  | (OutcomeBase & { readonly kind: 'returned'; readonly valueJson: string | undefined })
  | (OutcomeBase & { readonly kind: 'earlyReturn'; readonly valueJson: string | undefined; readonly skipTo: 'END' | 'NEXT' | undefined })
  | (OutcomeBase & { readonly kind: 'failed'; readonly cause: 'error' | 'code' | 'timeout'; readonly error: ResolverError });

export function parseValue(valueJson: string | undefined): unknown {
  return valueJson === undefined ? undefined : JSON.parse(valueJson);
}

/** A `ctx` living in the realm. The host only ever passes it back to the sandbox. */
export interface HandlerContext {
  /** Sets `ctx.prev.result` (from a previous step's JSON value). */
  setPrevResult(valueJson: string | undefined): void;
  /** Sets `ctx.result` and `ctx.error` for a response handler. */
  setResult(result: unknown, error?: { readonly message: string; readonly type: string }): void;
  /** Removes `ctx.result` and `ctx.error` before the next request handler. */
  clearResult(): void;
  /** A copy of `ctx.stash` as it is now. */
  stash(): unknown;
}

export interface AppSyncModule {
  readonly filename: string;
  request(ctx: HandlerContext): HandlerOutcome;
  response(ctx: HandlerContext): HandlerOutcome;
}

export interface Sandbox {
  /** Validates, compiles and instantiates a bundled module; the same file and code are loaded once. */
  load(code: string, filename: string): AppSyncModule;
  context(init?: HandlerContextInit): HandlerContext;
}

/** A module whose top-level code failed, or that lacks a handler. */
export class AppSyncModuleError extends Error {
  constructor(
    readonly filename: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppSyncModuleError';
  }
}

class RealmContext implements HandlerContext {
  constructor(
    readonly api: RealmApi,
    readonly ctx: Record<string, unknown>,
  ) {}

  setPrevResult(valueJson: string | undefined): void {
    this.api.setPrev(this.ctx, valueJson);
  }

  setResult(result: unknown, error?: { readonly message: string; readonly type: string }): void {
    this.api.setResult(
      this.ctx,
      result === undefined ? undefined : JSON.stringify(result),
      error === undefined ? undefined : JSON.stringify({ message: error.message, type: error.type }),
    );
  }

  clearResult(): void {
    this.api.clearResult(this.ctx);
  }

  stash(): unknown {
    return JSON.parse(this.api.stashJson(this.ctx));
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function resolverErrorOf(json: string): ResolverError {
  return errorFrom(JSON.parse(json) as RaisedError);
}

const NO_ERRORS: readonly ResolverError[] = Object.freeze([]);
const NO_CALLS: readonly ExtensionCall[] = Object.freeze([]);

function errorFrom(raised: RaisedError): ResolverError {
  return { message: raised.message, errorType: raised.errorType, data: raised.data ?? null, errorInfo: raised.errorInfo ?? null };
}

function errorList(json: string): ResolverError[] {
  return (JSON.parse(json) as RaisedError[]).map(errorFrom);
}

class LoadedModule implements AppSyncModule {
  private readonly frame: RegExp;

  constructor(
    private readonly api: RealmApi,
    readonly filename: string,
    private readonly code: string,
    private readonly script: ModuleScript,
    /** The compiled module; evaluated afresh for every handler call. */
    private readonly factory: unknown,
    private readonly timeLimitMs: number,
  ) {
    this.frame = new RegExp(`${escapeRegex(filename)}:(\\d+):(\\d+)`);
  }

  request(ctx: HandlerContext): HandlerOutcome {
    return this.call('request', ctx);
  }

  response(ctx: HandlerContext): HandlerOutcome {
    return this.call('response', ctx);
  }

  private call(exportName: 'request' | 'response', ctx: HandlerContext): HandlerOutcome {
    const realmCtx = (ctx as RealmContext).ctx;
    const outcome = this.api.invoke(this.factory as Parameters<RealmApi['invoke']>[0], exportName, realmCtx, this.filename, this.timeLimitMs);
    return this.describe(outcome);
  }

  describe(outcome: RealmOutcome): HandlerOutcome {
    const appendedErrors = outcome.appended === '' ? NO_ERRORS : errorList(outcome.appended);
    const extensionCalls = outcome.extensions === '' ? NO_CALLS : (JSON.parse(outcome.extensions) as ExtensionCall[]);
    switch (outcome.kind) {
      case 'return':
        return { kind: 'returned', valueJson: outcome.value, appendedErrors, extensionCalls };
      case 'earlyReturn':
        return { kind: 'earlyReturn', valueJson: outcome.value, skipTo: outcome.skipTo, appendedErrors, extensionCalls };
      case 'error':
        return { kind: 'failed', cause: 'error', error: resolverErrorOf(outcome.error as string), appendedErrors, extensionCalls };
      case 'timeout':
        return {
          kind: 'failed',
          cause: 'timeout',
          error: {
            message: `${this.filename}: execution timed out after ${this.timeLimitMs} ms (an endless loop or runaway recursion?)`,
            errorType: 'ExecutionTimeout',
            data: null,
            errorInfo: null,
          },
          appendedErrors,
          extensionCalls,
        };
      case 'codeError':
        return {
          kind: 'failed',
          cause: 'code',
          error: { message: this.codeErrorMessage(outcome), errorType: 'Code', data: null, errorInfo: null },
          appendedErrors,
          extensionCalls,
        };
    }
  }

  /** Like AppSync's "code.js:162:13: ReferenceError: x is not defined", plus the TypeScript position. */
  private codeErrorMessage(outcome: RealmOutcome): string {
    const what = `${outcome.errorName}: ${outcome.errorMessage}`;
    const match = this.frame.exec(outcome.errorStack ?? '');
    if (!match) return `${this.filename}: ${what}`;
    const line = Number(match[1]);
    const column = originalColumn(this.script.shifts, line, Number(match[2]));
    const original = originalPosition(this.code, this.filename, line, column - 1);
    return `${this.filename}:${line}:${column}: ${what}${original ? ` [${original.source}:${original.line}:${original.column}]` : ''}`;
  }
}

function defaultLog(entry: SandboxLogEntry): void {
  // Resolver code's console output, as CloudWatch would show it, prefixed with the module.
  console.log(`[${entry.source}] ${entry.level.toUpperCase()} ${entry.message}`);
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const log = options.log ?? defaultLog;
  const realm = vm.createContext({}, { name: 'APPSYNC_JS', codeGeneration: { strings: false, wasm: false } });
  new vm.Script(realmRuntimeScript(), { filename: 'appsync-local/realm-runtime.js' }).runInContext(realm);
  const runtimeModule = (realm as Record<string, unknown>)[REALM_GLOBAL] as { install(bridge: RealmBridge): RealmApi };
  delete (realm as Record<string, unknown>)[REALM_GLOBAL];
  const bridge: RealmBridge = {
    randomHex: (count) => randomBytes(Math.max(0, Math.min(1024, Math.floor(count)))).toString('hex'),
    log: (level, source, message) => {
      try {
        log({ level, source, message });
      } catch {
        // A failing log sink must not become resolver code's problem.
      }
    },
  };
  const api = runtimeModule.install(bridge);
  api.harden();

  const loaded = new Map<string, AppSyncModule>();

  return {
    load(code, filename) {
      const key = `${filename}\u0000${code}`;
      const known = loaded.get(key);
      if (known) return known;
      const { ast } = validateAppSyncCode(code, filename);
      const script = toModuleScript(code, ast);
      const factory = new vm.Script(script.source, { filename }).runInContext(realm) as (...args: unknown[]) => () => Record<string, unknown>;
      const { outcome, exports } = api.instantiate(factory, filename, timeLimitMs);
      const module = new LoadedModule(api, filename, code, script, factory, timeLimitMs);
      if (outcome.kind !== 'return' || !exports) {
        const failure = module.describe(outcome);
        throw new AppSyncModuleError(filename, failure.kind === 'failed' ? failure.error.message : `${filename} could not be loaded`);
      }
      const missing = ['request', 'response'].filter((name) => typeof exports[name] !== 'function');
      if (missing.length > 0) {
        throw new AppSyncModuleError(filename, `${filename} must export both request and response functions; missing: ${missing.join(', ')}`);
      }
      const ready = new LoadedModule(api, filename, code, script, factory, timeLimitMs);
      loaded.set(key, ready);
      return ready;
    },

    context(init = {}) {
      const info = init.info ?? {};
      const field: FieldFacts = {
        authType: init.authType ?? 'API Key Authorization',
        fieldName: info.fieldName ?? '',
        parentTypeName: info.parentTypeName ?? '',
      };
      const initJson = JSON.stringify({
        arguments: init.arguments ?? {},
        source: init.source ?? null,
        identity: init.identity ?? null,
        info: {
          fieldName: field.fieldName,
          parentTypeName: field.parentTypeName,
          variables: info.variables ?? {},
          selectionSetList: info.selectionSetList ?? [],
          selectionSetGraphQL: info.selectionSetGraphQL ?? '',
        },
        request: init.request ?? { headers: {}, domainName: null },
        env: init.env ?? {},
        field,
      });
      return new RealmContext(api, api.createContext(initJson) as Record<string, unknown>);
    },
  };
}

/** A module loaded in a sandbox of its own, with that sandbox's way of making contexts. */
export interface StandaloneAppSyncModule extends AppSyncModule {
  context(init?: HandlerContextInit): HandlerContext;
}

/** Loads one module in a sandbox of its own (handy for tests and one-off checks). */
export function loadAppSyncModule(code: string, filename: string, options?: SandboxOptions): StandaloneAppSyncModule {
  const sandbox = createSandbox(options);
  const module = sandbox.load(code, filename);
  return {
    filename: module.filename,
    request: (ctx) => module.request(ctx),
    response: (ctx) => module.response(ctx),
    context: (init) => sandbox.context(init),
  };
}
