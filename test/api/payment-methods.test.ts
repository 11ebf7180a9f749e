/**
 * Issue 13, payment methods through the real local runtime and DynamoDB Local: a bank transfer (SPEI) order and
 * staff confirming the transfer; the shop setting for cash on delivery (who may read and change it); cash on
 * delivery refused while off and, once on, its own path — no timed reservation (the expiry job never cancels
 * it), PENDING → SHIPPED → DELIVERED with the cash recorded, never PAID before delivery, the unpaid-orders count
 * kept right, cancellable by the shopper while PENDING.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings } from '../../config/settings';
import { createReservationExpiryHandler } from '../../functions/reservation-expiry/handler';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { orderKey, productKey, reservationKey, RESERVATIONS_PK, SHOP_SETTINGS_KEY, unpaidOrdersKey } from '../../model/keys';
import { DEFAULT_ORDER_POLICY, speiReferenceOf } from '../../model/order-payment';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type Caller, type GraphQLResult, type TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';

const ORDER_FIELDS = `id status paymentMethod reservationExpiresAt paymentReference createdAt total { amountCents currency }
  statusHistory { status by }`;
const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
const UPDATE_STATUS = `mutation Move($id: ID!, $status: OrderStatus!, $reason: String, $carrier: String, $trackingNumber: String) {
  updateOrderStatus(id: $id, status: $status, reason: $reason, carrier: $carrier, trackingNumber: $trackingNumber) { ${ORDER_FIELDS} } }`;
const CANCEL_MINE = `mutation Cancel($id: ID!) { cancelMyOrder(id: $id) { ${ORDER_FIELDS} } }`;
const SHOP_SETTINGS = `query { shopSettings { cashOnDelivery updatedAt } }`;
const UPDATE_SETTINGS = `mutation Set($input: ShopSettingsInput!) { updateShopSettings(input: $input) { cashOnDelivery updatedAt } }`;

interface Order {
  id: string;
  status: string;
  paymentMethod: string | null;
  reservationExpiresAt: string | null;
  paymentReference: string | null;
  createdAt: string;
  total: { amountCents: number; currency: string };
  statusHistory: { status: string; by: string | null }[];
}

const address = {
  recipientName: 'Lucía Hernández',
  line1: 'Calle Morelos 45',
  city: 'Puebla',
  state: 'Puebla',
  postalCode: '72000',
  country: 'MX',
};

let api: TestApi;
let staff: TestUser;

beforeAll(async () => {
  api = await startTestApi();
  staff = await createTestUser({ prefix: 'pagos-staff', groups: ['admin'] });
});

afterAll(async () => {
  await api?.close();
});

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

/** Every reservation item of one order (whatever its expiry). */
async function reservationsOf(orderId: string): Promise<unknown[]> {
  const { Items } = await api.table.documentClient.send(
    new QueryCommand({ TableName: api.table.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': RESERVATIONS_PK }, ConsistentRead: true }),
  );
  return (Items ?? []).filter((item) => item.orderId === orderId);
}

function placeOrder(user: TestUser, productId: string, quantity: number, paymentMethod?: string, clientToken = randomUUID()) {
  const input: Record<string, unknown> = { items: [{ productId, quantity }], shippingAddress: address, clientToken };
  if (paymentMethod) input.paymentMethod = paymentMethod;
  return api.graphql<{ createOrder: Order | null }>(CREATE_ORDER, { input }, user);
}

async function placedOrder(user: TestUser, productId: string, quantity: number, paymentMethod?: string): Promise<Order> {
  const result = await placeOrder(user, productId, quantity, paymentMethod);
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder!;
}

function move(id: string, status: string, details: Record<string, string> = {}) {
  return api.graphql<{ updateOrderStatus: Order | null }>(UPDATE_STATUS, { id, status, ...details }, staff);
}

function firstError(result: GraphQLResult<unknown>) {
  expect(result.errors?.length).toBeGreaterThan(0);
  return result.errors![0]!;
}

async function setCashOnDelivery(on: boolean, caller: Caller = staff) {
  return api.graphql<{ updateShopSettings: { cashOnDelivery: boolean; updatedAt: string } | null }>(UPDATE_SETTINGS, { input: { cashOnDelivery: on } }, caller);
}

function expiryJob(now: Date) {
  const settings = localLambdaSettings({ TABLE_NAME: api.table.tableName, LOG_LEVEL: 'SILENT' });
  const clients = createAwsClients(settings);
  return createReservationExpiryHandler({ settings, clients: { ...clients, documentClient: api.table.documentClient }, now: () => now });
}

const daysAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * 24 * 3600_000);

describe('bank transfer (SPEI)', () => {
  it('places a SPEI order with its reference and a 48-hour reservation; staff confirm the transfer (PENDING → PAID), which ends the reservation', async () => {
    const shopper = await createTestUser({ prefix: 'spei' });
    const product = await seedProduct(api.table, { stock: 20 });
    const order = await placedOrder(shopper, product.id, 2, 'SPEI');
    expect(order).toMatchObject({ status: 'PENDING', paymentMethod: 'SPEI', paymentReference: speiReferenceOf(order.id) });
    expect(Date.parse(order.reservationExpiresAt!) - Date.parse(order.createdAt)).toBe(DEFAULT_ORDER_POLICY.reservationMinutes.SPEI * 60_000);
    expect(await itemAt(reservationKey(order.reservationExpiresAt!, order.id))).toBeDefined();
    expect(await unpaidCountOf(shopper)).toBe(1);

    // A shopper cannot confirm their own transfer.
    expect(firstError(await api.graphql(UPDATE_STATUS, { id: order.id, status: 'PAID' }, shopper)).errorType).toBe('Unauthorized');
    const confirmed = await move(order.id, 'PAID');
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.updateOrderStatus).toMatchObject({ status: 'PAID', paymentMethod: 'SPEI', reservationExpiresAt: null });
    expect(await itemAt(reservationKey(order.reservationExpiresAt!, order.id))).toBeUndefined();
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await stockOf(product.id)).toBe(18);
    // The expiry job, long after the deadline, leaves the paid order alone.
    expect((await expiryJob(daysAfter(order.createdAt, 5))({})).released).not.toContain(order.id);
    expect((await itemAt(orderKey(order.id)))?.status).toBe('PAID');
  });
});

describe('shop settings (cash on delivery on or off)', () => {
  it('are off by default, readable by anyone the catalog is for, and changed by staff only', async () => {
    const shopper = await createTestUser({ prefix: 'ajustes' });
    for (const caller of ['apiKey', shopper, staff] as const) {
      const read = await api.graphql<{ shopSettings: { cashOnDelivery: boolean } }>(SHOP_SETTINGS, {}, caller);
      expect(read.errors).toBeUndefined();
      expect(read.data!.shopSettings.cashOnDelivery).toBe(false);
    }
    expect(firstError(await api.graphql(SHOP_SETTINGS, {}, 'none')).errorType).toMatch(/^Unauthorized/);
    for (const caller of ['none', 'apiKey', shopper] as const) {
      expect(firstError(await setCashOnDelivery(true, caller)).errorType).toMatch(/^Unauthorized/);
    }
    expect(await itemAt(SHOP_SETTINGS_KEY)).toBeUndefined();

    const on = await setCashOnDelivery(true);
    expect(on.errors).toBeUndefined();
    expect(on.data!.updateShopSettings!.cashOnDelivery).toBe(true);
    const read = await api.graphql<{ shopSettings: { cashOnDelivery: boolean; updatedAt: string } }>(SHOP_SETTINGS, {}, 'apiKey');
    expect(read.data!.shopSettings).toEqual({ cashOnDelivery: true, updatedAt: on.data!.updateShopSettings!.updatedAt });
    expect(await itemAt(SHOP_SETTINGS_KEY)).toMatchObject({ type: 'ShopSettings', cashOnDelivery: true, updatedBy: staff.sub });

    const off = await setCashOnDelivery(false);
    expect(off.data!.updateShopSettings!.cashOnDelivery).toBe(false);
    // The schema itself refuses a missing value (GraphQL validation), before the resolver.
    expect(firstError(await api.graphql(UPDATE_SETTINGS, { input: {} }, staff)).message).toMatch(/Boolean!/);
    expect((await itemAt(SHOP_SETTINGS_KEY))?.cashOnDelivery).toBe(false);
  });
});

describe('cash on delivery', () => {
  it('is refused with PaymentMethodUnavailable while staff have it off, writing nothing; the same checkout goes through once it is on', async () => {
    await setCashOnDelivery(false);
    const shopper = await createTestUser({ prefix: 'cod-apagado' });
    const product = await seedProduct(api.table, { stock: 10 });
    const token = randomUUID();
    const error = firstError(await placeOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY', token));
    expect(error.errorType).toBe('PaymentMethodUnavailable');
    expect(error.errorInfo).toEqual({ paymentMethod: 'CASH_ON_DELIVERY' });
    expect(await stockOf(product.id)).toBe(10);
    expect(await unpaidCountOf(shopper)).toBe(0);

    await setCashOnDelivery(true);
    const placed = await placeOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY', token);
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.createOrder).toMatchObject({ status: 'PENDING', paymentMethod: 'CASH_ON_DELIVERY' });
    // Turned off again: the order placed stays as it is, and a retry of its checkout still returns it.
    await setCashOnDelivery(false);
    const retried = await placeOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY', token);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.createOrder!.id).toBe(placed.data!.createOrder!.id);
    expect(await stockOf(product.id)).toBe(9);
  });

  it('holds the stock with no deadline: the expiry job never cancels it; staff ship it unpaid and record the cash at delivery', async () => {
    await setCashOnDelivery(true);
    const shopper = await createTestUser({ prefix: 'cod' });
    const product = await seedProduct(api.table, { stock: 10, priceCents: 12_050 });
    const order = await placedOrder(shopper, product.id, 3, 'CASH_ON_DELIVERY');
    expect(order).toMatchObject({ status: 'PENDING', paymentMethod: 'CASH_ON_DELIVERY', reservationExpiresAt: null, paymentReference: null });
    expect(await reservationsOf(order.id)).toEqual([]);
    expect(await stockOf(product.id)).toBe(7);
    expect(await unpaidCountOf(shopper)).toBe(1);

    // Far past any reservation time (card 30 min, SPEI 48 h): nothing to release, the order and its stock stay.
    const runs = await Promise.all([expiryJob(daysAfter(order.createdAt, 30))({}), expiryJob(daysAfter(order.createdAt, 30))({})]);
    expect(runs.flatMap((run) => run.released)).not.toContain(order.id);
    expect(await itemAt(orderKey(order.id))).toMatchObject({ status: 'PENDING', version: 1 });
    expect(await stockOf(product.id)).toBe(7);

    // Not paid before delivery: PAID is refused; it ships unpaid.
    const paid = firstError(await move(order.id, 'PAID'));
    expect(paid.errorType).toBe('Conflict');
    expect(paid.errorInfo).toEqual({ from: 'PENDING', to: 'PAID' });
    expect(paid.message).toContain('CASH_ON_DELIVERY');
    const shipped = await move(order.id, 'SHIPPED', { carrier: 'Reparto propio', trackingNumber: 'RP-0001' });
    expect(shipped.errors).toBeUndefined();
    expect(shipped.data!.updateOrderStatus!.status).toBe('SHIPPED');
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await stockOf(product.id)).toBe(7);

    const delivered = await move(order.id, 'DELIVERED');
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data!.updateOrderStatus!.statusHistory.map((s) => s.status)).toEqual(['PENDING', 'SHIPPED', 'DELIVERED']);
    const stored = await itemAt(orderKey(order.id));
    expect(stored).toMatchObject({
      status: 'DELIVERED',
      cashPayment: { amountCents: order.total.amountCents, currency: 'MXN', by: staff.sub },
    });
    expect((stored!.cashPayment as { collectedAt: string }).collectedAt).toBe(stored!.updatedAt);
  });

  it('lets the shopper cancel it while PENDING (stock back once, unpaid count down), and counts it among the unpaid orders', async () => {
    await setCashOnDelivery(true);
    const shopper = await createTestUser({ prefix: 'cod-cancela' });
    const product = await seedProduct(api.table, { stock: 10 });
    const orders: Order[] = [];
    for (let i = 0; i < DEFAULT_ORDER_POLICY.maxUnpaidOrders; i += 1) orders.push(await placedOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY'));
    expect(firstError(await placeOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY')).errorType).toBe('TooManyUnpaidOrders');
    expect(await stockOf(product.id)).toBe(10 - DEFAULT_ORDER_POLICY.maxUnpaidOrders);

    const cancels = await Promise.all([orders[0]!, orders[0]!].map((o) => api.graphql<{ cancelMyOrder: Order | null }>(CANCEL_MINE, { id: o.id }, shopper)));
    expect(cancels.filter((c) => !c.errors)).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(10 - DEFAULT_ORDER_POLICY.maxUnpaidOrders + 1);
    expect(await unpaidCountOf(shopper)).toBe(DEFAULT_ORDER_POLICY.maxUnpaidOrders - 1);
    await placedOrder(shopper, product.id, 1, 'CASH_ON_DELIVERY');
  });

  it('still refuses a method the schema does not know', async () => {
    const shopper = await createTestUser({ prefix: 'cod-desconocido' });
    const product = await seedProduct(api.table, { stock: 5 });
    const result = await placeOrder(shopper, product.id, 1, 'CHEQUE');
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await stockOf(product.id)).toBe(5);
  });
});
