/**
 * The storefront journeys of issue 11, in a real Chromium against the whole local stack (as `npm start` runs
 * it), each at 1280×900 and on a 390×844 phone: search and "Ver más" surviving Back, a search page whose
 * first API page is empty, the product page (similar products, its own quantity), the cart capped at stock,
 * Spanish errors naming products, the login round trip from a protected page, order paging for shoppers and
 * staff, the order page's Rx notice and contact, and the phone layout.
 *
 * Screenshots of every page go to .artifacts/web/ (git-ignored) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo-users';
import { productKey } from '../../model/keys';
import { runSimilarityJob } from '../../catalog/similarity-job';
import { openProduct, VIEWPORTS, axeViolations, horizontalOverflow, settled, shot as shotOf, signIn as signInOn, startBrowserStack, type BrowserStack } from './browser-stack';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
/** More than one page of "Mis pedidos" (20) and of the staff list (50). */
const ORDERS_PLACED = 52;

interface ProductSummary {
  id: string;
  name: string;
  stock: number;
  prescriptionRequired: boolean;
  price: { amountCents: number };
}

let env: BrowserStack;
let products: ProductSummary[];
let limited: ProductSummary;

async function setStock(productId: string, stock: number): Promise<void> {
  await env.documents.send(new UpdateCommand({ TableName: env.settings.tableName, Key: productKey(productId), UpdateExpression: 'SET stock = :s', ExpressionAttributeValues: { ':s': stock } }));
}

const ADDRESS = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', phone: '3312345678', country: 'MX' };

beforeAll(async () => {
  env = await startBrowserStack({
    demoProducts: 150,
    // The demo shopper places ORDERS_PLACED unpaid orders for paging; the unpaid limit is tested in test/api/reservations.test.ts.
    environment: { FARMACRUZ_ORDER_MAX_UNPAID_ORDERS: String(ORDERS_PLACED + 5) },
  });

  // The nightly similarity job, so product pages have "Genéricos y similares".
  await runSimilarityJob({ documentClient: env.documents, tableName: env.settings.tableName });

  const listed = await env.graphql<{ products: { items: ProductSummary[] } }>(
    'query { products(limit: 100) { items { id name stock prescriptionRequired price { amountCents } } } }',
    {},
  );
  products = listed.products.items;
  limited = products.find((p) => !p.prescriptionRequired && p.stock > 0 && p.price.amountCents < 20_000)!;
  await setStock(limited.id, 3);
  limited = { ...limited, stock: 3 };

  // Orders of the demo shopper: enough for a second page in "Mis pedidos" and in the staff list.
  const shopperToken = await env.idToken(shopper);
  const plenty = products.filter((p) => p.stock >= 30 && p.id !== limited.id && !p.prescriptionRequired).slice(0, 6);
  const rx = products.find((p) => p.prescriptionRequired && p.stock >= 5)!;
  for (let index = 0; index < ORDERS_PLACED; index++) {
    const items = [{ productId: plenty[index % plenty.length]!.id, quantity: 1 }, ...(index === ORDERS_PLACED - 1 ? [{ productId: rx.id, quantity: 1 }] : [])];
    await env.graphql(
      'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
      { input: { items, shippingAddress: ADDRESS, clientToken: `storefront-test-${index}` } },
      shopperToken,
    );
  }
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

describe.each(VIEWPORTS)('the storefront at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;

  /** A full-page screenshot kept as a test artifact, and the axe check of the same page. */
  const shot = (name: string) => shotOf(page, viewport, name);

  async function noHorizontalOverflow(): Promise<void> {
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  }

  async function focusedTag(): Promise<string> {
    return page.evaluate(() => document.activeElement?.tagName ?? '');
  }

  const signIn = (user: { email: string; password: string }) => signInOn(page, user);

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('home: products on the first screen, a page title, a favicon, a skip link', async () => {
    const favicon = await page.request.get(`${env.webUrl}favicon.svg`);
    expect(favicon.status()).toBe(200);
    await page.goto(env.webUrl);
    await settled(page); // the prerendered home page, taken over by the app
    const firstCard = page.getByTestId('product-card').first();
    await firstCard.waitFor({ timeout: 60_000 });
    const box = (await firstCard.boundingBox())!;
    expect(box.y).toBeLessThan(viewport.height - 100);
    expect(await page.title()).toBe('Tu farmacia en línea · FarmaCruz');
    await noHorizontalOverflow();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saltar al contenido');
    await shot('home');
  }, 90_000);

  it('listing: "Ver más" pages and the scroll survive Back, focus moves to the heading', async () => {
    await page.goto(env.webUrl);
    await settled(page);
    await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
    const firstPage = await page.getByTestId('product-card').count();
    await page.getByRole('button', { name: 'Ver más productos' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=product-card]').length > n, firstPage, { timeout: 30_000 });
    const loaded = await page.getByTestId('product-card').count();
    const target = page.getByTestId('product-card').nth(loaded - 2);
    await target.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await target.click();
    await page.getByText('Principio activo').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.goBack();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=product-card]').length === n, loaded, { timeout: 30_000 });
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled, { timeout: 10_000 });
    await shot('listing-after-back');
  }, 90_000);

  it('search: a search URL opened directly shows its query in the box and in the title', async () => {
    await page.goto(`${env.webUrl}buscar?q=ibupro`);
    await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
    expect(await page.inputValue('input[name=q]')).toBe('ibupro');
    expect(await page.title()).toBe('Buscar «ibupro» · FarmaCruz');
    await shot('search');
  }, 60_000);

  it('search: a first API page with no results and a nextToken keeps loading instead of "no encontramos"', async () => {
    let intercepted = 0;
    await page.route(/\/graphql$/, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { query?: string; variables?: { nextToken?: string | null; text?: string } };
      if (!body.query?.includes('searchProducts') || body.variables?.text !== 'ibuprofeno') return route.continue();
      if (body.variables.nextToken === null || body.variables.nextToken === undefined) {
        intercepted++;
        return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ data: { searchProducts: { __typename: 'ProductConnection', items: [], nextToken: 'EMPTY-FIRST-PAGE' } } }) });
      }
      if (body.variables.nextToken === 'EMPTY-FIRST-PAGE') {
        return route.continue({ postData: JSON.stringify({ ...body, variables: { ...body.variables, nextToken: null } }) });
      }
      return route.continue();
    });
    try {
      await page.goto(`${env.webUrl}buscar?q=ibuprofeno`);
      await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
      expect(intercepted).toBeGreaterThan(0);
      expect(await page.getByText('No encontramos productos').count()).toBe(0);
      expect(await page.getByTestId('product-card').first().textContent()).toMatch(/Ibuprofeno/);
    } finally {
      await page.unroute(/\/graphql$/);
    }
  }, 60_000);

  it('product: similar products are shown, and the next product starts with its own quantity', async () => {
    await openProduct(page, env.webUrl, products.find((p) => p.stock > 5 && p.id !== limited.id)!.id);
    await page.getByRole('heading', { name: 'Genéricos y similares' }).waitFor({ timeout: 30_000 });
    await page.locator('.buy input[type=number]').fill('2');
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.getByText('Agregado (2).').waitFor();
    await shot('product');
    await page.locator('.similar [data-testid=product-card]').first().click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 10_000 });
    expect(await page.locator('.buy input[type=number]').inputValue()).toBe('1');
    expect(await page.getByText('Agregado').count()).toBe(0);
    await noHorizontalOverflow();
  }, 60_000);

  it('cart: capped at stock, a cleared quantity keeps the line, a remove button, the free-shipping rule', async () => {
    await openProduct(page, env.webUrl, limited.id);
    await page.locator('.buy input[type=number]').waitFor({ timeout: 30_000 });
    await page.locator('.buy input[type=number]').fill('50');
    expect(await page.locator('.buy input[type=number]').inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.getByText('Ya tienes en tu carrito todas las piezas disponibles (3).').waitFor();

    await page.goto(`${env.webUrl}carrito`);
    const quantity = page.getByLabel(`Cantidad de ${limited.name}`);
    await quantity.waitFor();
    expect(await quantity.inputValue()).toBe('3');
    await quantity.fill('');
    expect(await page.getByRole('link', { name: limited.name }).count()).toBe(1);
    await quantity.fill('50');
    expect(await quantity.inputValue()).toBe('3');
    expect(await page.getByTestId('shipping-note').textContent()).toMatch(/^(Te faltan \$[\d,]+\.\d\d MXN para envío gratis\.|Tu pedido tiene envío gratis)/);
    await noHorizontalOverflow();
    await shot('cart');

    const lines = await page.getByRole('button', { name: /^Quitar / }).count();
    await page.getByRole('button', { name: `Quitar ${limited.name} del carrito` }).click();
    expect(await page.getByRole('button', { name: /^Quitar / }).count()).toBe(lines - 1);
  }, 60_000);

  it('a logged-out shopper on a protected page signs in and comes back to it', async () => {
    await page.goto(`${env.webUrl}pedidos`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('volver=');
    await page.fill('input[name=email]', shopper.email);
    await page.fill('input[name=password]', 'Equivocada-1');
    await page.locator('form.account button[type=submit]').click();
    expect(await page.getByRole('alert').textContent()).toBe('Correo o contraseña incorrectos.');
    await shot('login-error');
    await signIn(shopper);
    await page.getByRole('heading', { name: 'Mis pedidos' }).waitFor({ timeout: 30_000 });
    expect(await page.title()).toBe('Mis pedidos · FarmaCruz');
  }, 60_000);

  it('orders: "Mis pedidos" pages past 20 orders without overflowing the phone', async () => {
    await page.getByTestId('order-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('order-row').count()).toBe(20);
    await page.getByRole('button', { name: 'Ver más pedidos' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=order-row]').length > 20, undefined, { timeout: 30_000 });
    await noHorizontalOverflow();
    await shot('my-orders');
  }, 60_000);

  it('order page: the prescription notice and how to reach the pharmacy', async () => {
    // The newest order (first row) has a prescription product.
    await page.goto(`${env.webUrl}pedidos`);
    await page.getByTestId('order-row').first().locator('a').click();
    await page.getByTestId('rx-notice').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('pharmacy-contact').textContent()).toMatch(/Llámanos al .+ o escríbenos a /);
    await noHorizontalOverflow();
    await shot('order');
  }, 60_000);

  it('checkout: a shortage found by the server is told in Spanish with the product name, never its id', async () => {
    await setStock(limited.id, 3);
    await openProduct(page, env.webUrl, limited.id);
    await page.locator('.buy input[type=number]').fill('3');
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
    // The cart has read the product's stock (3) before someone else buys two of the three.
    await page.getByText('Quedan 3').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await setStock(limited.id, 1);
    for (const [name, value] of Object.entries(ADDRESS)) {
      if (name === 'state') await page.selectOption('.checkout select[name=state]', value);
      else if (name !== 'country') await page.fill(`input[name=${name}]`, value);
    }
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    const alert = page.locator('.checkout [role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent())!;
    expect(text).toContain(limited.name);
    expect(text).toMatch(/^Solo queda 1 pieza de /);
    expect(await page.getByLabel(`Cantidad de ${limited.name}`).inputValue()).toBe('1');
    expect(text).not.toContain(limited.id);
    await shot('checkout-out-of-stock');

    // With the quantity the cart now holds, the order goes through; the next checkout offers the same address.
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.getByTestId('order-total').waitFor({ timeout: 30_000 });
    await setStock(limited.id, 3);
    await openProduct(page, env.webUrl, limited.id);
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
    for (const [name, value] of Object.entries(ADDRESS)) {
      if (name !== 'country') expect(await page.inputValue(`.checkout [name=${name}]`)).toBe(value);
    }
    expect(await page.getAttribute('input[name=postalCode]', 'autocomplete')).toBe('shipping postal-code');
    await page.getByRole('button', { name: `Quitar ${limited.name} del carrito` }).click();
  }, 90_000);

  it('staff: the list pages past 50 orders and the header fits the screen', async () => {
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.goto(`${env.webUrl}personal`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor({ timeout: 30_000 });
    await signIn(staff);
    await page.getByTestId('staff-order-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('staff-order-row').count()).toBe(50);
    const logout = (await page.getByRole('button', { name: 'Salir' }).boundingBox())!;
    expect(logout.x + logout.width).toBeLessThanOrEqual(viewport.width);
    await page.getByRole('button', { name: 'Ver más pedidos' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=staff-order-row]').length > 50, undefined, { timeout: 30_000 });
    await noHorizontalOverflow();
    expect(await focusedTag()).not.toBe('');
    await shot('staff');
    await page.getByRole('button', { name: 'Salir' }).click();
  }, 60_000);

  it('axe-core finds no violations on the other pages (signed out, account forms, empty cart, unknown page)', async () => {
    const pages: [string, string][] = [
      ['category', `categoria/${encodeURIComponent('analgesicos')}`],
      ['register', 'registro'],
      ['confirm', 'confirmar?email=ana%40example.com'],
      ['empty-cart', 'carrito'],
      ['not-found', 'no-existe'],
      ['product-missing', 'producto/NO-EXISTE'],
    ];
    // The check itself can fail: an image without a text alternative is reported.
    await page.goto(`${env.webUrl}registro`);
    await page.locator('main h1').waitFor({ timeout: 30_000 });
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img id="axe-probe" src="/favicon.svg">'));
    expect((await axeViolations(page)).some((v) => v.startsWith('image-alt:'))).toBe(true);
    await page.evaluate(() => document.getElementById('axe-probe')!.remove());
    for (const [name, appPath] of pages) {
      await page.goto(`${env.webUrl}${appPath}`);
      await settled(page);
      await shot(name);
    }
  }, 120_000);
});
