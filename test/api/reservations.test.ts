/**
 * Issue 13 through the real local runtime and DynamoDB Local: order limits (units per product, unpaid orders
 * per shopper, also under concurrency), the stock reservation of an unpaid order and its end — expiry by the
 * reservation-expiry job (the same handler the scheduler runs), exactly once, and never after a payment or a
 * staff change got there first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings } from '../../config/settings';
import { createReservationExpiryHandler } from '../../functions/reservation-expiry/handler';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { productKey, reservationKey, unpaidOrdersKey } from '../../model/keys';
import { DEFAULT_ORDER_POLICY, speiReferenceOf } from '../../model/order-payment';
import { EXPIRED_RESERVATION_REASON } from '../../model/order-reservation';
import type { ProductInput } from '../../model/product-items';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { seedProduct as seedProductInto } from '../support/products';

const ORDER_FIELDS = `id status paymentMethod reservationExpiresAt paymentReference createdAt
  lines { productId quantity } statusHistory { status by reason }`;
const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
const UPDATE_STATUS = `mutation Move($id: ID!, $status: OrderStatus!, $reason: String) {
  updateOrderStatus(id: $id, status: $status, reason: $reason) { ${ORDER_FIELDS} } }`;
const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

interface Order {
  id: string;
  status: string;
  paymentMethod: string | null;
  reservationExpiresAt: string | null;
  paymentReference: string | null;
  createdAt: string;
  lines: { productId: string; quantity: number }[];
  statusHistory: { status: string; by: string | null; reason: string | null }[];
}

const address = {
  recipientName: 'Ana López García',
  line1: 'Av. Independencia 1234',
  city: 'Veracruz',
  state: 'Veracruz',
  postalCode: '91700',
  country: 'MX',
};

let api: TestApi;
let staff: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  staff = await createTestUser({ prefix: 'staff', groups: ['admin'] });
});

afterAll(async () => {
  await api?.close();
});

function seedProduct(overrides: Partial<ProductInput> & { maxPerOrder?: number } = {}): Promise<ProductInput> {
  const { maxPerOrder, ...product } = overrides;
  return seedProductInto(api.table, product).then(async (seeded) => {
    if (maxPerOrder !== undefined) {
      await api.table.documentClient.send(
        new UpdateCommand({
          TableName: api.table.tableName,
          Key: productKey(seeded.id),
          UpdateExpression: 'SET maxPerOrder = :max',
          ExpressionAttributeValues: { ':max': maxPerOrder },
        }),
      );
    }
    return seeded;
  });
}

async function itemAt(key: { PK: string; SK: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: key, ConsistentRead: true }));
  return Item;
}

async function stockOf(productId: string): Promise<number> {
  return (await itemAt(productKey(productId)))?.stock as number;
}

async function unpaidCountOf(user: TestUser): Promise<number> {
  return ((await itemAt(unpaidOrdersKey(user.sub)))?.unpaidCount as number | undefined) ?? 0;
}

function placeOrder(user: TestUser, items: { productId: string; quantity: number }[], input: Record<string, unknown> = {}) {
  return api.graphql<{ createOrder: Order | null }>(
    CREATE_ORDER,
    { input: { items, shippingAddress: address, clientToken: randomUUID(), ...input } },
    user,
  );
}

async function placedOrder(user: TestUser, items: { productId: string; quantity: number }[], input: Record<string, unknown> = {}) {
  const result = await placeOrder(user, items, input);
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder!;
}

function expiryJob(now: Date) {
  const settings = localLambdaSettings({ TABLE_NAME: api.table.tableName, LOG_LEVEL: 'SILENT' });
  const clients = createAwsClients(settings);
  // The document client of the test table (same DynamoDB Local endpoint and credentials as the API).
  return createReservationExpiryHandler({ settings, clients: { ...clients, documentClient: api.table.documentClient }, now: () => now });
}

function firstError(result: GraphQLResult<unknown>) {
  expect(result.errors?.length).toBeGreaterThan(0);
  return result.errors![0]!;
}

const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

describe('order limits', () => {
  it(`refuses more than ${DEFAULT_ORDER_POLICY.maxUnitsPerProduct} units of one product with OrderLimitExceeded, reserving nothing`, async () => {
    const shopper = await createTestUser({ prefix: 'limite' });
    const product = await seedProduct({ stock: 500 });
    const error = firstError(await placeOrder(shopper, [{ productId: product.id, quantity: DEFAULT_ORDER_POLICY.maxUnitsPerProduct + 1 }]));
    expect(error.errorType).toBe('OrderLimitExceeded');
    expect(error.errorInfo).toMatchObject({ productId: product.id, name: product.name, limit: 10, requested: 11 });
    expect(await stockOf(product.id)).toBe(500);
    await placedOrder(shopper, [{ productId: product.id, quantity: 10 }]);
    expect(await stockOf(product.id)).toBe(490);
  });

  it("applies a product's own lower limit from the catalog", async () => {
    const shopper = await createTestUser({ prefix: 'limite-producto' });
    const product = await seedProduct({ stock: 50, maxPerOrder: 2 });
    const error = firstError(await placeOrder(shopper, [{ productId: product.id, quantity: 3 }]));
    expect(error.errorType).toBe('OrderLimitExceeded');
    expect(error.errorInfo).toMatchObject({ limit: 2, requested: 3 });
    await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);
  });

  it("lets staff set and clear a product's own limit with upsertProduct, which createOrder then applies", async () => {
    const shopper = await createTestUser({ prefix: 'limite-personal' });
    const product = await seedProduct({ stock: 50 });
    const { id, sku, name, activeIngredients, lab, presentation, categoryName, priceCents, stock, prescriptionRequired } = product;
    const input = { id, sku, name, activeIngredients, lab, presentation, categoryName, priceCents, stock, prescriptionRequired };
    const UPSERT = 'mutation ($input: ProductInput!) { upsertProduct(input: $input) { id maxPerOrder } }';

    const refused = firstError(await api.graphql(UPSERT, { input: { ...input, maxPerOrder: 0 } }, staff));
    expect(refused.errorType).toBe('ValidationError');
    const set = await api.graphql<{ upsertProduct: { maxPerOrder: number | null } }>(UPSERT, { input: { ...input, maxPerOrder: 2 } }, staff);
    expect(set.errors).toBeUndefined();
    expect(set.data!.upsertProduct.maxPerOrder).toBe(2);
    expect(await itemAt(productKey(id))).toMatchObject({ maxPerOrder: 2 });
    expect(firstError(await placeOrder(shopper, [{ productId: id, quantity: 3 }])).errorInfo).toMatchObject({ limit: 2, requested: 3 });
    // A shopper cannot set it.
    expect(firstError(await api.graphql(UPSERT, { input: { ...input, maxPerOrder: 50 } }, shopper)).errorType).toBe('Unauthorized');

    const cleared = await api.graphql<{ upsertProduct: { maxPerOrder: number | null } }>(UPSERT, { input: { ...input, maxPerOrder: null } }, staff);
    expect(cleared.data!.upsertProduct.maxPerOrder).toBeNull();
    expect((await itemAt(productKey(id)))?.maxPerOrder).toBeUndefined();
    await placedOrder(shopper, [{ productId: id, quantity: 3 }]);
  });

  it('allows 3 unpaid orders per shopper, refuses the 4th with TooManyUnpaidOrders, and allows one again after a payment', async () => {
    const shopper = await createTestUser({ prefix: 'pendientes' });
    const product = await seedProduct({ stock: 100 });
    const orders = [];
    for (let i = 0; i < 3; i += 1) orders.push(await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]));
    const error = firstError(await placeOrder(shopper, [{ productId: product.id, quantity: 1 }]));
    expect(error.errorType).toBe('TooManyUnpaidOrders');
    expect(error.errorInfo).toEqual({ limit: 3 });
    expect(await stockOf(product.id)).toBe(97);
    const paid = await api.graphql(UPDATE_STATUS, { id: orders[0]!.id, status: 'PAID' }, staff);
    expect(paid.errors).toBeUndefined();
    expect(await unpaidCountOf(shopper)).toBe(2);
    await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    expect(await unpaidCountOf(shopper)).toBe(3);
  });

  it('lets exactly 3 of 8 concurrent checkouts of one shopper through', async () => {
    const shopper = await createTestUser({ prefix: 'concurrentes' });
    const product = await seedProduct({ stock: 100 });
    const results = await Promise.all(Array.from({ length: 8 }, () => placeOrder(shopper, [{ productId: product.id, quantity: 1 }])));
    const placed = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors?.[0]?.errorType === 'TooManyUnpaidOrders');
    expect(placed).toHaveLength(3);
    expect(refused).toHaveLength(5);
    expect(await stockOf(product.id)).toBe(97);
    expect(await unpaidCountOf(shopper)).toBe(3);
  });
});

describe('stock reservations', () => {
  it('holds a card order 30 minutes and a bank transfer 48 hours; SPEI orders get a reference', async () => {
    const shopper = await createTestUser({ prefix: 'metodos' });
    const product = await seedProduct({ stock: 10 });
    const card = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    expect(card.paymentMethod).toBe('CARD');
    expect(Date.parse(card.reservationExpiresAt!) - Date.parse(card.createdAt)).toBe(30 * 60_000);
    expect(card.paymentReference).toBeNull();
    const spei = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }], { paymentMethod: 'SPEI' });
    expect(spei.paymentMethod).toBe('SPEI');
    expect(Date.parse(spei.reservationExpiresAt!) - Date.parse(spei.createdAt)).toBe(48 * 3600_000);
    expect(spei.paymentReference).toBe(speiReferenceOf(spei.id));
    expect(await itemAt(reservationKey(spei.reservationExpiresAt!, spei.id))).toMatchObject({ orderId: spei.id, type: 'Reservation' });
  });

  it('gives the stock of an abandoned order back once when it expires, whatever how often the job runs', async () => {
    const shopper = await createTestUser({ prefix: 'abandona' });
    const product = await seedProduct({ stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 4 }]);
    expect(await stockOf(product.id)).toBe(6);

    const early = await expiryJob(minutesAfter(order.createdAt, 29))({});
    expect(early.released).not.toContain(order.id);
    expect(await stockOf(product.id)).toBe(6);

    const due = minutesAfter(order.createdAt, 31);
    const runs = await Promise.all([expiryJob(due)({}), expiryJob(due)({}), expiryJob(due)({})]);
    expect(runs.flatMap((run) => run.released).filter((id) => id === order.id)).toHaveLength(1);
    expect(await expiryJob(minutesAfter(order.createdAt, 60))({})).toMatchObject({ released: [] });

    expect(await stockOf(product.id)).toBe(10);
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await itemAt(reservationKey(order.reservationExpiresAt!, order.id))).toBeUndefined();
    const read = await api.graphql<{ order: Order }>(ORDER, { id: order.id }, shopper);
    expect(read.data?.order.status).toBe('CANCELLED');
    expect(read.data?.order.reservationExpiresAt).toBeNull();
    expect(read.data?.order.statusHistory.at(-1)).toEqual({ status: 'CANCELLED', by: 'sistema', reason: EXPIRED_RESERVATION_REASON });
  });

  it('never expires an order paid in time, and the payment frees its unpaid slot', async () => {
    const shopper = await createTestUser({ prefix: 'paga' });
    const product = await seedProduct({ stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 3 }]);
    expect((await api.graphql(UPDATE_STATUS, { id: order.id, status: 'PAID' }, staff)).errors).toBeUndefined();
    const run = await expiryJob(minutesAfter(order.createdAt, 31))({});
    expect(run.released).not.toContain(order.id);
    expect(await stockOf(product.id)).toBe(7);
    expect(await unpaidCountOf(shopper)).toBe(0);
  });

  it('returns stock once when staff cancel an unpaid order and the reservation then comes due', async () => {
    const shopper = await createTestUser({ prefix: 'cancela' });
    const product = await seedProduct({ stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);
    const cancelled = await api.graphql(UPDATE_STATUS, { id: order.id, status: 'CANCELLED', reason: 'El cliente lo pidió por teléfono' }, staff);
    expect(cancelled.errors).toBeUndefined();
    expect(await stockOf(product.id)).toBe(10);
    await expiryJob(minutesAfter(order.createdAt, 31))({});
    expect(await stockOf(product.id)).toBe(10);
    expect(await unpaidCountOf(shopper)).toBe(0);
  });

  it('returns stock exactly once when a staff payment and the expiry race', async () => {
    const shopper = await createTestUser({ prefix: 'carrera' });
    const product = await seedProduct({ stock: 20 });
    const orders = [];
    for (let i = 0; i < 3; i += 1) orders.push(await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]));
    expect(await stockOf(product.id)).toBe(14);
    const due = minutesAfter(orders[2]!.createdAt, 31);
    const [job, ...payments] = await Promise.all([
      expiryJob(due)({}),
      ...orders.map((order) => api.graphql<{ updateOrderStatus: Order | null }>(UPDATE_STATUS, { id: order.id, status: 'PAID' }, staff)),
    ]);
    const paidIds = orders.filter((_, i) => !payments[i]!.errors).map((order) => order.id);
    // Each order ended one way: paid (Conflict for the job) or expired (Conflict for the payment).
    for (const order of orders) expect(paidIds.includes(order.id) !== job.released.includes(order.id)).toBe(true);
    for (const payment of payments) if (payment.errors) expect(payment.errors[0]!.errorType).toBe('Conflict');
    expect(await stockOf(product.id)).toBe(14 + 2 * job.released.length);
    expect(await unpaidCountOf(shopper)).toBe(0);
  });

  it('refuses to mark an expired order paid: a late bank transfer goes back to the shopper', async () => {
    const shopper = await createTestUser({ prefix: 'tarde' });
    const product = await seedProduct({ stock: 5 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }], { paymentMethod: 'SPEI' });
    await expiryJob(minutesAfter(order.createdAt, 48 * 60 + 1))({});
    const late = await api.graphql(UPDATE_STATUS, { id: order.id, status: 'PAID' }, staff);
    expect(firstError(late).errorType).toBe('Conflict');
    expect(await stockOf(product.id)).toBe(5);
  });
});
