/**
 * Choosing how to pay, as a shopper and staff do it, in a real Chromium against the whole local stack, at
 * 1280×900 and 390×844 (issue 13): the checkout offers card and bank transfer with their explanations; a shopper
 * who picks SPEI sees on the order page the shop's CLABE, beneficiary and bank (config.json, from the same
 * definition as the email), the exact amount, the reference and the deadline; staff confirm the transfer
 * ("Confirmar transferencia" → Pagado). Cash on delivery is not offered until staff turn it on in
 * /personal/pagos; then a shopper orders with it and the order page says what to have ready.
 * Screenshots: .artifacts/web/<desktop|phone>-pay-*.png; axe on every page shot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_SPEI_ACCOUNT } from '../../config/settings';
import { formatClabe } from '../../model/clabe';
import { DEMO_USERS } from '../../local/demo-users';
import { openProduct, VIEWPORTS, horizontalOverflow, settled, shot, overTheCounterProductInStock, signIn as fillSignIn, startBrowserStack, type BrowserStack } from './browser-stack';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
let env: BrowserStack;
let shopperToken: string;
let staffToken: string;
let productId: string;

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 40 });
  shopperToken = await env.idToken(shopper);
  staffToken = await env.idToken(staff);
  productId = await overTheCounterProductInStock(env);
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${env.webUrl}entrar`);
  await fillSignIn(page, user);
  await page.waitForURL((url) => !url.pathname.startsWith('/entrar'), { timeout: 30_000 });
  await page.getByRole('button', { name: 'Salir' }).waitFor({ timeout: 30_000 });
}

async function setCashOnDelivery(on: boolean): Promise<void> {
  await env.graphql('mutation ($on: Boolean!) { updateShopSettings(input: { cashOnDelivery: $on }) { cashOnDelivery } }', { on }, staffToken);
}

/** Frees the shopper's unpaid-orders slot the test used (the demo shopper places orders at both sizes). */
async function cancelIfPending(orderId: string): Promise<void> {
  const { order } = await env.graphql<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, shopperToken);
  if (order.status === 'PENDING') await env.graphql('mutation ($id: ID!) { cancelMyOrder(id: $id) { id } }', { id: orderId }, shopperToken);
}

/** One unit in the cart, then the checkout with the address filled in. */
async function openCheckout(page: Page): Promise<void> {
  await openProduct(page, env.webUrl, productId);
  await page.getByRole('button', { name: 'Agregar al carrito' }).click();
  await page.goto(`${env.webUrl}carrito`);
  await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
  await page.fill('.checkout [name=recipientName]', 'Ana López');
  await page.fill('.checkout [name=line1]', 'Av. Juárez 123');
  await page.fill('.checkout [name=city]', 'Guadalajara');
  await page.locator('.checkout select[name=state]').selectOption('Jalisco');
  await page.fill('.checkout [name=postalCode]', '44100');
  await page.fill('.checkout [name=phone]', '');
  await page.getByTestId('payment-choice').getByRole('radio').first().waitFor({ timeout: 30_000 });
}

async function radioLabels(page: Page): Promise<string[]> {
  return page.getByTestId('payment-choice').locator('label strong').allTextContents();
}

async function confirmOrder(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  await page.waitForURL(/\/pedidos\/[0-9A-Z]{26}/, { timeout: 30_000 });
  await settled(page);
  return new URL(page.url()).pathname.split('/').pop()!;
}

describe.each(VIEWPORTS)('payment methods at $width×$height', (viewport) => {
  let shopperContext: BrowserContext;
  let staffContext: BrowserContext;
  let shopperPage: Page;
  let staffPage: Page;

  beforeAll(async () => {
    shopperContext = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    staffContext = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    shopperPage = await shopperContext.newPage();
    staffPage = await staffContext.newPage();
    await signIn(shopperPage, shopper);
    await signIn(staffPage, staff);
  }, 120_000);

  afterAll(async () => {
    await shopperContext?.close();
    await staffContext?.close();
  });

  it('SPEI: chosen at checkout, the order page shows CLABE, beneficiary, bank, exact amount, reference and deadline; staff confirm the transfer', async () => {
    await setCashOnDelivery(false);
    const page = shopperPage;
    await openCheckout(page);
    expect(await radioLabels(page)).toEqual(['Tarjeta de crédito o débito', 'Transferencia bancaria (SPEI)', 'Efectivo en tiendas OXXO']);
    await page.getByRole('radio', { name: /Transferencia bancaria \(SPEI\)/ }).check();
    expect(await page.getByText(/Te damos nuestra CLABE y una referencia/).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'pay-checkout-choice');

    const orderId = await confirmOrder(page);
    try {
      const { order } = await env.graphql<{ order: { paymentMethod: string; paymentReference: string; total: { amountCents: number } } }>(
        'query ($id: ID!) { order(id: $id) { paymentMethod paymentReference total { amountCents } } }',
        { id: orderId },
        shopperToken,
      );
      expect(order.paymentMethod).toBe('SPEI');
      const instructions = page.getByTestId('spei-instructions');
      await instructions.waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('spei-clabe').textContent()).toBe(formatClabe(DEMO_SPEI_ACCOUNT.clabe));
      expect(await page.getByTestId('spei-reference').textContent()).toBe(order.paymentReference);
      const text = (await instructions.textContent())!;
      expect(text).toContain(DEMO_SPEI_ACCOUNT.beneficiary);
      expect(text).toContain(DEMO_SPEI_ACCOUNT.bank);
      expect(text).toContain('Paga antes del');
      expect((await page.getByTestId('spei-amount').textContent())!.replace(/\s/g, '')).toContain(
        new Intl.NumberFormat('es-MX', { minimumFractionDigits: 2 }).format(order.total.amountCents / 100),
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, viewport, 'pay-spei-order');

      // Staff see the reference on the order and confirm the transfer.
      await staffPage.goto(`${env.webUrl}pedidos/${orderId}`);
      await staffPage.getByTestId('staff-order-panel').waitFor({ timeout: 30_000 });
      expect(await staffPage.getByTestId('staff-payment-method').textContent()).toContain(order.paymentReference);
      await staffPage.getByRole('button', { name: 'Confirmar transferencia' }).click();
      await staffPage.getByTestId('staff-history').filter({ hasText: 'Pagado' }).waitFor({ timeout: 30_000 });
      await shot(staffPage, viewport, 'pay-spei-confirmed');
      const after = await env.graphql<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, shopperToken);
      expect(after.order.status).toBe('PAID');
    } finally {
      await cancelIfPending(orderId);
    }
  }, 240_000);

  it('cash on delivery: not offered until staff turn it on in Formas de pago; then a shopper orders with it', async () => {
    await setCashOnDelivery(false);
    await openCheckout(shopperPage);
    expect(await radioLabels(shopperPage)).not.toContain('Pago en efectivo al recibir');

    await staffPage.goto(`${env.webUrl}personal/pagos`);
    await settled(staffPage);
    const toggle = staffPage.getByRole('checkbox', { name: 'Ofrecer pago en efectivo al recibir' });
    await toggle.waitFor({ timeout: 30_000 });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await staffPage.getByRole('status').filter({ hasText: 'Listo: los clientes ya pueden elegir pago en efectivo' }).waitFor({ timeout: 30_000 });
    expect(await toggle.isChecked()).toBe(true);
    expect(await horizontalOverflow(staffPage)).toBeLessThanOrEqual(0);
    await shot(staffPage, viewport, 'pay-staff-settings');

    await openCheckout(shopperPage);
    await shopperPage.getByRole('radio', { name: /Pago en efectivo al recibir/ }).waitFor({ timeout: 30_000 });
    await shopperPage.getByRole('radio', { name: /Pago en efectivo al recibir/ }).check();
    await shot(shopperPage, viewport, 'pay-checkout-cod');
    const orderId = await confirmOrder(shopperPage);
    try {
      await shopperPage.getByTestId('cod-instructions').waitFor({ timeout: 30_000 });
      expect(await shopperPage.getByTestId('cod-instructions').textContent()).toContain('en efectivo a quien te entregue el pedido');
      expect(await shopperPage.getByTestId('reservation-notice').count()).toBe(0);
      await shot(shopperPage, viewport, 'pay-cod-order');
      const { order } = await env.graphql<{ order: { paymentMethod: string; reservationExpiresAt: string | null } }>(
        'query ($id: ID!) { order(id: $id) { paymentMethod reservationExpiresAt } }',
        { id: orderId },
        shopperToken,
      );
      expect(order).toEqual({ paymentMethod: 'CASH_ON_DELIVERY', reservationExpiresAt: null });

      // Staff see it ships unpaid: no "Marcar como pagado" for a cash order.
      await staffPage.goto(`${env.webUrl}pedidos/${orderId}`);
      await staffPage.getByTestId('staff-order-panel').waitFor({ timeout: 30_000 });
      await staffPage.getByRole('button', { name: 'Marcar como enviado…' }).waitFor({ timeout: 30_000 });
      expect(await staffPage.getByRole('button', { name: 'Marcar como pagado' }).count()).toBe(0);
    } finally {
      await cancelIfPending(orderId);
      await setCashOnDelivery(false);
    }
  }, 240_000);
});
