/**
 * The back office's API (issue 12) through the real local runtime, DynamoDB Local and real JWTs: the staff
 * order search (by email, status, dates, order number), the staff product list (every product, filters,
 * paging), stock adjustments with their history, and the GSI3 backfill of items written before the index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { ProductInput } from '../../model/product-items';
import { ensureStaffIndex } from '../../catalog/staff-index';
import { SIMILARITY_RUN_KEY, STAFF_INDEX_MARKER_KEY } from '../../model/keys';
import { runSimilarityJob } from '../../catalog/similarity-job';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { seedProduct as seedProductInto } from '../support/products';

const STAFF_ORDERS = `query Staff($filter: StaffOrderFilter!, $limit: Int, $nextToken: String) {
  staffOrders(filter: $filter, limit: $limit, nextToken: $nextToken) { items { id status customerEmail createdAt } nextToken } }`;
const STAFF_PRODUCTS = `query Products($filter: StaffProductFilter, $limit: Int, $nextToken: String) {
  staffProducts(filter: $filter, limit: $limit, nextToken: $nextToken) { items { id name sku stock active categoryId } nextToken } }`;
const ADJUST = `mutation Adjust($productId: ID!, $change: Int!, $reason: String!) {
  adjustStock(productId: $productId, change: $change, reason: $reason) {
    product { id stock updatedAt }
    adjustment { id productId change stockBefore stockAfter reason at by byEmail }
  } }`;
const HISTORY = `query History($productId: ID!, $limit: Int, $nextToken: String) {
  stockAdjustments(productId: $productId, limit: $limit, nextToken: $nextToken) { items { change stockBefore stockAfter reason by byEmail at } nextToken } }`;

interface OrderRow {
  id: string;
  status: string;
  customerEmail: string | null;
  createdAt: string;
}
interface ProductRow {
  id: string;
  name: string;
  sku: string;
  stock: number;
  active: boolean;
  categoryId: string;
}

let api: TestApi;
let shopper: TestUser;
let otherShopper: TestUser;
let staff: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await createTestUser({ prefix: 'clienta' });
  otherShopper = await createTestUser({ prefix: 'otra' });
  staff = await createTestUser({ prefix: 'staff', groups: ['admin'] });
});

afterAll(async () => {
  await api?.close();
});

function seedProduct(overrides: Partial<ProductInput> = {}): Promise<ProductInput> {
  return seedProductInto(api.table, overrides);
}

function onlyError(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

const address = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX', phone: '3312345678' };

async function placeOrder(user: TestUser, productId: string): Promise<OrderRow> {
  const result = await api.graphql<{ createOrder: OrderRow }>(
    'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status customerEmail createdAt } }',
    { input: { items: [{ productId, quantity: 1 }], shippingAddress: address, clientToken: randomUUID() } },
    user,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder;
}

async function staffOrders(filter: Record<string, unknown>, limit?: number, nextToken?: string | null) {
  return api.graphql<{ staffOrders: { items: OrderRow[]; nextToken: string | null } }>(STAFF_ORDERS, { filter, limit, nextToken }, staff);
}

/** Every page of a staff order search (bounded). */
async function allStaffOrders(filter: Record<string, unknown>, limit = 2): Promise<OrderRow[]> {
  const rows: OrderRow[] = [];
  let nextToken: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await staffOrders(filter, limit, nextToken);
    expect(result.errors).toBeUndefined();
    rows.push(...result.data!.staffOrders.items);
    nextToken = result.data!.staffOrders.nextToken;
    if (!nextToken) break;
  }
  return rows;
}

describe('staff order search', () => {
  let mine: OrderRow[];
  let theirs: OrderRow;

  beforeAll(async () => {
    const product = await seedProduct({ stock: 100 });
    mine = [];
    for (let index = 0; index < 3; index++) mine.push(await placeOrder(shopper, product.id));
    theirs = await placeOrder(otherShopper, product.id);
    const paid = await api.graphql('mutation($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id: mine[1]!.id }, staff);
    expect(paid.errors).toBeUndefined();
  });

  it('finds a customer\'s orders by email in any case, newest first, page by page, and only theirs', async () => {
    const rows = await allStaffOrders({ customerEmail: shopper.email.toUpperCase() });
    expect(rows.map((r) => r.id)).toEqual(mine.map((o) => o.id).reverse());
    expect(rows.every((r) => r.customerEmail === shopper.email)).toBe(true);
  });

  it('narrows an email search by status and by creation time', async () => {
    expect((await allStaffOrders({ customerEmail: shopper.email, status: 'PAID' })).map((r) => r.id)).toEqual([mine[1]!.id]);
    const since = await allStaffOrders({ customerEmail: shopper.email, createdFrom: mine[1]!.createdAt });
    expect(since.map((r) => r.id)).toEqual([mine[2]!.id, mine[1]!.id]);
    const before = await allStaffOrders({ customerEmail: shopper.email, createdBefore: mine[1]!.createdAt });
    expect(before.map((r) => r.id)).toEqual([mine[0]!.id]);
  });

  it('lists one status newest first, and finds one order number in it', async () => {
    const pending = await allStaffOrders({ status: 'PENDING' }, 100);
    expect(pending.map((r) => r.id)).toEqual([theirs.id, mine[2]!.id, mine[0]!.id]);
    const number = theirs.id.slice(-8).toLowerCase();
    expect((await allStaffOrders({ status: 'PENDING', orderNumber: number })).map((r) => r.id)).toEqual([theirs.id]);
  });

  it('refuses a search without status or email, a bad email, a bad order number, times not in UTC, and shoppers', async () => {
    expect(onlyError(await staffOrders({})).errorInfo).toEqual({ field: 'filter' });
    expect(onlyError(await staffOrders({ customerEmail: 'no es correo' })).errorInfo).toEqual({ field: 'customerEmail' });
    expect(onlyError(await staffOrders({ status: 'PAID', orderNumber: 'abc' })).errorInfo).toEqual({ field: 'orderNumber' });
    expect(onlyError(await staffOrders({ status: 'PAID', createdFrom: '2026-01-01T00:00:00-06:00' })).errorInfo).toEqual({ field: 'createdFrom' });
    expect(onlyError(await staffOrders({ status: 'PAID', createdFrom: '2026-02-01T00:00:00.000Z', createdBefore: '2026-01-01T00:00:00.000Z' })).errorInfo).toEqual({
      field: 'createdBefore',
    });
    const refused = await api.graphql(STAFF_ORDERS, { filter: { customerEmail: shopper.email } }, shopper);
    expect(onlyError(refused).errorType).toBe('Unauthorized');
  });
});

describe('staff product list', () => {
  const marker = `Zzprueba${Date.now().toString(36)}`;
  let products: ProductInput[];

  beforeAll(async () => {
    products = [];
    for (let index = 0; index < 7; index++) {
      products.push(
        await seedProduct({
          name: `${marker} ${String.fromCharCode(97 + index)} Ibuprofeno`,
          stock: index,
          active: index % 2 === 0,
          categoryName: index < 4 ? 'Analgésicos' : 'Antigripales',
        }),
      );
    }
  });

  async function list(filter: Record<string, unknown>, limit = 3): Promise<ProductRow[]> {
    const rows: ProductRow[] = [];
    let nextToken: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: GraphQLResult<{ staffProducts: { items: ProductRow[]; nextToken: string | null } }> = await api.graphql(
        STAFF_PRODUCTS,
        { filter, limit, nextToken },
        staff,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.staffProducts.items.length).toBeLessThanOrEqual(limit);
      rows.push(...result.data!.staffProducts.items);
      nextToken = result.data!.staffProducts.nextToken;
      if (!nextToken) break;
    }
    return rows;
  }

  it('lists active and inactive products by name, page by page, without repeating any', async () => {
    const rows = await list({ text: marker.toLowerCase() });
    expect(rows.map((r) => r.id)).toEqual(products.map((p) => p.id));
    expect(rows.map((r) => r.active)).toEqual([true, false, true, false, true, false, true]);
  });

  it('filters by state, category, low stock and out of stock, and finds by SKU', async () => {
    expect((await list({ text: marker, active: false })).map((r) => r.stock)).toEqual([1, 3, 5]);
    expect((await list({ text: marker, category: 'antigripales' })).map((r) => r.stock)).toEqual([4, 5, 6]);
    expect((await list({ text: marker, maxStock: 2 })).map((r) => r.stock)).toEqual([0, 1, 2]);
    expect((await list({ text: marker, maxStock: 0 })).map((r) => r.stock)).toEqual([0]);
    expect((await list({ text: products[3]!.sku.toLowerCase() })).map((r) => r.id)).toEqual([products[3]!.id]);
  });

  it('refuses a negative stock threshold, a foreign nextToken and shoppers', async () => {
    expect(onlyError(await api.graphql(STAFF_PRODUCTS, { filter: { maxStock: -1 } }, staff)).errorInfo).toEqual({ field: 'maxStock' });
    expect(onlyError(await api.graphql(STAFF_PRODUCTS, { nextToken: 'bm90IGpzb24=' }, staff)).errorInfo).toEqual({ field: 'nextToken' });
    expect(onlyError(await api.graphql(STAFF_PRODUCTS, {}, shopper)).errorType).toBe('Unauthorized');
  });
});

describe('stock adjustments', () => {
  function adjust(productId: string, change: number, reason: string, user: TestUser = staff) {
    return api.graphql<{ adjustStock: { product: { stock: number }; adjustment: Record<string, unknown> } }>(ADJUST, { productId, change, reason }, user);
  }

  async function storedStock(productId: string): Promise<number> {
    const { Item } = await api.table.documentClient.send(
      new GetCommand({ TableName: api.table.tableName, Key: { PK: `PRODUCT#${productId}`, SK: 'PRODUCT' }, ConsistentRead: true }),
    );
    return Item?.stock as number;
  }

  it('changes the stock and keeps who, when, how much and why, newest first', async () => {
    const product = await seedProduct({ stock: 10 });
    const received = await adjust(product.id, 24, 'Llegó pedido del proveedor');
    expect(received.errors).toBeUndefined();
    expect(received.data!.adjustStock.product.stock).toBe(34);
    expect(received.data!.adjustStock.adjustment).toMatchObject({ productId: product.id, change: 24, stockBefore: 10, stockAfter: 34, byEmail: staff.email });
    const damaged = await adjust(product.id, -4, '  Cajas dañadas ');
    expect(damaged.errors).toBeUndefined();
    expect(await storedStock(product.id)).toBe(30);

    const history = await api.graphql<{ stockAdjustments: { items: Record<string, unknown>[]; nextToken: string | null } }>(HISTORY, { productId: product.id }, staff);
    expect(history.errors).toBeUndefined();
    expect(history.data!.stockAdjustments.items).toEqual([
      expect.objectContaining({ change: -4, stockBefore: 34, stockAfter: 30, reason: 'Cajas dañadas', byEmail: staff.email }),
      expect.objectContaining({ change: 24, stockBefore: 10, stockAfter: 34, reason: 'Llegó pedido del proveedor' }),
    ]);
    expect(history.data!.stockAdjustments.items[0]!.by).toEqual(expect.any(String));
  });

  it('never takes the stock below zero, and writes nothing then', async () => {
    const product = await seedProduct({ stock: 3 });
    const refused = await adjust(product.id, -4, 'Merma');
    expect(onlyError(refused)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'change', available: 3 } });
    expect(await storedStock(product.id)).toBe(3);
    expect((await adjust(product.id, -3, 'Merma')).data!.adjustStock.product.stock).toBe(0);
    const history = await api.table.documentClient.send(
      new QueryCommand({
        TableName: api.table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :adj)',
        ExpressionAttributeValues: { ':pk': `PRODUCT#${product.id}`, ':adj': 'STOCKADJ#' },
      }),
    );
    expect(history.Items).toHaveLength(1);
  });

  it('lets only one of simultaneous adjustments that race on the same stock win per read, never losing units', async () => {
    const product = await seedProduct({ stock: 5 });
    const results = await Promise.all(Array.from({ length: 5 }, () => adjust(product.id, -2, 'Venta en mostrador')));
    const won = results.filter((r) => r.data?.adjustStock).length;
    for (const lost of results.filter((r) => r.errors)) expect(['Conflict', 'ValidationError']).toContain(onlyError(lost).errorType);
    expect(won).toBeGreaterThanOrEqual(1);
    expect(won).toBeLessThanOrEqual(2);
    expect(await storedStock(product.id)).toBe(5 - 2 * won);
  });

  it('refuses a change of 0, a fraction-free huge change, an empty reason, an unknown product and shoppers', async () => {
    const product = await seedProduct({ stock: 5 });
    expect(onlyError(await adjust(product.id, 0, 'x')).errorInfo).toEqual({ field: 'change' });
    expect(onlyError(await adjust(product.id, 100_001, 'x')).errorInfo).toEqual({ field: 'change' });
    expect(onlyError(await adjust(product.id, 1, '   ')).errorInfo).toEqual({ field: 'reason' });
    expect(onlyError(await adjust(ulid(), 1, 'x')).errorType).toBe('NotFound');
    expect(onlyError(await adjust(product.id, 1, 'x', shopper)).errorType).toBe('Unauthorized');
    expect(await storedStock(product.id)).toBe(5);
  });
});

describe('similar products status', () => {
  it('is null before the first run, then says when the lists were computed and for how many products', async () => {
    const STATUS = 'query { similarityStatus { computedAt finishedAt products changed unchanged durationMs } }';
    await api.table.documentClient.send(new DeleteCommand({ TableName: api.table.tableName, Key: SIMILARITY_RUN_KEY }));
    const before = await api.graphql<{ similarityStatus: unknown }>(STATUS, {}, staff);
    expect(before.errors).toBeUndefined();
    expect(before.data!.similarityStatus).toBeNull();

    const report = await runSimilarityJob({ documentClient: api.table.documentClient, tableName: api.table.tableName });
    const after = await api.graphql<{ similarityStatus: Record<string, unknown> }>(STATUS, {}, staff);
    expect(after.errors).toBeUndefined();
    expect(after.data!.similarityStatus).toMatchObject({ computedAt: report.computedAt, products: report.products, changed: report.changed, unchanged: report.unchanged });
    expect(report.products).toBeGreaterThan(0);
    expect(onlyError(await api.graphql(STATUS, {}, shopper)).errorType).toBe('Unauthorized');
  });
});

describe('staff index backfill', () => {
  it('gives products and orders written before GSI3 their keys, once', async () => {
    const product = await seedProduct({ name: 'Producto antiguo sin índice' });
    const order = await placeOrder(shopper, product.id);
    const docs = api.table.documentClient;
    const table = api.table.tableName;
    for (const key of [{ PK: `PRODUCT#${product.id}`, SK: 'PRODUCT' }, { PK: `ORDER#${order.id}`, SK: 'ORDER' }]) {
      await docs.send(new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'REMOVE GSI3PK, GSI3SK' }));
    }
    await docs.send(new DeleteCommand({ TableName: table, Key: STAFF_INDEX_MARKER_KEY }));

    const result = await ensureStaffIndex({ documentClient: docs, tableName: table });
    expect(result).toMatchObject({ state: 'indexed', products: 1, orders: 1 });
    expect((await allStaffOrders({ customerEmail: shopper.email }, 100)).map((r) => r.id)).toContain(order.id);
    const stored = await docs.send(new GetCommand({ TableName: table, Key: { PK: `PRODUCT#${product.id}`, SK: 'PRODUCT' } }));
    expect(stored.Item).toMatchObject({ GSI3PK: 'STAFFPRODUCTS', GSI3SK: `producto antiguo sin indice#${product.id}` });
    expect(await ensureStaffIndex({ documentClient: docs, tableName: table })).toMatchObject({ state: 'current' });
    await docs.send(new PutCommand({ TableName: table, Item: { ...STAFF_INDEX_MARKER_KEY, version: 0 } }));
  });
});
