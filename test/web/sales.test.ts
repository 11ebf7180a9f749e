/**
 * The staff page "Ventas" with a custom date range, in Chromium at 1280×900 and 390×844, on the whole local
 * stack: a generated lake, the analytics job run once, staff signed in. A custom range shows every metric —
 * the seven KPIs, orders by status, new and returning customers, top products and categories, sales by
 * state, prescription share — with the numbers Query.salesRange gives for those days; axe finds nothing and
 * nothing overflows. Screenshots in .artifacts/web/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createAuthClient } from '../../auth-client/auth-client';
import { localLambdaSettings } from '../../config/settings';
import { createAwsClients } from '../../functions/shared/aws-clients';
import { generateLake } from '../../analytics/lake-generator';
import { addDays, shopDate } from '../../analytics/periods';
import { createLocalAnalyticsHandler } from '../../local/analytics-job';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { DEMO_USERS } from '../../local/demo-users';
import { VIEWPORTS, horizontalOverflow, shot, startBrowserStack, type BrowserStack } from './browser-stack';

const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
let env: BrowserStack;
let staffToken: string;
let today: string;

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 40 });
  today = shopDate(env.settings.shopTimeZone, new Date());
  const lakeDir = path.join(env.dataDir, 'lake');
  generateLake({ lakeDir, records: 4_000, lastDay: today, days: 200, duplicateShare: 0.03, seed: 11 });
  const base = localLambdaSettings({ AWS_REGION: env.settings.region, TABLE_NAME: env.settings.tableName });
  const settings = { ...base, aws: { ...base.aws, endpoints: { dynamodb: `http://127.0.0.1:${env.settings.ports.dynamodb}` } } };
  const clients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
  try {
    await createLocalAnalyticsHandler({ settings, clients, lakeDir, shopTimeZone: env.settings.shopTimeZone })({ source: 'sales web test' });
  } finally {
    clients.destroy();
  }
  const auth = createAuthClient({ region: env.config.region, endpoint: env.config.cognitoEndpoint, clientId: env.config.userPoolClientId });
  staffToken = (await auth.login({ email: staff.email, password: staff.password })).tokens.idToken;
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

const pesos = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', minimumFractionDigits: 2 });
const integer = new Intl.NumberFormat('es-MX');

describe.each(VIEWPORTS)('Ventas with a custom date range at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows every metric of the range, the figures Query.salesRange gives for it', async () => {
    const from = addDays(today, viewport.name === 'desktop' ? -120 : -75);
    const to = addDays(today, -30);
    await page.goto(`${env.webUrl}personal/ventas`);
    await page.locator('form.account').waitFor({ timeout: 60_000 });
    await page.fill('input[name=email]', staff.email);
    await page.fill('input[name=password]', staff.password);
    await page.locator('form.account button[type=submit]').click();
    await page.getByTestId('period').waitFor({ timeout: 60_000 });
    await page.getByTestId('period').selectOption('custom');
    await page.getByTestId('range-from').fill(from);
    await page.getByTestId('range-to').fill(to);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=range-note]')?.textContent?.includes('suma de sus días'),
      null,
      { timeout: 60_000 },
    );

    const { salesRange } = await env.graphql<{
      salesRange: { salesCents: number; orders: number; cancelledOrders: number; units: number; customers: { customers: number; newCustomers: number; returningCustomers: number }; topProducts: { name: string; revenueRank: number }[]; states: { state: string }[] };
    }>(
      'query($from: AWSDate!, $to: AWSDate!) { salesRange(from: $from, to: $to) { salesCents orders cancelledOrders units customers { customers newCustomers returningCustomers } topProducts { name revenueRank } states { state } } }',
      { from, to },
      staffToken,
    );
    expect(salesRange.orders).toBeGreaterThan(50);

    const kpis = page.getByTestId('kpis');
    const kpiText = await kpis.innerText();
    expect(await kpis.locator('.kpi').count()).toBe(7);
    expect(kpiText).toContain(pesos.format(salesRange.salesCents / 100));
    expect(kpiText).toContain(integer.format(salesRange.orders));
    expect(kpiText).toContain(`${integer.format(salesRange.cancelledOrders)} cancelados`);
    expect(kpiText).toContain(integer.format(salesRange.units));
    expect(kpiText).toContain(`${integer.format(salesRange.customers.newCustomers)} nuevos · ${integer.format(salesRange.customers.returningCustomers)} recurrentes`);

    // Nothing is hidden for a custom range: every section of the page is there, with the range's figures.
    const headings = await page.locator('section.panel h2').allInnerTexts();
    expect(headings).toEqual(
      expect.arrayContaining(['Pedidos por estado', 'Clientes nuevos y recurrentes', 'Productos más vendidos', 'Categorías', 'Ventas por estado de envío', 'Medicamentos con receta']),
    );
    const statesTable = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Ventas por estado de envío' }) }).locator('tbody tr');
    expect(await statesTable.count()).toBe(salesRange.states.length);
    expect(await statesTable.first().innerText()).toContain(salesRange.states[0]!.state);
    const best = salesRange.topProducts.find((p) => p.revenueRank === 1)!;
    await expect.poll(() => page.locator('section.panel', { has: page.getByRole('heading', { name: 'Productos más vendidos' }) }).innerText()).toContain(best.name.split(' ')[0]!);
    expect(await page.getByText('Pedidos de clientes nuevos').count()).toBe(1);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'sales-custom-range');
  }, 180_000);
});
