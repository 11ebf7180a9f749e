/**
 * Card payments through Stripe (issue 13), end to end on this machine: the real local runtime and DynamoDB
 * Local, the card-checkout resolver Lambda calling the Stripe stand-in through the official SDK, the stand-in's
 * hosted-page actions (pay, decline) and its signed webhook deliveries to the stripe-webhook handler behind a
 * local Function URL, and the reservation-expiry job for abandoned and declined payments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { localLambdaSettings, LOCAL_STRIPE_SECRETS, type LambdaSettings } from '../../config/settings';
import { createReservationExpiryHandler } from '../../functions/reservation-expiry/handler';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { createStripeWebhookHandler } from '../../functions/stripe-webhook/handler';
import { orderKey, orderRefundKey, productKey, reservationKey, stripeEventKey, unpaidOrdersKey } from '../../model/keys';
import { startLocalFunctionUrl, type LocalFunctionUrl } from '../../local/function-url';
import { startStripeStandIn, TEST_CARDS, type StripeStandIn } from '../../local/stripe/stand-in';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';

const ORDER_FIELDS = 'id status paymentMethod reservationExpiresAt createdAt total { amountCents } statusHistory { status by }';
const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;
const START_CARD_PAYMENT = 'mutation Pay($orderId: ID!) { startCardPayment(orderId: $orderId) { url expiresAt } }';
const ORDER = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

interface Order {
  id: string;
  status: string;
  paymentMethod: string;
  reservationExpiresAt: string;
  createdAt: string;
  total: { amountCents: number };
  statusHistory: { status: string; by: string | null }[];
}

const address = {
  recipientName: 'Lucía Hernández Ruiz',
  line1: 'Calle Zaragoza 88',
  city: 'Xalapa',
  state: 'Veracruz',
  postalCode: '91000',
  country: 'MX',
};

let api: TestApi;
let stripe: StripeStandIn;
let webhook: LocalFunctionUrl;
let settings: LambdaSettings;

beforeAll(async () => {
  stripe = await startStripeStandIn({ host: '127.0.0.1', secrets: LOCAL_STRIPE_SECRETS, retryDelayMs: 200 });
  api = await startTestApi({
    // Three unpaid orders per shopper would make these tests depend on each other's order.
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

async function placedOrder(user: TestUser, items: { productId: string; quantity: number }[], input: Record<string, unknown> = {}): Promise<Order> {
  const result = await api.graphql<{ createOrder: Order }>(CREATE_ORDER, { input: { items, shippingAddress: address, clientToken: randomUUID(), ...input } }, user);
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder;
}

function startCardPayment(user: TestUser, orderId: string) {
  return api.graphql<{ startCardPayment: { url: string; expiresAt: string } | null }>(START_CARD_PAYMENT, { orderId }, user);
}

/** The Checkout Session behind the URL startCardPayment returned. */
async function checkoutFor(user: TestUser, orderId: string) {
  const result = await startCardPayment(user, orderId);
  expect(result.errors).toBeUndefined();
  const url = result.data!.startCardPayment!.url;
  expect(url.startsWith(`${stripe.url}/c/pay/`)).toBe(true);
  const session = stripe.sessions.get(url.slice(`${stripe.url}/c/pay/`.length));
  expect(session).toBeDefined();
  return session!;
}

async function orderOf(user: TestUser, id: string): Promise<Order> {
  const result = await api.graphql<{ order: Order }>(ORDER, { id }, user);
  expect(result.errors).toBeUndefined();
  return result.data!.order;
}

function expiryJob(now: Date) {
  const jobSettings = localLambdaSettings({ TABLE_NAME: api.table.tableName, LOG_LEVEL: 'SILENT' });
  const clients = createAwsClients(jobSettings);
  return createReservationExpiryHandler({ settings: jobSettings, clients: { ...clients, documentClient: api.table.documentClient }, now: () => now });
}

const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

function completedEventOf(sessionId: string) {
  const event = stripe.events.find((e) => e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === sessionId);
  expect(event).toBeDefined();
  return event!;
}

function postToWebhook(payload: string, signature: string | null) {
  return fetch(webhook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    body: payload,
  });
}

function firstError(result: GraphQLResult<unknown>) {
  expect(result.errors?.length).toBeGreaterThan(0);
  return result.errors![0]!;
}

describe('paying a card order through Stripe Checkout', () => {
  it('charges exactly the order (its lines and shipping) and makes it PAID once the signed webhook arrives', async () => {
    const shopper = await createTestUser({ prefix: 'tarjeta' });
    const product = await seedProduct(api.table, { stock: 20, priceCents: 12_345 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 2 }]);
    expect(await unpaidCountOf(shopper)).toBe(1);

    const session = await checkoutFor(shopper, order.id);
    expect(session.amount_total).toBe(order.total.amountCents);
    expect(session.currency).toBe('mxn');
    expect(session.client_reference_id).toBe(order.id);
    expect(session.lineItems[0]).toMatchObject({ name: product.name, quantity: 2, unitAmount: 12_345 });
    expect(session.success_url).toBe(`http://127.0.0.1:5173/pedidos/${order.id}?pago=exito`);
    expect(session.cancel_url).toBe(`http://127.0.0.1:5173/pedidos/${order.id}?pago=cancelado`);
    // Still unpaid: coming back from Stripe proves nothing, only the webhook does.
    expect((await orderOf(shopper, order.id)).status).toBe('PENDING');

    const paid = await stripe.pay(session.id, TEST_CARDS.approved);
    expect(paid).toEqual({ approved: true, redirect: session.success_url });
    const after = await orderOf(shopper, order.id);
    expect(after.status).toBe('PAID');
    expect(after.statusHistory.at(-1)).toMatchObject({ status: 'PAID', by: 'stripe' });
    const stored = await itemAt(orderKey(order.id));
    expect(stored?.cardPayment).toMatchObject({ provider: 'stripe', checkoutSessionId: session.id, paymentIntentId: session.payment_intent, amountCents: order.total.amountCents });
    // The reservation ended as a payment: no expiry later, no longer counted as unpaid, stock still sold.
    expect(await itemAt(reservationKey(order.reservationExpiresAt, order.id))).toBeUndefined();
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await stockOf(product.id)).toBe(18);
    expect(await expiryJob(minutesAfter(order.createdAt, 45))({})).toMatchObject({ released: [] });
    expect((await orderOf(shopper, order.id)).status).toBe('PAID');
    expect(stripe.refunds).toHaveLength(0);
  });

  it('leaves the order unpaid after a declined card; when the reservation ends the stock comes back once', async () => {
    const shopper = await createTestUser({ prefix: 'rechazada' });
    const product = await seedProduct(api.table, { stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 3 }]);
    const session = await checkoutFor(shopper, order.id);

    expect(await stripe.pay(session.id, TEST_CARDS.declined)).toEqual({ approved: false, redirect: null });
    const failed = stripe.events.filter((e) => e.type === 'payment_intent.payment_failed').at(-1)!;
    // The webhook received it (200) and did nothing with it.
    expect(stripe.deliveries.filter((d) => d.eventId === failed.id).map((d) => d.status)).toEqual([200]);
    expect((await orderOf(shopper, order.id)).status).toBe('PENDING');
    expect(session.status).toBe('open');
    expect(await stockOf(product.id)).toBe(7);

    const due = minutesAfter(order.reservationExpiresAt, 1);
    const runs = await Promise.all([expiryJob(due)({}), expiryJob(due)({})]);
    expect(runs.flatMap((r) => r.released).filter((id) => id === order.id)).toHaveLength(1);
    expect(await expiryJob(minutesAfter(order.reservationExpiresAt, 5))({})).toMatchObject({ released: [] });
    expect((await orderOf(shopper, order.id)).status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(10);
    expect(await unpaidCountOf(shopper)).toBe(0);
  });

  it('gives the stock of an abandoned checkout back once when its reservation ends', async () => {
    const shopper = await createTestUser({ prefix: 'abandono' });
    const product = await seedProduct(api.table, { stock: 5 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 5 }]);
    await checkoutFor(shopper, order.id); // the shopper opens Stripe's page and closes it
    expect(await stockOf(product.id)).toBe(0);

    const due = minutesAfter(order.reservationExpiresAt, 1);
    const runs = await Promise.all([expiryJob(due)({}), expiryJob(due)({}), expiryJob(due)({})]);
    expect(runs.flatMap((r) => r.released).filter((id) => id === order.id)).toHaveLength(1);
    expect(await expiryJob(minutesAfter(order.reservationExpiresAt, 10))({})).toMatchObject({ released: [] });
    expect(await stockOf(product.id)).toBe(5);
    expect((await orderOf(shopper, order.id)).status).toBe('CANCELLED');
    // Paying again is refused: the reservation is over.
    const error = firstError(await startCardPayment(shopper, order.id));
    expect(error.errorType).toBe('Conflict');
  });

  it('applies a replayed webhook event once, also when the replays arrive together', async () => {
    const shopper = await createTestUser({ prefix: 'repeticion' });
    const product = await seedProduct(api.table, { stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const session = await checkoutFor(shopper, order.id);
    await stripe.pay(session.id);
    const paid = await itemAt(orderKey(order.id));
    expect(paid?.status).toBe('PAID');

    const event = completedEventOf(session.id);
    const statuses = await Promise.all([stripe.resend(event.id), stripe.resend(event.id), stripe.resend(event.id)]);
    expect(statuses).toEqual([200, 200, 200]);
    const after = await itemAt(orderKey(order.id));
    expect(after?.version).toBe(paid?.version);
    expect((after?.statusHistory as { status: string }[]).filter((h) => h.status === 'PAID')).toHaveLength(1);
    expect(await itemAt(stripeEventKey(event.id))).toMatchObject({ outcome: 'paid', orderId: order.id });
    expect(await unpaidCountOf(shopper)).toBe(0);
    expect(await stockOf(product.id)).toBe(9);
  });

  it('refuses a forged, altered, unsigned or stale webhook request and changes nothing', async () => {
    const shopper = await createTestUser({ prefix: 'falsa' });
    const product = await seedProduct(api.table, { stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const session = await checkoutFor(shopper, order.id);
    // What a paid session's event would say, written by someone who is not Stripe.
    const forged = JSON.stringify({
      id: `evt_forged_${randomUUID()}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { ...session, lineItems: undefined, status: 'complete', payment_status: 'paid', payment_intent: 'pi_forged' } },
    });
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      ['signed with another secret', stripe.sign(forged, now, 'whsec_not_the_shops_secret')],
      ['no signature', null],
      ['a signature of another body', stripe.sign(forged.replace('pi_forged', 'pi_other'), now)],
      ['a correct signature 10 minutes old (replayed later)', stripe.sign(forged, now - 600)],
      ['garbage', 't=abc,v1=zzz'],
    ] as const;
    for (const [, signature] of attempts) {
      const response = await postToWebhook(forged, signature);
      expect(response.status).toBe(400);
    }
    expect((await orderOf(shopper, order.id)).status).toBe('PENDING');
    expect(await itemAt(reservationKey(order.reservationExpiresAt, order.id))).toBeDefined();
    // The same body with a fresh, correct signature is accepted: the refusals above were the signature's.
    const genuine = await postToWebhook(forged, stripe.sign(forged, Math.floor(Date.now() / 1000)));
    expect(genuine.status).toBe(200);
  });

  it('refunds a payment that arrives after the reservation expired, once, and leaves the order cancelled', async () => {
    const shopper = await createTestUser({ prefix: 'tarde' });
    const product = await seedProduct(api.table, { stock: 4 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 4 }]);
    const session = await checkoutFor(shopper, order.id);
    // The shopper lingers on Stripe's page past the reservation: the order expires, the stock is sold again.
    await expiryJob(minutesAfter(order.reservationExpiresAt, 1))({});
    expect((await orderOf(shopper, order.id)).status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(4);

    await stripe.pay(session.id);
    const paymentIntent = session.payment_intent!;
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toMatchObject([{ amount: order.total.amountCents, metadata: { orderId: order.id, reason: 'OrderNotPending' } }]);
    expect(await itemAt(orderRefundKey(order.id, paymentIntent))).toMatchObject({ type: 'Refund', orderStatus: 'CANCELLED', amountCents: order.total.amountCents });
    expect((await orderOf(shopper, order.id)).status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(4);

    // Stripe delivering it again refunds nothing more.
    expect(await stripe.resend(completedEventOf(session.id).id)).toBe(200);
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
  });

  it('keeps the first of two paid sessions of one order and refunds the second', async () => {
    const shopper = await createTestUser({ prefix: 'doble' });
    const product = await seedProduct(api.table, { stock: 10 });
    const order = await placedOrder(shopper, [{ productId: product.id, quantity: 1 }]);
    const first = await checkoutFor(shopper, order.id);
    const second = await checkoutFor(shopper, order.id);
    await stripe.pay(first.id);
    await stripe.pay(second.id);
    expect((await itemAt(orderKey(order.id)))?.cardPayment).toMatchObject({ paymentIntentId: first.payment_intent });
    expect(stripe.refunds.map((r) => r.payment_intent)).toContain(second.payment_intent);
    expect(stripe.refunds.map((r) => r.payment_intent)).not.toContain(first.payment_intent);
    expect(await stockOf(product.id)).toBe(9);
  });

  it("refuses to start a payment for someone else's order, a bank-transfer order or a paid one", async () => {
    const owner = await createTestUser({ prefix: 'dueno' });
    const other = await createTestUser({ prefix: 'otro' });
    const product = await seedProduct(api.table, { stock: 10 });
    const card = await placedOrder(owner, [{ productId: product.id, quantity: 1 }]);
    expect(firstError(await startCardPayment(other, card.id)).errorType).toBe('NotFound');
    const spei = await placedOrder(owner, [{ productId: product.id, quantity: 1 }], { paymentMethod: 'SPEI' });
    const notCard = firstError(await startCardPayment(owner, spei.id));
    expect(notCard.errorType).toBe('Conflict');
    const session = await checkoutFor(owner, card.id);
    await stripe.pay(session.id);
    expect(firstError(await startCardPayment(owner, card.id)).errorType).toBe('Conflict');
    expect(firstError(await startCardPayment(owner, 'not-an-order')).errorType).toBe('ValidationError');
    const anonymous = await api.graphql(START_CARD_PAYMENT, { orderId: card.id }, 'apiKey');
    expect(anonymous.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
