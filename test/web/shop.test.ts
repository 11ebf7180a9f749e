/**
 * The shop as a shopper uses it: the whole local stack (as `npm start` runs it, on free ports and a temporary
 * data folder) driven through a real Chromium. Search, product page, cart, sign in, checkout, the order page,
 * and the confirmation email in the local mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitUntil } from '../../local/free-port';
import { DEMO_USERS } from '../../local/demo-users';
import { signIn, startBrowserStack, type BrowserStack } from './browser-stack';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;

let env: BrowserStack;
let page: Page;

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 150 });
  page = await env.browser.newPage();
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

describe('the web shop', () => {
  it('finds a product by a word prefix without accents and shows its pharmacy facts', async () => {
    await page.goto(`${env.webUrl}buscar?q=ibupro`);
    const card = page.getByTestId('product-card').first();
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toMatch(/Ibuprofeno/);
    await card.click();
    await page.getByText('Principio activo').waitFor();
    expect(await page.locator('.facts').textContent()).toMatch(/Ibuprofeno/);
  }, 90_000);

  it('puts the product in the cart, signs in and places the order', async () => {
    const productName = (await page.locator('h1').textContent())!;
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    expect(await page.getByTestId('cart-link').textContent()).toBe('Carrito (1)');

    await page.goto(`${env.webUrl}entrar?volver=carrito`);
    await signIn(page, shopper);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });

    for (const [name, value] of [['recipientName', 'Ana López'], ['line1', 'Av. Juárez 123'], ['city', 'Guadalajara'], ['postalCode', '44100']] as const) {
      await page.fill(`input[name=${name}]`, value);
    }
    await page.selectOption('select[name=state]', 'Jalisco');
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.getByTestId('order-total').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('order-status').textContent()).toContain('Pendiente de pago');
    expect(await page.locator('table').first().textContent()).toContain(productName);
    expect(await page.getByTestId('cart-link').textContent()).toBe('Carrito (0)');
  }, 90_000);

  it('delivers the order confirmation email to the shopper', async () => {
    const orderId = (await page.locator('h1').textContent())!.replace('Pedido ', '');
    let emails: { subject: string; destination: { to: string[] } }[] = [];
    await waitUntil(async () => {
      const store = (await (await fetch(`${env.mailUrl}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
      emails = store.emails.filter((e) => e.destination.to.includes(shopper.email) && e.subject.includes(orderId));
      return emails.length > 0;
    }, 'the confirmation email', 90_000);
    expect(emails[0]!.subject).toMatch(/Recibimos tu pedido/);
    // The link to the order opens the web app on the port this stack serves it on (not a default port).
    expect(JSON.stringify(emails[0])).toMatch(new RegExp(`${env.webUrl.replace(/[.]/g, '\\.')}pedidos/[0-9A-Z]{18}${orderId}`));
  }, 120_000);

  it('says what it searched when the text had a typo, and how many products it found', async () => {
    await page.goto(`${env.webUrl}buscar?q=ibuprofneo`);
    const summary = page.locator('.search-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/¿Quisiste decir «ibuprofeno»\? No encontramos «ibuprofneo»\.\s+Mostrando resultados de «ibuprofeno»\./);
    expect(await page.getByTestId('result-count').textContent()).toMatch(/^\d+ productos$/);
    expect(await page.getByTestId('product-card').first().textContent()).toMatch(/Ibuprofeno/);
  }, 90_000);
});
