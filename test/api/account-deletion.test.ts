/**
 * Mutation.deleteMyAccount through the local AppSync runtime and the account-deletion resolver Lambda run
 * in-process, against DynamoDB Local and cognito-local: the caller's orders lose their personal data but stay;
 * another shopper's orders are untouched; the Cognito user is gone (signing in fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startTestApi, type TestApi } from '../support/local-api';
import { TEST_PASSWORD, createTestUser, testAuthClient, type TestUser } from '../support/cognito-users';
import { seedProduct } from '../support/products';

const CREATE_ORDER = 'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }';
const DELETE = 'mutation { deleteMyAccount { pseudonym ordersKept } }';
const address = { recipientName: 'Ana López', line1: 'Av. Juárez 123', line2: 'Col. Centro', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX', phone: '3312345678' };

let api: TestApi;
let leaving: TestUser;
let staying: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  leaving = await createTestUser({ prefix: 'se-va' });
  staying = await createTestUser({ prefix: 'se-queda' });
});

afterAll(async () => {
  await api?.close();
});

async function place(user: TestUser, productId: string): Promise<string> {
  const result = await api.graphql<{ createOrder: { id: string } }>(
    CREATE_ORDER,
    { input: { items: [{ productId, quantity: 1 }], shippingAddress: address, clientToken: randomUUID() } },
    user,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder.id;
}

async function stored(orderId: string): Promise<Record<string, unknown>> {
  const { Item } = await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: { PK: `ORDER#${orderId}`, SK: 'ORDER' }, ConsistentRead: true }));
  return Item!;
}

describe('deleteMyAccount', () => {
  it('pseudonymises the caller’s orders, keeps them, leaves others alone and deletes the Cognito user', async () => {
    const product = await seedProduct(api.table, { stock: 20 });
    const mine = [await place(leaving, product.id), await place(leaving, product.id)];
    const theirs = await place(staying, product.id);

    const result = await api.graphql<{ deleteMyAccount: { pseudonym: string; ordersKept: number } }>(DELETE, {}, leaving);
    expect(result.errors).toBeUndefined();
    expect(result.data!.deleteMyAccount.ordersKept).toBe(2);
    const pseudonym = result.data!.deleteMyAccount.pseudonym;
    expect(pseudonym).toMatch(/^Cliente eliminado [0-9A-F]{8}$/);

    for (const id of mine) {
      const order = await stored(id);
      expect(order.totalCents).toBeGreaterThan(0);
      expect(order.lines).toHaveLength(1);
      expect(order.customerEmail).toBeUndefined();
      expect(order.ownerId).not.toBe(leaving.sub);
      expect((order.shippingAddress as Record<string, unknown>).recipientName).toBe(pseudonym);
      const text = JSON.stringify(order);
      for (const personal of ['Ana López', 'Juárez', 'Col. Centro', '3312345678', leaving.email, leaving.sub]) expect(text).not.toContain(personal);
      expect(order.pseudonymisedAt).toEqual(expect.any(String));
    }
    const other = await stored(theirs);
    expect(other.ownerId).toBe(staying.sub);
    expect((other.shippingAddress as Record<string, unknown>).recipientName).toBe('Ana López');

    await expect(testAuthClient().login({ email: leaving.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: expect.stringMatching(/NotAuthorized|UserNotFound/) });
    const still = await api.graphql<{ myOrders: { items: unknown[] } }>('query { myOrders { items { id } } }', {}, staying);
    expect(still.data!.myOrders.items).toHaveLength(1);
  });

  it('is refused to API key callers', async () => {
    const result = await api.graphql(DELETE, {}, 'apiKey');
    expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
