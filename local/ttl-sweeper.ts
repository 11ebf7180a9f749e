/**
 * DynamoDB deletes items whose TTL attribute (epoch seconds) has passed; DynamoDB Local never does, so
 * idempotency records and anything else with a `ttl` would stay forever under `npm start`. The sweeper scans
 * the table every interval for expired items and deletes each with a condition that it is still expired
 * (an item whose ttl was just pushed forward is kept), as the service does, only sooner (AWS may take days).
 */
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { IDEMPOTENCY_EXPIRY_ATTRIBUTE } from '../functions/shared/idempotency';
import { mainTable } from '../model/table';

export interface TtlSweeperOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The table's TTL attribute (the CDK sets the same one). */
  readonly attribute?: string;
  /** Default 60 s. */
  readonly intervalMs?: number;
  readonly log: (line: string) => void;
  readonly now?: () => Date;
}

export interface TtlSweeper {
  /** One pass now; resolves with the number of items deleted. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  const attribute = options.attribute ?? IDEMPOTENCY_EXPIRY_ATTRIBUTE;
  const now = options.now ?? (() => new Date());
  const { partitionKey, sortKey } = mainTable;
  let current: Promise<number> = Promise.resolve(0);

  const sweepOnce = async (): Promise<number> => {
    const epoch = Math.floor(now().getTime() / 1000);
    let deleted = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await options.documentClient.send(
        new ScanCommand({
          TableName: options.tableName,
          FilterExpression: '#ttl < :now',
          ProjectionExpression: '#pk, #sk',
          ExpressionAttributeNames: { '#ttl': attribute, '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: { ':now': epoch },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const key of page.Items ?? []) {
        try {
          await options.documentClient.send(
            new DeleteCommand({
              TableName: options.tableName,
              Key: { [partitionKey]: key[partitionKey], [sortKey]: key[sortKey] },
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: { '#ttl': attribute },
              ExpressionAttributeValues: { ':now': epoch },
            }),
          );
          deleted += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return deleted;
  };

  const sweep = () => {
    current = current.catch(() => 0).then(sweepOnce);
    return current;
  };
  const timer = setInterval(() => {
    sweep().then(
      (deleted) => {
        if (deleted > 0) options.log(`[ttl] deleted ${deleted} expired item(s) from ${options.tableName}`);
      },
      (error: unknown) => options.log(`[ttl] sweeping ${options.tableName} failed: ${String(error)}`),
    );
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await current.catch(() => 0);
    },
  };
}
