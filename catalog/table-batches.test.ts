import { beforeAll, describe, expect, it } from 'vitest';
import { BatchGetCommand, BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../test/support/table';
import { batchGet, batchWrite, deleteRequest, putRequest, RequestSlots, type WriteRequest } from './table-batches';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('table-batches');
});

/**
 * The real client, except that DynamoDB "processes" only the first half of each new request and hands the
 * rest back as unprocessed — what DynamoDB does under load; a retry is processed whole. The processed half
 * really reaches DynamoDB Local.
 */
function halfProcessingClient(real: DynamoDBDocumentClient, tableName: string): { client: DynamoDBDocumentClient; sends: () => number } {
  let sends = 0;
  const seen = new Set<string>();
  const client = {
    async send(command: BatchWriteCommand | BatchGetCommand) {
      sends += 1;
      if (command instanceof BatchWriteCommand) {
        const requests = (command.input.RequestItems?.[tableName] ?? []) as WriteRequest[];
        const signatures = requests.map((request) => JSON.stringify(request));
        if (signatures.some((signature) => seen.has(signature)) || requests.length < 2) return real.send(command);
        for (const signature of signatures) seen.add(signature);
        const half = Math.ceil(requests.length / 2);
        await real.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }));
        return { UnprocessedItems: { [tableName]: requests.slice(half) } };
      }
      const keys = command.input.RequestItems?.[tableName]?.Keys ?? [];
      const signatures = keys.map((key) => JSON.stringify(key));
      if (signatures.some((signature) => seen.has(signature)) || keys.length < 2) return real.send(command);
      for (const signature of signatures) seen.add(signature);
      const half = Math.ceil(keys.length / 2);
      const output = await real.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys.slice(0, half) } } }));
      return { Responses: output.Responses, UnprocessedKeys: { [tableName]: { Keys: keys.slice(half) } } };
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, sends: () => sends };
}

const items = Array.from({ length: 60 }, (_, index) => ({ PK: `BATCH#${index}`, SK: 'ITEM', n: index }));

describe('table batches', () => {
  it('sends the items DynamoDB leaves unprocessed again until every write is done', async () => {
    const { client, sends } = halfProcessingClient(table.documentClient, table.tableName);

    const stats = await batchWrite({ documentClient: client, tableName: table.tableName, baseDelayMs: 1 }, items.map(putRequest));

    const scan = await table.documentClient.send(new ScanCommand({ TableName: table.tableName }));
    expect(scan.Items?.map((item) => item.n).sort((a, b) => a - b)).toEqual(items.map((item) => item.n));
    expect(stats.puts).toBe(60);
    expect(stats.retriedItems).toBe(12 + 12 + 5); // the unprocessed halves of the batches of 25, 25 and 10
    expect(stats.requests).toBe(sends());
  });

  it('reads the keys DynamoDB leaves unprocessed again until every item is read', async () => {
    const { client } = halfProcessingClient(table.documentClient, table.tableName);
    const found = await batchGet<{ n: number }>({ documentClient: client, tableName: table.tableName, baseDelayMs: 1 }, [
      ...items.map(({ PK, SK }) => ({ PK, SK })),
      { PK: 'BATCH#missing', SK: 'ITEM' },
    ]);
    expect(found.map((item) => item.n).sort((a, b) => a - b)).toEqual(items.map((item) => item.n));
  });

  it('gives up with a Conflict error when writes stay unprocessed', async () => {
    const stubborn = {
      send: async (command: BatchWriteCommand) => ({ UnprocessedItems: command.input.RequestItems }),
    } as unknown as DynamoDBDocumentClient;
    const failure = batchWrite({ documentClient: stubborn, tableName: table.tableName, maxAttempts: 3, baseDelayMs: 1 }, [
      deleteRequest({ PK: 'BATCH#0', SK: 'ITEM' }),
    ]);
    await expect(failure).rejects.toMatchObject({ errorType: 'Conflict', message: '1 writes still unprocessed after 3 attempts' });
  });

  it('keeps the requests of several batch calls sharing slots within the slots, first come first served', async () => {
    let inFlight = 0;
    let most = 0;
    const started: string[] = [];
    const client = {
      async send(command: BatchWriteCommand) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        started.push(String((command.input.RequestItems?.[table.tableName]?.[0] as { PutRequest: { Item: { PK: string } } }).PutRequest.Item.PK));
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return {};
      },
    } as unknown as DynamoDBDocumentClient;
    const slots = new RequestSlots(3);
    const requests = (prefix: string) => Array.from({ length: 100 }, (_, index) => putRequest({ PK: `${prefix}#${index}`, SK: 'ITEM' }));
    // Two calls of 4 batches, each allowed 4 in flight on its own: together they may have only 3.
    await Promise.all([
      batchWrite({ documentClient: client, tableName: table.tableName, parallel: 4, slots }, requests('A')),
      batchWrite({ documentClient: client, tableName: table.tableName, parallel: 4, slots }, requests('B')),
    ]);
    expect(most).toBe(3);
    expect(started).toHaveLength(8);
    // The first call queued its requests first, so it got the first slots.
    expect(started.slice(0, 3)).toEqual(['A#0', 'A#25', 'A#50']);
  });
});
