/**
 * Executes one GraphQL request the way AppSync does: parse/validate (cached per query text), per-field
 * authorization from the schema's directives, wired fields resolved by the APPSYNC_JS executor, and
 * errors in AppSync's shape ({ path, data, errorType, errorInfo, locations, message }).
 */
import {
  execute,
  GraphQLError,
  parse,
  validate,
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
import { selectionSetInfo } from './selection-set';

export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

export interface AppSyncErrorEntry {
  path: readonly (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
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
  readonly headers: Readonly<Record<string, string>>;
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
}

const MAX_CACHED_DOCUMENTS = 1000;

export interface GraphQLRequestHandlerOptions {
  readonly schema: GraphQLSchema;
  /** Wired fields, keyed `Type.field`. */
  readonly resolvers: ReadonlyMap<string, FieldResolver>;
  readonly authorizeField: FieldAuthorizer;
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

function validationEntry(error: GraphQLError): AppSyncErrorEntry {
  return {
    path: null,
    data: null,
    errorType: 'ValidationError',
    errorInfo: null,
    locations: locationsOf(error),
    message: error.message,
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
  const documents = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  const authDecisions = new Map<string, boolean>();

  function prepare(query: string) {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: { document: DocumentNode } | { errors: readonly GraphQLError[] };
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      prepared = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error as GraphQLError] };
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value as string);
    documents.set(query, prepared);
    return prepared;
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
    const selection = selectionSetInfo(info.fieldNodes[0]!, info.fragments);
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
    const errors = resolution.errors;
    if (errors.length === 0) return resolution.data;
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

  return async function handle(body: GraphQLRequestBody, caller: RequestCaller): Promise<AppSyncResponse> {
    const prepared = prepare(body.query);
    if ('errors' in prepared) return { data: null, errors: prepared.errors.map(validationEntry) };
    const context: ExecutionContext = {
      caller,
      fieldCaller: { authType: caller.authType, groups: caller.identity?.groups ?? [] },
      appended: [],
    };
    const result = await execute({
      schema,
      document: prepared.document,
      variableValues: body.variables ?? undefined,
      operationName: body.operationName ?? undefined,
      contextValue: context,
      fieldResolver,
    });
    const errors: AppSyncErrorEntry[] = [...context.appended];
    for (const error of result.errors ?? []) {
      const original = error.originalError;
      if (original instanceof ResolverFieldError) {
        errors.push(entryFromResolverError(original.resolverError, error.path ?? [], locationsOf(error)));
      } else if (!error.path) {
        errors.push(validationEntry(error));
      } else {
        errors.push({
          path: error.path,
          data: null,
          errorType: null,
          errorInfo: null,
          locations: locationsOf(error),
          message: error.message,
        });
      }
    }
    const response: AppSyncResponse = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
    if (errors.length > 0) response.errors = errors;
    return response;
  };
}

export type GraphQLRequestHandler = ReturnType<typeof createGraphQLRequestHandler>;
