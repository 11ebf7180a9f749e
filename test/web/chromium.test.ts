/**
 * The test browser loads nothing but the page under test: Chromium's own UI pages, opened with every new
 * headless window, would run on the cores the page is measured on (test/web/chromium.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';

describe('test browser', () => {
  let browser: Browser;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title><h1>Hola</h1>'));
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server.close();
  });

  it('opens no page of its own beside the one under test (the omnibox popups stay off)', async () => {
    const targetsOf = async () => {
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
      await cdp.detach();
      return targetInfos.map((target) => `${target.type} ${target.url}`);
    };
    for (let window = 0; window < 2; window++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await page.goto(url);
      expect(await page.textContent('h1')).toBe('Hola');
      // The popups open while the window's first page loads; give them the time they took when they did.
      await page.waitForTimeout(1_000);
      expect(await targetsOf()).toEqual([`page ${url}`]);
      await context.close();
    }
  });
});
