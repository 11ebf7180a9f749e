import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings, type LambdaSettings } from '../../config/settings';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { createTestTable, type TestTable } from '../../test/support/table';
import { productItemList, productItems, type ProductInput } from '../../model/product-items';
import { createAwsClients } from '../shared/aws-clients';
import { sameSimilarList } from '../../catalog/similarity-job';
import { createSimilarityHandler } from './handler';

let table: TestTable;
let settings: LambdaSettings;

function product(id: string, name: string, activeIngredients: string[], categoryName: string, active = true): ProductInput {
  return {
    id,
    sku: `SKU-${id}`,
    name,
    activeIngredients,
    lab: 'Pisa',
    presentation: 'Caja',
    categoryName,
    priceCents: 1000,
    currency: 'MXN',
    stock: 5,
    prescriptionRequired: false,
    active,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const catalog = [
  product('01A', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Analgésicos'),
  product('01B', 'Advil 200 mg', ['Ibuprofeno'], 'Analgésicos'),
  product('01C', 'Motrin infantil', ['Ibuprofeno'], 'Infantil', false),
  product('01D', 'Paracetamol 500 mg', ['Paracetamol'], 'Analgésicos'),
  product('01E', 'Naproxeno 250 mg', ['Naproxeno'], 'Analgésicos'),
];

async function similarOf(id: string) {
  const result = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: `PRODUCT#${id}`, SK: 'SIMILAR' } }));
  return result.Item;
}

beforeAll(async () => {
  table = await createTestTable('similarity');
  settings = {
    ...localLambdaSettings({ TABLE_NAME: table.tableName, LOG_LEVEL: 'SILENT' }),
    aws: { region: 'us-east-1', endpoints: { dynamodb: table.endpoint }, s3ForcePathStyle: true },
  };
  const items = catalog.flatMap((input) => productItemList(productItems(input)));
  const unique = [...new Map(items.map((item) => [`${item.PK}|${item.SK}`, item])).values()];
  for (let at = 0; at < unique.length; at += 25) {
    await table.documentClient.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: unique.slice(at, at + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
});

describe('similarity Lambda', () => {
  it('writes a SIMILAR item per active product, same active ingredient first, never itself', async () => {
    const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    const report = await createSimilarityHandler({ settings, clients, now: () => new Date('2025-03-01T09:00:00.000Z') })({});
    clients.destroy();

    expect(report.products).toBe(4);
    const item = await similarOf('01A');
    expect(item).toMatchObject({ PK: 'PRODUCT#01A', SK: 'SIMILAR', type: 'SimilarProducts', productId: '01A', computedAt: '2025-03-01T09:00:00.000Z' });
    const ids = (item?.similar as { productId: string }[]).map((entry) => entry.productId);
    expect(ids[0]).toBe('01B');
    expect(ids).not.toContain('01A');
  });

  it('leaves inactive products out: no SIMILAR item of their own and never listed as similar', async () => {
    const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    await createSimilarityHandler({ settings, clients })({});
    clients.destroy();

    expect(await similarOf('01C')).toBeUndefined();
    for (const id of ['01A', '01B', '01D', '01E']) {
      const listed = ((await similarOf(id))?.similar as { productId: string }[]).map((entry) => entry.productId);
      expect(listed).not.toContain('01C');
    }
  });

  it('computes the same lists on every run', async () => {
    const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    const run = createSimilarityHandler({ settings, clients });
    await run({});
    const first = await Promise.all(['01A', '01B', '01D', '01E'].map(async (id) => (await similarOf(id))?.similar));
    await run({});
    const second = await Promise.all(['01A', '01B', '01D', '01E'].map(async (id) => (await similarOf(id))?.similar));
    clients.destroy();
    expect(second).toEqual(first);
  });

  it('writes only the lists that changed: nothing on a rerun, the affected lists after a product changes', async () => {
    const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    const run = createSimilarityHandler({ settings, clients, now: () => new Date('2025-03-02T09:00:00.000Z') });
    await run({});
    const rerun = await run({});
    expect(rerun).toMatchObject({ products: 4, changed: 0, unchanged: 4, writes: { puts: 0, requests: 0 } });

    // Naproxeno becomes an ibuprofen: the ibuprofens' lists change, and so does its own.
    const changedInput = { ...product('01E', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Analgésicos'), presentation: 'Caja con 20 tabletas de 400 mg' };
    await table.documentClient.send(
      new BatchWriteCommand({
        RequestItems: { [table.tableName]: productItemList(productItems(changedInput)).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    const after = await createSimilarityHandler({ settings, clients, now: () => new Date('2025-03-03T09:00:00.000Z') })({});
    clients.destroy();
    expect(after.changed).toBeGreaterThan(0);
    expect(after.changed).toBeLessThanOrEqual(4);
    expect(after.writes.puts).toBe(after.changed);
    expect(after.changed + after.unchanged).toBe(4);
    const ids = ((await similarOf('01A'))?.similar as { productId: string }[]).map((entry) => entry.productId);
    expect(ids[0]).toBe('01E'); // Ibuprofeno 400 mg: the exact equivalent now
    expect((await similarOf('01A'))?.computedAt).toBe('2025-03-03T09:00:00.000Z');
  });

  it('counts a list as unchanged only with the same products in the same order and scores within 0.001', () => {
    const list = [
      { productId: 'A', score: 0.9 },
      { productId: 'B', score: 0.5 },
    ];
    expect(sameSimilarList(list, [{ productId: 'A', score: 0.9004 }, { productId: 'B', score: 0.5 }])).toBe(true);
    expect(sameSimilarList(list, [{ productId: 'A', score: 0.905 }, { productId: 'B', score: 0.5 }])).toBe(false);
    expect(sameSimilarList(list, [{ productId: 'B', score: 0.9 }, { productId: 'A', score: 0.5 }])).toBe(false);
    expect(sameSimilarList(list, [{ productId: 'A', score: 0.9 }])).toBe(false);
    expect(sameSimilarList(undefined, [])).toBe(false);
  });
});
