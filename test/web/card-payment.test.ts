/**
 * Paying by card, as a shopper does it, in a real Chromium against the whole local stack (`npm start`'s
 * pieces: the API with the card-checkout Lambda, the Stripe stand-in's hosted page, its signed webhook to the
 * stripe-webhook Lambda's Function URL), at 1280×900 and 390×844: "Pagar con tarjeta" on the order page opens
 * Stripe's page for exactly the order's total; a declined card says so there and charges nothing; "Volver a la
 * tienda" comes back to the order with "no se completó el pago"; a good card comes back to "¡Gracias!" once the
 * webhook made the order PAID. Screenshots: .artifacts/web/<desktop|phone>-card-*.png; axe on the shop's pages.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo-users';
import { VIEWPORTS, artifactsDir, horizontalOverflow, settled, shot, overTheCounterProductInStock, startBrowserStack, type BrowserStack } from './browser-stack';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
let env: BrowserStack;
let idToken: string;
let productId: string;

interface PlacedOrder {
  id: string;
  total: { amountCents: number };
}

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 40 });
  idToken = await env.idToken(shopper);
  productId = await overTheCounterProductInStock(env);
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

async function placeCardOrder(): Promise<PlacedOrder> {
  const data = await env.graphql<{ createOrder: PlacedOrder }>(
    'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id total { amountCents } } }',
    {
      input: {
        items: [{ productId, quantity: 2 }],
        clientToken: randomUUID(),
        paymentMethod: 'CARD',
        shippingAddress: { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX' },
      },
    },
    idToken,
  );
  return data.createOrder;
}

async function orderStatus(id: string): Promise<string> {
  const data = await env.graphql<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id }, idToken);
  return data.order.status;
}

const pesos = (cents: number) => new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' }).format(cents / 100);

describe.each(VIEWPORTS)('paying by card at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
    await page.goto(`${env.webUrl}entrar`);
    await page.fill('input[name=email]', shopper.email);
    await page.fill('input[name=password]', shopper.password);
    await page.locator('form.account button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/entrar'), { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('a declined card charges nothing; coming back without paying keeps the order reserved', async () => {
    const order = await placeCardOrder();
    await page.goto(`${env.webUrl}pedidos/${order.id}`);
    await settled(page);
    const pay = page.getByRole('button', { name: 'Pagar con tarjeta' });
    await pay.waitFor({ timeout: 30_000 });
    await shot(page, viewport, 'card-order');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await pay.click();
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('FarmaCruz');
    expect(await page.locator('tr.total').textContent()).toContain(pesos(order.total.amountCents));
    await page.fill('input[name=card]', '4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Pagar / }).click();
    await page.getByRole('alert').filter({ hasText: 'Tu tarjeta fue rechazada' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${artifactsDir}/${viewport.name}-card-declined.png`, fullPage: true });
    expect(await orderStatus(order.id)).toBe('PENDING');

    await page.getByRole('link', { name: /Volver a la tienda sin pagar/ }).click();
    await page.waitForURL(new RegExp(`/pedidos/${order.id}\\?pago=cancelado$`), { timeout: 30_000 });
    await page.getByTestId('card-cancelled').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('card-cancelled').textContent()).toContain('No se completó el pago');
    expect(await page.getByTestId('order-status').textContent()).toContain('Pendiente de pago');
    await page.getByTestId('reservation-notice').waitFor();
    await page.getByRole('button', { name: 'Pagar con tarjeta' }).waitFor();
    await shot(page, viewport, 'card-cancelled');
    expect(await orderStatus(order.id)).toBe('PENDING');
  }, 180_000);

  it('a good card pays the order: back in the shop it says thank you and shows it paid', async () => {
    const order = await placeCardOrder();
    await page.goto(`${env.webUrl}pedidos/${order.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Pagar con tarjeta' }).click();
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 30_000 });
    await page.screenshot({ path: `${artifactsDir}/${viewport.name}-card-stripe-page.png`, fullPage: true });
    await page.getByRole('button', { name: `Pagar ${pesos(order.total.amountCents)}` }).click();

    await page.waitForURL(new RegExp(`/pedidos/${order.id}\\?pago=exito$`), { timeout: 30_000 });
    await page.getByTestId('card-paid').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('order-status').textContent()).toContain('Pagado');
    expect(await page.getByRole('button', { name: 'Pagar con tarjeta' }).count()).toBe(0);
    await shot(page, viewport, 'card-paid');
    expect(await orderStatus(order.id)).toBe('PAID');
  }, 180_000);
});
