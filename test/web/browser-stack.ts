/**
 * What a web journey test needs: the whole local stack (as `npm start` runs it) on free ports in a temp data
 * dir, a headless Chromium, a GraphQL helper, and per page a screenshot kept in .artifacts/web/ plus an
 * axe-core check (WCAG 2.x A/AA rules and best practices) that must find nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { createAuthClient } from '../../auth-client/auth-client';
import type { LocalStackSettings } from '../../config/settings';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { localStackSettingsOnFreePorts, rootDir } from '../support/local-stack';
import { launchChromium } from './chromium';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export { rootDir };
export const artifactsDir = path.join(rootDir, '.artifacts', 'web');

export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type Viewport = (typeof VIEWPORTS)[number];

export interface WebConfigJson {
  graphqlUrl: string;
  realtimeUrl?: string;
  apiKey: string;
  cognitoEndpoint: string;
  userPoolClientId: string;
  region: string;
}

export interface BrowserStack {
  readonly stack: LocalStack;
  readonly settings: LocalStackSettings;
  readonly browser: Browser;
  readonly webUrl: string;
  /** The local SES mailbox (`${mailUrl}/store` lists the emails sent). */
  readonly mailUrl: string;
  readonly config: WebConfigJson;
  readonly documents: DynamoDBDocumentClient;
  readonly dataDir: string;
  /** One GraphQL request with the API key, or as the user of `idToken`; throws on GraphQL errors. */
  graphql<T>(query: string, variables: Record<string, unknown>, idToken?: string): Promise<T>;
  /** The ID token of a user signing in through the shop's Cognito (e.g. a demo user). */
  idToken(user: { readonly email: string; readonly password: string }): Promise<string>;
  stop(): Promise<void>;
}

export interface BrowserStackOptions {
  /** Products of the demo catalog (150 when absent). */
  readonly demoProducts?: number;
  /** More settings of the stack, as environment variables (e.g. `FARMACRUZ_ORDER_MAX_UNPAID_ORDERS`). */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * A new temporary data folder for a stack, on tmpfs (/dev/shm) where there is one. DynamoDB Local keeps its
 * SQLite database in the data folder and syncs it at every write: on the shared machine's disk that made each
 * web stack's 150-product demo load take 9-15 s instead of 5-6 s, and every write of the journeys slower.
 * Same stack and same files, only in memory-backed storage; the ordinary temp directory where there is no tmpfs.
 */
function stackDataDir(): string {
  try {
    // Only a roomy tmpfs: a container's default /dev/shm is 64 MiB, which Chromium needs for itself.
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= 2 * 1024 ** 3) return mkdtempSync(path.join('/dev/shm', 'farmacruz-web-'));
  } catch {
    // no /dev/shm: the temp directory
  }
  return mkdtempSync(path.join(tmpdir(), 'farmacruz-web-'));
}

/**
 * The whole local stack (as `npm start` runs it) in a temporary data folder, and one Chromium for the test
 * file (each test opens its own contexts). The browser starts while the stack does; if either fails, what
 * started is stopped.
 */
export async function startBrowserStack(options: BrowserStackOptions = {}): Promise<BrowserStack> {
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = stackDataDir();
  const settings = await localStackSettingsOnFreePorts(dataDir, {
    FARMACRUZ_DEMO_PRODUCTS: String(options.demoProducts ?? 150),
    ...options.environment,
  });
  const [stackStart, browserStart] = await Promise.allSettled([startLocalStack(settings, rootDir, () => undefined), launchChromium()]);
  if (stackStart.status === 'rejected' || browserStart.status === 'rejected') {
    if (browserStart.status === 'fulfilled') await browserStart.value.close();
    if (stackStart.status === 'fulfilled') await stackStart.value.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw stackStart.status === 'rejected' ? stackStart.reason : (browserStart as PromiseRejectedResult).reason;
  }
  const stack = stackStart.value;
  const browser = browserStart.value;
  const webUrl = `http://127.0.0.1:${settings.ports.web}/`;
  const mailUrl = `http://127.0.0.1:${settings.ports.mail}`;
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: `http://127.0.0.1:${settings.ports.dynamodb}`, region: settings.region, credentials: LOCAL_CREDENTIALS }),
  );
  const stop = async () => {
    await browser.close();
    documents.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let config: WebConfigJson;
  try {
    config = (await (await fetch(`${webUrl}config.json`)).json()) as WebConfigJson;
  } catch (error) {
    await stop();
    throw error;
  }
  const auth = createAuthClient({ region: config.region, endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId });
  return {
    stack,
    settings,
    browser,
    webUrl,
    mailUrl,
    config,
    documents,
    dataDir,
    async graphql<T>(query: string, variables: Record<string, unknown>, idToken?: string): Promise<T> {
      const response = await fetch(config.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(idToken ? { authorization: idToken } : { 'x-api-key': config.apiKey }) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: T; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async idToken(user) {
      return (await auth.login({ email: user.email, password: user.password })).tokens.idToken;
    },
    stop,
  };
}

/** axe-core's violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the production build's Content-Security-Policy refuses inline
  // scripts it has no hash for, and evaluation from the test is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;void 0`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
}

/** A full-page screenshot `.artifacts/web/<viewport>-<name>.png`, then axe on the same page: 0 violations. */
export async function shot(page: Page, viewport: Viewport, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifactsDir, `${viewport.name}-${name}.png`), fullPage: true });
  expect(await axeViolations(page), `axe on ${name} at ${viewport.width}×${viewport.height}`).toEqual([]);
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Waits until the page is the app's (a prerendered one taken over) and its main content no longer loading. */
export async function settled(page: Page): Promise<void> {
  // A prerendered page (home, a category, a product) is the app's once the app has taken it over.
  await page.waitForFunction(() => !document.querySelector('#root[data-prerendered]'), undefined, { timeout: 60_000 });
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, { timeout: 30_000 });
}

/**
 * Opens a product by its id, `producto/<id>`, and waits until the app has taken over its prerendered page:
 * until then its quantity and "Agregar al carrito" are the page's markup, not the app's controls.
 */
export async function openProduct(page: Page, webUrl: string, productId: string): Promise<void> {
  await page.goto(`${webUrl}producto/${productId}`);
  await settled(page);
}

/** shot(), then nothing wider than the viewport on the same page. */
export async function shotFitting(page: Page, viewport: Viewport, name: string): Promise<void> {
  await shot(page, viewport, name);
  expect(await horizontalOverflow(page), `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
}

/** The id of a product to order in a journey: over the counter (no prescription step), more than 20 in stock. */
export async function overTheCounterProductInStock(env: BrowserStack): Promise<string> {
  const { products } = await env.graphql<{ products: { items: { id: string; stock: number; prescriptionRequired: boolean }[] } }>(
    'query { products(limit: 40) { items { id stock prescriptionRequired } } }',
    {},
  );
  return products.items.find((p) => p.stock > 20 && !p.prescriptionRequired)!.id;
}

/** Fills the shop's sign-in form (the one on the page now) and submits it. */
export async function signIn(page: Page, user: { readonly email: string; readonly password: string }): Promise<void> {
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await page.locator('form.account button[type=submit]').click();
}
