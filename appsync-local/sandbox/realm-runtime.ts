/**
 * The part of the local AppSync runtime that lives inside the sandbox realm (a node:vm context with code
 * generation from strings disabled). It is bundled into one script (see realm-bundle.ts) and evaluated
 * once per sandbox. It owns `util`, `runtime`, `extensions`, `console` and the built-in modules, builds the
 * `ctx` objects handlers receive, runs handlers under the time-limit guard and turns what happened into
 * plain strings for the host.
 *
 * Nothing from the host is handed to resolver code: values cross the boundary as JSON text and the
 * host's bridge functions stay in this module's closures. After installation the realm's intrinsics are
 * frozen, so one module cannot change `Array.prototype` or `util` under another.
 */
import { createDynamoDBModule } from '../appsync-utils/dynamodb-module';
import { createAppSyncGlobals } from '../appsync-utils/globals';
import { javaReplace } from '../appsync-utils/java-regex';
import {
  EarlyReturnSignal,
  ErrorSignal,
  type FieldFacts,
  type InvocationState,
  newInvocationState,
  raisedError,
  UnauthorizedSignal,
  unauthorizedMessage,
} from '../appsync-utils/invocation';

/** Host services the realm may call. They take and return primitives only. */
export interface RealmBridge {
  /** `count` random bytes as lowercase hex. */
  randomHex(count: number): string;
  log(level: string, label: string, message: string): void;
}

/** What a handler invocation (or a module's top-level code) came to, as primitives and JSON text. */
export interface RealmOutcome {
  readonly kind: 'return' | 'earlyReturn' | 'error' | 'timeout' | 'codeError';
  /** JSON of the returned / early-returned value; absent for `undefined`. */
  readonly value: string | undefined;
  readonly skipTo: 'END' | 'NEXT' | undefined;
  /** JSON of the RaisedError for kind 'error'. */
  readonly error: string | undefined;
  /** For kind 'codeError': the JavaScript error the code ran into. */
  readonly errorName: string | undefined;
  readonly errorMessage: string | undefined;
  readonly errorStack: string | undefined;
  /** JSON arrays, or '' when empty. */
  readonly appended: string;
  readonly extensions: string;
}

export interface ContextInit {
  readonly arguments: Record<string, unknown>;
  readonly source: unknown;
  readonly identity: unknown;
  readonly info: unknown;
  readonly request: unknown;
  readonly env: Record<string, string>;
  readonly field: FieldFacts;
}

type Handler = (ctx: unknown) => unknown;
type ModuleFactory = (...args: unknown[]) => () => Record<string, unknown>;

/** Checks the clock once every this many guard calls (function entries and loop iterations). */
const GUARD_EVERY = 256;

class TimeoutSignal {}

function hexBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

export function install(bridge: RealmBridge) {
  const now = () => Date.now();
  const random = Math.random;
  let state: InvocationState = newInvocationState({ authType: '', fieldName: '', parentTypeName: '' });
  let label = '';
  let deadline = Number.POSITIVE_INFINITY;
  let budget = GUARD_EVERY;
  const TIMEOUT = new TimeoutSignal();
  const facts = new WeakMap<object, FieldFacts>();

  function guard(): void {
    budget -= 1;
    if (budget > 0) return;
    budget = GUARD_EVERY;
    if (now() > deadline) throw TIMEOUT;
  }

  // The functions of the running module now being executed (ids given by module-source.ts), innermost
  // last. APPSYNC_JS does not support recursive calls: entering a function already on the stack fails,
  // with the wording of @aws-appsync/eslint-plugin's no-recursion rule.
  let active: boolean[] = [];
  let activeNames: string[] = [];
  let activeIds: number[] = [];
  function resetCallStack(): void {
    active = [];
    activeNames = [];
    activeIds = [];
  }
  function enter(id: number, name: string): void {
    guard();
    if (active[id] === true) {
      const cycle = [...activeNames.slice(activeIds.lastIndexOf(id)), name].join(' <-');
      throw new TypeError(`Recursive function calls not supported. Detected cycle in ${cycle}`);
    }
    active[id] = true;
    activeIds.push(id);
    activeNames.push(name);
  }
  function leave<T>(id: number, value?: T): T | undefined {
    active[id] = false;
    activeIds.pop();
    activeNames.pop();
    return value;
  }

  // APPSYNC_JS does not support passing a function as an argument (except to the array methods listed in
  // module-source.ts): every other call argument that could be one goes through this check.
  function functionArgument(callee: string): TypeError {
    const to = callee === '' ? '' : ` (to ${callee})`;
    const sort = /(^|\.)(sort|toSorted)$/.test(callee) ? '; Array.prototype.sort takes no comparator in APPSYNC_JS' : '';
    return new TypeError(`Functions can not be passed as an argument${to}${sort}`);
  }
  function argument<T>(value: T, callee: string): T {
    if (typeof value === 'function') throw functionArgument(callee);
    return value;
  }
  function spreadArguments<T>(values: T, callee: string): T {
    if (Array.isArray(values)) for (const value of values) if (typeof value === 'function') throw functionArgument(callee);
    return values;
  }

  const globals = createAppSyncGlobals({
    randomBytes: (count) => hexBytes(bridge.randomHex(count)),
    now,
    random: () => random(),
    state: () => state,
  });
  const dynamodbModule = createDynamoDBModule();

  // JSON as APPSYNC_JS has it: the guide (built-in objects, JSON) says parsing invalid text gives an empty
  // string instead of an error.
  const realmJson = JSON;
  const appsyncJson = {
    parse(text: unknown, reviver?: unknown): unknown {
      if (reviver !== undefined) throw new TypeError('JSON.parse with a reviver is not supported (functions cannot be passed as arguments)');
      try {
        return realmJson.parse(text as string);
      } catch {
        return '';
      }
    },
    stringify(value: unknown, replacer?: unknown, space?: string | number): string | undefined {
      if (typeof replacer === 'function') throw new TypeError('JSON.stringify with a replacer function is not supported (functions cannot be passed as arguments)');
      return realmJson.stringify(value, replacer as (string | number)[] | null | undefined, space);
    },
  };

  // The guide (supported runtime features, Functions): apply, bind and call are not supported. Module code
  // reaches `.call` / `.apply` / `.bind` only through this check (module-source.ts wraps their object).
  function noFunctionMethod(value: unknown): unknown {
    if (typeof value === 'function') throw new TypeError('Function.prototype.call, apply and bind are not supported in APPSYNC_JS');
    return value;
  }
  // The guide (built-in objects, String): replace and replaceAll take no regular expression objects, but
  // their pattern string is a Java regular expression and the replacement uses Java's `$1` / `${name}`
  // (String.replaceFirst / replaceAll). The runtime's own code keeps calling them with RegExp objects.
  const nativeReplace = String.prototype.replace;
  const nativeReplaceAll = String.prototype.replaceAll;
  const RealmRegExp = RegExp;
  const internal = (pattern: unknown, replacement: unknown) => pattern instanceof RealmRegExp || typeof replacement === 'function';
  Object.defineProperty(String.prototype, 'replace', {
    value: function replace(this: unknown, pattern: unknown, replacement: unknown): string {
      if (internal(pattern, replacement)) return Reflect.apply(nativeReplace, this, [pattern, replacement]) as string;
      return javaReplace(String(this), String(pattern), String(replacement), false);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(String.prototype, 'replaceAll', {
    value: function replaceAll(this: unknown, pattern: unknown, replacement: unknown): string {
      if (internal(pattern, replacement)) return Reflect.apply(nativeReplaceAll, this, [pattern, replacement]) as string;
      return javaReplace(String(this), String(pattern), String(replacement), true);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });

  const modules: Record<string, unknown> = {
    '@aws-appsync/utils': { util: globals.util, runtime: globals.runtime, extensions: globals.extensions },
    '@aws-appsync/utils/dynamodb': dynamodbModule,
  };

  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch {
      return String(value);
    }
  };
  const logger = (level: string) => (...args: unknown[]) => bridge.log(level, label, args.map(show).join(' '));
  const console = { log: logger('log'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') };

  function importModule(name: string): unknown {
    if (!Object.hasOwn(modules, name)) throw new TypeError(`Cannot find module '${name}'`);
    return modules[name];
  }

  function outcome(kind: RealmOutcome['kind'], fields: Partial<RealmOutcome> = {}): RealmOutcome {
    // One fixed shape for every outcome keeps the host's property reads monomorphic (this is the hot path).
    return {
      kind,
      value: fields.value,
      skipTo: fields.skipTo,
      error: fields.error,
      errorName: fields.errorName,
      errorMessage: fields.errorMessage,
      errorStack: fields.errorStack,
      appended: state.appendedErrors.length === 0 ? '' : listJson(state.appendedErrors, (e) => ({ ...e, data: null, errorInfo: null })),
      extensions: state.extensionCalls.length === 0 ? '' : listJson(state.extensionCalls, (c) => ({ name: c.name, args: [] })),
    };
  }

  /** JSON of what a handler appended; entries whose payload cannot be serialized keep only their strings. */
  function listJson<T>(list: readonly T[], stripped: (entry: T) => unknown): string {
    try {
      return JSON.stringify(list);
    } catch {
      return JSON.stringify(list.map(stripped));
    }
  }

  /** Runs `body` with the clock started and describes how it ended. */
  function run(body: () => { kind: 'return' | 'earlyReturn'; value: unknown; skipTo?: 'END' | 'NEXT' }, timeLimitMs: number): RealmOutcome {
    deadline = now() + timeLimitMs;
    budget = GUARD_EVERY;
    resetCallStack();
    try {
      try {
        const result = body();
        return outcome(result.kind, {
          value: result.value === undefined ? undefined : JSON.stringify(result.value),
          skipTo: result.skipTo,
        });
      } catch (signal) {
        if (signal instanceof ErrorSignal) return outcome('error', { error: JSON.stringify(signal.error) });
        if (signal instanceof UnauthorizedSignal) {
          return outcome('error', { error: JSON.stringify(raisedError(unauthorizedMessage(state.field), 'Unauthorized')) });
        }
        throw signal;
      }
    } catch (failure) {
      if (failure === TIMEOUT) return outcome('timeout');
      const error = failure as { name?: unknown; message?: unknown; stack?: unknown };
      return outcome('codeError', {
        errorName: String(error?.name ?? 'Error'),
        errorMessage: String(error?.message ?? failure),
        errorStack: String(error?.stack ?? ''),
      });
    } finally {
      deadline = Number.POSITIVE_INFINITY;
    }
  }

  /** Runs a module's top-level code afresh: APPSYNC_JS keeps no module state from one evaluation to the next. */
  function evaluate(factory: ModuleFactory): Record<string, unknown> {
    return factory(importModule, guard, enter, leave, noFunctionMethod, argument, spreadArguments, globals.util, globals.runtime, globals.extensions, console, appsyncJson)();
  }

  const contextTargets = new WeakMap<object, Record<string, unknown>>();
  const targetOf = (view: object): Record<string, unknown> => {
    const target = contextTargets.get(view);
    if (!target) throw new TypeError('not a context made by this sandbox');
    return target;
  };
  const readOnly = (what: string) => (_target: object, key: string | symbol): never => {
    throw new TypeError(`ctx is readonly. ${what} ${String(key)} is not supported.`);
  };
  const readOnlyContext: ProxyHandler<Record<string, unknown>> = {
    set: readOnly('Adding/Updating'),
    defineProperty: readOnly('Adding/Updating'),
    deleteProperty: readOnly('Deleting'),
    setPrototypeOf: () => {
      throw new TypeError('ctx is readonly. Changing its prototype is not supported.');
    },
    preventExtensions: () => {
      throw new TypeError('ctx is readonly. Freezing or sealing it is not supported.');
    },
  };

  const api = {
    /** Runs a module's top-level code; returns its exports (as `value` is unused, they come back directly). */
    instantiate(factory: ModuleFactory, moduleLabel: string, timeLimitMs: number): { outcome: RealmOutcome; exports?: Record<string, unknown> } {
      label = moduleLabel;
      state = newInvocationState({ authType: '', fieldName: '', parentTypeName: '' });
      let exports: Record<string, unknown> | undefined;
      const outcome = run(() => {
        exports = evaluate(factory);
        return { kind: 'return', value: undefined };
      }, timeLimitMs);
      return exports ? { outcome, exports } : { outcome };
    },

    createContext(initJson: string): object {
      const init = JSON.parse(initJson) as ContextInit;
      // The guide (context reference, Info): the selection sets are not serialized when ctx.info is
      // (JSON.stringify), though they can be read directly; non-enumerable does both.
      const info = init.info as Record<string, unknown>;
      for (const key of ['selectionSetList', 'selectionSetGraphQL']) {
        if (Object.hasOwn(info, key)) Object.defineProperty(info, key, { value: info[key], enumerable: false, writable: true, configurable: true });
      }
      const ctx = {
        arguments: init.arguments,
        args: init.arguments,
        identity: init.identity,
        source: init.source,
        info: init.info,
        request: init.request,
        env: init.env,
        stash: {},
      };
      // Handlers get a read-only view: the guide says the stash cannot be replaced or deleted (its properties
      // can), and @aws-appsync/eslint-plugin (no-disallowed-re-assignment) refuses adding or updating any
      // property of ctx. The runtime itself writes result/prev/error on the target.
      const view = new Proxy(ctx, readOnlyContext);
      facts.set(view, init.field);
      contextTargets.set(view, ctx);
      return view;
    },

    /** `ctx.prev.result` for the next pipeline step. */
    setPrev(view: object, resultJson: string | undefined): void {
      const ctx = targetOf(view);
      ctx.prev = { result: resultJson === undefined ? undefined : JSON.parse(resultJson) };
    },

    /** `ctx.result` / `ctx.error` for a response handler. */
    setResult(view: object, resultJson: string | undefined, errorJson: string | undefined): void {
      const ctx = targetOf(view);
      ctx.result = resultJson === undefined ? null : JSON.parse(resultJson);
      if (errorJson === undefined) delete ctx.error;
      else ctx.error = JSON.parse(errorJson);
    },

    /** Removes `ctx.result` / `ctx.error` before the next request handler. */
    clearResult(view: object): void {
      const ctx = targetOf(view);
      delete ctx.result;
      delete ctx.error;
    },

    stashJson(ctx: Record<string, unknown>): string {
      return JSON.stringify(ctx.stash) ?? 'null';
    },

    /** Runs one exported handler of a freshly evaluated module (module-level state never survives a call). */
    invoke(factory: ModuleFactory, exportName: string, ctx: object, handlerLabel: string, timeLimitMs: number): RealmOutcome {
      label = handlerLabel;
      state = newInvocationState(facts.get(ctx) ?? { authType: '', fieldName: '', parentTypeName: '' });
      return run(() => {
        try {
          const handler = evaluate(factory)[exportName] as Handler;
          return { kind: 'return', value: handler(ctx) };
        } catch (signal) {
          if (signal instanceof EarlyReturnSignal) return { kind: 'earlyReturn', value: signal.value, skipTo: signal.skipTo };
          throw signal;
        }
      }, timeLimitMs);
    },

    /**
     * Freezes every object reachable from the realm's globals (builtins, their prototypes and methods) and
     * the runtime's own objects. The global object itself stays as it is; resolver code cannot reach it.
     */
    harden(): void {
      const seen = new Set<unknown>();
      const stack: unknown[] = [globals, dynamodbModule, modules, console, appsyncJson];
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (name === 'globalThis') continue;
        stack.push(Object.getOwnPropertyDescriptor(globalThis, name)?.value);
      }
      while (stack.length > 0) {
        const value = stack.pop();
        if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
        if (value === globalThis) continue;
        seen.add(value);
        Object.freeze(value);
        stack.push(Object.getPrototypeOf(value));
        for (const key of Reflect.ownKeys(value)) {
          const descriptor = Object.getOwnPropertyDescriptor(value, key);
          if (!descriptor) continue;
          stack.push(descriptor.value, descriptor.get, descriptor.set);
        }
      }
    },
  };
  return api;
}

export type RealmApi = ReturnType<typeof install>;
