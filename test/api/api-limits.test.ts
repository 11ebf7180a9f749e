/**
 * The request limits of wiring/api-limits.ts on the real local AppSync runtime (bundled resolvers, DynamoDB
 * Local): nested Product.similar, which used to grow 8× per level (13 levels took 14 s and ~1 GB while
 * every other request waited), is refused before any resolver runs; a wide fan-out stops at the resolver
 * count limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { runSimilarityJob } from '../../catalog/similarity-job';
import { productItemList, productItems, type ProductInput } from '../../model/product-items';
import { apiLimits } from '../../wiring/api-limits';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;

function product(n: number): ProductInput {
  const id = `01HLIMIT${String(n).padStart(4, '0')}`;
  return {
    id,
    sku: `SKU-${id}`,
    name: `Ibuprofeno ${n} mg`,
    activeIngredients: ['Ibuprofeno'],
    lab: 'Pisa',
    presentation: 'Caja con 10 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 4500,
    currency: 'MXN',
    stock: 5,
    prescriptionRequired: false,
    active: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

beforeAll(async () => {
  api = await startTestApi();
  const { documentClient, tableName } = api.table;
  const items = Array.from({ length: 12 }, (_, n) => product(n)).flatMap((input) => productItemList(productItems(input)));
  const unique = [...new Map(items.map((item) => [`${item.PK}|${item.SK}`, item])).values()];
  for (let at = 0; at < unique.length; at += 25) {
    await documentClient.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: unique.slice(at, at + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
  await runSimilarityJob({ documentClient, tableName });
});

afterAll(async () => {
  await api?.close();
});

const nestedSimilar = (levels: number) =>
  `query Nested($id: ID!) { product(id: $id) { id ${'similar { id '.repeat(levels)}${' }'.repeat(levels)} } }`;

describe('API request limits', () => {
  it('refuses 13 levels of nested similar with a depth-limit error, running nothing', async () => {
    const result = await api.graphql(nestedSimilar(13), { id: '01HLIMIT0000' }, 'apiKey');
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        errorType: 'QueryDepthLimitReached',
        message: `Query depth limit of ${apiLimits.queryDepthLimit} exceeded: the query is 15 levels deep.`,
      }),
    ]);
  });

  it('answers nested similar within the depth limit, cut at the resolver count limit', async () => {
    // 8 levels deep: 1 + 8 + 64 + 512 + … similar resolvers without the count limit.
    const result = await api.graphql(nestedSimilar(7), { id: '01HLIMIT0000' }, 'apiKey');
    const limitErrors = (result.errors ?? []).filter((e) => e.errorType === 'ResolverExecutionLimitReached');
    expect(limitErrors.length).toBeGreaterThan(0);
    expect((result.errors ?? []).filter((e) => e.errorType !== 'ResolverExecutionLimitReached')).toEqual([]);
    // The API answers the next request normally.
    const simple = await api.graphql<{ product: { similar: { id: string }[] } }>(nestedSimilar(1), { id: '01HLIMIT0000' }, 'apiKey');
    expect(simple.errors).toBeUndefined();
    expect(simple.data?.product.similar.length).toBeGreaterThan(0);
  });
});
