/**
 * The local AppSync runtime, assembled: the schema from schema/, every wired field (wiring/api.ts) resolved
 * by its APPSYNC_JS bundle in the sandbox, DynamoDB data sources on DynamoDB Local, API key and Cognito User
 * Pools auth as the schema's directives say, all behind one HTTP endpoint with an explorer page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dataSources as wiredDataSources, resolvers as wiredResolvers, type DataSourceDefinition, type DataSourceName } from '../wiring/api';
import type { DataSource, FieldResolver } from './contracts';
import { buildAppSyncSchema } from './schema';
import { createGraphQLRequestHandler } from './graphql-request';
import { startAppSyncHttpServer } from './http-server';
import { createRequestAuthenticator } from './auth/authorize-request';
import { createFieldAuthorizer } from './auth/field-rules';
import type { UserPoolTrust } from './auth/cognito-token';
import { createDynamoDbDataSource } from './datasources/dynamodb';
import { createNoneDataSource } from './datasources/none';
import { createLambdaDataSource, type LambdaInvoke } from './datasources/lambda';
import { createResolverExecutor } from './executor';
import { TABLE_NAME_VARIABLE } from '../model/api-environment';

export interface LocalAppSyncOptions {
  /** Repository root: schema/schema.graphql and the bundles under dist/appsync/ are read from here. */
  readonly rootDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The API key accepted in `x-api-key`. */
  readonly apiKey: string;
  readonly dynamodb: {
    readonly client: DynamoDBClient;
    readonly tableName: string;
    /** Keeps nextTokens valid across restarts; random per process when omitted. */
    readonly nextTokenSecret?: string;
  };
  /** The Cognito user pool whose tokens are trusted; null disables the Cognito mode. */
  readonly userPool: UserPoolTrust | null;
  /**
   * How to run each resolver function (wiring/resolver-functions.ts) that an AWS_LAMBDA data source invokes,
   * by function name; local/resolver-functions.ts builds these. A function without one fails its fields.
   */
  readonly lambdaFunctions?: Readonly<Record<string, LambdaInvoke>>;
}

export interface LocalAppSync {
  readonly url: string;
  readonly graphqlUrl: string;
  close(): Promise<void>;
}

export async function startLocalAppSync(options: LocalAppSyncOptions): Promise<LocalAppSync> {
  const schema = buildAppSyncSchema(readFileSync(path.join(options.rootDir, 'schema/schema.graphql'), 'utf8'));
  const table = createDynamoDbDataSource({
    client: options.dynamodb.client,
    tableName: options.dynamodb.tableName,
    nextTokenSecret: options.dynamodb.nextTokenSecret,
  });
  const none = createNoneDataSource();
  const definitions: Readonly<Record<string, DataSourceDefinition>> = wiredDataSources;
  const dataSources: Record<string, DataSource> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.kind === 'AWS_LAMBDA') {
      dataSources[name] = createLambdaDataSource({ functionName: definition.function, invoke: options.lambdaFunctions?.[definition.function] });
    } else {
      dataSources[name] = definition.kind === 'NONE' ? none : table;
    }
  }
  // `ctx.env`, as the CDK stack sets the deployed API's environment variables (model/api-environment.ts).
  const apiEnvironment = { [TABLE_NAME_VARIABLE]: options.dynamodb.tableName };
  const resolvers = new Map<string, FieldResolver>();
  for (const resolver of wiredResolvers) {
    resolvers.set(
      `${resolver.typeName}.${resolver.fieldName}`,
      createResolverExecutor({ rootDir: options.rootDir, resolver, dataSources: dataSources as Record<DataSourceName, DataSource>, env: apiEnvironment }),
    );
  }
  const handleGraphQL = createGraphQLRequestHandler({ schema, resolvers, authorizeField: createFieldAuthorizer(schema) });
  const server = await startAppSyncHttpServer({
    host: options.host,
    port: options.port,
    handleGraphQL,
    authenticator: createRequestAuthenticator({ apiKey: options.apiKey, userPool: options.userPool }),
    explorerDefaults: { apiKey: options.apiKey },
  });
  return server;
}
