/**
 * What a web journey test needs: the whole local stack (as `npm start` runs it) on free ports in a temp data
 * dir, a headless Chromium, a GraphQL helper, and per page a screenshot kept in .artifacts/web/ plus an
 * axe-core check (WCAG 2.x A/AA rules and best practices) that must find nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadLocalStackSettings, type LocalStackSettings } from '../../config/settings';
import { findFreePort } from '../../local/free-port';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
  readonly config: WebConfigJson;
  readonly documents: DynamoDBDocumentClient;
  readonly dataDir: string;
  graphql<T>(query: string, variables: Record<string, unknown>, idToken?: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startBrowserStack(options: { demoProducts?: number } = {}): Promise<BrowserStack> {
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-web-'));
  const [api, dynamodb, cognito, web, mail] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
  const settings = loadLocalStackSettings({
    FARMACRUZ_DATA_DIR: dataDir,
    FARMACRUZ_API_PORT: String(api),
    FARMACRUZ_DYNAMODB_PORT: String(dynamodb),
    FARMACRUZ_COGNITO_PORT: String(cognito),
    FARMACRUZ_WEB_PORT: String(web),
    FARMACRUZ_MAIL_PORT: String(mail),
    FARMACRUZ_DEMO_PRODUCTS: String(options.demoProducts ?? 150),
  });
  const stack = await startLocalStack(settings, rootDir, () => undefined);
  const webUrl = `http://127.0.0.1:${web}/`;
  const config = (await (await fetch(`${webUrl}config.json`)).json()) as WebConfigJson;
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: `http://127.0.0.1:${dynamodb}`, region: settings.region, credentials: LOCAL_CREDENTIALS }),
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    stack,
    settings,
    browser,
    webUrl,
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
    async stop() {
      await browser.close();
      documents.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** axe-core's violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
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

/** Waits until the main content is no longer loading. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, { timeout: 30_000 });
}
