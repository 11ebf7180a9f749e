/**
 * prerender Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults, the
 * page renderers bundled in (pages.tsx). Table stream batches render what changed (prerender-handler.ts);
 * `{ "renderAll": true }` (by hand) renders the whole site; a CloudFormation custom resource event
 * (`Custom::PrerenderedPages`, every deployment that changes the web app or the renderer) renders the whole
 * site and answers CloudFormation (deployment-render.ts).
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadLambdaSettings } from '../../config/settings';
import { createAwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { handleDeploymentEvent, isDeploymentEvent, type DeploymentEvent, type DeploymentResponse } from './deployment-render';
import { pageRenderers } from './pages';
import { createPrerenderHandler, prerenderSiteOptions, type PrerenderDeps, type PrerenderHandler } from './prerender-handler';
import { renderWholeSite, type SiteRenderReport } from './site';

export type PrerenderEvent = DynamoDBStreamEvent | { readonly renderAll: true } | DeploymentEvent;

/** Pages written at once by a full render (S3 PUTs dominate; the CPU part is ~1.4 ms a page). */
const FULL_RENDER_CONCURRENCY = 32;

let deployed: { stream: PrerenderHandler; deps: PrerenderDeps } | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler = async (event: PrerenderEvent, context?: Context): Promise<DynamoDBBatchResponse | SiteRenderReport | DeploymentResponse> => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('prerender');
    const deps: PrerenderDeps = { settings, clients: createAwsClients(settings), renderers: pageRenderers };
    return { stream: createPrerenderHandler(deps), deps };
  })();
  const renderAll = () => renderWholeSite({ ...prerenderSiteOptions(deployed!.deps), concurrency: FULL_RENDER_CONCURRENCY });
  if (isDeploymentEvent(event)) {
    const logger = createLogger('prerender', deployed.deps.settings.logLevel);
    return handleDeploymentEvent(event, {
      renderAll,
      remainingMs: () => context?.getRemainingTimeInMillis() ?? 900_000,
      log: (message, details) => logger.info(message, details),
    });
  }
  if ('renderAll' in event) return renderAll();
  return deployed.stream(event, context);
};
