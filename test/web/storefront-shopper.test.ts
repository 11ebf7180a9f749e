/**
 * More storefront journeys of issue 11, in a real Chromium against the whole local stack, each at 1280×900
 * and 390×844: search filters and sort kept in the URL (Back, a shared link), "¿Quisiste decir …?", the search
 * box's suggestions by keyboard (ARIA combobox), the checkout's state list.
 * Screenshots: .artifacts/web/<desktop|phone>-<name>.png; axe-core finds nothing on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { VIEWPORTS, horizontalOverflow, settled, shot, startBrowserStack, type BrowserStack } from './browser-stack';

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

    await page.goto(`${env.webUrl}#/buscar?q=paracetamol`);
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
    await page.goto(`${env.webUrl}#/buscar?q=ibuprofneo`);
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
});
