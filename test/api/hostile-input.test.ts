/**
 * Hostile input at the edge, through the real local AppSync runtime (bundled resolvers, DynamoDB Local) with
 * real signed tokens from cognito-local: text that hides or reorders characters, addresses Mexico does not
 * have, image URLs that run script, and email claims that smuggle MIME headers or were never verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ulid } from 'ulid';
import { decodeJwtPayload } from '../../auth-client/tokens';
import type { ProductInput } from '../../model/product-items';
import { localCognitoClient } from '../../local/user-pool';
import { ORDER_POLICY_ENV } from '../../model/order-payment';
import { startTestApi, type GraphQLResult, type TestApi } from '../support/local-api';
import { createTestUser, testAuthClient, testUserPool, type TestUser } from '../support/cognito-users';
import { seedProduct } from '../support/products';

const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) {
  createOrder(input: $input) { id ownerId customerEmail shippingAddress { recipientName line1 line2 city state postalCode country phone } } }`;
const ORDER = `query Order($id: ID!) { order(id: $id) { id customerEmail } }`;
const UPSERT_PRODUCT = `mutation Upsert($input: ProductInput!) { upsertProduct(input: $input) { id name description imageUrl } }`;

const address = {
  recipientName: 'Ana López García',
  line1: 'Av. Chapultepec 480',
  city: 'Guadalajara',
  state: 'Jalisco',
  postalCode: '44100',
  country: 'MX',
  phone: '+52 33 1234 5678',
};

let api: TestApi;
let shopper: TestUser;
let staff: TestUser;
let product: ProductInput;

beforeAll(async () => {
  // One shopper places many unpaid orders here; the unpaid-orders limit has its own tests (reservations.test.ts).
  api = await startTestApi({ environment: { [ORDER_POLICY_ENV.maxUnpaidOrders]: '1000' } });
  shopper = await createTestUser({ prefix: 'hostil' });
  staff = await createTestUser({ prefix: 'staff-hostil', groups: ['admin'] });
  product = await seedProduct(api.table, { stock: 1000 });
});

afterAll(async () => {
  await api?.close();
});

type Caller = TestUser | { readonly idToken: string };

function placeOrder(caller: Caller, shippingAddress: Record<string, unknown> = address) {
  return api.graphql<{ createOrder: { id: string; customerEmail: string | null; shippingAddress: Record<string, string | null> } | null }>(
    CREATE_ORDER,
    { input: { items: [{ productId: product.id, quantity: 1 }], shippingAddress, clientToken: randomUUID() } },
    caller,
  );
}

function onlyError(result: GraphQLResult<unknown>) {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

async function stock(): Promise<number> {
  const { Item } = await api.table.documentClient.send(
    new GetCommand({ TableName: api.table.tableName, Key: { PK: `PRODUCT#${product.id}`, SK: 'PRODUCT' }, ConsistentRead: true }),
  );
  return Item!.stock as number;
}

async function ordersOf(sub: string): Promise<number> {
  const { Items } = await api.table.documentClient.send(
    new QueryCommand({
      TableName: api.table.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `USER#${sub}` },
    }),
  );
  return Items?.length ?? 0;
}

async function expectRefused(shippingAddress: Record<string, unknown>, field: string, message: RegExp) {
  const before = await stock();
  const result = await placeOrder(shopper, shippingAddress);
  const error = onlyError(result);
  expect(error.errorType).toBe('ValidationError');
  expect(error.errorInfo).toMatchObject({ field });
  expect(error.message).toMatch(message);
  expect(await stock()).toBe(before);
}

/** Sets attributes on a user in cognito-local and returns fresh tokens that carry them. */
async function withAttributes(user: TestUser, attributes: Record<string, string>) {
  const pool = testUserPool();
  const admin = localCognitoClient(pool.endpoint, pool.region);
  try {
    await admin.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool.userPoolId,
        Username: user.email,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  } finally {
    admin.destroy();
  }
  return (await testAuthClient(pool).refresh(user.session.tokens.refreshToken)).tokens;
}

describe('text in a shipping address', () => {
  it('refuses a bidirectional override in the recipient name', () =>
    expectRefused({ ...address, recipientName: 'Ana \u202egnp.exe' }, 'shippingAddress.recipientName', /bidirectional/));

  it('refuses control characters in a street line', () =>
    expectRefused({ ...address, line1: 'Av. Chapultepec\u0000 480' }, 'shippingAddress.line1', /control characters/));

  it('refuses a line break smuggled into the city', () =>
    expectRefused({ ...address, city: 'Guadalajara\r\nBcc: x@evil.test' }, 'shippingAddress.city', /control characters/));

  it('refuses a recipient name of zero-width characters only', () =>
    expectRefused({ ...address, recipientName: '\u200b\u200c\u200d' }, 'shippingAddress.recipientName', /required|visible/));

  it('refuses a lone surrogate', () =>
    expectRefused({ ...address, line2: 'Depto \ud800 3' }, 'shippingAddress.line2', /surrogate/));

  it('stores NFC text, trimmed, and the state under its usual name', async () => {
    const result = await placeOrder(shopper, { ...address, recipientName: '\u00a0Lucía Pe\u0301rez\u200b', state: 'cdmx', postalCode: '03100', city: 'Ciudad de México' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOrder!.shippingAddress).toMatchObject({ recipientName: 'Lucía Pérez', state: 'Ciudad de México' });
  });
});

describe('a Mexican address', () => {
  it.each(['abc', '4410', '441000', '44 100'])('refuses postal code %j', (postalCode) =>
    expectRefused({ ...address, postalCode }, 'shippingAddress.postalCode', /5-digit/));

  it.each(['33', '331234567', '+1 212 555 0100', '33-1234-567x'])('refuses phone %j', (phone) =>
    expectRefused({ ...address, phone }, 'shippingAddress.phone', /10-digit/));

  it.each(['Texas', 'abc', 'Jalisco Norte'])('refuses state %j', (state) =>
    expectRefused({ ...address, state }, 'shippingAddress.state', /32 Mexican federal entities/));

  it('refuses a country other than MX', () => expectRefused({ ...address, country: 'US' }, 'shippingAddress.country', /MX/));

  it('accepts a phone with or without +52 and separators', async () => {
    for (const phone of ['3312345678', '+52 (33) 1234-5678', '33 1234 5678']) {
      const result = await placeOrder(shopper, { ...address, phone });
      expect(result.errors).toBeUndefined();
    }
  });
});

describe('catalog text and image URLs from staff', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    sku: `SKU-${ulid()}`,
    name: 'Ibuprofeno 400 mg',
    activeIngredients: ['Ibuprofeno'],
    lab: 'Genomma Lab',
    presentation: 'Caja con 10 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 8950,
    stock: 10,
    prescriptionRequired: false,
    ...overrides,
  });

  async function expectProductRefused(overrides: Record<string, unknown>, problem: RegExp) {
    const result = await api.graphql(UPSERT_PRODUCT, { input: input(overrides) }, staff);
    const error = onlyError(result);
    expect(error.errorType).toBe('ValidationError');
    expect(error.message).toMatch(problem);
    expect(result.data).toBeNull();
  }

  it.each(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'http://cdn.example.com/x.png', 'JAVASCRIPT://x.mx/%0aalert(1)'])(
    'refuses imageUrl %j',
    (imageUrl) => expectProductRefused({ imageUrl }, /imageUrl must be an https:\/\/ URL/),
  );

  it('refuses a name of zero-width characters', () => expectProductRefused({ name: '\u200b\u2060' }, /name (is required|has no visible characters)/));

  it('refuses a bidirectional override in the name', () => expectProductRefused({ name: 'Ibuprofeno \u202e004' }, /name contains bidirectional/));

  it('refuses control characters in the description', () =>
    expectProductRefused({ description: 'Tabletas\u0007 con cubierta' }, /description contains control characters/));

  it('refuses a lone surrogate in the lab', () => expectProductRefused({ lab: 'Genomma \udc00 Lab' }, /lab contains an invalid character/));

  it('stores NFC text and accepts https image URLs', async () => {
    const result = await api.graphql<{ upsertProduct: { name: string; imageUrl: string } }>(
      UPSERT_PRODUCT,
      { input: input({ name: 'Jarabe pedia\u0301trico', imageUrl: 'https://cdn.farmacruz.mx/p/jarabe.webp' }) },
      staff,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.upsertProduct).toMatchObject({ name: 'Jarabe pediátrico', imageUrl: 'https://cdn.farmacruz.mx/p/jarabe.webp' });
  });
});

describe('the email claim of the token', () => {
  it('refuses an order when the verified email claim carries CR/LF (header injection), writing nothing', async () => {
    const user = await createTestUser({ prefix: 'inyeccion' });
    const tokens = await withAttributes(user, { email: `${user.email}\r\nBcc: espia@evil.test`, email_verified: 'true' });
    const before = await stock();
    const result = await placeOrder({ idToken: tokens.idToken });
    const error = onlyError(result);
    expect(error.errorType).toBe('ValidationError');
    expect(error.errorInfo).toMatchObject({ field: 'customerEmail' });
    expect(await stock()).toBe(before);
    expect(await ordersOf(user.sub)).toBe(0);
  });

  it('never confirms to an unverified email: the order is placed without customerEmail', async () => {
    // cognito-local puts email_verified: false in the ID token only while the attribute is unset.
    const user = await createTestUser({ prefix: 'sin-verificar', emailVerified: false });
    expect(decodeJwtPayload(user.idToken).email_verified).toBe(false);
    const result = await placeOrder(user);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOrder!.customerEmail).toBeNull();
  });

  it('keeps the verified email of an ID token as the order customerEmail', async () => {
    const result = await placeOrder(shopper);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOrder!.customerEmail).toBe(shopper.email);
  });

  it('accepts an access token (no email claim): the order has no customerEmail and order-email looks it up', async () => {
    const result = await placeOrder({ idToken: shopper.session.tokens.accessToken });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOrder!.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(result.data!.createOrder!.customerEmail).toBeNull();
  });

  it('reads an order whose stored customerEmail AWSEmail cannot serialize, showing no email', async () => {
    const placed = await placeOrder(shopper);
    const id = placed.data!.createOrder!.id;
    const { Item } = await api.table.documentClient.send(
      new GetCommand({ TableName: api.table.tableName, Key: { PK: `ORDER#${id}`, SK: 'ORDER' } }),
    );
    await api.table.documentClient.send(
      new PutCommand({ TableName: api.table.tableName, Item: { ...Item, customerEmail: 'a@b.mx\r\nBcc: x@evil.test' } }),
    );
    const read = await api.graphql<{ order: { id: string; customerEmail: string | null } }>(ORDER, { id }, shopper);
    expect(read.errors).toBeUndefined();
    expect(read.data!.order).toEqual({ id, customerEmail: null });
  });
});
