/**
 * Staff cancelling a PAID card order refunds the card automatically (issue 13), end to end on this machine: the
 * local runtime's updateOrderStatus, the real DynamoDB Local stream, order-stream, the local SNS topic with the
 * orders-refund subscription's filter policy, the order-refund handler on the local event fabric calling the
 * Stripe stand-in through the official SDK, and order-email sending the cancellation email once the refund is
 * recorded. At-least-once delivery is exercised by publishing the same cancellation event twice more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_STRIPE_SECRETS, type LambdaSettings } from '../../config/settings';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { createStripeWebhookHandler } from '../../functions/stripe-webhook/handler';
import { createOrderRefundHandler } from '../../functions/order-refund/handler';
import { orderKey, orderRefundKey, productKey } from '../../model/keys';
import { formatMoney } from '../../model/money-format';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { startEventPipeline, type EventPipeline, type PipelineActivity } from '../../local/event-fabric';
import type { PublishedMessage } from '../../local/event-fabric/sns-server';
import { waitUntil } from '../../local/free-port';
import { startLocalFunctionUrl, type LocalFunctionUrl } from '../../local/function-url';
import { readMailbox, startLocalSes, type LocalSes, type MailboxEmail } from '../../local/mail/ses-server';
import { startStripeStandIn, type StripeStandIn } from '../../local/stripe/stand-in';
import { createTestUser, testUserPool, type TestUser } from '../support/cognito-users';
import { startTestApi, type TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';

const CREATE_ORDER = 'mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { id status total { amountCents } } }';
const START_CARD_PAYMENT = 'mutation Pay($orderId: ID!) { startCardPayment(orderId: $orderId) { url } }';
const UPDATE_STATUS = 'mutation Cancel($id: ID!, $status: OrderStatus!, $reason: String) { updateOrderStatus(id: $id, status: $status, reason: $reason) { id status } }';

const address = { recipientName: 'Marta Salinas Vega', line1: 'Av. Hidalgo 12', city: 'Puebla', state: 'Puebla', postalCode: '72000', country: 'MX' };

/** Generous: the machine running CI is loaded (five engineers' suites on two cores). */
const WAIT_MS = 90_000;

let api: TestApi;
let stripe: StripeStandIn;
let webhook: LocalFunctionUrl;
let ses: LocalSes;
let pipeline: EventPipeline;
let settings: LambdaSettings;
let dataDir: string;
let staff: TestUser;
const published: PublishedMessage[] = [];
/** Records order-refund handled without failing, over the whole file. */
let refundRecordsHandled = 0;

function observe(activity: PipelineActivity): void {
  if (activity.kind === 'published') published.push({ ...activity.message, delivered: activity.queues } as PublishedMessage & { delivered: readonly string[] });
  if (activity.kind === 'queue-batch' && activity.lambda === 'order-refund') {
    refundRecordsHandled += activity.messageIds.length - activity.failedMessageIds.length;
  }
}

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
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-refunds-'));
  ses = await startLocalSes({ host: '127.0.0.1' });
  pipeline = await startEventPipeline({
    dynamodbEndpoint: api.table.endpoint,
    tableName: api.table.tableName,
    dataDir,
    sesEndpoint: ses.endpoint,
    userPool: { endpoint: testUserPool().endpoint, userPoolId: testUserPool().userPoolId },
    lambdaSettings: settings,
    pollIntervalMs: 50,
    firehoseBufferIntervalMs: 100,
    logLevel: 'SILENT',
    log: () => undefined,
    observer: observe,
  });
  staff = await createTestUser({ prefix: 'personal', groups: ['admin'] });
}, 180_000);

afterAll(async () => {
  await pipeline?.stop();
  await ses?.close();
  await webhook?.stop();
  await stripe?.stop();
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function itemAt(key: { PK: string; SK: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await api.table.documentClient.send(new GetCommand({ TableName: api.table.tableName, Key: key, ConsistentRead: true }));
  return Item;
}

async function placeOrder(shopper: TestUser, productId: string): Promise<{ id: string; total: { amountCents: number } }> {
  const result = await api.graphql<{ createOrder: { id: string; total: { amountCents: number } } }>(
    CREATE_ORDER,
    { input: { items: [{ productId, quantity: 2 }], shippingAddress: address, clientToken: randomUUID(), paymentMethod: 'CARD' } },
    shopper,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder;
}

/** Pays the order on the stand-in's hosted page (approved test card); the signed webhook makes it PAID. */
async function payByCard(shopper: TestUser, orderId: string): Promise<string> {
  const result = await api.graphql<{ startCardPayment: { url: string } }>(START_CARD_PAYMENT, { orderId }, shopper);
  expect(result.errors).toBeUndefined();
  const sessionId = result.data!.startCardPayment.url.split('/c/pay/')[1]!;
  expect((await stripe.pay(sessionId)).approved).toBe(true);
  const session = stripe.sessions.get(sessionId)!;
  expect((await itemAt(orderKey(orderId)))?.status).toBe('PAID');
  return session.payment_intent!;
}

async function staffCancels(orderId: string): Promise<void> {
  const result = await api.graphql<{ updateOrderStatus: { status: string } }>(UPDATE_STATUS, { id: orderId, status: 'CANCELLED', reason: 'Producto agotado en bodega' }, staff);
  expect(result.errors).toBeUndefined();
  expect(result.data!.updateOrderStatus.status).toBe('CANCELLED');
}

function publishedEvents(orderId: string, eventType: string) {
  return published.filter((m) => {
    const event = JSON.parse(m.body) as { orderId: string; eventType: string };
    return event.orderId === orderId && event.eventType === eventType;
  }) as (PublishedMessage & { delivered: readonly string[] })[];
}

async function emailsTo(address: string): Promise<MailboxEmail[]> {
  return (await readMailbox(ses.endpoint)).filter((e) => e.destination.to.includes(address));
}

async function refundQueueIdle(): Promise<boolean> {
  const depth = (await pipeline.queueDepths()).find((d) => d.queue === 'orders-refund');
  return depth !== undefined && depth.visible === 0 && depth.inFlight === 0;
}

/** One queue message as Lambda's SQS event source hands it over. */
function sqsEventOf(body: string) {
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'sns', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders-refund',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

const lambdaContext = { functionName: 'order-refund', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describe('staff cancelling a paid card order', () => {
  it('refunds the card exactly once even when the cancellation is delivered three times, records it on the order and emails the shopper', async () => {
    const shopper = await createTestUser({ prefix: 'reembolso' });
    const product = await seedProduct(api.table, { stock: 10, priceCents: 25_000 });
    const order = await placeOrder(shopper, product.id);
    const paymentIntent = await payByCard(shopper, order.id);
    const handledBefore = refundRecordsHandled;

    await staffCancels(order.id);
    await waitUntil(async () => publishedEvents(order.id, 'OrderCancelled').length === 1, 'the cancellation event', WAIT_MS);
    const [cancelled] = publishedEvents(order.id, 'OrderCancelled');
    expect(cancelled!.delivered).toContain('orders-refund');
    expect(cancelled!.messageAttributes.cardPayment).toMatchObject({ stringValue: 'held' });

    // At least once: the same event reaches the queue twice more (as SNS or a retried publish may deliver it).
    const sns = new SNSClient({ region: settings.aws.region, endpoint: pipeline.lambdaSettings.aws.endpoints.sns, credentials: LOCAL_CREDENTIALS });
    try {
      const attributes = Object.fromEntries(
        Object.entries(cancelled!.messageAttributes).map(([name, value]) => [name, { DataType: value.dataType, StringValue: value.stringValue }]),
      );
      await Promise.all(
        [1, 2].map(() => sns.send(new PublishCommand({ TopicArn: pipeline.lambdaSettings.ordersTopicArn, Message: cancelled!.body, MessageAttributes: attributes }))),
      );
    } finally {
      sns.destroy();
    }
    await waitUntil(async () => refundRecordsHandled - handledBefore >= 3 && (await refundQueueIdle()), 'three deliveries handled by order-refund', WAIT_MS);

    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toMatchObject([{ amount: order.total.amountCents, metadata: { orderId: order.id, reason: 'OrderCancelled' } }]);
    const refund = stripe.refunds.find((r) => r.payment_intent === paymentIntent)!;
    const stored = await itemAt(orderKey(order.id));
    expect(stored?.status).toBe('CANCELLED');
    expect(stored?.cardRefund).toMatchObject({ provider: 'stripe', paymentIntentId: paymentIntent, refundId: refund.id, amountCents: order.total.amountCents, currency: 'MXN' });
    expect(Date.parse((stored?.cardRefund as { refundedAt: string }).refundedAt)).not.toBeNaN();
    expect(await itemAt(orderRefundKey(order.id, paymentIntent))).toMatchObject({ type: 'Refund', reason: 'OrderCancelled', refundId: refund.id, orderStatus: 'CANCELLED' });
    // The stock came back once with the cancellation.
    expect((await itemAt(productKey(product.id)))?.stock).toBe(10);

    // One OrderRefunded event, and one cancellation email that says the card refund was issued.
    await waitUntil(async () => (await emailsTo(shopper.email)).some((e) => e.subject.includes('cancelado')), 'the cancellation email', WAIT_MS);
    expect(publishedEvents(order.id, 'OrderRefunded')).toHaveLength(1);
    const cancellations = (await emailsTo(shopper.email)).filter((e) => e.subject.includes('cancelado'));
    expect(cancellations).toHaveLength(1);
    const text = cancellations[0]!.body.text ?? '';
    expect(text).toContain(`ya emitimos el reembolso de ${formatMoney(order.total.amountCents, 'MXN')}`);
    expect(text).toContain(refund.id);
    expect(text).toContain('Motivo de la cancelación: Producto agotado en bodega');
    expect(text).toContain('(antes: Pagado)');
    expect(cancellations[0]!.body.html ?? '').toContain('ya emitimos el reembolso');
  });

  it('makes one refund when deliveries of the same cancellation run at the same moment', async () => {
    const shopper = await createTestUser({ prefix: 'carrera' });
    const product = await seedProduct(api.table, { stock: 10, priceCents: 31_400 });
    const order = await placeOrder(shopper, product.id);
    const paymentIntent = await payByCard(shopper, order.id);
    // The fabric's own consumer waits; three workers get the same message at once instead.
    pipeline.pause('order-refund');
    try {
      await staffCancels(order.id);
      await waitUntil(async () => publishedEvents(order.id, 'OrderCancelled').length === 1, 'the cancellation event', WAIT_MS);
      const body = publishedEvents(order.id, 'OrderCancelled')[0]!.body;
      const cancelledVersion = (await itemAt(orderKey(order.id)))?.version as number;
      const workers = [1, 2, 3].map(() =>
        createOrderRefundHandler({ settings: { ...pipeline.lambdaSettings, logLevel: 'SILENT' }, clients: createAwsClients(pipeline.lambdaSettings, { credentials: LOCAL_CREDENTIALS }) }),
      );
      const responses = await Promise.all(workers.map((handler) => handler(sqsEventOf(body), lambdaContext)));
      expect(responses.map((r) => r.batchItemFailures)).toEqual([[], [], []]);
      expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
      const stored = await itemAt(orderKey(order.id));
      expect(stored?.version).toBe(cancelledVersion + 1);
      expect(stored?.cardRefund).toMatchObject({ refundId: stripe.refunds.find((r) => r.payment_intent === paymentIntent)!.id });
    } finally {
      pipeline.resume('order-refund');
    }
    // The fabric's delivery, when it comes, finds the refund recorded.
    await waitUntil(async () => await refundQueueIdle(), 'the refund queue to drain', WAIT_MS);
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
    await waitUntil(async () => publishedEvents(order.id, 'OrderRefunded').length === 1, 'the refund event', WAIT_MS);
  });

  it('refunds nothing when staff cancel an unpaid card order, and the cancellation email goes out at once', async () => {
    const shopper = await createTestUser({ prefix: 'sinpago' });
    const product = await seedProduct(api.table, { stock: 10, priceCents: 10_000 });
    const order = await placeOrder(shopper, product.id);
    const refundsBefore = stripe.refunds.length;

    await staffCancels(order.id);
    await waitUntil(async () => publishedEvents(order.id, 'OrderCancelled').length === 1, 'the cancellation event', WAIT_MS);
    const [cancelled] = publishedEvents(order.id, 'OrderCancelled');
    expect(cancelled!.messageAttributes.cardPayment).toMatchObject({ stringValue: 'none' });
    // The subscription's filter keeps it away from order-refund…
    expect(cancelled!.delivered).not.toContain('orders-refund');
    expect(cancelled!.delivered).toContain('orders-email');
    await waitUntil(async () => (await emailsTo(shopper.email)).some((e) => e.subject.includes('cancelado')), 'the cancellation email', WAIT_MS);
    const text = (await emailsTo(shopper.email)).find((e) => e.subject.includes('cancelado'))!.body.text ?? '';
    expect(text).not.toContain('reembolso de $');

    // …and were it delivered anyway, the handler would find nothing to refund.
    const handler = createOrderRefundHandler({ settings: { ...pipeline.lambdaSettings, logLevel: 'SILENT' }, clients: createAwsClients(pipeline.lambdaSettings, { credentials: LOCAL_CREDENTIALS }) });
    const response = await handler(sqsEventOf(cancelled!.body), lambdaContext);
    expect(response.batchItemFailures).toEqual([]);
    expect(stripe.refunds.length).toBe(refundsBefore);
    const stored = await itemAt(orderKey(order.id));
    expect(stored?.status).toBe('CANCELLED');
    expect(stored?.cardRefund).toBeUndefined();
    expect(publishedEvents(order.id, 'OrderRefunded')).toHaveLength(0);
  });
});
