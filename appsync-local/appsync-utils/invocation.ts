/**
 * The state one handler invocation (one `request` or `response` call) accumulates, and the signals that
 * end a handler early. `util.error`, `util.unauthorized` and `runtime.earlyReturn` stop the handler the
 * way AppSync does: by unwinding it. Resolver code cannot catch them (APPSYNC_JS has no try/catch), so
 * only the runtime that invoked the handler sees them.
 *
 * This module runs inside the sandbox realm as well as in the host (tests), so it uses no Node APIs.
 */

/** An error as `util.error` / `util.appendError` describe it. */
export interface RaisedError {
  readonly message: string;
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;
}

/** A call resolver code made on `extensions`, recorded for the server to act on. */
export interface ExtensionCall {
  readonly name: 'evictFromApiCache' | 'setSubscriptionFilter' | 'setSubscriptionInvalidationFilter' | 'invalidateSubscriptions';
  readonly args: readonly unknown[];
}

/** Facts about the field being resolved that `util` needs and `ctx` does not carry. */
export interface FieldFacts {
  readonly authType: string;
  readonly fieldName: string;
  readonly parentTypeName: string;
}

/** What one handler invocation has appended so far. The runtime swaps in a fresh one per invocation. */
export interface InvocationState {
  readonly field: FieldFacts;
  readonly appendedErrors: RaisedError[];
  readonly extensionCalls: ExtensionCall[];
}

export function newInvocationState(field: FieldFacts): InvocationState {
  return { field, appendedErrors: [], extensionCalls: [] };
}

/** `util.error(...)`: the handler stops and the field resolves to null with this error. */
export class ErrorSignal {
  constructor(readonly error: RaisedError) {}
}

/** `util.unauthorized()`: the handler stops with AppSync's "Not Authorized" error. */
export class UnauthorizedSignal {}

/** `runtime.earlyReturn(...)`: the handler stops and `value` stands in for what it would have returned. */
export class EarlyReturnSignal {
  constructor(
    readonly value: unknown,
    readonly skipTo: 'END' | 'NEXT' | undefined,
  ) {}
}

export function raisedError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): RaisedError {
  return {
    message: typeof message === 'string' ? message : String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    data: data === undefined ? null : data,
    errorInfo: errorInfo === undefined ? null : errorInfo,
  };
}

/** AppSync's message for a field the caller may not resolve. */
export function unauthorizedMessage(field: FieldFacts): string {
  return `Not Authorized to access ${field.fieldName} on type ${field.parentTypeName}`;
}
