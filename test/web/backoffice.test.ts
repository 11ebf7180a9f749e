/**
 * The staff journeys of issue 12 in a real Chromium against the whole local stack (as `npm start` runs it), at
 * 1280×900 and on a 390×844 phone: find a customer's orders, see a new order appear without reloading, verify
 * a prescription, ship with carrier and tracking number, cancel with a reason, read both emails in the local
 * mailbox, edit a product (price typed in pesos), adjust its stock with a reason and see the history, and
 * deactivate it after confirming.
 *
 * Screenshots of every page go to .artifacts/web/ (git-ignored) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadLocalStackSettings } from '../../config/settings';
import { findFreePort, waitUntil } from '../../local/free-port';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { DEMO_USERS } from '../../local/demo-users';
import { createAuthClient } from '../../auth-client/auth-client';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { runSimilarityJob } from '../../catalog/similarity-job';
import sharp from 'sharp';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifactsDir = path.join(rootDir, '.artifacts', 'web');
const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
const staff = DEMO_USERS.find((u) => u.role === 'staff')!;

interface ProductSummary {
  id: string;
  name: string;
  stock: number;
  prescriptionRequired: boolean;
}
interface MailboxEmail {
  subject: string;
  destination: { to: string[] };
  body: { html?: string; text?: string };
}

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
let webUrl: string;
let mailUrl: string;
let graphqlUrl: string;
let apiKey: string;
let shopperToken: string;
let staffToken: string;
let products: ProductSummary[];

async function graphql<T>(query: string, variables: Record<string, unknown>, idToken?: string): Promise<T> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idToken ? { authorization: idToken } : { 'x-api-key': apiKey }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const ADDRESS = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', phone: '3312345678', country: 'MX' };
let tokenCount = 0;

async function placeOrder(productIds: string[]): Promise<string> {
  tokenCount += 1;
  const data = await graphql<{ createOrder: { id: string } }>(
    'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
    { input: { items: productIds.map((productId) => ({ productId, quantity: 1 })), shippingAddress: ADDRESS, clientToken: `backoffice-test-${tokenCount}-${Date.now()}` } },
    shopperToken,
  );
  return data.createOrder.id;
}

async function markPaid(orderId: string): Promise<void> {
  await graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id: orderId }, staffToken);
}

async function mailbox(): Promise<MailboxEmail[]> {
  return ((await (await fetch(`${mailUrl}/store`)).json()) as { emails: MailboxEmail[] }).emails;
}

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-backoffice-'));
  const [api, dynamodb, cognito, web, mail] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
  const settings = loadLocalStackSettings({
    FARMACRUZ_DATA_DIR: dataDir,
    FARMACRUZ_API_PORT: String(api),
    FARMACRUZ_DYNAMODB_PORT: String(dynamodb),
    FARMACRUZ_COGNITO_PORT: String(cognito),
    FARMACRUZ_WEB_PORT: String(web),
    FARMACRUZ_MAIL_PORT: String(mail),
    FARMACRUZ_DEMO_PRODUCTS: '80',
  });
  stack = await startLocalStack(settings, rootDir, () => undefined);
  webUrl = `http://127.0.0.1:${web}/`;
  mailUrl = `http://127.0.0.1:${mail}`;
  const config = (await (await fetch(`${webUrl}config.json`)).json()) as { graphqlUrl: string; apiKey: string; cognitoEndpoint: string; userPoolClientId: string; region: string };
  graphqlUrl = config.graphqlUrl;
  apiKey = config.apiKey;
  const auth = createAuthClient({ region: config.region, endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId });
  shopperToken = (await auth.login({ email: shopper.email, password: shopper.password })).tokens.idToken;
  staffToken = (await auth.login({ email: staff.email, password: staff.password })).tokens.idToken;
  // The nightly similar-products job once, so the products page can say when it ran.
  await runSimilarityJob({ documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: `http://127.0.0.1:${dynamodb}`, region: settings.region, credentials: LOCAL_CREDENTIALS })), tableName: settings.tableName });
  products = (
    await graphql<{ products: { items: ProductSummary[] } }>('query { products(limit: 100) { items { id name stock prescriptionRequired } } }', {})
  ).products.items;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.each(VIEWPORTS)('the back office at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;
  let rxOrderId: string;
  let cancelOrderId: string;
  let product: ProductSummary;

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifactsDir, `${viewport.name}-backoffice-${name}.png`), fullPage: true });
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
    });
    expect(violations, `axe on ${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    const rx = products.filter((p) => p.prescriptionRequired && p.stock >= 3);
    const otc = products.filter((p) => !p.prescriptionRequired && p.stock >= 10);
    const index = viewport.name === 'desktop' ? 0 : 1;
    rxOrderId = await placeOrder([rx[index]!.id, otc[index]!.id]);
    await markPaid(rxOrderId);
    cancelOrderId = await placeOrder([otc[index + 2]!.id]);
    product = otc[index + 4]!;
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('finds the customer\'s orders by email, and a new order appears without reloading', async () => {
    await page.goto(`${webUrl}#/personal`);
    await page.fill('input[name=email]', staff.email);
    await page.fill('input[name=password]', staff.password);
    await page.locator('form.account button[type=submit]').click();
    await page.getByTestId('staff-order-row').first().waitFor({ timeout: 60_000 });
    await page.fill('input[name=orderSearch]', shopper.email);
    await page.selectOption('select[name=status]', 'ALL');
    await page.locator('form[aria-label="Buscar pedidos"] button[type=submit]').click();
    await page.locator(`[data-testid=staff-order-row] a[href$="${rxOrderId}"]`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('staff-order-row').filter({ hasText: rxOrderId.slice(-8) }).textContent()).toContain('Receta por verificar');
    await shot('orders');

    const newOrderId = await placeOrder([product.id]);
    // Polling every 15 s while the tab is visible: no reload, no click.
    await page.locator(`[data-testid=staff-order-row] a[href$="${newOrderId}"]`).waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('new-orders').textContent()).toMatch(/Llegó 1 pedido nuevo|Llegaron \d+ pedidos nuevos/);
    await graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: CANCELLED, reason: "Prueba") { id } }', { id: newOrderId }, staffToken);
  }, 180_000);

  it('verifies the prescription before shipping, then ships with carrier and tracking number', async () => {
    await page.goto(`${webUrl}#/pedidos/${rxOrderId}`);
    const panel = page.getByTestId('staff-order-panel');
    await panel.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('customer-email').textContent()).toBe(shopper.email);
    expect(await page.getByTestId('customer-phone').textContent()).toBe(ADDRESS.phone);
    expect(await page.getByTestId('prescription-status').textContent()).toContain('Receta sin verificar');
    expect(await page.getByRole('button', { name: 'Marcar como enviado…' }).isDisabled()).toBe(true);
    await shot('order-rx-pending');

    await page.getByRole('button', { name: 'Verificar receta…' }).click();
    await page.fill('dialog textarea[name=note]', 'Receta del Dr. Ramírez, cédula 1234567');
    await shot('verify-dialog');
    await page.getByRole('button', { name: 'Receta verificada' }).click();
    await page.getByTestId('prescription-status').filter({ hasText: 'Receta verificada' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('prescription-status').textContent()).toContain(`por ${staff.email}`);

    await page.getByRole('button', { name: 'Marcar como enviado…' }).click();
    await page.fill('dialog input[name=carrier]', 'DHL Express');
    await page.fill('dialog input[name=trackingNumber]', `JD01460000${viewport.width}`);
    await shot('ship-dialog');
    await page.getByRole('button', { name: 'Marcar como enviado', exact: true }).click();
    await page.getByTestId('order-status').filter({ hasText: 'Enviado' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('staff-history').filter({ hasText: `Guía: JD01460000${viewport.width}` }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('staff-history').textContent()).toContain(`por ${staff.email}`);
    await shot('order-shipped');
  }, 120_000);

  it('cancels an order only after confirming, with the reason kept in the history', async () => {
    await page.goto(`${webUrl}#/pedidos/${cancelOrderId}`);
    await page.getByTestId('staff-order-panel').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancelar pedido…' }).click();
    expect(await page.getByRole('button', { name: 'Sí, cancelar pedido' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'No, volver' }).click();
    expect(await page.getByTestId('order-status').textContent()).toContain('Pendiente');

    await page.getByRole('button', { name: 'Cancelar pedido…' }).click();
    await page.fill('dialog textarea[name=reason]', 'La clienta pidió cancelar por teléfono');
    await shot('cancel-dialog');
    await page.getByRole('button', { name: 'Sí, cancelar pedido' }).click();
    await page.getByTestId('order-status').filter({ hasText: 'Cancelado' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('staff-history').filter({ hasText: 'Motivo: La clienta pidió cancelar por teléfono' }).waitFor({ timeout: 30_000 });
    await shot('order-cancelled');
  }, 120_000);

  it('sends the shipping email with the tracking number and the cancellation email with the reason', async () => {
    const shipped = rxOrderId.slice(-8).toUpperCase();
    const cancelled = cancelOrderId.slice(-8).toUpperCase();
    let emails: MailboxEmail[] = [];
    await waitUntil(async () => {
      emails = (await mailbox()).filter((e) => e.destination.to.includes(shopper.email));
      return emails.some((e) => e.subject.includes(shipped) && e.subject.includes('Enviado')) && emails.some((e) => e.subject.includes(cancelled) && e.subject.includes('cancelado'));
    }, 'the shipping and cancellation emails', 90_000);
    const shipping = emails.find((e) => e.subject.includes(shipped) && e.subject.includes('Enviado'))!;
    expect(shipping.body.text).toContain(`Paquetería: DHL Express · Número de guía: JD01460000${viewport.width}`);
    const cancellation = emails.find((e) => e.subject.includes(cancelled) && e.subject.includes('cancelado'))!;
    expect(cancellation.body.text).toContain('Motivo de la cancelación: La clienta pidió cancelar por teléfono');

    const mailPage = await context.newPage();
    await mailPage.goto(`${mailUrl}/`);
    await mailPage.getByText(shipping.subject).first().waitFor({ timeout: 30_000 });
    await mailPage.screenshot({ path: path.join(artifactsDir, `${viewport.name}-backoffice-mailbox.png`), fullPage: true });
    // The two emails as the customer's mail client shows them (their HTML part).
    for (const [name, email] of [['shipping-email', shipping], ['cancellation-email', cancellation]] as const) {
      await mailPage.setContent(email.body.html ?? '');
      expect(await mailPage.locator('body').textContent()).toContain(name === 'shipping-email' ? `JD01460000${viewport.width}` : 'La clienta pidió cancelar por teléfono');
      await mailPage.screenshot({ path: path.join(artifactsDir, `${viewport.name}-backoffice-${name}.png`), fullPage: true });
    }
    await mailPage.close();
  }, 120_000);

  it('recomputes the similar products now: the job runs on its own and the page shows it until done', async () => {
    await page.goto(`${webUrl}personal/productos`);
    await page.getByTestId('staff-product-row').first().waitFor({ timeout: 30_000 });
    const before = await page.getByTestId('similarity-status').locator('p').first().textContent();
    expect(before).toMatch(/calculados el/);
    const recompute = () => graphql<{ similarityRecompute: { id: string; status: string } | null }>('query { similarityRecompute { id status } }', {}, staffToken);
    const previous = (await recompute()).similarityRecompute?.id ?? null;
    await page.getByRole('button', { name: 'Recalcular ahora' }).click();
    // The job runs on its own (asynchronous invoke): wait for this request, not an earlier one, to be done.
    await expect.poll(async () => {
      const now = (await recompute()).similarityRecompute;
      return now && now.id !== previous ? now.status : null;
    }, { timeout: 120_000, interval: 500 }).toBe('DONE');
    await page.getByRole('button', { name: 'Recalcular ahora' }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('similarity-recompute').textContent()).toMatch(/Último recálculo a petición: terminó el .+\(\d+ productos, \d+ listas cambiaron\)/);
    await shot('similarity-recomputed');
  }, 180_000);

  it('uploads a photo of a product in the editor, sees it, and replaces it; a file that is not a photo is stopped', async () => {
    const pictured = products.filter((p) => !p.prescriptionRequired)[viewport.name === 'desktop' ? 8 : 9]!;
    await page.goto(`${webUrl}personal/productos/${pictured.id}`);
    const section = page.getByRole('region', { name: 'Foto del producto' });
    await section.waitFor({ timeout: 30_000 });
    const photo = async (r: number, g: number, b: number) =>
      sharp({ create: { width: 1200, height: 800, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

    await section.locator('input[type=file]').setInputFiles({ name: 'notas.txt', mimeType: 'text/plain', buffer: Buffer.from('no es una foto') });
    expect(await section.getByRole('alert').textContent()).toBe('La foto debe ser JPEG, PNG o WebP.');

    await section.locator('input[type=file]').setInputFiles({ name: 'caja.jpg', mimeType: 'image/jpeg', buffer: await photo(20, 140, 120) });
    await section.getByRole('img', { name: `Foto nueva elegida para ${pictured.name}` }).waitFor();
    await shot('photo-preview');
    await section.getByRole('button', { name: 'Subir esta foto' }).click();
    await section.getByTestId('photo-status').filter({ hasText: 'Foto actualizada' }).waitFor({ timeout: 90_000 });
    const first = await graphql<{ product: { imageUrl: string; imageSizes: { width: number }[] } }>('query ($id: ID!) { product(id: $id) { imageUrl imageSizes { width } } }', { id: pictured.id });
    expect(first.product.imageSizes.map((s) => s.width)).toEqual([320, 640, 960]);
    const shown = section.locator('figure').first().locator('img');
    await shown.waitFor();
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await section.locator('figcaption').first().textContent()).toBe('Foto actual');
    await shot('photo-uploaded');

    await section.locator('input[type=file]').setInputFiles({ name: 'caja-2.png', mimeType: 'image/png', buffer: await sharp({ create: { width: 900, height: 900, channels: 3, background: { r: 200, g: 60, b: 60 } } }).png().toBuffer() });
    await section.getByRole('button', { name: 'Subir esta foto' }).click();
    await section.getByTestId('photo-status').filter({ hasText: 'Foto actualizada' }).waitFor({ timeout: 90_000 });
    const second = await graphql<{ product: { imageUrl: string } }>('query ($id: ID!) { product(id: $id) { imageUrl } }', { id: pictured.id });
    expect(second.product.imageUrl).not.toBe(first.product.imageUrl);
  }, 240_000);

  it('edits a product with the price in pesos, adjusts its stock with a reason, and deactivates it after confirming', async () => {
    await page.goto(`${webUrl}#/personal/productos`);
    await page.getByTestId('staff-product-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('similarity-status').textContent()).toMatch(/calculados el .+ para \d+ productos activos/);
    await page.fill('input[name=text]', product.name.split(' ')[0]!);
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByTestId('staff-product-row').filter({ hasText: product.name }).first().waitFor({ timeout: 30_000 });
    await shot('products');
    await page.goto(`${webUrl}#/personal/productos/${product.id}`);
    await page.locator('input[name=price]').waitFor({ timeout: 30_000 });

    await page.fill('input[name=price]', 'doce pesos');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    expect(await page.locator('#price-error').textContent()).toBe('Escribe el precio en pesos, por ejemplo 129.50.');
    await shot('product-invalid');
    await page.fill('input[name=price]', '1,234.50');
    await page.fill('input[name=presentation]', `Caja con 30 tabletas (${viewport.name})`);
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Cambios guardados.').waitFor({ timeout: 30_000 });
    const saved = await graphql<{ product: { price: { amountCents: number }; presentation: string; stock: number } }>(
      'query ($id: ID!) { product(id: $id) { price { amountCents } presentation stock } }',
      { id: product.id },
    );
    expect(saved.product.price.amountCents).toBe(123_450);
    expect(saved.product.presentation).toBe(`Caja con 30 tabletas (${viewport.name})`);

    const before = saved.product.stock;
    await page.selectOption('select[name=direction]', 'remove');
    await page.fill('input[name=quantity]', String(before + 1));
    await page.fill('input[name=stockReason]', 'Producto dañado');
    await page.getByRole('button', { name: 'Ajustar existencias' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'no puedes quitar' }).count()).toBe(1);
    await page.selectOption('select[name=direction]', 'add');
    await page.fill('input[name=quantity]', '7');
    await page.fill('input[name=stockReason]', 'Recepción de mercancía');
    await page.getByRole('button', { name: 'Ajustar existencias' }).click();
    await page.getByText(`Existencias ajustadas: ${before} → ${before + 7}.`).waitFor({ timeout: 30_000 });
    await page.getByTestId('stock-history').filter({ hasText: 'Recepción de mercancía' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('stock-history').textContent()).toContain(staff.email);
    await page.getByTestId('current-stock').filter({ hasText: new RegExp(`^${before + 7}$`) }).waitFor({ timeout: 30_000 });
    await shot('product-stock');

    await page.getByRole('button', { name: 'Desactivar…' }).click();
    await page.getByRole('button', { name: 'Volver', exact: true }).click();
    expect(await page.getByTestId('product-state').textContent()).toContain('Activo');
    await page.getByRole('button', { name: 'Desactivar…' }).click();
    await page.getByRole('button', { name: 'Sí, desactivar' }).click();
    await page.getByTestId('product-state').filter({ hasText: 'Inactivo' }).waitFor({ timeout: 30_000 });
    await shot('product-inactive');
  }, 180_000);
});
