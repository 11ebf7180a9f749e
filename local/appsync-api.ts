/**
 * FarmaCruz's API on the local AppSync runtime (the @farmacruz/appsync-local workspace package): the
 * project's schema, bundles, wiring, environment and limits, with the data sources bound to DynamoDB Local.
 * The one place that turns wiring/api.ts into the runtime's arguments (npm start, tests, benchmarks).
 */
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbDataSource,
  createLambdaDataSource,
  createNoneDataSource,
  startLocalAppSync,
  type DataSource,
  type IamTrust,
  type LambdaInvoke,
  type LocalAppSync,
  type UserPoolTrust,
} from '@farmacruz/appsync-local';
import * as apiWiring from '../wiring/api';
import { apiLimits } from '../wiring/api-limits';
import { TABLE_NAME_VARIABLE } from '../model/api-environment';

export interface FarmaCruzApiOptions {
  /** Repository root: schema/schema.graphql and dist/appsync/ are read from here. */
  readonly rootDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
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
  /** More API environment variables (`ctx.env`) besides the table name, e.g. the order policy (model/order-payment.ts). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Credentials whose SigV4 signatures are IAM callers (the local Lambdas': order-realtime publishing). */
  readonly iam?: IamTrust;
  /** Real-time endpoint tuning (e.g. a short keep-alive period in tests). */
  readonly realtime?: { readonly keepAliveIntervalMs?: number };
}

export function startFarmaCruzApi(options: FarmaCruzApiOptions): Promise<LocalAppSync> {
  const table = createDynamoDbDataSource({
    client: options.dynamodb.client,
    tableName: options.dynamodb.tableName,
    nextTokenSecret: options.dynamodb.nextTokenSecret,
  });
  const none = createNoneDataSource();
  const definitions: Readonly<Record<string, apiWiring.DataSourceDefinition>> = apiWiring.dataSources;
  const dataSources: Record<string, DataSource> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.kind === 'AWS_LAMBDA') {
      dataSources[name] = createLambdaDataSource({ functionName: definition.function, invoke: options.lambdaFunctions?.[definition.function] });
    } else {
      dataSources[name] = definition.kind === 'NONE' ? none : table;
    }
  }
  return startLocalAppSync({
    schema: { file: path.join(options.rootDir, 'schema/schema.graphql') },
    bundleDir: path.join(options.rootDir, 'dist/appsync'),
    wiring: apiWiring,
    dataSources,
    // `ctx.env`, as the CDK stack sets the deployed API's environment variables.
    environment: { ...options.environment, [TABLE_NAME_VARIABLE]: options.dynamodb.tableName },
    limits: apiLimits,
    host: options.host,
    port: options.port,
    apiKey: options.apiKey,
    userPool: options.userPool,
    ...(options.iam ? { iam: options.iam } : {}),
    ...(options.realtime ? { realtime: options.realtime } : {}),
  });
}
