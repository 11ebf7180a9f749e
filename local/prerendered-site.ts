/**
 * The local web bucket of `npm start`: a folder (`.data/web/`) that the local S3 endpoint serves to the
 * prerender Lambda and the local web server serves to the browser. What the CDK's bucket deployment does
 * in AWS — put the app's index.html there, the shell of every prerendered page — happens here at start;
 * on a first start (no sitemap yet) every page is rendered once, after which the prerender Lambda on the
 * table stream keeps them current.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoCatalogReader } from '../functions/prerender/catalog-reader';
import { SHELL_KEY, SITEMAP_KEY, renderWholeSite, type SiteRenderReport } from '../functions/prerender/site';
import { folderSiteStore } from '../functions/prerender/site-store';
import { HOME_PAGE_KEY } from '../functions/prerender/page-types';

export function localWebBucketDir(dataDir: string): string {
  return path.join(dataDir, 'web');
}

/** Copies web/index.html into the local web bucket when it differs (the local "deployment" of the shell). */
export async function deployLocalShell(rootDir: string, webDir: string): Promise<void> {
  const store = folderSiteStore(webDir);
  const shell = await readFile(path.join(rootDir, 'web', 'index.html'), 'utf8');
  if ((await store.read(SHELL_KEY)) !== shell) await store.put(SHELL_KEY, shell, 'text/html');
}

/** Renders the whole site when the bucket has no sitemap or no home page yet (a data folder from before home was prerendered); null otherwise. */
export async function ensurePrerenderedSite(options: {
  readonly webDir: string;
  readonly shopUrl: string;
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
}): Promise<SiteRenderReport | null> {
  const store = folderSiteStore(options.webDir);
  if ((await store.read(SITEMAP_KEY)) !== null && (await store.read(HOME_PAGE_KEY)) !== null) return null;
  return renderWholeSite({ shopUrl: options.shopUrl, store, catalog: dynamoCatalogReader(options.documentClient, options.tableName) });
}
