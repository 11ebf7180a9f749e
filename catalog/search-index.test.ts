import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SEARCH_INDEX_MARKER_KEY } from '../model/keys';
import { SEARCH_INDEX_VERSION, productItem, type ProductInput } from '../model/product-items';
import { createTestTable, type TestTable } from '../test/support/table';
import { ensureSearchIndex } from './search-index';

const product: ProductInput = {
  id: '01JSEARCHINDEX000000000001',
  sku: 'ANA-7',
  barcode: '7501234567895',
  name: 'Paracetamol 500 mg',
  activeIngredients: ['Paracetamol'],
  lab: 'Liomont',
  presentation: 'Caja con 10 tabletas',
  categoryName: 'Analgésicos',
  priceCents: 2490,
  currency: 'MXN',
  stock: 0,
  prescriptionRequired: false,
  active: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/** Search entries as version 1 wrote them: the word list only. */
const versionOneEntries = ['paracetamol', '500', 'mg', 'liomont'].map((word) => ({
  PK: `SEARCH#${word.slice(0, 2)}`,
  SK: `${word}#${product.id}`,
  type: 'SearchEntry',
  productId: product.id,
  words: ' paracetamol 500 mg liomont ',
}));

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('searchindex');
});
afterAll(() => table?.client.destroy());

describe('search index upgrade', () => {
  it('marks an empty table current without writing entries', async () => {
    const empty = await createTestTable('searchindex-empty');
    const result = await ensureSearchIndex({ documentClient: empty.documentClient, tableName: empty.tableName });
    expect(result).toMatchObject({ state: 'empty', fromVersion: 1, products: 0 });
    empty.client.destroy();
  });

  it('rewrites the entries of a table written by version 1, once', async () => {
    await table.documentClient.send(
      new BatchWriteCommand({
        RequestItems: { [table.tableName]: [productItem(product), ...versionOneEntries].map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    const lines: string[] = [];
    const first = await ensureSearchIndex({ documentClient: table.documentClient, tableName: table.tableName, log: (line) => lines.push(line) });
    expect(first).toMatchObject({ state: 'reindexed', fromVersion: 1, products: 1, entries: 6 });
    expect(lines.length).toBeGreaterThan(0);

    const items = (await table.documentClient.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
    const entries = items.filter((item) => item.type === 'SearchEntry');
    expect(entries.map((entry) => entry.SK).sort()).toEqual(
      ['500', '7501234567895', 'ana7', 'liomont', 'mg', 'paracetamol'].map((term) => `${term}#${product.id}`).sort(),
    );
    expect(entries.every((entry) => entry.nameWords === ' paracetamol 500 mg ' && entry.inStock === false)).toBe(true);
    const marker = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: SEARCH_INDEX_MARKER_KEY }));
    expect(marker.Item).toMatchObject({ type: 'SearchIndex', version: SEARCH_INDEX_VERSION });

    const second = await ensureSearchIndex({ documentClient: table.documentClient, tableName: table.tableName });
    expect(second).toMatchObject({ state: 'current', fromVersion: SEARCH_INDEX_VERSION, products: 0 });
  });
});
