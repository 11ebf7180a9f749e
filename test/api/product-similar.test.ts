/**
 * Product.similar through the real local AppSync runtime: the bundled pipeline in the sandbox, DynamoDB
 * Local holding a small catalog, and the SIMILAR items written by the real similarity job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runSimilarityJob } from '../../catalog/similarity-job';
import { productItemList, productItems, type ProductInput } from '../../model/product-items';
import { startTestApi, type TestApi } from '../support/local-api';

const SIMILAR = `query Similar($id: ID!, $limit: Int) { product(id: $id) { id similar(limit: $limit) { id name active price { amountCents currency } } } }`;

function product(id: string, name: string, activeIngredients: string[], categoryName: string): ProductInput {
  return {
    id,
    sku: `SKU-${id}`,
    name,
    activeIngredients,
    lab: 'Pisa',
    presentation: 'Caja con 10 tabletas',
    categoryName,
    priceCents: 4500,
    currency: 'MXN',
    stock: 5,
    prescriptionRequired: false,
    active: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const catalog = [
  product('01HIBU400', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Analgésicos'),
  product('01HADVIL', 'Advil 200 mg', ['Ibuprofeno'], 'Analgésicos'),
  product('01HMOTRIN', 'Motrin 400 mg', ['Ibuprofeno'], 'Analgésicos'),
  product('01HPARA', 'Paracetamol 500 mg', ['Paracetamol'], 'Analgésicos'),
  product('01HNAPRO', 'Naproxeno 250 mg', ['Naproxeno'], 'Analgésicos'),
  product('01HNEW', 'Diclofenaco gel', ['Diclofenaco'], 'Analgésicos'),
];

let api: TestApi;

type SimilarData = { product: { id: string; similar: { id: string; name: string; active: boolean }[] } };

beforeAll(async () => {
  api = await startTestApi();
  const { documentClient, tableName } = api.table;
  const items = catalog.slice(0, 5).flatMap((input) => productItemList(productItems(input)));
  const unique = [...new Map(items.map((item) => [`${item.PK}|${item.SK}`, item])).values()];
  for (let at = 0; at < unique.length; at += 25) {
    await documentClient.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: unique.slice(at, at + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
  await runSimilarityJob({ documentClient, tableName });
  // Added after the nightly run: exists, but has no SIMILAR item yet.
  await documentClient.send(
    new BatchWriteCommand({ RequestItems: { [tableName]: [{ PutRequest: { Item: productItems(catalog[5]!).product } }] } }),
  );
});

afterAll(async () => {
  await api?.close();
});

describe('Product.similar', () => {
  it('lists same-ingredient products first, never the product itself, readable with the API key', async () => {
    const result = await api.graphql<SimilarData>(SIMILAR, { id: '01HIBU400' }, 'apiKey');
    expect(result.errors).toBeUndefined();
    const ids = result.data?.product.similar.map((entry) => entry.id) ?? [];
    expect(ids.slice(0, 2).sort()).toEqual(['01HADVIL', '01HMOTRIN']);
    expect(ids).not.toContain('01HIBU400');
    expect(result.data?.product.similar[0]).toMatchObject({ active: true });
  });

  it('returns at most `limit` products', async () => {
    const result = await api.graphql<SimilarData>(SIMILAR, { id: '01HIBU400', limit: 1 }, 'apiKey');
    expect(result.data?.product.similar).toHaveLength(1);
  });

  it('refuses a limit outside 1 to 8 with a ValidationError', async () => {
    const result = await api.graphql(SIMILAR, { id: '01HIBU400', limit: 9 }, 'apiKey');
    expect(result.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
  });

  it('is empty for a product the nightly job has not seen yet', async () => {
    const result = await api.graphql<SimilarData>(SIMILAR, { id: '01HNEW' }, 'apiKey');
    expect(result.errors).toBeUndefined();
    expect(result.data?.product.similar).toEqual([]);
  });

  it('leaves out a product deactivated since the nightly run', async () => {
    await api.table.documentClient.send(
      new UpdateCommand({
        TableName: api.table.tableName,
        Key: { PK: 'PRODUCT#01HADVIL', SK: 'PRODUCT' },
        UpdateExpression: 'SET active = :false REMOVE GSI1PK, GSI1SK, GSI2PK, GSI2SK',
        ExpressionAttributeValues: { ':false': false },
      }),
    );
    const result = await api.graphql<SimilarData>(SIMILAR, { id: '01HIBU400' }, 'apiKey');
    const ids = result.data?.product.similar.map((entry) => entry.id) ?? [];
    expect(ids[0]).toBe('01HMOTRIN');
    expect(ids).not.toContain('01HADVIL');
  });
});
