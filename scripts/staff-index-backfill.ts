/**
 * `npm run staff:backfill`: gives the products and orders of a table their staff index (GSI3) keys — what a table
 * deployed before GSI3 existed needs once, after the CloudFormation update that adds the index (docs/deploy.md,
 * "Backfilling the staff index"). The work is catalog/staff-index.ts's `ensureStaffIndex` (the one `npm start`
 * runs locally): conditional updates that never overwrite keys a writer set meanwhile, then a marker item.
 *
 *   npm run staff:backfill -- --outputs cdk-outputs.json            the deployed stack's table (TableName, Region)
 *   npm run staff:backfill -- --table NAME [--region R]              a table by name, default AWS credentials
 *   npm run staff:backfill -- --table NAME --endpoint http://…       e.g. DynamoDB Local
 *   npm run staff:backfill                                           the local stack's table (npm start)
 *   … --force                                                        run again even if the marker says it is done
 *
 * This module parses and runs; scripts/backfill-staff-index.ts is the entry point.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureStaffIndex, type StaffIndexResult } from '../catalog/staff-index';
import { loadLocalStackSettings } from '../config/settings';
import { LOCAL_CREDENTIALS } from '../local/dynamodb-local';

export interface BackfillTarget {
  readonly tableName: string;
  readonly region: string;
  readonly endpoint?: string;
  /** Fixed credentials for local endpoints; the SDK's default chain otherwise. */
  readonly local: boolean;
}

export interface BackfillOptions {
  readonly target: BackfillTarget;
  readonly force: boolean;
}

export function parseBackfillArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { outputs?: string; options: Partial<BackfillTarget>; force: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      outputs: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return {
    ...(values.outputs ? { outputs: values.outputs } : {}),
    options: {
      ...(values.table ? { tableName: values.table } : {}),
      ...(region ? { region } : {}),
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    },
    force: values.force ?? false,
  };
}

/** Where to backfill: --outputs, --table, or the local stack's table. */
export async function resolveBackfillTarget(parsed: ReturnType<typeof parseBackfillArgs>): Promise<BackfillTarget> {
  if (parsed.outputs) {
    const all = JSON.parse(await readFile(parsed.outputs, 'utf8')) as Record<string, Record<string, string>>;
    const found = Object.entries(all).find(([, outputs]) => outputs.TableName);
    if (!found) throw new Error(`${parsed.outputs} has no stack with a TableName output (npx cdk deploy --all --outputs-file ${parsed.outputs})`);
    const [, outputs] = found;
    return { tableName: outputs.TableName!, region: parsed.options.region ?? outputs.Region ?? 'us-east-1', local: false };
  }
  if (parsed.options.tableName) {
    const endpoint = parsed.options.endpoint;
    const local = endpoint !== undefined && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(endpoint);
    return { tableName: parsed.options.tableName, region: parsed.options.region ?? 'us-east-1', ...(endpoint ? { endpoint } : {}), local };
  }
  const settings = loadLocalStackSettings();
  return { tableName: settings.tableName, region: settings.region, endpoint: `http://${settings.host}:${settings.ports.dynamodb}`, local: true };
}

export interface BackfillReport extends StaffIndexResult {
  readonly tableName: string;
}

/** Checks the table has GSI3, then backfills its keys. */
export async function backfillStaffIndex({ target, force }: BackfillOptions, log: (line: string) => void = () => undefined): Promise<BackfillReport> {
  const client = new DynamoDBClient({
    region: target.region,
    maxAttempts: 10,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.local ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    let description;
    try {
      description = await client.send(new DescribeTableCommand({ TableName: target.tableName }));
    } catch (error) {
      const reason = (error as Error).name === 'ResourceNotFoundException' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
      throw new Error(`Table ${target.tableName} ${reason}${target.endpoint ? ` at ${target.endpoint}` : ` in ${target.region}`}.`, { cause: error });
    }
    const indexes = description.Table?.GlobalSecondaryIndexes ?? [];
    if (!indexes.some((index) => index.IndexName === 'GSI3')) {
      throw new Error(`Table ${target.tableName} has no GSI3 yet: deploy the stack first (npx cdk deploy --all), then run this again.`);
    }
    const result = await ensureStaffIndex({ documentClient, tableName: target.tableName, force, log });
    return { ...result, tableName: target.tableName };
  } finally {
    documentClient.destroy();
    client.destroy();
  }
}
