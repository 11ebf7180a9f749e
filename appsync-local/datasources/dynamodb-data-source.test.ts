/**
 * The DynamoDB data source against a real DynamoDB Local: request objects as APPSYNC_JS request handlers
 * return them, results and errors as AppSync hands them to response handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createTestTable, type TestTable } from '../../test/support/table';
import { productItem, type ProductInput, type ProductItem } from '../../model/product-items';
import { categoryKey, productKey } from '../../model/keys';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { findFreePort } from '../../local/free-port';
import type { DataSource, DataSourceOutcome } from '../contracts';
import { createDynamoDBUtils } from '../appsync-utils/util-dynamodb';
import { createDynamoDbDataSource, ErrorTypes, INVALID_NEXT_TOKEN_MESSAGE } from './dynamodb-data-source';

/** What util.dynamodb.toMapValues gives a request handler. */
const typed = (value: object) => marshall(value, { removeUndefinedValues: true });

let table: TestTable;
let otherTable: TestTable;
let dataSource: DataSource;
let sequence = 0;

beforeAll(async () => {
  [table, otherTable] = await Promise.all([createTestTable('ddb-ds'), createTestTable('ddb-ds-other')]);
  dataSource = createDynamoDbDataSource({
    client: table.client,
    tableName: table.tableName,
    nextTokenSecret: 'test-secret',
  });
});

afterAll(() => {
  table.client.destroy();
  otherTable.client.destroy();
});

function product(overrides: Partial<ProductInput> = {}): ProductItem {
  sequence += 1;
  const id = overrides.id ?? `01JPRODUCT${String(sequence).padStart(6, '0')}`;
  return productItem({
    id,
    sku: `SKU-${id}`,
    barcode: `750100${String(sequence).padStart(7, '0')}`,
    name: `Paracetamol ${sequence} 500 mg`,
    description: 'Analgésico y antipirético',
    activeIngredients: ['paracetamol'],
    lab: 'Genéricos del Centro',
    presentation: 'Caja con 20 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 4550,
    currency: 'MXN',
    stock: 12,
    prescriptionRequired: false,
    active: true,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  });
}

async function seed(...items: object[]): Promise<void> {
  await Promise.all(items.map((Item) => table.documentClient.send(new PutCommand({ TableName: table.tableName, Item }))));
}

async function stored(key: { PK: string; SK: string }, tableName = table.tableName) {
  const client = tableName === table.tableName ? table.documentClient : otherTable.documentClient;
  return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

function resultOf(outcome: DataSourceOutcome): Record<string, unknown> {
  expect(outcome.error).toBeUndefined();
  return outcome.result as Record<string, unknown>;
}

const productKeyOf = (item: ProductItem) => ({ PK: item.PK, SK: item.SK });

describe('GetItem', () => {
  it('returns the item as plain JSON: numbers as numbers, lists and booleans as they are', async () => {
    const item = product();
    await seed(item);
    const outcome = await dataSource.invoke({ operation: 'GetItem', key: typed(productKey(item.id)) });
    expect(resultOf(outcome)).toEqual(item);
    expect(typeof (outcome.result as ProductItem).priceCents).toBe('number');
  });

  it('returns null for a key with no item', async () => {
    const outcome = await dataSource.invoke({ operation: 'GetItem', key: typed(productKey('01JNOSUCHPRODUCT')) });
    expect(outcome).toEqual({ result: null });
  });

  it('returns only the projected attributes', async () => {
    const item = product();
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'GetItem',
      key: typed(productKey(item.id)),
      consistentRead: true,
      projection: { expression: '#name, priceCents', expressionNames: { '#name': 'name' } },
    });
    expect(resultOf(outcome)).toEqual({ name: item.name, priceCents: item.priceCents });
  });

  it('accepts numbers given as JS numbers in typed values ({ "N": 5 })', async () => {
    const outcome = await dataSource.invoke({
      operation: 'PutItem',
      key: typed({ PK: 'COUNTER#visits', SK: 'COUNTER' }),
      attributeValues: { count: { N: 5 }, ratio: { N: 0.5 } },
    });
    expect(resultOf(outcome)).toEqual({ PK: 'COUNTER#visits', SK: 'COUNTER', count: 5, ratio: 0.5 });
    expect(await stored({ PK: 'COUNTER#visits', SK: 'COUNTER' })).toMatchObject({ count: 5, ratio: 0.5 });
  });

  it('takes the typed values the runtime\'s util.dynamodb makes (JS numbers, { "NULL": null }) and round-trips them', async () => {
    const util = createDynamoDBUtils();
    const { PK, SK, ...attributes } = { ...product(), imageUrl: null, dimensions: { weightGrams: 35.5, sizes: [1, 2] } };
    const put = await dataSource.invoke({
      operation: 'PutItem',
      key: util.toMapValues({ PK, SK }),
      attributeValues: util.toMapValues(attributes),
    });
    expect(resultOf(put)).toEqual({ PK, SK, ...attributes });
    const got = await dataSource.invoke({ operation: 'GetItem', key: util.toMapValues({ PK, SK }), consistentRead: true });
    expect(resultOf(got)).toEqual({ PK, SK, ...attributes });
  });

  it('converts sets to lists and binaries to base64 strings', async () => {
    const key = { PK: 'PRODUCT#01JSETS', SK: 'PRODUCT' };
    await dataSource.invoke({
      operation: 'PutItem',
      key: typed(key),
      attributeValues: {
        tags: { SS: ['fiebre', 'dolor'] },
        sizes: { NS: ['10', '20'] },
        thumbnail: { B: 'SGVsbG8sIFdvcmxkIQo=' },
      },
    });
    const result = resultOf(await dataSource.invoke({ operation: 'GetItem', key: typed(key) }));
    expect([...(result.tags as string[])].sort()).toEqual(['dolor', 'fiebre']);
    expect([...(result.sizes as number[])].sort()).toEqual([10, 20]);
    expect(result.thumbnail).toBe('SGVsbG8sIFdvcmxkIQo=');
  });
});

describe('PutItem', () => {
  it('writes the key plus the attribute values and returns the item written', async () => {
    const { PK, SK, ...attributes } = product();
    const outcome = await dataSource.invoke({
      operation: 'PutItem',
      key: typed({ PK, SK }),
      attributeValues: typed(attributes),
    });
    expect(resultOf(outcome)).toEqual({ PK, SK, ...attributes });
    expect(await stored({ PK, SK })).toEqual({ PK, SK, ...attributes });
  });

  it('rejects a failed condition with ConditionalCheckFailedException and the current item in the result', async () => {
    const existing = product();
    await seed(existing);
    const { PK, SK, ...attributes } = product({ id: existing.id, name: 'Otro nombre', priceCents: 1 });
    const outcome = await dataSource.invoke({
      operation: 'PutItem',
      key: typed({ PK, SK }),
      attributeValues: typed(attributes),
      condition: { expression: 'attribute_not_exists(PK)' },
    });
    expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(outcome.error?.message).toMatch(
      /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/,
    );
    expect(outcome.result).toEqual(existing);
    expect(await stored({ PK, SK })).toEqual(existing);
  });

  it('treats a failed condition as success when the item already is what it tried to write, minus equalsIgnore', async () => {
    const existing = { ...product(), version: 8 };
    await seed(existing);
    const { PK, SK, ...attributes } = existing;
    const outcome = await dataSource.invoke({
      operation: 'PutItem',
      key: typed({ PK, SK }),
      attributeValues: typed({ ...attributes, version: 2 }),
      condition: {
        expression: 'version = :expected',
        expressionValues: typed({ ':expected': 1 }),
        equalsIgnore: ['version'],
      },
    });
    expect(outcome).toEqual({ result: existing });
  });

  it('refuses the Custom condition failure strategy, which needs a Lambda inside AppSync', async () => {
    const outcome = await dataSource.invoke({
      operation: 'PutItem',
      key: typed({ PK: 'PRODUCT#01JCUSTOM', SK: 'PRODUCT' }),
      attributeValues: {},
      condition: {
        expression: 'attribute_not_exists(PK)',
        conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn:aws:lambda:us-east-1:1:function:x' },
      },
    });
    expect(outcome.error?.type).toBe(ErrorTypes.unsupported);
    expect(await stored({ PK: 'PRODUCT#01JCUSTOM', SK: 'PRODUCT' })).toBeUndefined();
  });
});

describe('UpdateItem', () => {
  it('applies the update and returns the whole updated item', async () => {
    const item = product({ stock: 12 });
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'UpdateItem',
      key: typed(productKeyOf(item)),
      update: {
        expression: 'SET stock = stock - :quantity, updatedAt = :now',
        expressionValues: typed({ ':quantity': 3, ':now': '2025-02-01T00:00:00.000Z' }),
      },
      condition: { expression: 'stock >= :quantity', expressionValues: typed({ ':quantity': 3 }) },
    });
    expect(resultOf(outcome)).toEqual({ ...item, stock: 9, updatedAt: '2025-02-01T00:00:00.000Z' });
  });

  it('rejects a failed condition with the current item in the result, leaving the item alone', async () => {
    const item = product({ stock: 2 });
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'UpdateItem',
      key: typed(productKeyOf(item)),
      update: { expression: 'SET stock = stock - :quantity', expressionValues: typed({ ':quantity': 3 }) },
      condition: { expression: 'stock >= :quantity', expressionValues: typed({ ':quantity': 3 }) },
    });
    expect(outcome.error?.type).toBe(ErrorTypes.conditionalCheckFailed);
    expect(outcome.result).toEqual(item);
    expect(await stored(productKeyOf(item))).toEqual(item);
  });
});

describe('DeleteItem', () => {
  it('deletes the item and returns what it was', async () => {
    const item = product();
    await seed(item);
    const outcome = await dataSource.invoke({ operation: 'DeleteItem', key: typed(productKeyOf(item)) });
    expect(resultOf(outcome)).toEqual(item);
    expect(await stored(productKeyOf(item))).toBeUndefined();
  });

  it('treats a failed condition on an item that is already gone as success', async () => {
    const outcome = await dataSource.invoke({
      operation: 'DeleteItem',
      key: typed(productKey('01JALREADYGONE')),
      condition: { expression: 'attribute_exists(PK)' },
    });
    expect(outcome).toEqual({ result: null });
  });

  it('rejects a failed condition on an item that is still there', async () => {
    const item = product({ active: true });
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'DeleteItem',
      key: typed(productKeyOf(item)),
      condition: { expression: 'active = :no', expressionValues: typed({ ':no': false }) },
    });
    expect(outcome.error?.type).toBe(ErrorTypes.conditionalCheckFailed);
    expect(outcome.result).toEqual(item);
  });
});

describe('Query', () => {
  /** Five active products of one category, listed by GSI1 in name order. */
  async function seedCategory(categoryName: string): Promise<ProductItem[]> {
    const items = ['Ácido', 'Bálsamo', 'Cápsulas', 'Dolo', 'Exprés'].map((prefix) =>
      product({ name: `${prefix} ${categoryName}`, categoryName }),
    );
    await seed(...items);
    return items;
  }

  const byCategory = (categoryId: string) => ({
    operation: 'Query',
    index: 'GSI1',
    query: { expression: 'GSI1PK = :category', expressionValues: typed({ ':category': `CATEGORY#${categoryId}` }) },
  });

  it('queries a GSI and returns { items, nextToken, scannedCount } with items in key order', async () => {
    const items = await seedCategory('Vitaminas');
    const result = resultOf(await dataSource.invoke(byCategory('vitaminas')));
    expect(result).toEqual({ items, nextToken: null, scannedCount: 5 });
  });

  it('pages with limit and nextToken: limit 2 over 5 items returns all 5 exactly once', async () => {
    const items = await seedCategory('Antigripales');
    const pages: Record<string, unknown>[][] = [];
    let nextToken: string | null = null;
    do {
      const result = resultOf(await dataSource.invoke({ ...byCategory('antigripales'), limit: 2, nextToken }));
      pages.push(result.items as Record<string, unknown>[]);
      nextToken = result.nextToken as string | null;
      expect(pages.length).toBeLessThanOrEqual(4);
    } while (nextToken !== null);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(items);
  });

  it('reads backwards with scanIndexForward false', async () => {
    const items = await seedCategory('Dermatológicos');
    const result = resultOf(await dataSource.invoke({ ...byCategory('dermatologicos'), scanIndexForward: false }));
    expect(result.items).toEqual([...items].reverse());
  });

  it('applies a filter after the key condition: scannedCount counts what was read before filtering', async () => {
    const cheap = product({ categoryName: 'Oftálmicos', priceCents: 1500, name: 'Gotas A' });
    const dear = product({ categoryName: 'Oftálmicos', priceCents: 98000, name: 'Gotas B' });
    const prescription = product({ categoryName: 'Oftálmicos', prescriptionRequired: true, priceCents: 2000, name: 'Gotas C' });
    await seed(cheap, dear, prescription);
    const result = resultOf(
      await dataSource.invoke({
        ...byCategory('oftalmicos'),
        filter: {
          expression: 'priceCents < :max AND #rx = :rx',
          expressionNames: { '#rx': 'prescriptionRequired' },
          expressionValues: typed({ ':max': 50000, ':rx': false }),
        },
      }),
    );
    expect(result).toEqual({ items: [cheap], nextToken: null, scannedCount: 3 });
  });

  it('queries the base table by partition and sort key prefix', async () => {
    await seed(
      { ...categoryKey('antibioticos'), type: 'Category', id: 'antibioticos', name: 'Antibióticos' },
      { ...categoryKey('antiacidos'), type: 'Category', id: 'antiacidos', name: 'Antiácidos' },
      { ...categoryKey('bebes'), type: 'Category', id: 'bebes', name: 'Bebés' },
    );
    const result = resultOf(
      await dataSource.invoke({
        operation: 'Query',
        query: {
          expression: 'PK = :pk AND begins_with(SK, :prefix)',
          expressionValues: typed({ ':pk': 'CATALOG', ':prefix': 'CATEGORY#anti' }),
        },
        projection: { expression: '#name', expressionNames: { '#name': 'name' } },
        consistentRead: true,
      }),
    );
    expect(result.items).toEqual([{ name: 'Antiácidos' }, { name: 'Antibióticos' }]);
  });
});

describe('nextToken', () => {
  const listing = {
    operation: 'Query',
    index: 'GSI2',
    query: { expression: 'GSI2PK = :all', expressionValues: typed({ ':all': 'PRODUCTS' }) },
    limit: 1,
  };

  async function firstToken(): Promise<string> {
    await seed(product(), product());
    const token = resultOf(await dataSource.invoke(listing)).nextToken;
    expect(typeof token).toBe('string');
    return token as string;
  }

  function expectInvalidToken(outcome: DataSourceOutcome): void {
    expect(outcome).toEqual({
      error: { type: 'DynamoDB:UserIllegalArgumentException', message: INVALID_NEXT_TOKEN_MESSAGE },
    });
  }

  it('is opaque: it does not show the table keys it stands for', async () => {
    const token = await firstToken();
    expect(token).not.toContain('PRODUCT');
    expect(Buffer.from(token, 'base64').toString('utf8')).not.toContain('PRODUCT');
  });

  it('rejects a malformed token', async () => {
    expectInvalidToken(await dataSource.invoke({ ...listing, nextToken: 'definitely-not-a-token' }));
  });

  it('rejects a token whose sealed key was altered', async () => {
    const token = await firstToken();
    const envelope = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { version: number; token: string };
    const sealed = Buffer.from(envelope.token, 'base64');
    sealed[sealed.length - 20] = sealed[sealed.length - 20]! ^ 0x20;
    const tampered = Buffer.from(JSON.stringify({ ...envelope, token: sealed.toString('base64') })).toString('base64');
    expectInvalidToken(await dataSource.invoke({ ...listing, nextToken: tampered }));
  });

  it('rejects a token forged from a readable key, as older local simulators issued', async () => {
    const forged = Buffer.from(JSON.stringify({ PK: { S: 'ORDER#someone-else' }, SK: { S: 'ORDER' } })).toString('base64');
    expectInvalidToken(await dataSource.invoke({ ...listing, nextToken: forged }));
  });

  it('rejects a token issued for another index', async () => {
    const token = await firstToken();
    expectInvalidToken(await dataSource.invoke({ ...listing, index: 'GSI1', nextToken: token }));
  });

  it('keeps working across data source instances that share the secret, and only those', async () => {
    const token = await firstToken();
    const sameSecret = createDynamoDbDataSource({
      client: table.client,
      tableName: table.tableName,
      nextTokenSecret: 'test-secret',
    });
    expect((await sameSecret.invoke({ ...listing, nextToken: token })).error).toBeUndefined();
    const randomKey = createDynamoDbDataSource({ client: table.client, tableName: table.tableName });
    expectInvalidToken(await randomKey.invoke({ ...listing, nextToken: token }));
  });
});

describe('Scan', () => {
  it('pages through the whole table with a filter, each matching item once', async () => {
    const lab = 'Laboratorio Escaneo';
    const items = [product({ lab }), product({ lab }), product({ lab })];
    await seed(...items);
    const found: Record<string, unknown>[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const result = resultOf(
        await dataSource.invoke({
          operation: 'Scan',
          filter: { expression: 'lab = :lab', expressionValues: typed({ ':lab': lab }) },
          limit: 10,
          consistentRead: true,
          nextToken,
        }),
      );
      found.push(...(result.items as Record<string, unknown>[]));
      expect(typeof result.scannedCount).toBe('number');
      nextToken = result.nextToken as string | null;
      pages += 1;
      expect(pages).toBeLessThan(200);
    } while (nextToken !== null);
    expect(found.map((item) => item.id).sort()).toEqual(items.map((item) => item.id).sort());
  });

  it('does not accept a Query token', async () => {
    await seed(product(), product());
    const token = resultOf(
      await dataSource.invoke({
        operation: 'Query',
        index: 'GSI2',
        query: { expression: 'GSI2PK = :all', expressionValues: typed({ ':all': 'PRODUCTS' }) },
        limit: 1,
      }),
    ).nextToken;
    const outcome = await dataSource.invoke({ operation: 'Scan', index: 'GSI2', nextToken: token });
    expect(outcome.error?.type).toBe(ErrorTypes.invalidNextToken);
  });
});

describe('BatchGetItem', () => {
  it('returns items per table in request order, with null for missing keys', async () => {
    const [first, second] = [product(), product()];
    await seed(first, second);
    const category = { ...categoryKey('hogar'), type: 'Category', id: 'hogar', name: 'Hogar' };
    await otherTable.documentClient.send(new PutCommand({ TableName: otherTable.tableName, Item: category }));

    const outcome = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: {
        [table.tableName]: {
          keys: [productKey(second.id), productKey('01JMISSING'), productKey(first.id)].map(typed),
          consistentRead: true,
        },
        [otherTable.tableName]: [typed(categoryKey('nada')), typed(categoryKey('hogar'))],
      },
    });
    expect(resultOf(outcome)).toEqual({
      data: {
        [table.tableName]: [second, null, first],
        [otherTable.tableName]: [null, category],
      },
      unprocessedKeys: { [table.tableName]: [], [otherTable.tableName]: [] },
    });
  });

  it('applies a projection per table', async () => {
    const item = product();
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: {
        [table.tableName]: {
          keys: [typed(productKey(item.id))],
          projection: { expression: 'PK, SK, #name', expressionNames: { '#name': 'name' } },
        },
      },
    });
    expect((resultOf(outcome).data as Record<string, unknown[]>)[table.tableName]).toEqual([
      { PK: item.PK, SK: item.SK, name: item.name },
    ]);
  });
});

describe('BatchPutItem and BatchDeleteItem', () => {
  it('puts items into several tables and returns them per table in request order', async () => {
    const items = [product(), product()];
    const category = { ...categoryKey('bebes-lote'), type: 'Category', id: 'bebes-lote', name: 'Bebés' };
    const outcome = await dataSource.invoke({
      operation: 'BatchPutItem',
      tables: { [table.tableName]: items.map(typed), [otherTable.tableName]: [typed(category)] },
    });
    expect(resultOf(outcome)).toEqual({
      data: { [table.tableName]: items, [otherTable.tableName]: [category] },
      unprocessedItems: { [table.tableName]: [], [otherTable.tableName]: [] },
    });
    expect(await stored(productKeyOf(items[1]!))).toEqual(items[1]);
    expect(await stored(categoryKey('bebes-lote'), otherTable.tableName)).toEqual(category);
  });

  it('deletes items by key and returns the keys per table in request order', async () => {
    const items = [product(), product()];
    await seed(...items);
    const outcome = await dataSource.invoke({
      operation: 'BatchDeleteItem',
      tables: { [table.tableName]: items.map((item) => typed(productKeyOf(item))) },
    });
    expect(resultOf(outcome)).toEqual({
      data: { [table.tableName]: items.map(productKeyOf) },
      unprocessedKeys: { [table.tableName]: [] },
    });
    expect(await stored(productKeyOf(items[0]!))).toBeUndefined();
  });
});

describe('TransactGetItems', () => {
  it('returns items in request order with null for missing ones', async () => {
    const item = product();
    await seed(item);
    const outcome = await dataSource.invoke({
      operation: 'TransactGetItems',
      transactItems: [
        { table: table.tableName, key: typed(productKey('01JNOTHERE')) },
        { table: table.tableName, key: typed(productKey(item.id)) },
      ],
    });
    expect(resultOf(outcome)).toEqual({ items: [null, item], cancellationReasons: null });
  });
});

describe('TransactWriteItems', () => {
  const analgesics = { ...categoryKey('analgesicos'), type: 'Category', id: 'analgesicos', name: 'Analgésicos' };

  /** A createOrder-style transaction: the order, a stock decrement, and a check that the category exists. */
  function placeOrder(orderId: string, stocked: ProductItem, quantity: number) {
    return {
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: table.tableName,
          operation: 'PutItem',
          key: typed({ PK: `ORDER#${orderId}`, SK: 'ORDER' }),
          attributeValues: typed({ type: 'Order', id: orderId, totalCents: quantity * stocked.priceCents }),
          condition: { expression: 'attribute_not_exists(PK)' },
        },
        {
          table: table.tableName,
          operation: 'UpdateItem',
          key: typed(productKeyOf(stocked)),
          update: { expression: 'SET stock = stock - :q', expressionValues: typed({ ':q': quantity }) },
          condition: { expression: 'stock >= :q', expressionValues: typed({ ':q': quantity }) },
        },
        {
          table: table.tableName,
          operation: 'ConditionCheck',
          key: typed({ PK: analgesics.PK, SK: analgesics.SK }),
          condition: { expression: 'attribute_exists(PK)' },
        },
      ],
    };
  }

  it('writes every item and returns their keys in request order', async () => {
    const stocked = product({ stock: 5 });
    await seed(stocked, analgesics);
    const outcome = await dataSource.invoke(placeOrder('01JORDER000001', stocked, 2));
    expect(resultOf(outcome)).toEqual({
      keys: [{ PK: 'ORDER#01JORDER000001', SK: 'ORDER' }, productKeyOf(stocked), { PK: analgesics.PK, SK: analgesics.SK }],
      cancellationReasons: null,
    });
    expect(await stored({ PK: 'ORDER#01JORDER000001', SK: 'ORDER' })).toEqual({
      PK: 'ORDER#01JORDER000001',
      SK: 'ORDER',
      type: 'Order',
      id: '01JORDER000001',
      totalCents: 2 * stocked.priceCents,
    });
    expect((await stored(productKeyOf(stocked)))?.stock).toBe(3);
  });

  it('cancels the whole transaction when one condition fails: reasons per item, nothing written', async () => {
    const lastUnit = product({ stock: 1 });
    await seed(lastUnit, analgesics);
    const outcome = await dataSource.invoke(placeOrder('01JORDER000002', lastUnit, 2));
    expect(outcome.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(outcome.error?.message).toContain('Transaction cancelled');
    expect(outcome.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: 'None' },
        { type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/), item: lastUnit },
        { type: 'None', message: 'None' },
      ],
    });
    expect(await stored({ PK: 'ORDER#01JORDER000002', SK: 'ORDER' })).toBeUndefined();
    expect(await stored(productKeyOf(lastUnit))).toEqual(lastUnit);
  });

  it('leaves the current item out of a reason when the condition asks not to return it', async () => {
    const lastUnit = product({ stock: 0 });
    await seed(lastUnit);
    const outcome = await dataSource.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: table.tableName,
          operation: 'ConditionCheck',
          key: typed(productKeyOf(lastUnit)),
          condition: {
            expression: 'stock > :zero',
            expressionValues: typed({ ':zero': 0 }),
            returnValuesOnConditionCheckFailure: false,
          },
        },
      ],
    });
    expect(outcome.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/) },
      ],
    });
  });
});

describe('errors', () => {
  it('reports what DynamoDB rejects as DynamoDB:DynamoDbException with the SDK message suffix', async () => {
    const outcome = await dataSource.invoke({ operation: 'GetItem', key: typed({ PK: 'PRODUCT#1' }) });
    expect(outcome.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(outcome.error?.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
  });

  it('reports a missing table as DynamoDB:ResourceNotFoundException', async () => {
    const outcome = await dataSource.invoke({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'no-such-table', key: typed(productKey('01J')) }],
    });
    expect(outcome.error?.type).toBe('DynamoDB:ResourceNotFoundException');
  });

  it('reports an unreachable DynamoDB as DynamoDB:SdkClientException', async () => {
    const port = await findFreePort();
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      const unreachable = createDynamoDbDataSource({ client, tableName: table.tableName });
      const outcome = await unreachable.invoke({ operation: 'GetItem', key: typed(productKey('01J')) });
      expect(outcome.error?.type).toBe('DynamoDB:SdkClientException');
      expect(outcome.error?.message).toContain('ECONNREFUSED');
    } finally {
      client.destroy();
    }
  });

  it('reports a request object that is not a DynamoDB request as a MappingTemplate error', async () => {
    expect((await dataSource.invoke({ operation: 'GetItem' })).error).toEqual({
      type: 'MappingTemplate',
      message: "Value for field 'key' not found.",
    });
    expect((await dataSource.invoke({ operation: 'Fetch' })).error?.type).toBe('MappingTemplate');
    expect((await dataSource.invoke({ key: typed(productKey('01J')) })).error?.type).toBe('MappingTemplate');
    expect((await dataSource.invoke('GetItem')).error?.type).toBe('MappingTemplate');
    const untyped = await dataSource.invoke({ operation: 'GetItem', key: { PK: 'PRODUCT#1', SK: 'PRODUCT' } });
    expect(untyped.error?.type).toBe('MappingTemplate');
    expect(untyped.error?.message).toContain('key.PK');
  });

  it('answers Sync with a clear not-supported-locally error', async () => {
    const outcome = await dataSource.invoke({ operation: 'Sync', limit: 10 });
    expect(outcome.error?.type).toBe('UnsupportedOperation');
    expect(outcome.error?.message).toContain('Sync');
  });
});
