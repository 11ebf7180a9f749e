/** Creates the single table in DynamoDB Local from the same definition the CDK stack uses. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { mainTable } from '../model/table';

export async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

export interface EnsureTableOptions {
  /** The stream the event pipeline reads; benchmarks of other work may leave it off (default true). */
  readonly stream?: boolean;
}

/**
 * Adds the indexes model/table.ts defines that an existing table (a `.data/` from before them) lacks, one at a
 * time as DynamoDB requires; returns their names. Items written before get the new index keys from their
 * migration (catalog/staff-index.ts for GSI3).
 */
export async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const added: string[] = [];
  for (const index of mainTable.globalSecondaryIndexes.filter((candidate) => !existing.has(candidate.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    added.push(index.indexName);
  }
  return added;
}

/** Creates the table unless it exists (then adds indexes it lacks); returns true when it was created now. */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: EnsureTableOptions = {}): Promise<boolean> {
  if (await tableExists(client, tableName)) {
    await addMissingIndexes(client, tableName);
    return false;
  }
  const keyNames = [
    mainTable.partitionKey,
    mainTable.sortKey,
    ...mainTable.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: mainTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: mainTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: mainTable.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      ...(options.stream === false ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: mainTable.streamView } }),
    }),
  );
  return true;
}
