import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../test/support/table';
import { startTtlSweeper } from './ttl-sweeper';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('ttl');
});

afterAll(() => {
  table.documentClient.destroy();
  table.client.destroy();
});

const exists = async (pk: string) =>
  (await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: pk, SK: 'x' } }))).Item !== undefined;

describe('the local TTL sweeper', () => {
  it('deletes items whose ttl has passed, as DynamoDB does, and keeps the others', async () => {
    const now = Math.floor(Date.now() / 1000);
    const items = [
      { PK: 'IDEMPOTENCY#expired', SK: 'x', ttl: now - 10 },
      { PK: 'IDEMPOTENCY#future', SK: 'x', ttl: now + 3600 },
      { PK: 'PRODUCT#no-ttl', SK: 'x' },
    ];
    for (const Item of items) await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item }));
    const sweeper = startTtlSweeper({ documentClient: table.documentClient, tableName: table.tableName, log: () => undefined, intervalMs: 3_600_000 });
    try {
      expect(await sweeper.sweep()).toBe(1);
    } finally {
      await sweeper.stop();
    }
    expect(await exists('IDEMPOTENCY#expired')).toBe(false);
    expect(await exists('IDEMPOTENCY#future')).toBe(true);
    expect(await exists('PRODUCT#no-ttl')).toBe(true);
  });
});
