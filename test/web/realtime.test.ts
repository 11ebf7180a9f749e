/**
 * Real time in two browsers against the whole local stack (as `npm start` runs it): staff mark a shopper's
 * order shipped on its page and the shopper's open order page shows it without reloading — the change goes
 * DynamoDB stream → order-realtime Lambda → SigV4-signed Mutation.publishOrderChange → AppSync's WebSocket
 * protocol → urql's subscriptionExchange. Another shopper's page receives nothing of it; API key and anonymous
 * subscriptions to orders are refused; a dropped connection comes back by itself and the page catches up.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { createAuthClient } from '../../auth-client/auth-client';
import { DEMO_USERS } from '../../local/demo-users';
import { readConfirmationCode } from '../../local/cognito-local';
import { realtimeUrlOf } from '../../web/src/realtime/appsync-realtime';
import { TestRealtimeClient } from '../support/realtime-client';
import { artifactsDir, startBrowserStack, type BrowserStack } from './browser-stack';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
const other = { email: `otro-${Date.now()}@farmacruz.test`, password: 'Otro-Cliente1' };
const ADDRESS = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX' };

let stack: BrowserStack;
let orderId: string;
let otherOrderId: string;
let shopperToken: string;

/** Every real-time frame a page receives, through a route that forwards them (and can drop the connection). */
interface TappedPage {
  readonly page: Page;
  readonly frames: string[];
  readonly routes: WebSocketRoute[];
}

async function tappedPage(context: BrowserContext): Promise<TappedPage> {
  const page = await context.newPage();
  const frames: string[] = [];
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/graphql\/realtime/, (ws) => {
    routes.push(ws);
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      frames.push(String(message));
      ws.send(message);
    });
    ws.onClose((code, reason) => server.close({ code, reason }));
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
  return { page, frames, routes };
}

async function signIn(page: Page, user: { email: string; password: string }, then: string): Promise<void> {
  await page.goto(`${stack.webUrl}entrar?volver=${encodeURIComponent(then)}`);
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await page.locator('form.account button[type=submit]').click();
}

async function placeOrder(idToken: string, token: string): Promise<string> {
  const { products } = await stack.graphql<{ products: { items: { id: string; stock: number; prescriptionRequired: boolean }[] } }>(
    'query { products(limit: 50) { items { id stock prescriptionRequired } } }',
    {},
  );
  const product = products.items.find((p) => p.stock > 5 && !p.prescriptionRequired)!;
  const placed = await stack.graphql<{ createOrder: { id: string } }>(
    'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
    { input: { items: [{ productId: product.id, quantity: 1 }], shippingAddress: ADDRESS, clientToken: token } },
    idToken,
  );
  return placed.createOrder.id;
}

beforeAll(async () => {
  stack = await startBrowserStack({ demoProducts: 60 });
  const auth = createAuthClient({ region: stack.config.region, endpoint: stack.config.cognitoEndpoint, clientId: stack.config.userPoolClientId });
  shopperToken = (await auth.login(shopper)).tokens.idToken;
  const staffToken = (await auth.login(staff)).tokens.idToken;
  await auth.register({ email: other.email, password: other.password });
  const cognitoDir = path.join(stack.dataDir, 'cognito');
  const poolId = readdirSync(path.join(cognitoDir, '.cognito', 'db')).find((f) => f !== 'clients.json')!.replace(/\.json$/, '');
  await auth.confirm({ email: other.email, code: readConfirmationCode(cognitoDir, poolId, other.email)! });
  const otherToken = (await auth.login(other)).tokens.idToken;
  orderId = await placeOrder(shopperToken, `realtime-test-${Date.now()}`);
  otherOrderId = await placeOrder(otherToken, `realtime-other-${Date.now()}`);
  await stack.graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id: orderId }, staffToken);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('orders in real time', () => {
  let shopperPage: TappedPage;
  let otherPage: TappedPage;
  let staffPage: Page;

  it('shows the shopper the order shipped by staff without reloading, and the other shopper gets nothing of it', async () => {
    shopperPage = await tappedPage(await stack.browser.newContext({ viewport: { width: 390, height: 844 } }));
    otherPage = await tappedPage(await stack.browser.newContext({ viewport: { width: 1280, height: 900 } }));
    const staffContext = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    staffPage = await staffContext.newPage();

    await signIn(shopperPage.page, shopper, `/pedidos/${orderId}`);
    await signIn(otherPage.page, other, '/pedidos');
    await signIn(staffPage, staff, `/pedidos/${orderId}`);
    const status = shopperPage.page.getByTestId('order-status');
    await status.filter({ hasText: 'Pagado' }).waitFor({ timeout: 60_000 });
    await otherPage.page.getByTestId('order-row').first().waitFor({ timeout: 60_000 });
    // Subscribed: the page's real-time connection acknowledged its subscription.
    await expect.poll(() => shopperPage.frames.some((f) => f.includes('"start_ack"')), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => otherPage.frames.some((f) => f.includes('"start_ack"')), { timeout: 30_000 }).toBe(true);
    await shopperPage.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await staffPage.getByRole('button', { name: 'Marcar como enviado…' }).click();
    await staffPage.fill('input[name=trackingNumber]', 'MX-12345678');
    await staffPage.getByRole('button', { name: 'Marcar como enviado', exact: true }).click();

    await status.filter({ hasText: 'Enviado' }).waitFor({ timeout: 60_000 });
    expect(await shopperPage.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(shopperPage.frames.some((f) => f.includes('"type":"data"') && f.includes(orderId) && f.includes('SHIPPED'))).toBe(true);
    await shopperPage.page.screenshot({ path: path.join(artifactsDir, 'phone-order-live-shipped.png'), fullPage: true });

    // The other shopper's list is subscribed to their own orders: a change of their own order reaches it,
    // and by then anything about the first shopper's order would have arrived before.
    await stack.graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id: otherOrderId }, (await createAuthClient({ region: stack.config.region, endpoint: stack.config.cognitoEndpoint, clientId: stack.config.userPoolClientId }).login(staff)).tokens.idToken);
    await expect.poll(() => otherPage.frames.some((f) => f.includes('"type":"data"') && f.includes(otherOrderId)), { timeout: 60_000 }).toBe(true);
    await otherPage.page.getByTestId('order-row').filter({ hasText: 'Pagado' }).waitFor({ timeout: 30_000 });
    expect(otherPage.frames.filter((f) => f.includes(orderId))).toEqual([]);
  }, 240_000);

  it('refuses order subscriptions over an API key or without credentials', async () => {
    const url = stack.config.realtimeUrl ?? realtimeUrlOf(stack.config.graphqlUrl);
    const host = new URL(stack.config.graphqlUrl).host;
    const client = await TestRealtimeClient.connect(url, { host, 'x-api-key': stack.config.apiKey });
    try {
      expect((await client.init()).type).toBe('connection_ack');
      const query = `subscription { onMyOrderChanged(id: "${orderId}") { id status } }`;
      const byKey = await client.start('key', query, {}, { host, 'x-api-key': stack.config.apiKey });
      expect(byKey).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'Unauthorized' }] } });
      const anonymous = await client.start('none', query, {}, { host });
      expect(anonymous).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
      const staffFeed = await client.start('staff', 'subscription { onOrderChanged { id } }', {}, { host, 'x-api-key': stack.config.apiKey });
      expect(staffFeed.type).toBe('error');
    } finally {
      client.close();
    }
    const noCredentials = await TestRealtimeClient.connect(url, null);
    expect((await noCredentials.init()).type).toBe('connection_error');
  }, 60_000);

  it('comes back by itself after the connection drops, and shows what changed meanwhile', async () => {
    const { page, routes } = shopperPage;
    const connections = routes.length;
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // Drop the page's real-time connection as a network cut would.
    for (const route of routes) await route.close({ code: 1006 }).catch(() => undefined);
    // Delivered while the page is disconnected (or reconnecting): the page catches up when it is back.
    await staffPage.getByRole('button', { name: 'Marcar como entregado' }).click();
    await expect.poll(() => routes.length, { timeout: 60_000 }).toBeGreaterThan(connections);
    await page.getByTestId('order-status').filter({ hasText: 'Entregado' }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  }, 180_000);
});
