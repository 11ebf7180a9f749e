/**
 * AppSync's real-time WebSocket protocol on the local runtime: the handshake, start/start_ack, data, ka,
 * stop/complete, errors; who receives which order (filters from the subscriber's identity, never from the
 * client's arguments); IAM-only publishing signed with SigV4; invalidation. Real JWTs from cognito-local, the
 * real resolver bundles, a real WebSocket client.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createSignedGraphQLClient, publishOrderChange, PUBLISH_ORDER_CHANGE } from '../../functions/order-realtime/publish-order-change';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, TEST_IAM_CREDENTIALS, type TestApi } from '../support/local-api';
import { TestRealtimeClient, type RealtimeMessage } from '../support/realtime-client';

const FIELDS = 'id ownerId status updatedAt statusHistory { status at by } total { amountCents currency }';
const MY_ORDERS = `subscription Mine($id: ID) { onMyOrderChanged(id: $id) { ${FIELDS} } }`;
const ALL_ORDERS = `subscription All($status: OrderStatus) { onOrderChanged(status: $status) { ${FIELDS} } }`;

let api: TestApi;
let shopper: TestUser;
let otherShopper: TestUser;
let staff: TestUser;
let host: string;
let publish: ReturnType<typeof createSignedGraphQLClient>;
const clients: TestRealtimeClient[] = [];

beforeAll(async () => {
  api = await startTestApi({ realtime: { keepAliveIntervalMs: 500 } });
  [shopper, otherShopper, staff] = await Promise.all([createTestUser(), createTestUser(), createTestUser({ groups: ['admin'], prefix: 'personal' })]);
  host = new URL(api.graphqlUrl).host;
  publish = createSignedGraphQLClient({ url: api.graphqlUrl, region: 'us-east-1', credentials: TEST_IAM_CREDENTIALS });
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await api?.close();
});

function orderOf(owner: TestUser, status = 'PENDING', id = ulid()) {
  const at = new Date().toISOString();
  return {
    id, ownerId: owner.sub, status, version: 1, currency: 'MXN', lines: [], itemCount: 0,
    subtotalCents: 0, shippingCents: 4900, totalCents: 4900, clientToken: randomUUID(),
    shippingAddress: { recipientName: 'Ana', line1: 'Calle 1', city: 'Veracruz', state: 'Veracruz', postalCode: '91700', country: 'MX' },
    statusHistory: [{ status, at, by: 'personal' }], createdAt: at, updatedAt: at,
  };
}

async function connect(user: TestUser | 'apiKey' | null): Promise<TestRealtimeClient> {
  const header: Record<string, string> | null = user === null ? null : user === 'apiKey' ? { host, 'x-api-key': api.apiKey } : { host, Authorization: user.idToken };
  const client = await TestRealtimeClient.connect(api.realtimeUrl, header);
  clients.push(client);
  return client;
}

const auth = (user: TestUser) => ({ host, Authorization: user.idToken });
const isData = (id: string, orderId: string) => (m: RealtimeMessage) =>
  m.id === id && m.type === 'data' && JSON.stringify(m.payload?.data ?? {}).includes(orderId);

describe('handshake', () => {
  it('acknowledges with connectionTimeoutMs and keeps the connection alive with ka', async () => {
    const client = await connect(shopper);
    const ack = await client.init();
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    const kas = () => client.messages.filter((m) => m.type === 'ka').length;
    await client.next(() => kas() >= 2);
  });

  it('accepts the header as a header- subprotocol (base64url) too', async () => {
    const encoded = Buffer.from(JSON.stringify({ host, Authorization: shopper.idToken })).toString('base64url');
    const client = await TestRealtimeClient.connect(api.realtimeUrl, null, { protocols: ['graphql-ws', `header-${encoded}`] });
    clients.push(client);
    expect((await client.init()).type).toBe('connection_ack');
  });

  it('answers connection_error 401 and closes for a bad token', async () => {
    const client = await TestRealtimeClient.connect(api.realtimeUrl, { host, Authorization: `${shopper.idToken}x` });
    clients.push(client);
    const answer = await client.init();
    expect(answer.type).toBe('connection_error');
    expect(answer.payload?.errors?.[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
    await client.waitClosed();
  });

  it('refuses a connection without the graphql-ws subprotocol', async () => {
    await expect(TestRealtimeClient.connect(api.realtimeUrl, { host, 'x-api-key': api.apiKey }, { protocols: ['other'] })).rejects.toThrow(/400/);
  });
});

describe('who receives which order', () => {
  it('sends a shopper their own orders and never another shopper\'s, whatever id they ask for', async () => {
    const mine = await connect(shopper);
    const theirs = await connect(otherShopper);
    await Promise.all([mine.init(), theirs.init()]);
    const order = orderOf(shopper);
    expect((await mine.start('mine', MY_ORDERS, {}, auth(shopper))).type).toBe('start_ack');
    expect((await theirs.start('theirs-all', MY_ORDERS, {}, auth(otherShopper))).type).toBe('start_ack');
    // The other shopper asks for this very order by id: the server still filters on their own sub.
    expect((await theirs.start('theirs-by-id', MY_ORDERS, { id: order.id }, auth(otherShopper))).type).toBe('start_ack');

    await publishOrderChange(publish, order);
    const received = await mine.next(isData('mine', order.id));
    expect(received.payload?.data).toMatchObject({ onMyOrderChanged: { id: order.id, ownerId: shopper.sub, status: 'PENDING' } });

    // A later order of the other shopper reaches them: anything for the first order would have come before it.
    const later = orderOf(otherShopper);
    await publishOrderChange(publish, later);
    await theirs.next(isData('theirs-all', later.id));
    expect(theirs.messages.filter((m) => m.type === 'data' && JSON.stringify(m).includes(order.id))).toEqual([]);
    expect(theirs.dataFor('theirs-by-id')).toEqual([]);
    expect(mine.messages.filter((m) => JSON.stringify(m).includes(later.id))).toEqual([]);
  });

  it('sends staff every order, or only those in the status they follow', async () => {
    const client = await connect(staff);
    await client.init();
    expect((await client.start('all', ALL_ORDERS, {}, auth(staff))).type).toBe('start_ack');
    expect((await client.start('shipped', ALL_ORDERS, { status: 'SHIPPED' }, auth(staff))).type).toBe('start_ack');
    const paid = orderOf(shopper, 'PAID');
    const shipped = orderOf(otherShopper, 'SHIPPED');
    await publishOrderChange(publish, paid);
    await publishOrderChange(publish, shipped);
    await client.next(isData('all', paid.id));
    await client.next(isData('all', shipped.id));
    await client.next(isData('shipped', shipped.id));
    expect(client.dataFor('shipped').filter((m) => JSON.stringify(m).includes(paid.id))).toEqual([]);
  });

  it('refuses order subscriptions to API key and anonymous callers, and staff subscriptions to shoppers', async () => {
    const client = await connect('apiKey');
    await client.init();
    const byKey = await client.start('key', MY_ORDERS, {}, { host, 'x-api-key': api.apiKey });
    expect(byKey).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onMyOrderChanged on type Subscription' }] } });
    const anonymous = await client.start('anonymous', MY_ORDERS, {}, { host });
    expect(anonymous).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    const shopperClient = await connect(shopper);
    await shopperClient.init();
    const staffOnly = await shopperClient.start('staff-only', ALL_ORDERS, {}, auth(shopper));
    expect(staffOnly).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'Unauthorized' }] } });
    expect(api.subscriptionCount()).toBeGreaterThan(0);
  });

  it('refuses a duplicated subscription id and a query that is not a subscription', async () => {
    const client = await connect(shopper);
    await client.init();
    expect((await client.start('same', MY_ORDERS, {}, auth(shopper))).type).toBe('start_ack');
    expect(await client.start('same', MY_ORDERS, {}, auth(shopper))).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'DuplicatedOperationError' }] } });
    expect(await client.start('query', '{ categories { id } }', {}, auth(shopper))).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'ValidationError' }] } });
  });
});

describe('publishing', () => {
  it('is for IAM callers only: a shopper, staff or the API key cannot publish', async () => {
    const variables = { order: JSON.stringify(orderOf(shopper)) };
    for (const caller of [shopper, staff, 'apiKey'] as const) {
      const result = await api.graphql(PUBLISH_ORDER_CHANGE, variables, caller);
      expect(result.data?.publishOrderChange ?? null).toBeNull();
      expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
    }
  });

  it('refuses a signature by unknown credentials or over another body', async () => {
    const stranger = createSignedGraphQLClient({ url: api.graphqlUrl, region: 'us-east-1', credentials: { accessKeyId: 'stranger', secretAccessKey: 'nope' } });
    await expect(publishOrderChange(stranger, orderOf(shopper))).rejects.toThrow(/HTTP 401/);
    const tampering = createSignedGraphQLClient({
      url: api.graphqlUrl,
      region: 'us-east-1',
      credentials: TEST_IAM_CREDENTIALS,
      fetch: ((url: string, init: RequestInit) => fetch(url, { ...init, body: String(init.body).replace('PENDING', 'SHIPPED') })) as typeof fetch,
    });
    await expect(publishOrderChange(tampering, orderOf(shopper))).rejects.toThrow(/HTTP 401/);
  });

  it('gives subscribers only what the mutation selected: a non-null field it left out makes the order null, with the error', async () => {
    const client = await connect(shopper);
    await client.init();
    await client.start('narrow', MY_ORDERS, {}, auth(shopper));
    const order = orderOf(shopper);
    const narrow = 'mutation P($order: AWSJSON!) { publishOrderChange(order: $order) { id ownerId status updatedAt statusHistory { status at by } } }';
    await publish(narrow, { order: JSON.stringify(order) });
    const message = await client.next((m) => m.id === 'narrow' && m.type === 'data');
    expect(message.payload?.data).toEqual({ onMyOrderChanged: null });
    expect(message.payload?.errors?.[0]?.message).toMatch(/non-nullable field Order\.total/);
  });
});

describe('stop and invalidation', () => {
  it('answers stop with complete and sends nothing more for it', async () => {
    const client = await connect(shopper);
    await client.init();
    await client.start('to-stop', MY_ORDERS, {}, auth(shopper));
    await client.start('kept', MY_ORDERS, {}, auth(shopper));
    client.send({ type: 'stop', id: 'to-stop' });
    await client.next((m) => m.type === 'complete' && m.id === 'to-stop');
    const order = orderOf(shopper);
    await publishOrderChange(publish, order);
    await client.next(isData('kept', order.id));
    expect(client.dataFor('to-stop')).toEqual([]);
  });

  it('ends a one-order subscription when the order reaches a final status', async () => {
    const client = await connect(shopper);
    await client.init();
    const order = orderOf(shopper, 'SHIPPED');
    await client.start('one', MY_ORDERS, { id: order.id }, auth(shopper));
    await client.start('all', MY_ORDERS, {}, auth(shopper));
    await publishOrderChange(publish, order);
    await client.next(isData('one', order.id));
    await publishOrderChange(publish, { ...order, status: 'DELIVERED', updatedAt: new Date().toISOString() });
    const ended = await client.next((m) => m.type === 'complete' && m.id === 'one');
    expect(ended.payload).toEqual({ message: 'Subscription complete.' });
    expect(client.dataFor('one').map((m) => (m.payload?.data?.onMyOrderChanged as { status: string }).status)).toEqual(['SHIPPED', 'DELIVERED']);
    // The subscription to every order of the shopper is not a one-order subscription: it stays.
    const next = orderOf(shopper);
    await publishOrderChange(publish, next);
    await client.next(isData('all', next.id));
  });
});
