/**
 * The whole local AppSync runtime for one test file: the real HTTP endpoint, the same resolver bundles as
 * deployed, DynamoDB Local (a fresh table) and the shared cognito-local for real JWTs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalAppSync } from '@farmacruz/appsync-local';
import { localLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { createLocalResolverFunctions } from '../../local/resolver-functions';
import { startFarmaCruzApi } from '../../local/appsync-api';
import { createTestTable, type TestTable } from './table';
import { testUserPool, type TestUser } from './cognito-users';

export const TEST_API_KEY = 'da2-test-api-key-0123456789';
const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How a request authenticates: not at all, with the API key, or as a Cognito user (ID token). */
export type Caller = 'none' | 'apiKey' | TestUser | { readonly idToken: string };

export interface GraphQLResult<TData = Record<string, unknown>> {
  readonly status: number;
  readonly data: TData | null;
  readonly errors?: readonly {
    readonly path: readonly (string | number)[] | null;
    readonly errorType: string | null;
    readonly errorInfo: unknown;
    readonly message: string;
    readonly data?: unknown;
  }[];
}

/** The credentials the test API trusts for IAM (SigV4) callers, as the local stack trusts its Lambdas'. */
export const TEST_IAM_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface TestApi {
  readonly graphqlUrl: string;
  /** AppSync's real-time WebSocket endpoint of this API. */
  readonly realtimeUrl: string;
  /** Subscriptions registered now. */
  subscriptionCount(): number;
  readonly apiKey: string;
  readonly table: TestTable;
  graphql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResult<TData>>;
  close(): Promise<void>;
}

export function authHeaders(caller: Caller, apiKey: string): Record<string, string> {
  if (caller === 'none') return {};
  if (caller === 'apiKey') return { 'x-api-key': apiKey };
  return { authorization: caller.idToken };
}

export interface TestApiOptions {
  readonly table?: TestTable;
  /** Endpoints and names the resolver Lambdas use beyond the table and the user pool (e.g. a local S3). */
  readonly lambdaSettings?: (settings: LambdaSettings) => LambdaSettings;
  /** More API environment variables (`ctx.env`), e.g. a higher unpaid-orders limit (model/order-payment.ts). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Real-time endpoint tuning (e.g. a short keep-alive period). */
  readonly realtime?: { readonly keepAliveIntervalMs?: number };
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const table = options.table ?? (await createTestTable('api'));
  const pool = testUserPool();
  // The resolver Lambdas run in-process, on this test's table and the shared cognito-local.
  const base = localLambdaSettings({});
  const tableSettings: LambdaSettings = {
    ...base,
    tableName: table.tableName,
    idempotency: { ...base.idempotency, tableName: table.tableName },
    userPoolId: pool.userPoolId,
    aws: { ...base.aws, region: pool.region, endpoints: { dynamodb: table.endpoint, cognito: pool.endpoint }, s3ForcePathStyle: true },
  };
  const lambdaSettings = options.lambdaSettings ? options.lambdaSettings(tableSettings) : tableSettings;
  const lambdaClients = createAwsClients(lambdaSettings, { credentials: LOCAL_CREDENTIALS });
  const api: LocalAppSync = await startFarmaCruzApi({
    rootDir: ROOT_DIR,
    host: '127.0.0.1',
    port: 0,
    apiKey: TEST_API_KEY,
    dynamodb: { client: table.client, tableName: table.tableName },
    userPool: { issuer: pool.issuer, clientId: pool.clientId },
    lambdaFunctions: createLocalResolverFunctions({ settings: lambdaSettings, clients: lambdaClients }),
    ...(options.environment ? { environment: options.environment } : {}),
    iam: { region: 'us-east-1', credentials: [TEST_IAM_CREDENTIALS] },
    ...(options.realtime ? { realtime: options.realtime } : {}),
  });
  return {
    graphqlUrl: api.graphqlUrl,
    realtimeUrl: api.realtimeUrl,
    subscriptionCount: () => api.subscriptionCount(),
    apiKey: TEST_API_KEY,
    table,
    async graphql(query, variables = {}, caller = 'apiKey') {
      const response = await fetch(api.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(caller, TEST_API_KEY) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResult['errors'] };
      return { status: response.status, data: (body.data ?? null) as never, errors: body.errors };
    },
    async close() {
      await api.close();
      lambdaClients.destroy();
    },
  };
}
