import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../../test/support/table';
import { foldText, searchWords } from '../../model/search-text';
import { generateDemoCatalog } from './generate';
import { batchPutAll, ensureDemoCatalog, loadDemoCatalog, type BatchWriteSender } from './load';

type Item = Record<string, unknown>;

async function scanAll(docs: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const COUNT = 80;
const products = generateDemoCatalog({ count: COUNT });

describe('loadDemoCatalog into DynamoDB Local', () => {
  let table: TestTable;
  let items: Item[];

  beforeAll(async () => {
    table = await createTestTable('demo-load');
    const report = await loadDemoCatalog({ client: table.client, tableName: table.tableName, count: COUNT });
    items = await scanAll(table.documentClient, table.tableName);
    expect(report.products).toBe(COUNT);
    expect(report.items).toBe(items.length);
  });

  it('writes one PRODUCT#id / PRODUCT item per product with the schema facts and price in cents', () => {
    const stored = items.filter((item) => item.type === 'Product');
    expect(stored).toHaveLength(COUNT);
    const first = products[0]!;
    const item = stored.find((candidate) => candidate.id === first.id);
    expect(item).toMatchObject({
      PK: `PRODUCT#${first.id}`,
      SK: 'PRODUCT',
      sku: first.sku,
      name: first.name,
      lab: first.lab,
      presentation: first.presentation,
      activeIngredients: first.activeIngredients,
      categoryId: first.categoryId,
      categoryName: first.categoryName,
      priceCents: first.priceCents,
      currency: 'MXN',
      stock: first.stock,
      prescriptionRequired: first.prescriptionRequired,
      active: first.active,
      createdAt: first.createdAt,
      updatedAt: first.updatedAt,
    });
  });

  it('lists active products on GSI1 by category and GSI2 by folded name, and inactive ones nowhere', () => {
    const stored = items.filter((item) => item.type === 'Product');
    const active = stored.filter((item) => item.active === true);
    const inactive = stored.filter((item) => item.active === false);
    expect(inactive.length).toBeGreaterThan(0);
    for (const item of active) {
      const sortKey = `${foldText(String(item.name))}#${String(item.id)}`;
      expect(item).toMatchObject({ GSI1PK: `CATEGORY#${String(item.categoryId)}`, GSI1SK: sortKey, GSI2PK: 'PRODUCTS', GSI2SK: sortKey });
    }
    for (const item of inactive) {
      // Only the staff list (GSI3) lists an inactive product.
      expect(Object.keys(item).filter((name) => name.startsWith('GSI')).sort()).toEqual(['GSI3PK', 'GSI3SK']);
    }
  });

  it('guards every SKU with a SKU#sku / SKU item pointing at its product', () => {
    const guards = items.filter((item) => String(item.PK).startsWith('SKU#'));
    expect(guards).toHaveLength(COUNT);
    for (const product of products) {
      expect(guards).toContainEqual({ PK: `SKU#${product.sku}`, SK: 'SKU', type: 'SkuGuard', sku: product.sku, productId: product.id });
    }
  });

  it('writes each category once as CATALOG / CATEGORY#id with its display name', () => {
    const categories = items.filter((item) => item.PK === 'CATALOG');
    const expected = new Map(products.map((p) => [p.categoryId, p.categoryName]));
    expect(categories).toHaveLength(expected.size);
    for (const [id, name] of expected) {
      expect(categories).toContainEqual({ PK: 'CATALOG', SK: `CATEGORY#${id}`, type: 'Category', id, name });
    }
  });

  it('indexes every search word of name, ingredients and lab under SEARCH#<first two letters>', () => {
    const product = products.find((p) => p.activeIngredients.length > 0 && /[áéíóúñ]/i.test(p.name + p.activeIngredients.join(' '))) ?? products[0]!;
    const words = searchWords(`${product.name} ${product.activeIngredients.join(' ')} ${product.lab}`);
    const entries = items.filter((item) => item.productId === product.id && String(item.PK).startsWith('SEARCH#'));
    expect(entries).toHaveLength(words.length);
    for (const word of words) {
      expect(entries).toContainEqual(
        expect.objectContaining({
          PK: `SEARCH#${word.slice(0, 2)}`,
          SK: `${word}#${product.id}`,
          type: 'SearchEntry',
          productId: product.id,
          active: product.active,
          inStock: product.stock > 0,
          priceCents: product.priceCents,
          categoryId: product.categoryId,
        }),
      );
    }
    expect(entries.every((entry) => !/[áéíóúñA-Z]/.test(String(entry.SK).split('#')[0] ?? ''))).toBe(true);
  });

  it('writes the same items again when run again', async () => {
    await loadDemoCatalog({ client: table.client, tableName: table.tableName, count: COUNT });
    const again = await scanAll(table.documentClient, table.tableName);
    const byKey = (list: Item[]) => [...list].sort((a, b) => `${String(a.PK)}|${String(a.SK)}`.localeCompare(`${String(b.PK)}|${String(b.SK)}`));
    expect(byKey(again)).toEqual(byKey(items));
  });
});

describe('ensureDemoCatalog', () => {
  it('loads on first start and not again on the next', async () => {
    const table = await createTestTable('demo-ensure');
    const first = await ensureDemoCatalog({ client: table.client, tableName: table.tableName, count: 30 });
    expect(first.loaded).toBe(true);
    expect(first.report?.products).toBe(30);
    const second = await ensureDemoCatalog({ client: table.client, tableName: table.tableName, count: 30 });
    expect(second).toEqual({ loaded: false, skippedBecause: 'already-loaded' });
  });

  it('leaves a table that already holds a catalog alone', async () => {
    const table = await createTestTable('demo-existing');
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { PK: 'PRODUCT#01JAAAAAAAAAAAAAAAAAAAAAAA', SK: 'PRODUCT', type: 'Product', GSI2PK: 'PRODUCTS', GSI2SK: 'aspirina#01JAAAAAAAAAAAAAAAAAAAAAAA' },
      }),
    );
    const result = await ensureDemoCatalog({ client: table.client, tableName: table.tableName, count: 30 });
    expect(result).toEqual({ loaded: false, skippedBecause: 'catalog-not-empty' });
    expect(await scanAll(table.documentClient, table.tableName)).toHaveLength(1);
  });

  it('refuses more products than the demo catalog holds before writing anything', async () => {
    const table = await createTestTable('demo-too-many');
    await expect(ensureDemoCatalog({ client: table.client, tableName: table.tableName, count: 50_000 })).rejects.toThrow(
      /holds at most \d+ distinct products/,
    );
    expect(await scanAll(table.documentClient, table.tableName)).toEqual([]);
  });

  it('finishes a load that was cut short', async () => {
    const table = await createTestTable('demo-resume');
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: { PK: 'CATALOG', SK: 'DEMO', type: 'DemoCatalog', status: 'loading' } }),
    );
    await loadDemoCatalog({ client: table.client, tableName: table.tableName, count: 5 });
    const result = await ensureDemoCatalog({ client: table.client, tableName: table.tableName, count: 20 });
    expect(result.loaded).toBe(true);
    const stored = await scanAll(table.documentClient, table.tableName);
    expect(stored.filter((item) => item.type === 'Product')).toHaveLength(20);
  });
});

describe('batchPutAll', () => {
  // DynamoDB Local never throttles, so the retry path is driven by a sender that leaves items unprocessed.
  it('resends the items DynamoDB leaves unprocessed until all are written', async () => {
    const written: unknown[] = [];
    let calls = 0;
    const send: BatchWriteSender = async (requestItems) => {
      calls += 1;
      const requests = requestItems.t ?? [];
      const [kept, ...rest] = requests;
      if (kept) written.push(kept.PutRequest.Item);
      return rest.length > 0 ? { UnprocessedItems: { t: rest } } : {};
    };
    const items = Array.from({ length: 30 }, (_, i) => ({ PK: `P#${i}`, SK: 'X' }));
    await batchPutAll(send, 't', items.slice(0, 3), 1);
    expect(written).toEqual(items.slice(0, 3));
    expect(calls).toBe(3);
  });

  it('splits into batches of at most 25 puts', async () => {
    const sizes: number[] = [];
    const send: BatchWriteSender = async (requestItems) => {
      sizes.push((requestItems.t ?? []).length);
      return {};
    };
    await batchPutAll(send, 't', Array.from({ length: 60 }, (_, i) => ({ PK: `P#${i}`, SK: 'X' })));
    expect(sizes.sort((a, b) => b - a)).toEqual([25, 25, 10]);
  });

  it('gives up with a clear error when items stay unprocessed', async () => {
    const send: BatchWriteSender = async (requestItems) => ({ UnprocessedItems: requestItems });
    await expect(batchPutAll(send, 't', [{ PK: 'P#1', SK: 'X' }], 1)).rejects.toThrow(/unprocessed after 8 attempts/);
  });
});
