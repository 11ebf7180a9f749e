/**
 * Executes one GraphQL request the way AppSync does: parse/validate (cached per query text), per-field
 * authorization from the schema's directives, wired fields resolved by the APPSYNC_JS executor, and
 * errors in AppSync's shape ({ path, data, errorType, errorInfo, locations, message } for resolver errors;
 * { path, locations, message } in graphql-java's words for request-level ones, see error-wording.ts).
 */
import {
  execute,
  getNamedType,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type {
  AuthType,
  CognitoIdentity,
  FieldAuthorizer,
  FieldCaller,
  FieldResolver,
  ResolverError,
} from './contracts';
import { filterErrorData, selectionSetInfo } from './selection-set';
import { APPSYNC_DEFAULT_LIMITS } from './api-wiring';
import { appSyncValidationErrors, nonNullEntry, syntaxErrorEntry, variableErrors } from './error-wording';
import { findDepthExcess, ParsedQueryCache } from './query-limits';

export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

/**
 * An error entry as AppSync writes it. Resolver errors (util.error, Unauthorized, limits) carry
 * `data`, `errorType` and `errorInfo`; request-level errors (syntax, validation, variables, a null in a
 * non-null field) only `path`, `locations` and `message`, as AppSync's do (see error-wording.ts).
 */
export interface AppSyncErrorEntry {
  path: readonly (string | number)[] | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

export interface AppSyncResponse {
  data: Record<string, unknown> | null;
  errors?: AppSyncErrorEntry[];
}

export interface RequestCaller {
  readonly authType: AuthType;
  readonly identity: CognitoIdentity | null;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly domainName: string | null;
}

/** An error a resolver raised (util.error / util.unauthorized) or appended, carried through graphql-js. */
class ResolverFieldError extends Error {
  constructor(readonly resolverError: ResolverError) {
    super(resolverError.message);
  }
}

interface ExecutionContext {
  readonly caller: RequestCaller;
  readonly fieldCaller: FieldCaller;
  readonly appended: AppSyncErrorEntry[];
  /** Wired-field invocations so far (resolverCountLimit). */
  resolverCount: number;
  /** Past the request's time cap, or answered already: fields not yet started are not started. */
  timedOut: boolean;
  /** Wired fields of this request resolving now, and those waiting for a turn (see MAX_CONCURRENT_RESOLVERS). */
  running: number;
  readonly waiting: (() => void)[];
  /** `extensions` calls of the wired fields resolved so far (a mutation's invalidations act after it). */
  readonly extensionCalls: { readonly name: string; readonly args: readonly unknown[] }[];
}

/** A mutation's top-level field that completed, as the real-time hub needs it (docs/realtime.md). */
export interface MutationFieldResult {
  readonly fieldName: string;
  /** The field's value as the mutation selected it: what subscribers of its @aws_subscribe fields get. */
  readonly data: unknown;
}

/** What a mutation request did, for subscriptions: its fields' results and the extensions calls made. */
export interface MutationOutcome {
  readonly fields: readonly MutationFieldResult[];
  readonly extensionCalls: readonly { readonly name: string; readonly args: readonly unknown[] }[];
}

/**
 * Wired fields one request resolves at once. graphql-js starts every field of a list together; without a
 * bound, one request fanning out to 200 resolvers queues 200 calls at DynamoDB Local ahead of every other
 * request of the shared local process. With it, other requests' calls interleave with the heavy one's.
 */
const MAX_CONCURRENT_RESOLVERS = 4;

export interface RequestLimits {
  /** 0: unlimited. */
  readonly queryDepthLimit: number;
  readonly resolverCountLimit: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  queryDepthLimit: APPSYNC_DEFAULT_LIMITS.queryDepthLimit,
  resolverCountLimit: APPSYNC_DEFAULT_LIMITS.resolverCountLimit,
  requestTimeoutMs: APPSYNC_DEFAULT_LIMITS.requestTimeoutSeconds * 1000,
};

/** Parsed queries kept: 32 MiB by the cache's estimate (a few hundred typical queries). */
const PARSED_QUERY_CACHE_BYTES = 32 * 1024 * 1024;

const resolverLimitError: ResolverError = {
  message: 'Resolver invocation limit reached.',
  errorType: 'ResolverExecutionLimitReached',
  errorInfo: null,
  data: null,
};

const timeoutError: ResolverError = {
  message: 'Execution timed out.',
  errorType: 'ExecutionTimeout',
  errorInfo: null,
  data: null,
};

export interface GraphQLRequestHandlerOptions {
  readonly schema: GraphQLSchema;
  /** Wired fields, keyed `Type.field`. */
  readonly resolvers: ReadonlyMap<string, FieldResolver>;
  readonly authorizeField: FieldAuthorizer;
  /** AppSync's defaults when omitted (no depth limit, 10,000 resolvers, 30 s). */
  readonly limits?: Partial<RequestLimits>;
  /** Byte budget of the parsed-query cache (estimated); 32 MiB when omitted. */
  readonly parsedQueryCacheBytes?: number;
  /** Called after each mutation request (the real-time hub publishes and invalidates from it). */
  readonly onMutation?: (outcome: MutationOutcome) => void;
}

function pathOf(path: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  let node = path as { prev: unknown; key: string | number } | undefined;
  while (node) {
    keys.unshift(node.key);
    node = node.prev as typeof node;
  }
  return keys;
}

function locationsOf(error: GraphQLError): AppSyncErrorEntry['locations'] {
  return error.locations ? error.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
}

/** An execution error without a path (variable coercion), worded like graphql-java where it can be. */
function requestEntry(error: GraphQLError): AppSyncErrorEntry {
  const invalid = /^Variable "\$([^"]+)" got invalid value .*?; (.*)$/s.exec(error.message);
  return {
    path: null,
    locations: locationsOf(error),
    message: invalid ? `Variable '${invalid[1]}' has an invalid value: ${invalid[2]}` : error.message,
  };
}

function entryFromResolverError(
  error: ResolverError,
  path: readonly (string | number)[],
  locations: AppSyncErrorEntry['locations'],
): AppSyncErrorEntry {
  return {
    path,
    data: error.data ?? null,
    errorType: error.errorType,
    errorInfo: error.errorInfo ?? null,
    locations,
    message: error.message,
  };
}

export function createGraphQLRequestHandler(options: GraphQLRequestHandlerOptions) {
  const { schema, resolvers, authorizeField } = options;
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...options.limits };
  type Prepared = { document: DocumentNode } | { errors: readonly AppSyncErrorEntry[] };
  const documents = new ParsedQueryCache<Prepared>(options.parsedQueryCacheBytes ?? PARSED_QUERY_CACHE_BYTES);
  const authDecisions = new Map<string, boolean>();

  function prepare(query: string): Prepared {
    const cached = documents.get(query);
    if (cached) return cached;
    const prepared = prepareUncached(query);
    documents.set(query, prepared);
    return prepared;
  }

  function prepareUncached(query: string): Prepared {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [syntaxErrorEntry(error as GraphQLError, query)] };
    }
    const errors = appSyncValidationErrors(schema, document);
    if (errors.length > 0) return { errors };
    const excess = limits.queryDepthLimit > 0 ? findDepthExcess(document, limits.queryDepthLimit) : undefined;
    if (!excess) return { document };
    const location = excess.field.loc?.startToken;
    return {
      errors: [
        {
          path: null,
          data: null,
          errorType: 'QueryDepthLimitReached',
          errorInfo: null,
          locations: location ? [{ line: location.line, column: location.column, sourceName: null }] : null,
          message: `Query depth limit of ${limits.queryDepthLimit} exceeded: the query is ${excess.depth} levels deep.`,
        },
      ],
    };
  }

  function isAllowed(typeName: string, fieldName: string, caller: FieldCaller): boolean {
    const key = `${typeName}.${fieldName}|${caller.authType}|${caller.groups.join(',')}`;
    let allowed = authDecisions.get(key);
    if (allowed === undefined) {
      allowed = authorizeField(typeName, fieldName, caller);
      authDecisions.set(key, allowed);
    }
    return allowed;
  }

  // Synchronous for plain fields (most of a response): only wired fields pay for a promise.
  const fieldResolver: GraphQLFieldResolver<unknown, ExecutionContext> = (source, args, context, info) => {
    const typeName = info.parentType.name;
    if (!isAllowed(typeName, info.fieldName, context.fieldCaller)) {
      throw new ResolverFieldError({
        message: `Not Authorized to access ${info.fieldName} on type ${typeName}`,
        errorType: 'Unauthorized',
        errorInfo: null,
        data: null,
      });
    }
    const resolver = resolvers.get(`${typeName}.${info.fieldName}`);
    if (!resolver) {
      return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
    }
    return resolveWired(resolver, source, args, context, info);
  };

  async function resolveWired(
    resolver: FieldResolver,
    source: unknown,
    args: Record<string, unknown>,
    context: ExecutionContext,
    info: Parameters<GraphQLFieldResolver<unknown, ExecutionContext>>[3],
  ): Promise<unknown> {
    const typeName = info.parentType.name;
    if (context.timedOut) throw new ResolverFieldError(timeoutError);
    context.resolverCount += 1;
    if (context.resolverCount > limits.resolverCountLimit) throw new ResolverFieldError(resolverLimitError);
    if (context.running >= MAX_CONCURRENT_RESOLVERS) {
      // A finishing field hands its turn over (running stays the same).
      await new Promise<void>((resolve) => context.waiting.push(resolve));
      if (context.timedOut) throw new ResolverFieldError(timeoutError);
    } else {
      context.running += 1;
    }
    try {
      return await invokeWired(resolver, source, args, context, info);
    } finally {
      const next = context.waiting.shift();
      if (next) next();
      else context.running -= 1;
    }
  }

  async function invokeWired(
    resolver: FieldResolver,
    source: unknown,
    args: Record<string, unknown>,
    context: ExecutionContext,
    info: Parameters<GraphQLFieldResolver<unknown, ExecutionContext>>[3],
  ): Promise<unknown> {
    const typeName = info.parentType.name;
    const returnType = getNamedType(info.returnType);
    const selection = selectionSetInfo(schema, info.fieldNodes[0]!, returnType, info.fragments);
    const resolution = await resolver.resolve({
      arguments: args,
      source: (source as Record<string, unknown> | null) ?? null,
      identity: context.caller.identity,
      authType: context.caller.authType,
      request: { headers: context.caller.headers, domainName: context.caller.domainName },
      info: {
        fieldName: info.fieldName,
        parentTypeName: typeName,
        variables: info.variableValues,
        selectionSetList: selection.selectionSetList,
        selectionSetGraphQL: selection.selectionSetGraphQL,
      },
    });
    if (resolution.extensionCalls?.length) context.extensionCalls.push(...resolution.extensionCalls);
    if (resolution.errors.length === 0) return resolution.data;
    // util.error / appendError data: only what the query selected on this field.
    const errors = resolution.errors.map((error) =>
      error.data === null || error.data === undefined
        ? error
        : { ...error, data: filterErrorData(schema, error.data, info.fieldNodes, returnType, info.fragments) },
    );
    const path = pathOf(info.path);
    const locations = info.fieldNodes.map((n) => ({
      line: n.loc?.startToken.line ?? 0,
      column: n.loc?.startToken.column ?? 0,
      sourceName: null,
    }));
    const fatal = resolution.data === null || resolution.data === undefined;
    const appendedErrors = fatal ? errors.slice(0, -1) : errors;
    for (const error of appendedErrors) context.appended.push(entryFromResolverError(error, path, locations));
    if (fatal) throw new ResolverFieldError(errors[errors.length - 1]!);
    return resolution.data;
  }

  function reportMutation(document: DocumentNode, operationName: string | null, data: Record<string, unknown> | null, context: ExecutionContext): void {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (!operation || operation.operation !== 'mutation') return;
    const fields: MutationFieldResult[] = [];
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const value = data?.[selection.alias?.value ?? selection.name.value];
      if (value !== null && value !== undefined) fields.push({ fieldName: selection.name.value, data: value });
    }
    options.onMutation!({ fields, extensionCalls: context.extensionCalls });
  }

  return async function handle(body: GraphQLRequestBody, caller: RequestCaller): Promise<AppSyncResponse> {
    const prepared = prepare(body.query);
    if ('errors' in prepared) return { data: null, errors: [...prepared.errors] };
    const operation = getOperationAST(prepared.document, body.operationName ?? undefined);
    if (operation) {
      const refused = variableErrors(schema, operation, body.variables ?? {});
      if (refused.length > 0) return { data: null, errors: refused };
    }
    const context: ExecutionContext = {
      caller,
      fieldCaller: { authType: caller.authType, groups: caller.identity?.groups ?? [] },
      appended: [],
      resolverCount: 0,
      timedOut: false,
      running: 0,
      waiting: [],
      extensionCalls: [],
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), limits.requestTimeoutMs);
    });
    const execution = Promise.resolve(
      execute({
        schema,
        document: prepared.document,
        variableValues: body.variables ?? undefined,
        operationName: body.operationName ?? undefined,
        contextValue: context,
        fieldResolver,
      }),
    );
    const result = await Promise.race([execution, timedOut]).finally(() => {
      clearTimeout(timer);
      // Fields still queued (a null that bubbled up ends a list early, a timeout ends all) start nothing.
      context.timedOut = true;
      for (const wake of context.waiting.splice(0)) wake();
    });
    if (result === 'timed-out') {
      execution.catch(() => undefined);
      return { data: null, errors: [{ path: null, data: null, errorType: timeoutError.errorType, errorInfo: null, locations: null, message: timeoutError.message }] };
    }
    const errors: AppSyncErrorEntry[] = [...context.appended];
    for (const error of result.errors ?? []) {
      const original = error.originalError;
      if (original instanceof ResolverFieldError) {
        errors.push(entryFromResolverError(original.resolverError, error.path ?? [], locationsOf(error)));
      } else if (!error.path) {
        errors.push(requestEntry(error));
      } else {
        errors.push(nonNullEntry(schema, error) ?? { path: error.path, locations: locationsOf(error), message: error.message });
      }
    }
    const response: AppSyncResponse = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
    if (errors.length > 0) response.errors = errors;
    if (options.onMutation) reportMutation(prepared.document, body.operationName ?? null, response.data, context);
    return response;
  };
}

export type GraphQLRequestHandler = ReturnType<typeof createGraphQLRequestHandler>;
