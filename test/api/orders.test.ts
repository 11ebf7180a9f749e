/**
 * Orders through the real local AppSync runtime: the bundled resolvers in the sandbox, DynamoDB Local,
 * and real JWTs from cognito-local for shoppers and staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ORDER_POLICY_ENV } from '../../model/order-payment';
import type { ProductInput } from '../../model/product-items';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { seedProduct as seedProductInto } from '../support/products';

const ORDER_FIELDS = `
  id ownerId customerEmail status itemCount createdAt updatedAt
  lines { productId sku name quantity prescriptionRequired unitPrice { amountCents currency } lineTotal { amountCents currency } }
  subtotal { amountCents currency } shipping { amountCents currency } total { amountCents currency }
  shippingAddress { recipientName line1 line2 city state postalCode country phone }
  statusHistory { status at by byEmail reason carrier trackingNumber }
  prescriptionVerification { at by byEmail note }
`;
const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const MY_ORDERS = `query MyOrders($limit: Int, $nextToken: String) {
  myOrders(limit: $limit, nextToken: $nextToken) { items { id status createdAt } nextToken } }`;
const ORDERS_BY_STATUS = `query ByStatus($status: OrderStatus!, $limit: Int, $nextToken: String) {
  ordersByStatus(status: $status, limit: $limit, nextToken: $nextToken) { items { id status createdAt } nextToken } }`;
const UPDATE_STATUS = `mutation Move($id: ID!, $status: OrderStatus!, $reason: String, $carrier: String, $trackingNumber: String) {
  updateOrderStatus(id: $id, status: $status, reason: $reason, carrier: $carrier, trackingNumber: $trackingNumber) { ${ORDER_FIELDS} } }`;
const VERIFY_PRESCRIPTION = `mutation Verify($id: ID!, $note: String) { verifyPrescription(id: $id, note: $note) { ${ORDER_FIELDS} } }`;

interface Money {
  amountCents: number;
  currency: string;
}
interface Order {
  id: string;
  ownerId: string;
  customerEmail: string | null;
  status: string;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
  lines: { productId: string; sku: string; name: string; quantity: number; prescriptionRequired: boolean; unitPrice: Money; lineTotal: Money }[];
  subtotal: Money;
  shipping: Money;
  total: Money;
  shippingAddress: Record<string, string | null>;
  statusHistory: { status: string; at: string; by: string | null; byEmail: string | null; reason: string | null; carrier: string | null; trackingNumber: string | null }[];
  prescriptionVerification: { at: string; by: string; byEmail: string | null; note: string | null } | null;
}
interface OrderPage {
  items: { id: string; status: string; createdAt: string }[];
  nextToken: string | null;
}

const address = {
  recipientName: 'Ana López García',
  line1: 'Av. Independencia 1234, int. 5',
  city: 'Veracruz',
  state: 'Veracruz',
  postalCode: '91700',
  country: 'MX',
  phone: '+52 229 123 4567',
};

let api: TestApi;
let shopper: TestUser;
let otherShopper: TestUser;
let staff: TestUser;

beforeAll(async () => {
  // This file places many unpaid orders per shopper; the unpaid-orders limit has its own tests
  // (test/api/reservations.test.ts).
  api = await startTestApi({ environment: { [ORDER_POLICY_ENV.maxUnpaidOrders]: '1000' } });
  // Users one after another (see the concurrent buyers test for why).
  shopper = await createTestUser({ prefix: 'compradora' });
  otherShopper = await createTestUser({ prefix: 'otro' });
  staff = await createTestUser({ prefix: 'staff', groups: ['admin'] });
});

afterAll(async () => {
  await api?.close();
});

/** Puts a catalog product straight into this file's table. */
function seedProduct(overrides: Partial<ProductInput> = {}): Promise<ProductInput> {
  return seedProductInto(api.table, overrides);
}

async function stockOf(productId: string): Promise<number> {
  const { Item } = await api.table.documentClient.send(
    new GetCommand({ TableName: api.table.tableName, Key: { PK: `PRODUCT#${productId}`, SK: 'PRODUCT' }, ConsistentRead: true }),
  );
  return Item?.stock as number;
}

async function storedOrder(orderId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await api.table.documentClient.send(
    new GetCommand({ TableName: api.table.tableName, Key: { PK: `ORDER#${orderId}`, SK: 'ORDER' }, ConsistentRead: true }),
  );
  return Item;
}

function placeOrder(
  user: TestUser,
  items: { productId: string; quantity: number }[],
  input: Record<string, unknown> = {},
): Promise<GraphQLResult<{ createOrder: Order | null }>> {
  return api.graphql<{ createOrder: Order | null }>(
    CREATE_ORDER,
    { input: { items, shippingAddress: address, clientToken: randomUUID(), ...input } },
    user,
  );
}

async function placedOrder(user: TestUser, items: { productId: string; quantity: number }[]): Promise<Order> {
  const result = await placeOrder(user, items);
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder!;
}

/** What staff type for the statuses that need it (a reason to cancel, carrier and tracking to ship). */
const DEFAULT_DETAILS: Record<string, Record<string, string>> = {
  CANCELLED: { reason: 'La clienta pidió cancelar' },
  SHIPPED: { carrier: 'Estafeta', trackingNumber: 'EST-1234-5678' },
};

function moveOrder(id: string, status: string, user: TestUser = staff, details: Record<string, unknown> = DEFAULT_DETAILS[status] ?? {}) {
  return api.graphql<{ updateOrderStatus: Order | null }>(UPDATE_STATUS, { id, status, ...details }, user);
}

function verifyPrescription(id: string, note: string | null = null, user: TestUser = staff) {
  return api.graphql<{ verifyPrescription: Order | null }>(VERIFY_PRESCRIPTION, { id, note }, user);
}

function onlyError(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** The `cognito:username` claim of an ID token: what AppSync puts in ctx.identity.username. */
function usernameOf(user: TestUser): string {
  const payload = JSON.parse(Buffer.from(user.idToken.split('.')[1]!, 'base64url').toString('utf8'));
  return payload['cognito:username'];
}

describe('placing an order', () => {
  it('prices the lines from the catalog, adds shipping and reserves the stock', async () => {
    const paracetamol = await seedProduct({ priceCents: 4550, stock: 10 });
    const amoxicilina = await seedProduct({ name: 'Amoxicilina 500 mg', priceCents: 12950, stock: 3, prescriptionRequired: true });

    const order = await placedOrder(shopper, [
      { productId: paracetamol.id, quantity: 2 },
      { productId: amoxicilina.id, quantity: 1 },
    ]);

    expect(order).toMatchObject({
      ownerId: shopper.sub,
      customerEmail: shopper.email,
      status: 'PENDING',
      itemCount: 3,
      lines: [
        {
          productId: paracetamol.id,
          sku: paracetamol.sku,
          name: 'Paracetamol 500 mg',
          quantity: 2,
          prescriptionRequired: false,
          unitPrice: { amountCents: 4550, currency: 'MXN' },
          lineTotal: { amountCents: 9100, currency: 'MXN' },
        },
        {
          productId: amoxicilina.id,
          quantity: 1,
          prescriptionRequired: true,
          unitPrice: { amountCents: 12950, currency: 'MXN' },
          lineTotal: { amountCents: 12950, currency: 'MXN' },
        },
      ],
      subtotal: { amountCents: 22050, currency: 'MXN' },
      shipping: { amountCents: 4900, currency: 'MXN' },
      total: { amountCents: 26950, currency: 'MXN' },
      shippingAddress: { ...address, line2: null },
      statusHistory: [{ status: 'PENDING', by: usernameOf(shopper) }],
    });
    expect(order.statusHistory[0]!.at).toBe(order.createdAt);
    expect(await stockOf(paracetamol.id)).toBe(8);
    expect(await stockOf(amoxicilina.id)).toBe(2);
  });

  it('stores the order item exactly as the data model documents it', async () => {
    const product = await seedProduct();
    const clientToken = randomUUID();
    const order = (await placeOrder(shopper, [{ productId: product.id, quantity: 1 }], { clientToken })).data!.createOrder!;

    expect(await storedOrder(order.id)).toEqual({
      PK: `ORDER#${order.id}`,
      SK: 'ORDER',
      GSI1PK: `USER#${shopper.sub}`,
      GSI1SK: `ORDER#${order.createdAt}#${order.id}`,
      GSI2PK: 'ORDERSTATUS#PENDING',
      GSI2SK: `${order.createdAt}#${order.id}`,
      GSI3PK: `CUSTOMER#${shopper.email.toLowerCase()}`,
      GSI3SK: `${order.createdAt}#${order.id}`,
      type: 'Order',
      id: order.id,
      ownerId: shopper.sub,
      customerEmail: shopper.email,
      status: 'PENDING',
      currency: 'MXN',
      lines: [
        {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          quantity: 1,
          unitPriceCents: 4550,
          lineTotalCents: 4550,
          prescriptionRequired: false,
          categoryId: 'analgesicos',
          categoryName: 'Analgésicos',
        },
      ],
      itemCount: 1,
      subtotalCents: 4550,
      shippingCents: 4900,
      totalCents: 9450,
      shippingAddress: address,
      statusHistory: [{ status: 'PENDING', at: order.createdAt, by: usernameOf(shopper) }],
      paymentMethod: 'CARD',
      reservationExpiresAt: new Date(Date.parse(order.createdAt) + 30 * 60_000).toISOString(),
      clientToken,
      version: 1,
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
    });
  });

  it('ships free once the subtotal reaches 500.00', async () => {
    const product = await seedProduct({ priceCents: 25000 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);
    expect(order.subtotal.amountCents).toBe(50000);
    expect(order.shipping.amountCents).toBe(0);
    expect(order.total.amountCents).toBe(50000);
  });

  it('fails with NotFound naming unknown and inactive products, and reserves nothing', async () => {
    const available = await seedProduct({ stock: 5 });
    const hidden = await seedProduct({ active: false });
    const unknown = ulid();

    const result = await placeOrder(shopper, [
      { productId: available.id, quantity: 1 },
      { productId: hidden.id, quantity: 1 },
      { productId: unknown, quantity: 1 },
    ]);

    const error = onlyError(result);
    expect(error.errorType).toBe('NotFound');
    expect(error.errorInfo).toEqual({ productIds: [hidden.id, unknown] });
    expect(result.data).toBeNull();
    expect(await stockOf(available.id)).toBe(5);
  });

  it('fails with OutOfStock saying which product and how many are left', async () => {
    const plenty = await seedProduct({ stock: 10 });
    const scarce = await seedProduct({ stock: 2 });

    const result = await placeOrder(shopper, [
      { productId: plenty.id, quantity: 1 },
      { productId: scarce.id, quantity: 3 },
    ]);

    const error = onlyError(result);
    expect(error.errorType).toBe('OutOfStock');
    expect(error.errorInfo).toEqual({ productId: scarce.id, requested: 3, available: 2 });
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(2);
  });

  it('is refused to callers without a Cognito user', async () => {
    const product = await seedProduct();
    const input = { items: [{ productId: product.id, quantity: 1 }], shippingAddress: address, clientToken: randomUUID() };
    const withApiKey = await api.graphql(CREATE_ORDER, { input }, 'apiKey');
    expect(withApiKey.errors?.[0]?.errorType).toBe('Unauthorized');
    const anonymous = await api.graphql(CREATE_ORDER, { input }, 'none');
    expect(anonymous.status).toBe(401);
    expect(await stockOf(product.id)).toBe(50);
  });
});

describe('concurrent buyers', () => {
  it('20 buyers of a product with 5 units: exactly 5 orders, the rest OutOfStock, stock ends at 0', async () => {
    const product = await seedProduct({ stock: 5 });
    // One after another: cognito-local rewrites its pool file on every sign-up, and reading a confirmation
    // code while another sign-up is writing it can see a half-written file.
    const buyers: TestUser[] = [];
    for (let i = 0; i < 20; i += 1) buyers.push(await createTestUser({ prefix: `comprador${i}` }));

    const results = await Promise.all(buyers.map((buyer) => placeOrder(buyer, [{ productId: product.id, quantity: 1 }])));

    const placed = results.filter((r) => r.data?.createOrder);
    const refused = results.filter((r) => r.errors);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const result of refused) {
      const error = onlyError(result);
      expect(error.errorType).toBe('OutOfStock');
      expect(error.errorInfo).toMatchObject({ productId: product.id, requested: 1, available: 0 });
    }
    expect(new Set(placed.map((r) => r.data!.createOrder!.ownerId)).size).toBe(5);
    expect(await stockOf(product.id)).toBe(0);
  });
});

describe('retrying with the same client token', () => {
  it('returns the first order and reserves stock once when retried after success', async () => {
    const product = await seedProduct({ stock: 10 });
    const clientToken = randomUUID();
    const first = await placeOrder(shopper, [{ productId: product.id, quantity: 2 }], { clientToken });
    const retry = await placeOrder(shopper, [{ productId: product.id, quantity: 2 }], { clientToken });

    expect(retry.errors).toBeUndefined();
    expect(retry.data!.createOrder!.id).toBe(first.data!.createOrder!.id);
    expect(retry.data!.createOrder).toEqual(first.data!.createOrder);
    expect(await stockOf(product.id)).toBe(8);
  });

  it('makes one order when the same checkout is sent 5 times at once', async () => {
    const product = await seedProduct({ stock: 10 });
    const clientToken = randomUUID();

    const results = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(shopper, [{ productId: product.id, quantity: 1 }], { clientToken })),
    );

    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.createOrder!.id)).size).toBe(1);
    expect(await stockOf(product.id)).toBe(9);
  });

  it('keeps client tokens per shopper: another shopper with the same token gets an order of their own', async () => {
    const product = await seedProduct({ stock: 10 });
    const clientToken = randomUUID();
    const mine = await placeOrder(shopper, [{ productId: product.id, quantity: 1 }], { clientToken });
    const theirs = await placeOrder(otherShopper, [{ productId: product.id, quantity: 1 }], { clientToken });

    expect(theirs.data!.createOrder!.id).not.toBe(mine.data!.createOrder!.id);
    expect(theirs.data!.createOrder!.ownerId).toBe(otherShopper.sub);
    expect(await stockOf(product.id)).toBe(8);
  });
});

describe('input validation', () => {
  const long = (length: number) => 'x'.repeat(length);
  let product: ProductInput;

  beforeAll(async () => {
    product = await seedProduct({ stock: 1000 });
  });

  async function expectValidationError(input: Record<string, unknown>, field: string) {
    const result = await api.graphql(
      CREATE_ORDER,
      { input: { items: [{ productId: product.id, quantity: 1 }], shippingAddress: address, clientToken: randomUUID(), ...input } },
      shopper,
    );
    const error = onlyError(result);
    expect(error.errorType).toBe('ValidationError');
    expect(error.errorInfo).toMatchObject({ field });
    expect(await stockOf(product.id)).toBe(1000);
  }

  it('refuses an empty cart', () => expectValidationError({ items: [] }, 'items'));

  it('refuses quantity 0', () => expectValidationError({ items: [{ productId: product.id, quantity: 0 }] }, 'items[0].quantity'));

  it('refuses quantity 101', () => expectValidationError({ items: [{ productId: product.id, quantity: 101 }] }, 'items[0].quantity'));

  it('refuses 51 lines', () =>
    expectValidationError({ items: Array.from({ length: 51 }, () => ({ productId: ulid(), quantity: 1 })) }, 'items'));

  it('refuses a product listed twice, naming it', async () => {
    const result = await placeOrder(shopper, [
      { productId: product.id, quantity: 1 },
      { productId: product.id, quantity: 2 },
    ]);
    const error = onlyError(result);
    expect(error.errorType).toBe('ValidationError');
    expect(error.errorInfo).toEqual({ field: 'items', productIds: [product.id] });
  });

  it.each(['recipientName', 'line1', 'city', 'state', 'postalCode', 'country'])('refuses a blank shippingAddress.%s', (field) =>
    expectValidationError({ shippingAddress: { ...address, [field]: '   ' } }, `shippingAddress.${field}`),
  );

  it('refuses an address without a required field before any resolver runs', async () => {
    const { city: _city, ...withoutCity } = address;
    const result = await api.graphql(
      CREATE_ORDER,
      { input: { items: [{ productId: product.id, quantity: 1 }], shippingAddress: withoutCity, clientToken: randomUUID() } },
      shopper,
    );
    // AppSync's wording for a missing non-null field inside a variable (no errorType on request-level errors).
    expect(onlyError(result).message).toBe("Variable 'input' has coerced Null value for NonNull type 'String!'");
    expect(result.data).toBeNull();
    expect(await stockOf(product.id)).toBe(1000);
  });

  it.each([
    ['recipientName', 101],
    ['line1', 201],
    ['line2', 201],
    ['city', 101],
    ['state', 101],
    ['postalCode', 11],
    ['phone', 31],
  ])('refuses shippingAddress.%s of %i characters', (field, length) =>
    expectValidationError({ shippingAddress: { ...address, [field]: long(length) } }, `shippingAddress.${field}`),
  );

  it('refuses a country that is not a two-letter code', () =>
    expectValidationError({ shippingAddress: { ...address, country: 'MEX' } }, 'shippingAddress.country'));

  it('refuses a 10 KB product id', () =>
    expectValidationError({ items: [{ productId: long(10_000), quantity: 1 }] }, 'items[0].productId'));

  it('refuses a client token that is too short, too long or has other characters', async () => {
    await expectValidationError({ clientToken: 'short' }, 'clientToken');
    await expectValidationError({ clientToken: long(65) }, 'clientToken');
    await expectValidationError({ clientToken: 'token con espacios' }, 'clientToken');
  });
});

describe('reading orders', () => {
  it('lets the shopper read their order back', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const read = await api.graphql<{ order: Order }>(ORDER, { id: order.id }, shopper);
    expect(read.errors).toBeUndefined();
    expect(read.data!.order).toEqual(order);
  });

  it('answers Unauthorized when another shopper asks for it', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const read = await api.graphql<{ order: Order | null }>(ORDER, { id: order.id }, otherShopper);
    expect(onlyError(read).errorType).toBe('Unauthorized');
    expect(read.data!.order).toBeNull();
  });

  it('lets staff read any order', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const read = await api.graphql<{ order: Order }>(ORDER, { id: order.id }, staff);
    expect(read.data!.order.id).toBe(order.id);
  });

  it('answers NotFound for an unknown id', async () => {
    const read = await api.graphql(ORDER, { id: ulid() }, shopper);
    expect(onlyError(read).errorType).toBe('NotFound');
  });

  it('lists my orders newest first, page by page, and only mine', async () => {
    const buyer = await createTestUser({ prefix: 'historial' });
    const product = await seedProduct();
    const placed: string[] = [];
    for (let i = 0; i < 3; i += 1) placed.push((await placedOrder(buyer, [{ productId: product.id, quantity: 1 }])).id);
    await placedOrder(otherShopper, [{ productId: product.id, quantity: 1 }]);

    const first = await api.graphql<{ myOrders: OrderPage }>(MY_ORDERS, { limit: 2 }, buyer);
    expect(first.data!.myOrders.items.map((o) => o.id)).toEqual([placed[2], placed[1]]);
    expect(first.data!.myOrders.nextToken).toEqual(expect.any(String));
    const second = await api.graphql<{ myOrders: OrderPage }>(MY_ORDERS, { limit: 2, nextToken: first.data!.myOrders.nextToken }, buyer);
    expect(second.data!.myOrders.items.map((o) => o.id)).toEqual([placed[0]]);
    expect(second.data!.myOrders.nextToken).toBeNull();
  });

  it('refuses a nextToken that this query did not issue', async () => {
    const result = await api.graphql(MY_ORDERS, { nextToken: 'bm90LWEtdG9rZW4=' }, shopper);
    expect(onlyError(result)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'nextToken' } });
  });

  it('refuses a page size outside 1–100', async () => {
    for (const limit of [0, 101]) {
      const result = await api.graphql(MY_ORDERS, { limit }, shopper);
      expect(onlyError(result)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'limit' } });
    }
  });

  it('lists orders of one status for staff, oldest first', async () => {
    const product = await seedProduct();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
      expect((await moveOrder(order.id, 'PAID')).errors).toBeUndefined();
      ids.push(order.id);
    }
    const page = await api.graphql<{ ordersByStatus: OrderPage }>(ORDERS_BY_STATUS, { status: 'PAID', limit: 100 }, staff);
    const listed = page.data!.ordersByStatus.items;
    expect(listed.every((o) => o.status === 'PAID')).toBe(true);
    expect(listed.map((o) => o.id).filter((id) => ids.includes(id))).toEqual(ids);
    const created = listed.map((o) => o.createdAt);
    expect([...created].sort()).toEqual(created);
  });

  it('keeps ordersByStatus from shoppers', async () => {
    const result = await api.graphql(ORDERS_BY_STATUS, { status: 'PENDING' }, shopper);
    expect(onlyError(result).errorType).toBe('Unauthorized');
  });
});

describe('moving an order through its life cycle', () => {
  it('goes PENDING → PAID → SHIPPED → DELIVERED, keeping every step in the history', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);

    for (const status of ['PAID', 'SHIPPED', 'DELIVERED']) {
      const moved = await moveOrder(order.id, status);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.updateOrderStatus!.status).toBe(status);
    }

    const read = (await api.graphql<{ order: Order }>(ORDER, { id: order.id }, shopper)).data!.order;
    expect(read.status).toBe('DELIVERED');
    expect(read.statusHistory.map((s) => [s.status, s.by])).toEqual([
      ['PENDING', usernameOf(shopper)],
      ['PAID', usernameOf(staff)],
      ['SHIPPED', usernameOf(staff)],
      ['DELIVERED', usernameOf(staff)],
    ]);
    expect(read.updatedAt).toBe(read.statusHistory[3]!.at);
    expect(await storedOrder(order.id)).toMatchObject({ version: 4, GSI2PK: 'ORDERSTATUS#DELIVERED' });
  });

  it('returns the stock of every line when cancelled', async () => {
    const a = await seedProduct({ stock: 10 });
    const b = await seedProduct({ stock: 4 });
    const order = await placedOrder(shopper, [
      { productId: a.id, quantity: 3 },
      { productId: b.id, quantity: 4 },
    ]);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([7, 0]);

    const cancelled = await moveOrder(order.id, 'CANCELLED');

    expect(cancelled.data!.updateOrderStatus!.status).toBe('CANCELLED');
    expect(cancelled.data!.updateOrderStatus!.statusHistory.map((s) => s.status)).toEqual(['PENDING', 'CANCELLED']);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([10, 4]);
  });

  it.each([
    ['PENDING', 'SHIPPED'],
    ['PENDING', 'DELIVERED'],
    ['PENDING', 'PENDING'],
  ])('refuses %s → %s with Conflict', async (_from, to) => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const result = await moveOrder(order.id, to);
    const error = onlyError(result);
    expect(error.errorType).toBe('Conflict');
    expect(error.errorInfo).toEqual({ from: 'PENDING', to });
    expect(await storedOrder(order.id)).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('refuses to cancel a shipped order, and leaves stock alone', async () => {
    const product = await seedProduct({ stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);
    await moveOrder(order.id, 'PAID');
    await moveOrder(order.id, 'SHIPPED');

    const result = await moveOrder(order.id, 'CANCELLED');

    expect(onlyError(result)).toMatchObject({ errorType: 'Conflict', errorInfo: { from: 'SHIPPED', to: 'CANCELLED' } });
    expect(await stockOf(product.id)).toBe(8);
  });

  it('refuses to revive a cancelled order', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    await moveOrder(order.id, 'CANCELLED');
    const result = await moveOrder(order.id, 'PAID');
    expect(onlyError(result)).toMatchObject({ errorType: 'Conflict', errorInfo: { from: 'CANCELLED', to: 'PAID' } });
  });

  it('lets only one of two simultaneous cancellations win, so stock comes back once', async () => {
    const product = await seedProduct({ stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);

    const results = await Promise.all([moveOrder(order.id, 'CANCELLED'), moveOrder(order.id, 'CANCELLED')]);

    // The loser either read the order before the winner wrote (version check fails) or after (the life
    // cycle has no CANCELLED → CANCELLED): Conflict both ways.
    expect(results.filter((r) => r.data?.updateOrderStatus)).toHaveLength(1);
    const lost = results.find((r) => r.errors)!;
    expect(onlyError(lost).errorType).toBe('Conflict');
    expect(await stockOf(product.id)).toBe(10);
    expect(await storedOrder(order.id)).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  it('answers NotFound for an unknown order', async () => {
    expect(onlyError(await moveOrder(ulid(), 'PAID')).errorType).toBe('NotFound');
  });

  it('keeps who cancelled, when and why; a cancellation without a reason is refused and changes nothing', async () => {
    const product = await seedProduct({ stock: 5 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);

    for (const reason of [undefined, '', '   ', 'a'.repeat(501)]) {
      const refused = await moveOrder(order.id, 'CANCELLED', staff, { reason });
      expect(onlyError(refused)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'reason' } });
    }
    expect(await storedOrder(order.id)).toMatchObject({ status: 'PENDING', version: 1 });
    expect(await stockOf(product.id)).toBe(3);

    const cancelled = await moveOrder(order.id, 'CANCELLED', staff, { reason: '  Dirección fuera de zona de entrega ' });
    expect(cancelled.errors).toBeUndefined();
    const last = cancelled.data!.updateOrderStatus!.statusHistory[1]!;
    expect(last).toMatchObject({ status: 'CANCELLED', by: usernameOf(staff), byEmail: staff.email, reason: 'Dirección fuera de zona de entrega', carrier: null });
    expect(last.at).toBe(cancelled.data!.updateOrderStatus!.updatedAt);
    expect((await storedOrder(order.id))!.statusHistory).toEqual([
      expect.objectContaining({ status: 'PENDING' }),
      { status: 'CANCELLED', at: last.at, by: usernameOf(staff), byEmail: staff.email, reason: 'Dirección fuera de zona de entrega' },
    ]);
    expect(await stockOf(product.id)).toBe(5);
  });

  it('ships only with a carrier and a tracking number, kept on the history entry', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    await moveOrder(order.id, 'PAID');

    const cases: [Record<string, unknown>, string][] = [
      [{}, 'carrier'],
      [{ carrier: 'DHL' }, 'trackingNumber'],
      [{ carrier: 'DHL', trackingNumber: 'AB1' }, 'trackingNumber'],
      [{ carrier: 'DHL', trackingNumber: 'AB<script>' }, 'trackingNumber'],
      [{ carrier: 'DHL', trackingNumber: '1234567890', reason: 'no' }, 'reason'],
    ];
    for (const [details, field] of cases) {
      expect(onlyError(await moveOrder(order.id, 'SHIPPED', staff, details))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
    }
    expect(onlyError(await moveOrder(order.id, 'DELIVERED', staff, { carrier: 'DHL' }))).toMatchObject({ errorInfo: { field: 'carrier' } });
    expect(await storedOrder(order.id)).toMatchObject({ status: 'PAID', version: 2 });

    const shipped = await moveOrder(order.id, 'SHIPPED', staff, { carrier: 'DHL Express', trackingNumber: 'jd0146 0000 1234' });
    expect(shipped.errors).toBeUndefined();
    expect(shipped.data!.updateOrderStatus!.statusHistory[2]).toMatchObject({
      status: 'SHIPPED',
      byEmail: staff.email,
      carrier: 'DHL Express',
      trackingNumber: 'JD0146 0000 1234',
      reason: null,
    });
  });
});

describe('prescription verification', () => {
  async function paidRxOrder(): Promise<Order> {
    const rx = await seedProduct({ prescriptionRequired: true });
    const otc = await seedProduct();
    const order = await placedOrder(shopper, [
      { productId: rx.id, quantity: 1 },
      { productId: otc.id, quantity: 1 },
    ]);
    expect((await moveOrder(order.id, 'PAID')).errors).toBeUndefined();
    return order;
  }

  it('keeps an order with prescription lines from shipping until a pharmacist verified it', async () => {
    const order = await paidRxOrder();

    const refused = await moveOrder(order.id, 'SHIPPED');
    expect(onlyError(refused)).toMatchObject({ errorType: 'PrescriptionNotVerified', errorInfo: { id: order.id } });
    expect(await storedOrder(order.id)).toMatchObject({ status: 'PAID', version: 2 });

    const verified = await verifyPrescription(order.id, 'Receta del Dr. Ramírez, cédula 1234567');
    expect(verified.errors).toBeUndefined();
    const record = verified.data!.verifyPrescription!.prescriptionVerification!;
    expect(record).toMatchObject({ by: usernameOf(staff), byEmail: staff.email, note: 'Receta del Dr. Ramírez, cédula 1234567' });
    expect(record.at).toBe(verified.data!.verifyPrescription!.updatedAt);
    expect(verified.data!.verifyPrescription!.status).toBe('PAID');
    expect(await storedOrder(order.id)).toMatchObject({ version: 3, prescriptionVerification: { at: record.at, note: record.note } });

    const shipped = await moveOrder(order.id, 'SHIPPED');
    expect(shipped.errors).toBeUndefined();
    expect(shipped.data!.updateOrderStatus!.status).toBe('SHIPPED');
  });

  it('records a verification without a note, once, and only on orders with prescription lines that have not left', async () => {
    const order = await paidRxOrder();
    const first = await verifyPrescription(order.id);
    expect(first.errors).toBeUndefined();
    expect(first.data!.verifyPrescription!.prescriptionVerification!.note).toBeNull();
    expect(onlyError(await verifyPrescription(order.id, 'otra vez'))).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'AlreadyVerified' } });

    const otcOrder = await placedOrder(shopper, [{ productId: (await seedProduct()).id, quantity: 1 }]);
    expect(onlyError(await verifyPrescription(otcOrder.id))).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'NoPrescriptionLines' } });

    const cancelledRx = await placedOrder(shopper, [{ productId: (await seedProduct({ prescriptionRequired: true })).id, quantity: 1 }]);
    await moveOrder(cancelledRx.id, 'CANCELLED');
    expect(onlyError(await verifyPrescription(cancelledRx.id))).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'OrderClosed' } });

    expect(onlyError(await verifyPrescription(ulid()))).toMatchObject({ errorType: 'NotFound' });
  });

  it('refuses a note that is too long or has control characters, and shoppers', async () => {
    const order = await paidRxOrder();
    expect(onlyError(await verifyPrescription(order.id, 'x'.repeat(501)))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'note' } });
    expect(onlyError(await verifyPrescription(order.id, 'nota\u202e'))).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'note' } });
    expect(onlyError(await verifyPrescription(order.id, 'ok', shopper)).errorType).toBe('Unauthorized');
    expect(await storedOrder(order.id)).not.toHaveProperty('prescriptionVerification');
  });

  it('is for staff only', async () => {
    const product = await seedProduct();
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const result = await moveOrder(order.id, 'PAID', shopper);
    expect(onlyError(result).errorType).toBe('Unauthorized');
    expect(await storedOrder(order.id)).toMatchObject({ status: 'PENDING' });
  });
});
