/**
 * prerender Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults, the
 * page renderers bundled in (pages.tsx). Table stream batches render what changed (prerender-handler.ts);
 * `{ "renderAll": true }` (after a deployment, or by hand) renders the whole site.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadLambdaSettings } from '../../config/settings';
import { createAwsClients } from '../shared/aws-clients';
import { pageRenderers } from './pages';
import { createPrerenderHandler, prerenderSiteOptions, type PrerenderDeps, type PrerenderHandler } from './prerender-handler';
import { renderWholeSite, type SiteRenderReport } from './site';

export type PrerenderEvent = DynamoDBStreamEvent | { readonly renderAll: true };

let deployed: { stream: PrerenderHandler; deps: PrerenderDeps } | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler = async (event: PrerenderEvent, context?: Context): Promise<DynamoDBBatchResponse | SiteRenderReport> => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('prerender');
    const deps: PrerenderDeps = { settings, clients: createAwsClients(settings), renderers: pageRenderers };
    return { stream: createPrerenderHandler(deps), deps };
  })();
  if ('renderAll' in event) return renderWholeSite(prerenderSiteOptions(deployed.deps));
  return deployed.stream(event, context);
};
