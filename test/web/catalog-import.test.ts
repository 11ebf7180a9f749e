/**
 * The point-of-sale import from the browser (issue 12) in a real Chromium against the whole local stack (as
 * `npm start` runs it), at 1280×900 and on a 390×844 phone: staff pick a real .DBF written by the project's own
 * writer, it goes to the local S3 endpoint through the presigned POST, the S3-triggered catalog-import Lambda
 * previews it (new, changed field by field, rejected rows with Spanish reasons, warnings, active products not in
 * the file); staff confirm, follow the import to its report, deactivate chosen products the file lacks (after
 * confirming) and find the import in the history. A damaged file gets a clear Spanish refusal and writes nothing.
 *
 * Screenshots of every step go to .artifacts/web/ (git-ignored) for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo-users';
import { damagedPosFile, posFile, posProduct } from '../support/pos-files';
import { VIEWPORTS, shotFitting, signIn, startBrowserStack, type BrowserStack } from './browser-stack';

const staff = DEMO_USERS.find((u) => u.role === 'staff')!;

interface StaffProduct {
  id: string;
  sku: string;
  name: string;
  activeIngredients: string[];
  lab: string;
  presentation: string;
  categoryName: string;
  price: { amountCents: number };
  stock: number;
  prescriptionRequired: boolean;
  barcode: string | null;
  active: boolean;
}

let env: BrowserStack;
let staffToken: string;
let catalog: StaffProduct[];

/** A GraphQL request as the staff member. */
function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  return env.graphql<T>(query, variables, staffToken);
}

async function staffProduct(id: string): Promise<{ active: boolean; price: { amountCents: number } } | null> {
  const data = await graphql<{ staffProducts: { items: (StaffProduct & { id: string })[] } }>(
    'query ($text: String) { staffProducts(filter: { text: $text }, limit: 100) { items { id sku name active price { amountCents } } } }',
    { text: catalog.find((p) => p.id === id)?.sku ?? id },
  );
  return data.staffProducts.items.find((p) => p.id === id) ?? null;
}

async function skuExists(sku: string): Promise<boolean> {
  const data = await graphql<{ staffProducts: { items: { sku: string }[] } }>('query ($text: String) { staffProducts(filter: { text: $text }, limit: 20) { items { sku } } }', { text: sku });
  return data.staffProducts.items.some((p) => p.sku === sku);
}

async function loadCatalog(): Promise<void> {
  catalog = (
    await graphql<{ staffProducts: { items: StaffProduct[] } }>(
      'query { staffProducts(limit: 100) { items { id sku name activeIngredients lab presentation categoryName price { amountCents } stock prescriptionRequired barcode active } } }',
      {},
    )
  ).staffProducts.items;
}

beforeAll(async () => {
  env = await startBrowserStack({ demoProducts: 30 });
  staffToken = await env.idToken(staff);
  await loadCatalog();
}, 300_000);

afterAll(async () => {
  await env?.stop();
});

describe.each(VIEWPORTS)('the POS import at $width×$height', (viewport) => {
  let context: BrowserContext;
  let page: Page;
  const tag = viewport.name === 'desktop' ? 'D' : 'P';

  /** The page's screenshot `<viewport>-import-<name>.png`, axe and no horizontal overflow. */
  const shot = (name: string) => shotFitting(page, viewport, `import-${name}`);

  async function chooseFile(name: string, bytes: Uint8Array): Promise<void> {
    await page.setInputFiles('input[type=file]', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await page.getByRole('button', { name: 'Subir y revisar' }).click();
  }

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('previews a real .DBF, imports it on confirmation, reports, deactivates chosen missing products, and lists it in the history', async () => {
    await page.goto(`${env.webUrl}personal/importaciones`);
    await signIn(page, staff);
    await page.getByRole('button', { name: 'Subir y revisar' }).waitFor({ timeout: 60_000 });
    await shot('upload');

    // The POS file: every active demo product as it is (unchanged) except one whose price changes, two new
    // products, one with a bad barcode, and a row without a description and with price 0 (rejected). Two active
    // products are left out of the file.
    await loadCatalog();
    const active = catalog.filter((p) => p.active);
    const offset = viewport.name === 'desktop' ? 0 : 3;
    const changed = active[offset]!;
    const missing = [active[offset + 1]!, active[offset + 2]!];
    const kept = active.filter((p) => !missing.includes(p) && p !== changed);
    const asPos = (p: StaffProduct, priceCents = p.price.amountCents) =>
      posProduct(p.sku, {
        name: p.name, activeIngredients: p.activeIngredients, lab: p.lab, presentation: p.presentation, categoryName: p.categoryName,
        priceCents, stock: p.stock, prescriptionRequired: p.prescriptionRequired, active: true, barcode: p.barcode ?? undefined as never,
      });
    const newPrice = changed.price.amountCents + 1250;
    const file = posFile(
      [
        ...kept.map((p) => asPos(p)),
        asPos(changed, newPrice),
        posProduct(`NUEVO-${tag}1`, { name: `Loratadina 10 mg ${tag}` }),
        posProduct(`NUEVO-${tag}2`, { name: `Omeprazol 20 mg ${tag}`, barcode: '12AB' }),
      ],
      [{ CLAVE: `MALO-${tag}`, DESCRIP: '', SUSTANCIA: '', LABORATOR: 'Pisa', PRESENTA: 'Caja', LINEA: 'Analgésicos', PRECIO: 0, EXISTENC: 1, RECETA: false, ACTIVO: true }],
    );
    await chooseFile('PRODUCTOS.DBF', file);

    await page.getByRole('heading', { name: 'Vista previa: todavía no se ha guardado nada' }).waitFor({ timeout: 90_000 });
    const counts = await page.getByTestId('import-counts').textContent();
    expect(counts).toContain('Nuevos2');
    expect(counts).toContain('Con cambios1');
    expect(counts).toContain('Filas rechazadas1');
    expect(await page.getByRole('region', { name: /Productos con cambios/ }).textContent()).toContain('Precio');
    const rejected = await page.getByRole('region', { name: /Filas rechazadas/ }).textContent();
    expect(rejected).toContain(`MALO-${tag}`);
    expect(rejected).toContain('DESCRIP está vacío y es obligatorio');
    expect(rejected).toContain('PRECIO debe ser mayor que 0 pesos');
    expect(await page.getByRole('region', { name: /Advertencias/ }).textContent()).toContain('CODBARRAS debe tener de 8 a 14 dígitos');
    const missingText = await page.getByRole('region', { name: /Activos que no vienen en el archivo/ }).textContent();
    for (const product of missing) expect(missingText).toContain(product.name);
    expect(await skuExists(`NUEVO-${tag}1`)).toBe(false);
    await shot('preview');

    await page.getByRole('button', { name: 'Confirmar importación' }).click();
    await shot('confirm-dialog');
    await page.getByRole('button', { name: 'Sí, importar' }).click();
    await page.getByRole('heading', { name: 'Informe de la importación' }).waitFor({ timeout: 120_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Importación terminada' }).textContent()).toContain('2 productos nuevos y 1 producto actualizado.');
    expect(await page.getByTestId('import-status').textContent()).toBe('Importado');
    expect(await skuExists(`NUEVO-${tag}1`)).toBe(true);
    expect(await skuExists(`MALO-${tag}`)).toBe(false);
    expect((await staffProduct(changed.id))?.price.amountCents).toBe(newPrice);
    await shot('report');

    // Deactivate one of the two missing products, after confirming.
    const region = page.getByRole('region', { name: /Productos activos que no vienen en el archivo/ });
    await region.getByRole('checkbox', { name: new RegExp(missing[0]!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
    await region.getByRole('button', { name: 'Desactivar los elegidos (1)' }).click();
    await page.getByRole('button', { name: 'Sí, desactivar' }).waitFor();
    await shot('deactivate-dialog');
    await page.getByRole('button', { name: 'Sí, desactivar' }).click();
    await region.getByText('Se desactivó 1 producto.').waitFor({ timeout: 30_000 });
    expect((await staffProduct(missing[0]!.id))?.active).toBe(false);
    expect((await staffProduct(missing[1]!.id))?.active).toBe(true);
    await shot('deactivated');

    await page.getByRole('link', { name: /Importar otro archivo/ }).click();
    const history = page.getByRole('region', { name: 'Importaciones anteriores' });
    await history.getByRole('row').filter({ hasText: 'Importado' }).first().waitFor({ timeout: 30_000 });
    const row = await history.getByRole('row').filter({ hasText: 'Importado' }).first().textContent();
    expect(row).toContain('PRODUCTOS.DBF');
    expect(row).toContain(staff.email);
    expect(row).toContain('2 nuevos · 1 actualizado · 1 rechazado');
    await shot('history');
  }, 400_000);

  it('refuses a damaged file in Spanish and writes nothing', async () => {
    await page.goto(`${env.webUrl}personal/importaciones`);
    await page.getByRole('button', { name: 'Subir y revisar' }).waitFor({ timeout: 60_000 });
    await chooseFile('CORTADO.DBF', damagedPosFile([posProduct(`ROTO-${tag}1`), posProduct(`ROTO-${tag}2`), posProduct(`ROTO-${tag}3`), posProduct(`ROTO-${tag}4`)]));
    await page.getByRole('heading', { name: 'No se puede importar este archivo' }).waitFor({ timeout: 90_000 });
    expect(await page.getByRole('alert').first().textContent()).toBe('El archivo .DBF está dañado (cortado o con datos de más). No se importó nada.');
    expect(await page.getByRole('region', { name: 'No se puede importar este archivo' }).textContent()).toContain('Vuelve a exportar el catálogo');
    expect(await page.getByRole('button', { name: 'Confirmar importación' }).count()).toBe(0);
    expect(await skuExists(`ROTO-${tag}1`)).toBe(false);
    await shot('damaged');

    // A file that is not a .DBF is stopped in the page before anything is uploaded.
    await page.goto(`${env.webUrl}personal/importaciones`);
    await page.getByRole('button', { name: 'Subir y revisar' }).waitFor({ timeout: 60_000 });
    await chooseFile('precios.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    expect(await page.getByRole('alert').textContent()).toContain('no es un archivo .DBF');
  }, 200_000);
});
