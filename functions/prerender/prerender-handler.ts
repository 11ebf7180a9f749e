/**
 * The prerender Lambda's factory (the entry point is handler.ts): product changes on the table stream → the prerendered pages in the web bucket
 * (functions/prerender/site.ts renders only what changed: the products' pages, their categories' pages,
 * the sitemap when the listed URLs changed). A batch renders from the table as it is now, so a retry is
 * harmless; when it fails the whole batch is reported failed and the stream retries it.
 * Invoked with `{ "renderAll": true }` (after a deployment, or by hand) it renders the whole site.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { LambdaSettings } from '../../config/settings';
import type { AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { dynamoCatalogReader } from './catalog-reader';
import { productChangesOf } from './product-changes';
import type { PageRenderers } from './page-types';
import { renderChanges, type SiteRenderOptions } from './site';
import { s3SiteStore } from './site-store';

export interface PrerenderDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** The page renderers; loaded at run time when not given (the local fabric). */
  readonly renderers?: PageRenderers;
}

export type PrerenderHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

export function prerenderSiteOptions({ settings, clients, renderers }: PrerenderDeps): SiteRenderOptions {
  return {
    ...(renderers ? { renderers } : {}),
    shopUrl: settings.email.shopUrl,
    store: s3SiteStore(clients.s3, settings.webBucket),
    catalog: dynamoCatalogReader(clients.documentClient, settings.tableName),
  };
}

export function createPrerenderHandler(deps: PrerenderDeps): PrerenderHandler {
  const logger = createLogger('prerender', deps.settings.logLevel);
  const options = prerenderSiteOptions(deps);
  return async (event) => {
    const records = event.Records ?? [];
    try {
      const report = await renderChanges(productChangesOf(records), options);
      if (report.productPages + report.categoryPages + report.deletedPages > 0 || report.homePage || report.sitemapUrls !== null) logger.info('Pages rendered', { records: records.length, ...report });
      return { batchItemFailures: [] };
    } catch (error) {
      logger.error('Rendering the changed pages failed; the stream will retry the batch', { error: error as Error, records: records.length });
      const first = records[0]?.dynamodb?.SequenceNumber;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
}

