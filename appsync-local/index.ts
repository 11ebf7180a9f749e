/**
 * The local AppSync runtime, assembled: an AppSync schema, every wired field resolved by its APPSYNC_JS
 * bundle in the sandbox, the data sources the caller built for the wiring's names, API key, Cognito User
 * Pools and IAM (SigV4) auth as the schema's directives say, all behind one HTTP endpoint with an explorer
 * page, and AppSync's real-time WebSocket protocol for subscriptions on the same port (realtime/).
 *
 * Nothing here knows the project it runs: schema, bundles, wiring, environment and limits are arguments.
 */
import { readFileSync } from 'node:fs';
import type { DataSource, FieldResolver } from './contracts';
import { type ApiLimits, type ApiWiring, APPSYNC_DEFAULT_LIMITS, checkWiring } from './api-wiring';
import { buildAppSyncSchema } from './schema';
import { createGraphQLRequestHandler } from './graphql-request';
import { startAppSyncHttpServer } from './http-server';
import { createRequestAuthenticator } from './auth/authorize-request';
import { createFieldAuthorizer } from './auth/field-rules';
import type { UserPoolTrust } from './auth/cognito-token';
import { createResolverExecutor } from './executor';
import { createApiCache } from './api-cache';
import type { IamTrust } from './auth/iam-signature';
import { SubscriptionHub } from './realtime/subscription-hub';
import { createRealtimeServer, type RealtimeServerOptions } from './realtime/websocket-server';

export type * from './api-wiring';
export { APPSYNC_DEFAULT_LIMITS, checkWiring, pipelineFunctionBundleFile, resolverBundleFile } from './api-wiring';
export type { DataSource, DataSourceOutcome } from './contracts';
export { createDynamoDbDataSource, type DynamoDbDataSourceOptions } from './datasources/dynamodb-data-source';
export { createNoneDataSource } from './datasources/none';
export { createLambdaDataSource, LAMBDA_UNHANDLED, type LambdaInvoke } from './datasources/lambda';
export type { UserPoolTrust } from './auth/cognito-token';
export type { IamTrust, IamCredential } from './auth/iam-signature';
export { verifySigV4 } from './auth/iam-signature';
export { buildAppSyncSchema } from './schema';

export interface LocalAppSyncOptions {
  /** The schema in AppSync's dialect (AWS scalars and directives are declared by the runtime), or its file. */
  readonly schema: { readonly sdl: string } | { readonly file: string };
  /** Folder of the APPSYNC_JS bundles: `resolvers/Type.field.js`, `pipeline/name.js`. */
  readonly bundleDir: string;
  readonly wiring: ApiWiring;
  /** One implementation per data source the wiring names (createDynamoDbDataSource, createNoneDataSource, ...). */
  readonly dataSources: Readonly<Record<string, DataSource>>;
  /** The API's environment variables: `ctx.env` in every handler. */
  readonly environment?: Readonly<Record<string, string>>;
  /** AppSync's defaults when omitted: no depth limit, 10,000 resolvers, 30 s. */
  readonly limits?: Partial<ApiLimits>;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /**
   * The deployment's API cache is on: resolvers with `caching` in the wiring answer from an in-memory cache
   * for their TTL, and `extensions.evictFromApiCache` evicts. Off (AppSync's default) when omitted.
   */
  readonly apiCache?: boolean;
  /** The API key accepted in `x-api-key`. */
  readonly apiKey: string;
  /** The Cognito user pool whose tokens are trusted; null disables the Cognito mode. */
  readonly userPool: UserPoolTrust | null;
  /** Credentials whose SigV4 signatures make IAM callers (a local backend's); absent: no IAM mode. */
  readonly iam?: IamTrust;
  /** Real-time endpoint tuning (keep-alive period, caps); AppSync's values when omitted. */
  readonly realtime?: Pick<RealtimeServerOptions, 'keepAliveIntervalMs' | 'connectionTimeoutMs' | 'maxSubscriptionsPerConnection'>;
}

export interface LocalAppSync {
  readonly url: string;
  readonly graphqlUrl: string;
  /** The real-time (WebSocket) endpoint, as with an AppSync custom domain: ws://host:port/graphql/realtime. */
  readonly realtimeUrl: string;
  /** Subscriptions registered now (tests, benchmarks). */
  subscriptionCount(): number;
  close(): Promise<void>;
}

export async function startLocalAppSync(options: LocalAppSyncOptions): Promise<LocalAppSync> {
  const sdl = 'sdl' in options.schema ? options.schema.sdl : readFileSync(options.schema.file, 'utf8');
  const schema = buildAppSyncSchema(sdl);
  const { wiring } = options;
  checkWiring(wiring);
  const missing = Object.keys(wiring.dataSources).filter((name) => !options.dataSources[name]);
  if (missing.length > 0) {
    throw new Error(`No implementation was given for the data source(s) ${missing.join(', ')} (kinds: ${missing.map((n) => wiring.dataSources[n]!.kind).join(', ')})`);
  }
  const environment = options.environment ?? {};
  const resolvers = new Map<string, FieldResolver>();
  const cache = options.apiCache ? createApiCache() : null;
  for (const resolver of wiring.resolvers) {
    const executor = createResolverExecutor({
      bundleDir: options.bundleDir,
      resolver,
      dataSources: options.dataSources,
      pipelineFunctions: wiring.pipelineFunctions,
      env: environment,
    });
    resolvers.set(`${resolver.typeName}.${resolver.fieldName}`, cache ? cache.wrap(resolver, executor) : executor);
  }
  const limits = { ...APPSYNC_DEFAULT_LIMITS, ...options.limits };
  const authorizeField = createFieldAuthorizer(schema);
  const hub = new SubscriptionHub(schema, authorizeField);
  const handleGraphQL = createGraphQLRequestHandler({
    schema,
    resolvers,
    authorizeField,
    // A mutation's results go to the subscriptions of its @aws_subscribe fields; its invalidations end theirs.
    onMutation: (outcome) => {
      for (const field of outcome.fields) hub.publish(field.fieldName, field.data);
      for (const call of outcome.extensionCalls) {
        if (call.name !== 'invalidateSubscriptions') continue;
        const invalidation = call.args[0] as { subscriptionField?: unknown; payload?: unknown } | undefined;
        if (typeof invalidation?.subscriptionField === 'string') hub.invalidate(invalidation.subscriptionField, invalidation.payload ?? {});
      }
    },
    limits: {
      queryDepthLimit: limits.queryDepthLimit,
      resolverCountLimit: limits.resolverCountLimit,
      requestTimeoutMs: limits.requestTimeoutSeconds * 1000,
    },
  });
  const authenticator = createRequestAuthenticator({ apiKey: options.apiKey, userPool: options.userPool, iam: options.iam ?? null });
  const realtime = createRealtimeServer({
    schema,
    resolvers,
    authorizeField,
    hub,
    authenticate: (headers, signed, origin) => authenticator.authenticate(headers, { ...origin, signed }),
    ...options.realtime,
  });
  const server = await startAppSyncHttpServer({
    host: options.host,
    port: options.port,
    handleGraphQL,
    authenticator,
    explorerDefaults: { apiKey: options.apiKey },
    onUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
  });
  return {
    url: server.url,
    graphqlUrl: server.graphqlUrl,
    realtimeUrl: `${server.url.replace(/^http/, 'ws')}/graphql/realtime`,
    subscriptionCount: () => hub.size,
    close: async () => {
      await realtime.close();
      await server.close();
    },
  };
}
