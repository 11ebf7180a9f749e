/**
 * The seams between the parts of the local AppSync runtime:
 *   server (HTTP + GraphQL + auth)  →  resolver executor (sandboxed APPSYNC_JS, unit/pipeline)  →  data sources.
 */

/** `ctx.identity` for Cognito User Pools callers, shaped like AppSync's. Null for API key callers. */
export interface CognitoIdentity {
  readonly sub: string;
  readonly issuer: string;
  readonly username: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly sourceIp: readonly string[];
  readonly defaultAuthStrategy: 'ALLOW' | 'DENY';
  readonly groups: readonly string[] | null;
}

/** `IAM Authorization`: a SigV4-signed backend caller (its `ctx.identity` is null locally; docs/realtime.md). */
export type AuthType = 'API Key Authorization' | 'User Pool Authorization' | 'IAM Authorization';

/** `ctx.info`, as AppSync fills it. */
export interface ResolverInfo {
  readonly fieldName: string;
  readonly parentTypeName: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly selectionSetList: readonly string[];
  readonly selectionSetGraphQL: string;
}

/** Everything one field resolution starts from. */
export interface ResolverInvocation {
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly source: Readonly<Record<string, unknown>> | null;
  readonly identity: CognitoIdentity | null;
  readonly authType: AuthType;
  readonly request: { readonly headers: Readonly<Record<string, string | readonly string[]>>; readonly domainName: string | null };
  readonly info: ResolverInfo;
}

/** An error as AppSync reports it in the response's `errors` list (path and locations are added by the server). */
export interface ResolverError {
  readonly message: string;
  readonly errorType: string | null;
  readonly errorInfo: unknown;
  readonly data: unknown;
}

/** The outcome of one field: its value (null on error) plus every error raised or appended on the way. */
export interface FieldResolution {
  readonly data: unknown;
  readonly errors: readonly ResolverError[];
  /** `extensions` calls the field's code made (subscription filters, invalidations, cache evictions). */
  readonly extensionCalls?: readonly { readonly name: string; readonly args: readonly unknown[] }[];
}

/** What a data source gives back to the response handler: `ctx.result` or `ctx.error`. */
export interface DataSourceOutcome {
  readonly result?: unknown;
  readonly error?: { readonly message: string; readonly type: string };
}

/** A data source takes the request object a request handler returned and performs it. */
export interface DataSource {
  invoke(requestObject: unknown): Promise<DataSourceOutcome>;
}

/** The result of checking a request's credentials (x-api-key or Authorization). */
export type AuthOutcome =
  | { readonly ok: true; readonly authType: AuthType; readonly identity: CognitoIdentity | null }
  | { readonly ok: false; readonly status: number; readonly body: unknown };

export interface RequestAuthenticator {
  /**
   * `origin.remoteAddress` is the TCP peer, used for `ctx.identity.sourceIp` when no x-forwarded-for is sent;
   * `origin.signed` is what a SigV4 signature covers (method, path, body), for IAM callers.
   */
  authenticate(
    headers: Readonly<Record<string, string | undefined>>,
    origin?: { readonly remoteAddress?: string; readonly signed?: { readonly method: string; readonly path: string; readonly body: string } },
  ): Promise<AuthOutcome>;
}

/** Who is asking, as far as the schema's auth directives care. */
export interface FieldCaller {
  readonly authType: AuthType;
  readonly groups: readonly string[];
}

/** Decides whether a caller may resolve one field, from the schema's auth directives. */
export type FieldAuthorizer = (typeName: string, fieldName: string, caller: FieldCaller) => boolean;

/** Resolves one wired field. */
export interface FieldResolver {
  resolve(invocation: ResolverInvocation): Promise<FieldResolution>;
}
