/**
 * Paying at an OXXO store, as a shopper does it, in a real Chromium against the whole local stack (the API with
 * the card-checkout Lambda, the Stripe stand-in's hosted OXXO page and voucher page, its signed webhooks to the
 * stripe-webhook Lambda's Function URL), at 1280×900 and 390×844: "Obtener ficha para pagar en OXXO" on the
 * order page opens Stripe's OXXO page; the voucher shows the reference, barcode, amount and expiry (before the
 * order's reservation ends); "Simular: pagado en tienda" stands for the cash payment at the store, and back in
 * the shop the order reads "Pagado". Screenshots: .artifacts/web/<desktop|phone>-oxxo-*.png.
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
  reservationExpiresAt: string;
}

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 40 });
  idToken = await env.idToken(shopper);
  productId = await overTheCounterProductInStock(env);
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

async function placeOxxoOrder(): Promise<PlacedOrder> {
  const data = await env.graphql<{ createOrder: PlacedOrder }>(
    'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id total { amountCents } reservationExpiresAt } }',
    {
      input: {
        items: [{ productId, quantity: 1 }],
        clientToken: randomUUID(),
        paymentMethod: 'OXXO',
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

describe.each(VIEWPORTS)('paying at OXXO at $width×$height', (viewport) => {
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

  it('gets a voucher, pays it at the store (simulated) and sees the order paid', async () => {
    const order = await placeOxxoOrder();
    await page.goto(`${env.webUrl}pedidos/${order.id}`);
    await settled(page);
    const getVoucher = page.getByRole('button', { name: 'Obtener ficha para pagar en OXXO' });
    await getVoucher.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('order-payment').textContent()).toContain('Efectivo en tiendas OXXO');
    await shot(page, viewport, 'oxxo-order');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await getVoucher.click();
    await page.waitForURL(/\/c\/pay\/cs_test_/, { timeout: 30_000 });
    expect(await page.locator('tr.total').textContent()).toContain(pesos(order.total.amountCents));
    await page.getByRole('button', { name: 'Generar ficha OXXO' }).click();
    await page.waitForURL(/\/c\/oxxo\/pi_test_/, { timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('Ficha de pago OXXO');
    expect(await page.getByTestId('oxxo-amount').textContent()).toContain(pesos(order.total.amountCents));
    expect((await page.getByTestId('oxxo-reference').textContent())?.replace(/\s/g, '')).toMatch(/^\d{14}$/);
    expect(await page.getByTestId('oxxo-expiry').textContent()).toMatch(/\d{4}/);
    await page.getByRole('img', { name: /Código de barras/ }).waitFor();
    await page.screenshot({ path: `${artifactsDir}/${viewport.name}-oxxo-voucher.png`, fullPage: true });
    // The voucher alone pays nothing.
    expect(await orderStatus(order.id)).toBe('PENDING');

    await page.getByRole('button', { name: 'Simular: pagado en tienda' }).click();
    await page.getByRole('heading', { name: 'Pago recibido' }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Volver a la tienda' }).click();
    await page.waitForURL(new RegExp(`/pedidos/${order.id}\\?pago=exito$`), { timeout: 30_000 });
    await page.getByTestId('card-paid').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('card-paid').textContent()).toContain('OXXO nos confirmó tu pago');
    expect(await page.getByTestId('order-status').textContent()).toContain('Pagado');
    expect(await page.getByRole('button', { name: 'Obtener ficha para pagar en OXXO' }).count()).toBe(0);
    await shot(page, viewport, 'oxxo-paid');
    expect(await orderStatus(order.id)).toBe('PAID');
  }, 180_000);
});
