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
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { waitUntil } from '../../local/free-port';
import { DEMO_USERS } from '../../local/demo-users';
import { runSimilarityJob } from '../../catalog/similarity-job';
import sharp from 'sharp';
import { VIEWPORTS, artifactsDir, shotFitting, signIn, startBrowserStack, type BrowserStack } from './browser-stack';

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

let env: BrowserStack;
let shopperToken: string;
let staffToken: string;
let products: ProductSummary[];

const ADDRESS = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', phone: '3312345678', country: 'MX' };
let tokenCount = 0;

async function placeOrder(productIds: string[]): Promise<string> {
  tokenCount += 1;
  const data = await env.graphql<{ createOrder: { id: string } }>(
    'mutation ($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
    { input: { items: productIds.map((productId) => ({ productId, quantity: 1 })), shippingAddress: ADDRESS, clientToken: `backoffice-test-${tokenCount}-${Date.now()}` } },
    shopperToken,
  );
  return data.createOrder.id;
}

async function markPaid(orderId: string): Promise<void> {
  await env.graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: PAID) { id } }', { id: orderId }, staffToken);
}

async function mailbox(): Promise<MailboxEmail[]> {
  return ((await (await fetch(`${env.mailUrl}/store`)).json()) as { emails: MailboxEmail[] }).emails;
}

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 80 });
  [shopperToken, staffToken] = await Promise.all([env.idToken(shopper), env.idToken(staff)]);
  // The nightly similar-products job once, so the products page can say when it ran.
  await runSimilarityJob({ documentClient: env.documents, tableName: env.settings.tableName });
  products = (
    await env.graphql<{ products: { items: ProductSummary[] } }>('query { products(limit: 100) { items { id name stock prescriptionRequired } } }', {})
  ).products.items;
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

describe.each(VIEWPORTS)('the back office at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;
  let rxOrderId: string;
  let cancelOrderId: string;
  let product: ProductSummary;

  /** The page's screenshot `<viewport>-backoffice-<name>.png`, axe and no horizontal overflow. */
  const shot = (name: string) => shotFitting(page, viewport, `backoffice-${name}`);

  beforeAll(async () => {
    const rx = products.filter((p) => p.prescriptionRequired && p.stock >= 3);
    const otc = products.filter((p) => !p.prescriptionRequired && p.stock >= 10);
    const index = viewport.name === 'desktop' ? 0 : 1;
    rxOrderId = await placeOrder([rx[index]!.id, otc[index]!.id]);
    await markPaid(rxOrderId);
    cancelOrderId = await placeOrder([otc[index + 2]!.id]);
    product = otc[index + 4]!;
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('finds the customer\'s orders by email, and a new order appears without reloading', async () => {
    await page.goto(`${env.webUrl}personal`);
    await signIn(page, staff);
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
    await env.graphql('mutation ($id: ID!) { updateOrderStatus(id: $id, status: CANCELLED, reason: "Prueba") { id } }', { id: newOrderId }, staffToken);
  }, 180_000);

  it('verifies the prescription before shipping, then ships with carrier and tracking number', async () => {
    await page.goto(`${env.webUrl}pedidos/${rxOrderId}`);
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
    await page.goto(`${env.webUrl}pedidos/${cancelOrderId}`);
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
    await mailPage.goto(`${env.mailUrl}/`);
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
    await page.goto(`${env.webUrl}personal/productos`);
    await page.getByTestId('staff-product-row').first().waitFor({ timeout: 30_000 });
    const before = await page.getByTestId('similarity-status').locator('p').first().textContent();
    expect(before).toMatch(/calculados el/);
    const recompute = () => env.graphql<{ similarityRecompute: { id: string; status: string } | null }>('query { similarityRecompute { id status } }', {}, staffToken);
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
    await page.goto(`${env.webUrl}personal/productos/${pictured.id}`);
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
    const first = await env.graphql<{ product: { imageUrl: string; imageSizes: { width: number }[] } }>('query ($id: ID!) { product(id: $id) { imageUrl imageSizes { width } } }', { id: pictured.id });
    expect(first.product.imageSizes.map((s) => s.width)).toEqual([320, 640, 960]);
    const shown = section.locator('figure').first().locator('img');
    await shown.waitFor();
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await section.locator('figcaption').first().textContent()).toBe('Foto actual');
    await shot('photo-uploaded');

    await section.locator('input[type=file]').setInputFiles({ name: 'caja-2.png', mimeType: 'image/png', buffer: await sharp({ create: { width: 900, height: 900, channels: 3, background: { r: 200, g: 60, b: 60 } } }).png().toBuffer() });
    await section.getByRole('button', { name: 'Subir esta foto' }).click();
    await section.getByTestId('photo-status').filter({ hasText: 'Foto actualizada' }).waitFor({ timeout: 90_000 });
    const second = await env.graphql<{ product: { imageUrl: string } }>('query ($id: ID!) { product(id: $id) { imageUrl } }', { id: pictured.id });
    expect(second.product.imageUrl).not.toBe(first.product.imageUrl);
  }, 240_000);

  it('edits a product with the price in pesos, adjusts its stock with a reason, and deactivates it after confirming', async () => {
    await page.goto(`${env.webUrl}personal/productos`);
    await page.getByTestId('staff-product-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('similarity-status').textContent()).toMatch(/calculados el .+ para \d+ productos activos/);
    await page.fill('input[name=text]', product.name.split(' ')[0]!);
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByTestId('staff-product-row').filter({ hasText: product.name }).first().waitFor({ timeout: 30_000 });
    await shot('products');
    await page.goto(`${env.webUrl}personal/productos/${product.id}`);
    await page.locator('input[name=price]').waitFor({ timeout: 30_000 });

    await page.fill('input[name=price]', 'doce pesos');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    expect(await page.locator('#price-error').textContent()).toBe('Escribe el precio en pesos, por ejemplo 129.50.');
    await shot('product-invalid');
    await page.fill('input[name=price]', '1,234.50');
    await page.fill('input[name=presentation]', `Caja con 30 tabletas (${viewport.name})`);
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Cambios guardados.').waitFor({ timeout: 30_000 });
    const saved = await env.graphql<{ product: { price: { amountCents: number }; presentation: string; stock: number } }>(
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
