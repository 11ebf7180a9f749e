/**
 * More storefront journeys of issue 11, in a real Chromium against the whole local stack, each at 1280×900
 * and 390×844: search filters and sort kept in the URL (Back, a shared link), "¿Quisiste decir …?", the search
 * box's suggestions by keyboard (ARIA combobox), the checkout's address form (state list, formats, remembered),
 * a shopper cancelling their own unpaid order, the pharmacy contact from config.json.
 * Screenshots: .artifacts/web/<desktop|phone>-<name>.png; axe-core finds nothing on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { openProduct, VIEWPORTS, horizontalOverflow, settled, shot, startBrowserStack, type BrowserStack } from './browser-stack';
import { DEMO_USERS } from '../../local/demo-users';
import { MEXICAN_STATES } from '../../model/mexican-address';
import { productKey } from '../../model/keys';
import { productIdFromSegment } from '../../model/shop-paths';

const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;

let env: BrowserStack;

interface Found {
  searchProducts: { total: number; correctedText: string | null; items: { name: string; lab: string; prescriptionRequired: boolean; stock: number; price: { amountCents: number }; categoryId: string }[] };
}

async function search(text: string, filter: Record<string, unknown> | null = null, sort = 'RELEVANCE'): Promise<Found['searchProducts']> {
  const data = await env.graphql<Found>(
    'query ($text: String!, $filter: ProductSearchFilter, $sort: ProductSort) { searchProducts(text: $text, limit: 100, filter: $filter, sort: $sort) { total correctedText items { name lab prescriptionRequired stock price { amountCents } categoryId } } }',
    { text, filter, sort },
  );
  return data.searchProducts;
}

beforeAll(async () => {
  env = await startBrowserStack();
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

describe.each(VIEWPORTS)('the storefront at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  async function cardNames(): Promise<string[]> {
    return page.locator('[data-testid=product-card] .name').allTextContents();
  }

  async function openFilters(): Promise<void> {
    const toggle = page.locator('.filters-toggle');
    if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  }

  it('search: filters and sort change the results, the count and the URL; Back and a shared link restore them', async () => {
    const all = await search('paracetamol');
    expect(all.total).toBeGreaterThan(3);
    const otc = await search('paracetamol', { prescriptionRequired: false, inStock: true });
    const byPrice = await search('paracetamol', { prescriptionRequired: false, inStock: true }, 'PRICE_ASC');

    await page.goto(`${env.webUrl}buscar?q=paracetamol`);
    await settled(page);
    await page.getByTestId('result-count').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('result-count').textContent()).toBe(`${all.total} productos`);

    await openFilters();
    await page.getByLabel('Sin receta').check();
    await page.waitForURL(/receta=no/, { timeout: 30_000 });
    await page.getByLabel('Solo con existencia').check();
    await page.waitForURL(/existencia=si/, { timeout: 30_000 });
    await page.getByTestId('result-count').filter({ hasText: `${otc.total} ${otc.total === 1 ? 'producto' : 'productos'} con los filtros elegidos` }).waitFor({ timeout: 30_000 });
    // The control the shopper used keeps the focus.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('existencia');

    await page.getByLabel('Ordenar por').selectOption({ label: 'Precio: menor a mayor' });
    await page.waitForURL(/orden=precio-asc/, { timeout: 30_000 });
    const expected = byPrice.items.slice(0, 4).map((p) => p.name);
    await page.waitForFunction((names) => [...document.querySelectorAll('[data-testid=product-card] .name')].slice(0, 4).map((e) => e.textContent).join('|') === names.join('|'), expected, { timeout: 30_000 });
    expect(await page.locator('[data-testid=product-card] .badge.rx').count()).toBe(0);
    expect(await page.locator('[data-testid=product-card] .badge.out').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'search-filtered');

    // Back undoes the sort; the URL of the filtered page, opened in a new tab, shows the same page.
    const sharedUrl = page.url();
    await page.goBack();
    await page.waitForURL((url) => !url.href.includes('orden='), { timeout: 30_000 });
    expect(await page.getByLabel('Ordenar por').inputValue()).toBe('RELEVANCE');
    expect(await page.getByLabel('Solo con existencia').isChecked()).toBe(true);

    const other = await context.newPage();
    try {
      await other.goto(sharedUrl);
      await settled(other);
      await other.waitForFunction((names) => [...document.querySelectorAll('[data-testid=product-card] .name')].slice(0, 4).map((e) => e.textContent).join('|') === names.join('|'), expected, { timeout: 30_000 });
      expect(await other.getByLabel('Ordenar por').inputValue()).toBe('PRICE_ASC');
      expect(await other.inputValue('input[name=q]')).toBe('paracetamol');
    } finally {
      await other.close();
    }

    // Lab and category menus come from the results; choosing a lab narrows to it.
    await openFilters();
    const lab = otc.items[0]!.lab;
    await page.getByLabel('Laboratorio').selectOption({ label: lab });
    await page.waitForURL(/lab=/, { timeout: 30_000 });
    const ofLab = await search('paracetamol', { prescriptionRequired: false, inStock: true, lab });
    await page.getByTestId('result-count').filter({ hasText: `${ofLab.total} ${ofLab.total === 1 ? 'producto' : 'productos'} con` }).waitFor({ timeout: 30_000 });
    const labs = await page.locator('[data-testid=product-card] .muted').allTextContents();
    expect(labs.every((l) => l.startsWith(`${lab} ·`))).toBe(true);
    await openFilters();
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.waitForURL((url) => !url.href.includes('lab=') && !url.href.includes('receta='), { timeout: 30_000 });
    await page.getByTestId('result-count').filter({ hasText: new RegExp(`^${all.total} productos$`) }).waitFor({ timeout: 30_000 });
  }, 120_000);

  it('search: a typo shows «¿Quisiste decir …?» with a link to the corrected search', async () => {
    const found = await search('ibuprofneo');
    expect(found.correctedText).toBe('ibuprofeno');
    await page.goto(`${env.webUrl}buscar?q=ibuprofneo`);
    await settled(page);
    const didYouMean = page.getByTestId('did-you-mean');
    await didYouMean.waitFor({ timeout: 30_000 });
    expect(await didYouMean.textContent()).toContain('¿Quisiste decir «ibuprofeno»?');
    await shot(page, viewport, 'search-did-you-mean');
    await didYouMean.getByRole('link').click();
    await page.waitForURL(/q=ibuprofeno$/, { timeout: 30_000 });
    await page.getByTestId('result-count').waitFor({ timeout: 30_000 });
    expect(await page.inputValue('input[name=q]')).toBe('ibuprofeno');
    expect(await page.getByTestId('did-you-mean').count()).toBe(0);
  }, 60_000);

  it('search box: suggestions as you type, chosen with the keyboard (ARIA combobox); the query stays in the box', async () => {
    await page.goto(env.webUrl);
    await settled(page);
    const box = page.getByRole('combobox', { name: 'Buscar productos' });
    await box.click();
    await box.pressSequentially('parac', { delay: 40 });
    const listbox = page.getByRole('listbox', { name: 'Sugerencias de búsqueda' });
    await listbox.waitFor({ timeout: 30_000 });
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const options = page.getByRole('option');
    const count = await options.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(8);
    const firstText = (await options.first().locator('span').first().textContent())!;
    expect(firstText.toLowerCase()).toMatch(/^parac/);

    await box.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    expect(activeId).toBe(await options.first().getAttribute('id'));
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    // The focus never left the box.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await shot(page, viewport, 'search-suggestions');

    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(firstText).replace(/%20/g, '(\\+|%20)')}$`), { timeout: 30_000 });
    await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
    expect(await page.inputValue('input[name=q]')).toBe(firstText);
    expect(await page.title()).toBe(`Buscar «${firstText}» · FarmaCruz`);
  }, 60_000);

  async function stockOf(productId: string): Promise<number> {
    const { Item } = await env.documents.send(new GetCommand({ TableName: env.settings.tableName, Key: productKey(productId), ConsistentRead: true }));
    return Item?.stock as number;
  }

  async function signIn(): Promise<void> {
    await page.goto(`${env.webUrl}entrar`);
    await page.fill('input[name=email]', shopper.email);
    await page.fill('input[name=password]', shopper.password);
    await page.locator('form.account button[type=submit]').click();
    await page.getByRole('button', { name: 'Salir' }).waitFor({ timeout: 30_000 });
  }

  it('checkout: the state is one of the 32 federal entities, postal code and phone are checked in Spanish, the address is remembered', async () => {
    await signIn();
    const found = await search('paracetamol', { prescriptionRequired: false, inStock: true });
    const product = found.items[0]!;
    const listed = await env.graphql<{ searchProducts: { items: { id: string }[] } }>('query ($t: String!) { searchProducts(text: $t, limit: 1, filter: { prescriptionRequired: false, inStock: true }) { items { id } } }', { t: 'paracetamol' });
    const productId = listed.searchProducts.items[0]!.id;
    await openProduct(page, env.webUrl, productId);
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });

    const state = page.locator('.checkout select[name=state]');
    const options = await state.locator('option').allTextContents();
    expect(options.slice(1)).toEqual(MEXICAN_STATES.map((entry) => entry.split('|')[0]));
    expect(options).toHaveLength(33);
    expect(await state.getAttribute('autocomplete')).toBe('shipping address-level1');
    expect(await page.getAttribute('.checkout [name=phone]', 'autocomplete')).toBe('shipping tel-national');

    // Without a store, the order would reach the server: a wrong postal code and phone are told here, in Spanish.
    let orderRequests = 0;
    page.on('request', (request) => {
      if (request.postData()?.includes('createOrder')) orderRequests++;
    });
    if (!(await page.inputValue('.checkout [name=recipientName]'))) {
      await page.fill('.checkout [name=recipientName]', 'Ana López');
      await page.fill('.checkout [name=line1]', 'Av. Juárez 123');
      await page.fill('.checkout [name=city]', 'Guadalajara');
    }
    await state.selectOption('');
    await page.fill('.checkout [name=postalCode]', '4410');
    await page.fill('.checkout [name=phone]', '33 1234 567');
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.locator('#postalCode-error').waitFor();
    expect(await page.locator('#postalCode-error').textContent()).toBe('El código postal debe tener 5 dígitos.');
    expect(await page.locator('#phone-error').textContent()).toBe('El teléfono debe tener 10 dígitos (puedes anteponer +52).');
    expect(await page.locator('#state-error').textContent()).toBe('Elige el estado.');
    expect(await state.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('state');
    expect(orderRequests).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'checkout-address-errors');

    await state.selectOption('Jalisco');
    await page.fill('.checkout [name=postalCode]', '44100');
    await page.fill('.checkout [name=phone]', '+52 33 1234 5678');
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.getByTestId('order-total').waitFor({ timeout: 30_000 });
    expect(orderRequests).toBe(1);
    expect(product.name.length).toBeGreaterThan(0);

    // The next checkout offers the same address.
    await openProduct(page, env.webUrl, productId);
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
    expect(await state.inputValue()).toBe('Jalisco');
    expect(await page.inputValue('.checkout [name=postalCode]')).toBe('44100');
    expect(await page.inputValue('.checkout [name=phone]')).toBe('+52 33 1234 5678');
  }, 120_000);

  it('order page: the shopper cancels their own unpaid order (stock returned), and the pharmacy contact comes from config.json', async () => {
    // The cart still holds the product added at the end of the previous journey.
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
    const productId = productIdFromSegment((await page.locator('.cart td[data-label=Producto] a').first().getAttribute('href'))!.split(/[/#]/).pop()!);
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.getByTestId('order-total').waitFor({ timeout: 30_000 });
    const afterOrder = await stockOf(productId);

    const contact = env.config as unknown as { pharmacyContact: { phone: string; phoneE164: string; email: string } };
    const contactText = (await page.getByTestId('pharmacy-contact').textContent())!;
    expect(contactText).toContain(contact.pharmacyContact.phone);
    expect(contactText).toContain(contact.pharmacyContact.email);
    expect(await page.getByTestId('pharmacy-contact').getByRole('link').first().getAttribute('href')).toBe(`tel:${contact.pharmacyContact.phoneE164}`);

    await page.getByRole('button', { name: 'Cancelar pedido' }).click();
    await page.getByRole('button', { name: 'Sí, cancelar el pedido' }).waitFor();
    await shot(page, viewport, 'order-cancel-confirm');
    await page.getByRole('button', { name: 'Sí, cancelar el pedido' }).click();
    await page.getByTestId('order-status').filter({ hasText: 'Cancelado' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Cancelar pedido' }).count()).toBe(0);
    expect(await stockOf(productId)).toBe(afterOrder + 1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'order-cancelled');
    await page.getByRole('button', { name: 'Salir' }).click();
  }, 90_000);
});
