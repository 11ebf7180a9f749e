/**
 * `appsync-local`: runs an AppSync API from its schema, its APPSYNC_JS bundles and a wiring file.
 *
 *   appsync-local --schema schema.graphql --bundles dist/appsync --wiring wiring.ts \
 *     [--port 4000] [--host 127.0.0.1] [--api-key da2-...] \
 *     [--dynamodb-endpoint http://127.0.0.1:8000] [--table <dataSource>=<TableName>]... \
 *     [--env NAME=value]... [--user-pool-issuer URL --user-pool-client-id ID [--jwks-url URL]] [--api-cache]
 *
 * The wiring file (TypeScript or JavaScript) exports `dataSources`, `resolvers` and `pipelineFunctions`
 * (see api-wiring.ts), and optionally `apiLimits`. AMAZON_DYNAMODB data sources need a table each
 * (`--table name=Table`; a single one may be given as `--table Table`); NONE data sources need nothing.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tsImport } from 'tsx/esm/api';
import type { ApiLimits, ApiWiring } from './api-wiring';
import type { DataSource } from './contracts';
import { createDynamoDbDataSource } from './datasources/dynamodb-data-source';
import { createNoneDataSource } from './datasources/none';
import { startLocalAppSync } from './index';

const USAGE = 'usage: appsync-local --schema <file> --bundles <dir> --wiring <file> [--port 4000] [--api-key KEY] ' +
  '[--dynamodb-endpoint URL] [--table <dataSource>=<Table>]... [--env NAME=value]... ' +
  '[--user-pool-issuer URL --user-pool-client-id ID [--jwks-url URL]]';

export interface CliArguments {
  readonly schema: string;
  readonly bundles: string;
  readonly wiring: string;
  readonly host: string;
  readonly port: number;
  readonly apiKey: string;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly userPool: { issuer: string; clientId: string; jwksUrl?: string } | null;
  /** The API cache is on: per-resolver caching in the wiring is honoured. */
  readonly apiCache: boolean;
}

function pairs(values: readonly string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new Error(`${what} must be NAME=value, got "${value}"`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

export function parseCliArguments(argv: readonly string[]): CliArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      schema: { type: 'string' },
      bundles: { type: 'string' },
      wiring: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4000' },
      'api-key': { type: 'string' },
      'dynamodb-endpoint': { type: 'string', default: 'http://127.0.0.1:8000' },
      region: { type: 'string', default: 'us-east-1' },
      table: { type: 'string', multiple: true, default: [] },
      env: { type: 'string', multiple: true, default: [] },
      'user-pool-issuer': { type: 'string' },
      'user-pool-client-id': { type: 'string' },
      'jwks-url': { type: 'string' },
      'api-cache': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.schema || !values.bundles || !values.wiring) throw new Error(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const issuer = values['user-pool-issuer'];
  const clientId = values['user-pool-client-id'];
  if (Boolean(issuer) !== Boolean(clientId)) throw new Error('--user-pool-issuer and --user-pool-client-id go together');
  return {
    schema: path.resolve(values.schema),
    bundles: path.resolve(values.bundles),
    wiring: path.resolve(values.wiring),
    host: values.host,
    port,
    apiKey: values['api-key'] ?? `da2-local${randomBytes(12).toString('hex')}`,
    dynamodbEndpoint: values['dynamodb-endpoint'],
    region: values.region,
    tables: values.table,
    env: pairs(values.env, '--env'),
    userPool: issuer && clientId ? { issuer, clientId, ...(values['jwks-url'] ? { jwksUrl: values['jwks-url'] } : {}) } : null,
    apiCache: values['api-cache'],
  };
}

/** The wiring module's exports (named, or one default export object), checked for shape. */
export async function loadWiring(file: string): Promise<{ wiring: ApiWiring; limits?: Partial<ApiLimits> }> {
  // tsImport compiles TypeScript whatever the module type of the wiring file's own package.
  const loaded = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
  const source = (loaded.resolvers ? loaded : (loaded.default ?? {})) as Record<string, unknown>;
  const { dataSources, resolvers, pipelineFunctions, apiLimits } = source;
  if (!dataSources || typeof dataSources !== 'object' || !Array.isArray(resolvers)) {
    throw new Error(`${file} must export \`dataSources\` (an object) and \`resolvers\` (an array), and may export \`pipelineFunctions\` and \`apiLimits\``);
  }
  return {
    wiring: { dataSources, resolvers, pipelineFunctions: Array.isArray(pipelineFunctions) ? pipelineFunctions : [] } as ApiWiring,
    limits: apiLimits as Partial<ApiLimits> | undefined,
  };
}

/** One implementation per wired data source, from its kind; unsupported kinds are refused by name. */
export function buildDataSources(wiring: ApiWiring, args: CliArguments): Record<string, DataSource> {
  const dynamodbNames = Object.entries(wiring.dataSources).filter(([, d]) => d.kind === 'AMAZON_DYNAMODB').map(([name]) => name);
  const named = pairs(args.tables.filter((t) => t.includes('=')), '--table');
  const bare = args.tables.filter((t) => !t.includes('='));
  if (bare.length > 1 || (bare.length === 1 && dynamodbNames.length !== 1)) {
    throw new Error(`give tables as --table <dataSource>=<Table> (DynamoDB data sources: ${dynamodbNames.join(', ')})`);
  }
  if (bare.length === 1) named[dynamodbNames[0]!] = bare[0]!;
  let client: DynamoDBClient | undefined;
  const dataSources: Record<string, DataSource> = {};
  for (const [name, definition] of Object.entries(wiring.dataSources)) {
    if (definition.kind === 'NONE') dataSources[name] = createNoneDataSource();
    else if (definition.kind === 'AMAZON_DYNAMODB') {
      const tableName = named[name];
      if (!tableName) throw new Error(`data source ${name} (AMAZON_DYNAMODB) needs a table: --table ${name}=<TableName>`);
      client ??= new DynamoDBClient({
        endpoint: args.dynamodbEndpoint,
        region: args.region,
        // DynamoDB Local accepts any credentials; real ones come from the environment when set.
        credentials: process.env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      dataSources[name] = createDynamoDbDataSource({ client, tableName });
    } else {
      throw new Error(`data source ${name}: kind ${definition.kind} is not supported by the command line (use the startLocalAppSync API)`);
    }
  }
  return dataSources;
}

export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCliArguments(argv);
  const { wiring, limits } = await loadWiring(args.wiring);
  const api = await startLocalAppSync({
    schema: { file: args.schema },
    bundleDir: args.bundles,
    wiring,
    dataSources: buildDataSources(wiring, args),
    environment: args.env,
    limits,
    apiCache: args.apiCache,
    host: args.host,
    port: args.port,
    apiKey: args.apiKey,
    userPool: args.userPool,
  });
  process.stdout.write(`AppSync API at ${api.graphqlUrl} (API key ${args.apiKey}); explorer at ${api.url}/\n`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
