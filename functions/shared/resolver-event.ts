/**
 * The contract between AppSync and a resolver Lambda (wiring/resolver-functions.ts), the same in AWS and
 * locally:
 *
 *   event  what the generic resolver code (resolvers/support/lambda-invoke.ts) sends as the Invoke payload:
 *          AppSync's Lambda request shape (arguments, identity, source, info, request headers);
 *   result `{ data }` for the field's value, or `{ error: { errorType, message, errorInfo } }` for an expected
 *          failure: the resolver raises it with `util.error`, so the caller gets our stable errorType
 *          (ValidationError, NotFound…) instead of AppSync's catch-all "Lambda:Unhandled".
 *
 * A handler throws a `ResolverError` for expected failures; anything else it throws fails the invocation
 * (logged, counted by the function's Errors alarm) and reaches the caller as AppSync reports it.
 */
import type { Context } from 'aws-lambda';

/** `ctx.identity` of a Cognito User Pools caller; null for API key callers. */
export interface ResolverIdentity {
  readonly sub: string;
  readonly issuer: string;
  readonly username: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly sourceIp: readonly string[];
  readonly defaultAuthStrategy: string;
  readonly groups: readonly string[] | null;
}

export interface ResolverEvent<TArgs = Record<string, unknown>, TSource = Record<string, unknown> | null> {
  readonly arguments: TArgs;
  readonly identity: ResolverIdentity | null;
  readonly source: TSource;
  readonly info: {
    readonly fieldName: string;
    readonly parentTypeName: string;
    readonly variables: Readonly<Record<string, unknown>>;
    readonly selectionSetList: readonly string[];
    readonly selectionSetGraphQL: string;
  };
  readonly request: { readonly headers: Readonly<Record<string, string>>; readonly domainName: string | null };
}

export interface ResolverErrorShape {
  readonly errorType: string;
  readonly message: string;
  /** Details for the caller (e.g. `{ field }`): the error's errorInfo, like util.error's fourth argument. */
  readonly errorInfo?: unknown;
}

export type ResolverResult<T> = { readonly data: T } | { readonly error: ResolverErrorShape };

/** What a resolver Lambda's `handler` is. */
export type ResolverHandler<TArgs = Record<string, unknown>, T = unknown> = (
  event: ResolverEvent<TArgs>,
  context?: Context,
) => Promise<ResolverResult<T>>;

/** An expected failure with a stable errorType (the web app shows its one Spanish message for it). */
export class ResolverError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly errorInfo?: unknown,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

/** Turns a function that returns the field's value (or throws ResolverError) into a resolver handler. */
export function resolverHandler<TArgs, T>(resolve: (event: ResolverEvent<TArgs>, context?: Context) => Promise<T>): ResolverHandler<TArgs, T> {
  return async (event, context) => {
    try {
      return { data: await resolve(event, context) };
    } catch (error) {
      if (error instanceof ResolverError) {
        return { error: { errorType: error.errorType, message: error.message, ...(error.errorInfo === undefined ? {} : { errorInfo: error.errorInfo }) } };
      }
      throw error;
    }
  };
}

/** The caller's Cognito groups (none for API key callers). */
export function callerGroups(event: ResolverEvent<unknown>): readonly string[] {
  return event.identity?.groups ?? [];
}

/**
 * Refuses a caller outside `group`. The schema's auth directives already keep them out before AppSync calls
 * the Lambda; this check keeps the function safe if a directive is ever dropped.
 */
export function requireGroup(event: ResolverEvent<unknown>, group: string): ResolverIdentity {
  const identity = event.identity;
  if (!identity || !callerGroups(event).includes(group)) {
    throw new ResolverError('Unauthorized', `Not Authorized to access ${event.info.fieldName} on type ${event.info.parentTypeName}`);
  }
  return identity;
}
