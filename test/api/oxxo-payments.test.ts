/**
 * OXXO as its own payment method (issue 13): an OXXO order holds its stock for days (setting, 3 by default),
 * startCardPayment makes an OXXO-only Stripe Checkout Session whose voucher expires before the reservation ends,
 * the Stripe stand-in issues the voucher (the session completes unpaid) and later says it was paid at the store
 * (async_payment_succeeded → PAID) or expired (async_payment_failed → the reservation's end returns the stock,
 * once). End to end: the local runtime, DynamoDB Local, the card-checkout resolver Lambda, the stand-in's signed
 * webhooks to the stripe-webhook handler, the reservation-expiry job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings, LOCAL_STRIPE_SECRETS, type LambdaSettings } from '../../config/settings';
import { oxxoVoucherExpiry } from '../../functions/card-checkout/checkout-session';
import { createReservationExpiryHandler } from '../../functions/reservation-expiry/handler';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { createStripeWebhookHandler } from '../../functions/stripe-webhook/handler';
import { orderKey, productKey, unpaidOrdersKey } from '../../model/keys';
import { startLocalFunctionUrl, type LocalFunctionUrl } from '../../local/function-url';
import { startStripeStandIn, type StripeStandIn } from '../../local/stripe/stand-in';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';

const ORDER_FIELDS = 'id status paymentMethod reservationExpiresAt createdAt total { amountCents }';
const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
const START_PAYMENT = 'mutation Pay($orderId: ID!) { startCardPayment(orderId: $orderId) { url expiresAt } }';
const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

interface Order {
  id: string;
  status: string;
  paymentMethod: string;
  reservationExpiresAt: string;
  createdAt: string;
  total: { amountCents: number };
}

const address = { recipientName: 'Rosa Méndez Díaz', line1: 'Calle 5 de Mayo 40', city: 'Oaxaca', state: 'Oaxaca', postalCode: '68000', country: 'MX' };
const DAY_MS = 24 * 3600_000;

let api: TestApi;
let stripe: StripeStandIn;
let webhook: LocalFunctionUrl;
let settings: LambdaSettings;

beforeAll(async () => {
  stripe = await startStripeStandIn({ host: '127.0.0.1', secrets: LOCAL_STRIPE_SECRETS, retryDelayMs: 200 });
  api = await startTestApi({
    environment: { ORDER_MAX_UNPAID_ORDERS: '50' },
    lambdaSettings: (base) => {
      settings = { ...base, logLevel: 'SILENT', stripe: { ...base.stripe, apiUrl: stripe.url }, email: { ...base.email, shopUrl: 'http://127.0.0.1:5173' } };
      return settings;
    },
  });
  const clients = createAwsClients(settings);
  webhook = await startLocalFunctionUrl({
    name: 'stripe-webhook',
    host: '127.0.0.1',
    handler: createStripeWebhookHandler({ settings, clients: { ...clients, documentClient: api.table.documentClient } }),
    region: settings.aws.region,
    timeoutSeconds: 30,
    memoryMb: 256,
  });
  stripe.setWebhookUrl(webhook.url);
}, 120_000);

afterAll(async () => {
  await stripe?.stop();
  await webhook?.stop();
  await api?.close();
});

async function itemAt(key: { PK: string; SK: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: key, ConsistentRead: true }));
  return Item;
}

const stockOf = async (productId: string) => (await itemAt(productKey(productId)))?.stock as number;
const unpaidCountOf = async (user: TestUser) => ((await itemAt(unpaidOrdersKey(user.sub)))?.unpaidCount as number | undefined) ?? 0;

async function oxxoOrder(user: TestUser, productId: string, quantity: number): Promise<Order> {
  const result = await api.graphql<{ createOrder: Order }>(
    CREATE_ORDER,
    { input: { items: [{ productId, quantity }], shippingAddress: address, clientToken: randomUUID(), paymentMethod: 'OXXO' } },
    user,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder;
}

async function orderOf(user: TestUser, id: string): Promise<Order> {
  const result = await api.graphql<{ order: Order }>(ORDER, { id }, user);
  expect(result.errors).toBeUndefined();
  return result.data!.order;
}

/** startCardPayment for the OXXO order, and the stand-in's session behind the URL it returned. */
async function voucherSessionFor(user: TestUser, orderId: string) {
  const result = await api.graphql<{ startCardPayment: { url: string } }>(START_PAYMENT, { orderId }, user);
  expect(result.errors).toBeUndefined();
  const session = stripe.sessions.get(result.data!.startCardPayment.url.slice(`${stripe.url}/c/pay/`.length));
  expect(session).toBeDefined();
  return session!;
}

function expiryJob(now: Date) {
  const jobSettings = localLambdaSettings({ TABLE_NAME: api.table.tableName, LOG_LEVEL: 'SILENT' });
  const clients = createAwsClients(jobSettings);
  return createReservationExpiryHandler({ settings: jobSettings, clients: { ...clients, documentClient: api.table.documentClient }, now: () => now });
}

describe('paying at an OXXO store', () => {
  it('holds the stock for 3 days, makes an OXXO-only session whose voucher expires first, and pays the order when the store payment is confirmed', async () => {
    const shopper = await createTestUser({ prefix: 'oxxo' });
    const product = await seedProduct(api.table, { stock: 10, priceCents: 8_950 });
    const order = await oxxoOrder(shopper, product.id, 2);
    expect(order.paymentMethod).toBe('OXXO');
    expect(Date.parse(order.reservationExpiresAt) - Date.parse(order.createdAt)).toBe(3 * DAY_MS);

    const session = await voucherSessionFor(shopper, order.id);
    expect(session.payment_method_types).toEqual(['oxxo']);
    expect(session.amount_total).toBe(order.total.amountCents);
    const days = session.payment_method_options.oxxo!.expires_after_days;
    expect(days).toBe(2);
    expect(oxxoVoucherExpiry(new Date(session.created * 1000), days).getTime()).toBeLessThan(Date.parse(order.reservationExpiresAt));

    // The voucher is issued: Stripe completes the session unpaid; the order waits, its stock still held.
    const intent = await stripe.issueOxxoVoucher(session.id);
    expect(intent.next_action?.oxxo_display_details.number).toMatch(/^\d{14}$/);
    expect(intent.next_action!.oxxo_display_details.expires_after * 1000).toBeLessThan(Date.parse(order.reservationExpiresAt));
    const completed = stripe.events.find((e) => e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === session.id)!;
    expect((completed.data.object as { payment_status: string }).payment_status).toBe('unpaid');
    expect(stripe.deliveries.filter((d) => d.eventId === completed.id).map((d) => d.status)).toEqual([200]);
    expect((await orderOf(shopper, order.id)).status).toBe('PENDING');
    expect(await stockOf(product.id)).toBe(8);

    // Paid in cash at the store: async_payment_succeeded.
    await stripe.payOxxoVoucher(intent.id);
    const paidEvent = stripe.events.find((e) => e.type === 'checkout.session.async_payment_succeeded' && (e.data.object as { id: string }).id === session.id)!;
    expect(stripe.deliveries.filter((d) => d.eventId === paidEvent.id).map((d) => d.status)).toEqual([200]);
    expect((await orderOf(shopper, order.id)).status).toBe('PAID');
    expect((await itemAt(orderKey(order.id)))?.cardPayment).toMatchObject({ paymentIntentId: intent.id, amountCents: order.total.amountCents });
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await stockOf(product.id)).toBe(8);
    // Nothing left for the expiry job, and nothing refunded.
    expect(await expiryJob(new Date(Date.parse(order.reservationExpiresAt) + 60_000))({})).toMatchObject({ released: [] });
    expect(stripe.refunds.filter((r) => r.payment_intent === intent.id)).toHaveLength(0);
  });

  it('leaves an order whose voucher expired unpaid to its reservation, which returns the stock once', async () => {
    const shopper = await createTestUser({ prefix: 'oxxovencido' });
    const product = await seedProduct(api.table, { stock: 6 });
    const order = await oxxoOrder(shopper, product.id, 4);
    const session = await voucherSessionFor(shopper, order.id);
    const intent = await stripe.issueOxxoVoucher(session.id);

    await stripe.expireOxxoVoucher(intent.id);
    const failed = stripe.events.find((e) => e.type === 'checkout.session.async_payment_failed' && (e.data.object as { id: string }).id === session.id)!;
    expect(stripe.deliveries.filter((d) => d.eventId === failed.id).map((d) => d.status)).toEqual([200]);
    expect((await orderOf(shopper, order.id)).status).toBe('PENDING');
    expect(await stockOf(product.id)).toBe(2);

    // Before the reservation ends nothing happens; at its end the stock comes back once, however many runs race.
    expect(await expiryJob(new Date(Date.parse(order.reservationExpiresAt) - 60_000))({})).toMatchObject({ released: [] });
    const due = new Date(Date.parse(order.reservationExpiresAt) + 60_000);
    const runs = await Promise.all([expiryJob(due)({}), expiryJob(due)({}), expiryJob(due)({})]);
    expect(runs.flatMap((r) => r.released).filter((id) => id === order.id)).toHaveLength(1);
    expect(await expiryJob(new Date(due.getTime() + 10 * 60_000))({})).toMatchObject({ released: [] });
    expect((await orderOf(shopper, order.id)).status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(6);
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(stripe.refunds.filter((r) => r.payment_intent === intent.id)).toHaveLength(0);
  });
});
