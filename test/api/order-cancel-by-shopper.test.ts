/**
 * Mutation.cancelMyOrder through the real local AppSync runtime: only the owner, only while unpaid (PENDING),
 * the reserved stock returned exactly once (also when two cancels race), someone else's order told apart from
 * nothing (NotFound either way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { seedProduct } from '../support/products';

const CREATE_ORDER = 'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id status } }';
const CANCEL = 'mutation ($id: ID!) { cancelMyOrder(id: $id) { id status statusHistory { status by reason } } }';
const MOVE = 'mutation ($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { id status } }';
const address = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX' };

interface Cancelled {
  cancelMyOrder: { id: string; status: string; statusHistory: { status: string; by: string | null; reason: string | null }[] } | null;
}

let api: TestApi;
let shopper: TestUser;
let other: TestUser;
let staff: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  shopper = await createTestUser({ prefix: 'cancela' });
  other = await createTestUser({ prefix: 'ajeno' });
  staff = await createTestUser({ prefix: 'staff', groups: ['admin'] });
});

afterAll(async () => {
  await api?.close();
});

async function stockOf(productId: string): Promise<number> {
  const { Item } = await api.table.documentClient.send(
    new GetCommand({ TableName: api.table.tableName, Key: { PK: `PRODUCT#${productId}`, SK: 'PRODUCT' }, ConsistentRead: true }),
  );
  return Item?.stock as number;
}

async function placed(productId: string, quantity: number): Promise<string> {
  const result = await api.graphql<{ createOrder: { id: string } }>(
    CREATE_ORDER,
    { input: { items: [{ productId, quantity }], shippingAddress: address, clientToken: randomUUID() } },
    shopper,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder.id;
}

function cancel(id: string, user: TestUser = shopper): Promise<GraphQLResult<Cancelled>> {
  return api.graphql<Cancelled>(CANCEL, { id }, user);
}

function errorTypeOf(result: GraphQLResult<unknown>): string | null | undefined {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.errorType;
}

describe('cancelMyOrder', () => {
  it('cancels the owner’s unpaid order and returns its stock; a second cancel is a Conflict and returns nothing', async () => {
    const product = await seedProduct(api.table, { stock: 10 });
    const id = await placed(product.id, 3);
    expect(await stockOf(product.id)).toBe(7);

    const result = await cancel(id);
    expect(result.errors).toBeUndefined();
    expect(result.data!.cancelMyOrder!.status).toBe('CANCELLED');
    expect(result.data!.cancelMyOrder!.statusHistory.map((h) => h.status)).toEqual(['PENDING', 'CANCELLED']);
    expect(result.data!.cancelMyOrder!.statusHistory[1]!.reason).toBe('Cancelado por el cliente desde la tienda en línea');
    expect(await stockOf(product.id)).toBe(10);

    expect(errorTypeOf(await cancel(id))).toBe('Conflict');
    expect(await stockOf(product.id)).toBe(10);
  });

  it('returns the stock once when two cancels of the same order race', async () => {
    const product = await seedProduct(api.table, { stock: 10 });
    const id = await placed(product.id, 4);
    const results = await Promise.all([cancel(id), cancel(id), cancel(id)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.errorType)).toEqual(['Conflict', 'Conflict']);
    expect(await stockOf(product.id)).toBe(10);
  });

  it('refuses another shopper’s order as NotFound (like an unknown id), leaving it and its stock alone', async () => {
    const product = await seedProduct(api.table, { stock: 10 });
    const id = await placed(product.id, 2);
    const result = await cancel(id, other);
    expect(errorTypeOf(result)).toBe('NotFound');
    expect(result.errors![0]!.message).not.toContain(shopper.email);
    expect(errorTypeOf(await cancel('01JJ0000000000000000000000', other))).toBe('NotFound');
    expect(await stockOf(product.id)).toBe(8);
  });

  it('refuses a paid order (Conflict): after payment only staff cancel', async () => {
    const product = await seedProduct(api.table, { stock: 10 });
    const id = await placed(product.id, 1);
    const paid = await api.graphql(MOVE, { id, status: 'PAID' }, staff);
    expect(paid.errors).toBeUndefined();
    const result = await cancel(id);
    expect(errorTypeOf(result)).toBe('Conflict');
    expect(await stockOf(product.id)).toBe(9);
  });

  it('is refused to API key callers', async () => {
    const result = await api.graphql<Cancelled>(CANCEL, { id: '01JJ0000000000000000000000' }, 'apiKey');
    expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
