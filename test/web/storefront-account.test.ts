/**
 * The shopper's account in a real Chromium against the whole local stack, at 1280×900 and 390×844: sign-up with
 * the privacy consent (recorded: version and time), confirmation leading back where the shopper was, forgotten
 * password, the aviso de privacidad, and the ARCO rights in "Mi cuenta" (download as JSON, correct the name,
 * delete the account: user gone, orders kept under a pseudonym).
 * cognito-local sends no email: the codes are read from its user store, as a shopper would read their inbox.
 * Screenshots: .artifacts/web/<desktop|phone>-<name>.png; axe-core finds nothing on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { BrowserContext, Page } from 'playwright-core';
import { openProduct, VIEWPORTS, horizontalOverflow, settled, shot, startBrowserStack, type BrowserStack } from './browser-stack';
import { PRIVACY_NOTICE_VERSION } from '../../auth/privacy-notice';
import { localCognitoClient } from '../../local/user-pool';
import { orderKey } from '../../model/keys';

let env: BrowserStack;

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 60 });
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

interface PoolUser {
  Username: string;
  ConfirmationCode?: string;
  Attributes?: { Name: string; Value?: string }[];
}

/** The code cognito-local would have emailed to `email` (sign-up or password reset), polled until it is there. */
async function emailedCode(email: string): Promise<string> {
  const cognitoDir = path.join(env.dataDir, 'cognito');
  const { userPoolId } = JSON.parse(readFileSync(path.join(cognitoDir, 'ids.json'), 'utf8')) as { userPoolId: string };
  const admin = localCognitoClient(env.config.cognitoEndpoint, env.config.region);
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      const text = readFileSync(path.join(cognitoDir, '.cognito', 'db', `${userPoolId}.json`), 'utf8');
      let pool: { Users?: Record<string, PoolUser> } = {};
      try {
        pool = JSON.parse(text);
      } catch {
        // A snapshot being written: read again.
      }
      const user = Object.values(pool.Users ?? {}).find((u) => u.Attributes?.some((a) => a.Name === 'email' && a.Value === email));
      if (user?.ConfirmationCode) return user.ConfirmationCode;
      // cognito-local saves its whole state on the next write: touch the user so the file catches up.
      if (user) await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: user.Username, UserAttributes: [{ Name: 'locale', Value: 'es-MX' }] }));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    admin.destroy();
  }
  throw new Error(`no code for ${email} within 30 s`);
}

describe.each(VIEWPORTS)('the account pages at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;
  const email = `cuenta-${viewport.name}-${randomUUID().slice(0, 8)}@farmacruz.test`;
  const firstPassword = 'Primera-Clave1';
  const newPassword = 'Nueva-Clave22';
  let orderId: string;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('aviso de privacidad: responsible party, data, purposes, ARCO rights, what is kept and for how long', async () => {
    await page.goto(`${env.webUrl}aviso-de-privacidad`);
    await settled(page);
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain(`Versión ${PRIVACY_NOTICE_VERSION}`);
    for (const part of ['Quién es responsable', 'Qué datos usamos', 'Para qué los usamos', 'Tus derechos ARCO', '5 años', 'Código Fiscal de la Federación']) expect(text).toContain(part);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'privacy-notice');
  }, 60_000);

  it('sign-up asks for the consent, confirming signs in and goes back to the cart; the consent is recorded', async () => {
    await page.goto(`${env.webUrl}registro?volver=${encodeURIComponent('/carrito')}`);
    await settled(page);
    await page.fill('input[name=name]', 'Lucía Pérez');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', firstPassword);
    await page.getByRole('button', { name: 'Registrarme' }).click();
    // Without the consent the form does not go anywhere.
    expect(await page.locator('input[name=privacyConsent]:invalid').count()).toBe(1);
    expect(page.url()).toContain('/registro');
    await page.getByLabel(/Leí y acepto el aviso de privacidad/).check();
    await shot(page, viewport, 'register-consent');
    const before = Date.now();
    await page.getByRole('button', { name: 'Registrarme' }).click();
    await page.getByRole('heading', { name: 'Confirma tu correo' }).waitFor({ timeout: 30_000 });
    await page.fill('input[name=code]', await emailedCode(email));
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.getByRole('heading', { name: 'Carrito' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/carrito');
    await page.getByRole('button', { name: 'Salir' }).waitFor();

    await page.goto(`${env.webUrl}mi-cuenta`);
    const consent = page.getByTestId('consent');
    await consent.filter({ hasText: 'Aceptaste' }).waitFor({ timeout: 30_000 });
    expect(await consent.textContent()).toContain(`Aceptaste la versión ${PRIVACY_NOTICE_VERSION} el`);
    // The recorded time is the sign-up's (checked in the user's attributes through the download below).
    expect(Date.now()).toBeGreaterThanOrEqual(before);
  }, 90_000);

  it('forgotten password: a code by email, a new password, signed in and back where the shopper was', async () => {
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.goto(`${env.webUrl}entrar?volver=${encodeURIComponent('/pedidos')}`);
    await settled(page);
    await page.fill('input[name=email]', email);
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await page.getByRole('heading', { name: 'Recuperar contraseña' }).waitFor({ timeout: 30_000 });
    expect(await page.inputValue('input[name=email]')).toBe(email);
    await page.getByRole('button', { name: 'Enviar código' }).click();
    await page.getByRole('heading', { name: 'Crea una contraseña nueva' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('form.account [role=status]').textContent()).toContain('consola de «npm start»');
    await page.fill('input[name=code]', '000000');
    await page.fill('input[name=password]', newPassword);
    await page.getByRole('button', { name: 'Guardar y entrar' }).click();
    await page.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').textContent()).toBe('El código no es correcto. Revisa el correo que te enviamos.');
    await shot(page, viewport, 'forgot-password');
    await page.fill('input[name=code]', await emailedCode(email));
    await page.getByRole('button', { name: 'Guardar y entrar' }).click();
    await page.getByRole('heading', { name: 'Mis pedidos' }).waitFor({ timeout: 30_000 });

    // The old password no longer works, the new one does.
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.goto(`${env.webUrl}entrar`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', firstPassword);
    await page.locator('form.account button[type=submit]').click();
    expect(await page.getByRole('alert').textContent()).toBe('Correo o contraseña incorrectos.');
    await page.fill('input[name=password]', newPassword);
    await page.locator('form.account button[type=submit]').click();
    await page.getByRole('button', { name: 'Salir' }).waitFor({ timeout: 30_000 });
  }, 90_000);

  it('Mi cuenta: correct the name, download my data as JSON (account, consent, orders)', async () => {
    // One order, so the download and the deletion have something to show.
    const listed = await env.graphql<{ products: { items: { id: string; stock: number; prescriptionRequired: boolean }[] } }>('query { products(limit: 50) { items { id stock prescriptionRequired } } }', {});
    const product = listed.products.items.find((p) => p.stock > 5 && !p.prescriptionRequired)!;
    await openProduct(page, env.webUrl, product.id);
    await page.getByRole('button', { name: 'Agregar al carrito' }).click();
    await page.goto(`${env.webUrl}carrito`);
    await page.getByText('Dirección de entrega').waitFor({ timeout: 30_000 });
    await page.fill('.checkout [name=recipientName]', 'Lucía Pérez');
    await page.fill('.checkout [name=line1]', 'Calle Hidalgo 45');
    await page.fill('.checkout [name=city]', 'Puebla');
    await page.selectOption('.checkout select[name=state]', 'Puebla');
    await page.fill('.checkout [name=postalCode]', '72000');
    await page.fill('.checkout [name=phone]', '2221234567');
    await page.getByRole('button', { name: 'Confirmar pedido' }).click();
    await page.getByTestId('order-total').waitFor({ timeout: 30_000 });
    orderId = new URL(page.url()).pathname.split('/').pop()!;

    await page.goto(`${env.webUrl}mi-cuenta`);
    await settled(page);
    const name = page.getByLabel('Nombre', { exact: true });
    await page.waitForFunction(() => (document.querySelector('.my-account input[name=name]') as HTMLInputElement | null)?.value === 'Lucía Pérez', undefined, { timeout: 30_000 });
    await name.fill('Lucía Pérez Gómez');
    await page.getByRole('button', { name: 'Guardar nombre' }).click();
    await page.getByText('Guardamos tu nombre.').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('saved-address').textContent()).toContain('Calle Hidalgo 45');

    const downloading = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Descargar mis datos' }).click();
    const download = await Promise.race([
      downloading,
      page.locator('.my-account [role=alert]').waitFor({ timeout: 30_000 }).then(async () => {
        throw new Error(`download failed: ${await page.locator('.my-account [role=alert]').textContent()}`);
      }),
    ]);
    expect(download.suggestedFilename()).toMatch(/^farmacruz-mis-datos-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.account.email).toBe(email);
    expect(data.account.name).toBe('Lucía Pérez Gómez');
    expect(data.account.privacyConsent.version).toBe(PRIVACY_NOTICE_VERSION);
    expect(Date.parse(data.account.privacyConsent.at)).toBeGreaterThan(Date.now() - 60 * 60 * 1000);
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0].id).toBe(orderId);
    expect(data.orders[0].shippingAddress.line1).toBe('Calle Hidalgo 45');
    expect(data.savedOnThisDevice.lastAddress.phone).toBe('2221234567');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, viewport, 'my-account');
  }, 90_000);

  it('Mi cuenta: delete my account — the user is gone, the order stays under a pseudonym', async () => {
    const remove = page.getByRole('button', { name: 'Eliminar mi cuenta' });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Entiendo que mi cuenta se elimina para siempre.').check();
    await remove.click();
    await Promise.race([
      page.getByRole('heading', { name: 'Tu cuenta fue eliminada' }).waitFor({ timeout: 30_000 }),
      page.locator('.my-account [role=alert]').waitFor({ timeout: 30_000 }).then(async () => {
        throw new Error(`deletion failed: ${await page.locator('.my-account [role=alert]').textContent()}`);
      }),
    ]);
    expect(await page.getByRole('link', { name: 'Entrar' }).count()).toBe(1);
    await shot(page, viewport, 'account-deleted');

    const { Item: order } = await env.documents.send(new GetCommand({ TableName: env.settings.tableName, Key: orderKey(orderId), ConsistentRead: true }));
    expect(order!.totalCents).toBeGreaterThan(0);
    expect(order!.shippingAddress.recipientName).toMatch(/^Cliente eliminado /);
    expect(JSON.stringify(order)).not.toMatch(/Lucía|Hidalgo|2221234567/);
    expect(JSON.stringify(order)).not.toContain(email);

    await page.goto(`${env.webUrl}entrar`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', newPassword);
    await page.locator('form.account button[type=submit]').click();
    expect(await page.getByRole('alert').textContent()).toMatch(/Correo o contraseña incorrectos\.|No hay una cuenta con ese correo\./);
  }, 90_000);
});
