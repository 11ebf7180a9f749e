/**
 * The table of the running local stack (`npm start`), for the catalog command-line tools: DynamoDB Local
 * at the configured host and port, the configured table. Fails with a plain message when it is not up.
 */
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadLocalStackSettings } from '../config/settings';
import { LOCAL_CREDENTIALS } from '../local/dynamodb-local';

export interface LocalTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly documentClient: DynamoDBDocumentClient;
  close(): void;
}

export async function connectLocalTable(): Promise<LocalTable> {
  const settings = loadLocalStackSettings();
  const endpoint = `http://${settings.host}:${settings.ports.dynamodb}`;
  const client = new DynamoDBClient({ endpoint, region: settings.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 5 });
  try {
    await client.send(new DescribeTableCommand({ TableName: settings.tableName }));
  } catch (error) {
    client.destroy();
    const reason = (error as Error).name === 'ResourceNotFoundException' ? `has no table ${settings.tableName}` : 'is not reachable';
    throw new Error(`DynamoDB Local at ${endpoint} ${reason}. Start the local stack first: npm start`, { cause: error });
  }
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint,
    tableName: settings.tableName,
    documentClient,
    close: () => {
      documentClient.destroy();
      client.destroy();
    },
  };
}
