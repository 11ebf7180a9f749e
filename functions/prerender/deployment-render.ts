/**
 * The prerender Lambda as the CloudFormation custom resource `Custom::PrerenderedPages`
 * (infra/constructs/prerendered-pages.ts): on Create and Update — the stack's first deployment, and every
 * deployment that changes the web app's build or the renderer — it renders the whole site (every active
 * product's page, the category pages, sitemap and robots.txt) and only then answers CloudFormation, so
 * `cdk deploy` ends with the pages in the web bucket, or fails saying why. Delete renders nothing (the
 * pages stay with the bucket).
 *
 * CloudFormation invokes the function asynchronously and waits for the answer at the event's ResponseURL
 * (a presigned S3 URL). An answer is always sent: if the render has not finished when the Lambda's time is
 * nearly up, FAILED goes out first (a Lambda killed by its timeout would leave the stack waiting an hour).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SiteRenderReport } from './site';

/** What the custom resource passes in its properties (CloudFormation gives every value as a string). */
export interface PrerenderedPagesProperties {
  readonly ServiceToken: string;
  /** Always "true": what the resource asks for, the same as invoking the function with `{"renderAll": true}`. */
  readonly RenderAll: string;
  /** Fingerprint of the deployed web app build: a new build changes it, so the pages are rendered again. */
  readonly WebAppFingerprint?: string;
  /** The renderer's code (the function's code asset): a new renderer renders every page again. */
  readonly RendererCode?: string;
}

export interface DeploymentEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: PrerenderedPagesProperties;
}

export interface DeploymentResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Readonly<Record<string, string>>;
}

/** One resource per stack: the id never changes, so an Update never replaces (and deletes) the old one. */
export const PRERENDERED_PAGES_RESOURCE_ID = 'prerendered-pages';

/** Time kept back to send FAILED before the Lambda's timeout when the render is still running. */
export const ANSWER_RESERVE_MS = 20_000;

export function isDeploymentEvent(event: unknown): event is DeploymentEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return typeof e.RequestType === 'string' && typeof e.ResponseURL === 'string' && typeof e.StackId === 'string';
}

export interface DeploymentRenderDeps {
  readonly renderAll: () => Promise<SiteRenderReport>;
  /** Milliseconds the invocation has left (the Lambda context's getRemainingTimeInMillis). */
  readonly remainingMs: () => number;
  /** Sends the answer to CloudFormation; a PUT of the JSON to the ResponseURL by default. */
  readonly respond?: (url: string, response: DeploymentResponse) => Promise<void>;
  readonly log?: (message: string, details: Record<string, unknown>) => void;
}

type Outcome = { readonly report: SiteRenderReport } | { readonly error: string };

/** Handles one custom resource event; resolves once CloudFormation has its answer. */
export async function handleDeploymentEvent(event: DeploymentEvent, deps: DeploymentRenderDeps): Promise<DeploymentResponse> {
  const answer = (status: DeploymentResponse['Status'], fields: Pick<DeploymentResponse, 'Reason' | 'Data'> = {}): DeploymentResponse => ({
    Status: status,
    PhysicalResourceId: event.PhysicalResourceId ?? PRERENDERED_PAGES_RESOURCE_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...fields,
  });
  let response: DeploymentResponse;
  if (event.RequestType === 'Delete') {
    response = answer('SUCCESS');
  } else {
    const outcome = await renderWithin(deps);
    if ('error' in outcome) {
      response = answer('FAILED', { Reason: `Prerendering the shop's pages failed: ${outcome.error}`.slice(0, 1000) });
    } else {
      const { report } = outcome;
      response = answer('SUCCESS', {
        Data: {
          ProductPages: String(report.productPages),
          CategoryPages: String(report.categoryPages),
          SitemapUrls: String(report.sitemapUrls ?? 0),
          BytesWritten: String(report.bytesWritten),
        },
      });
    }
  }
  deps.log?.(`Custom resource ${event.RequestType}: ${response.Status}`, { reason: response.Reason, data: response.Data });
  await (deps.respond ?? putResponse)(event.ResponseURL, response);
  return response;
}

async function renderWithin(deps: DeploymentRenderDeps): Promise<Outcome> {
  const budgetMs = deps.remainingMs() - ANSWER_RESERVE_MS;
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          error: `the whole site was not rendered within the function's time (${Math.round(budgetMs / 1000)} s left for it); raise the prerender Lambda's timeout (wiring/events.ts) and deploy again`,
        }),
      Math.max(0, budgetMs),
    );
  });
  const rendered = deps.renderAll().then(
    (report): Outcome => ({ report }),
    (error: unknown): Outcome => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  try {
    return await Promise.race([rendered, outOfTime]);
  } finally {
    clearTimeout(timer);
  }
}

/** PUT of the answer to the presigned ResponseURL, as CloudFormation expects it (no content type). */
export function putResponse(url: string, response: DeploymentResponse): Promise<void> {
  const body = JSON.stringify(response);
  const target = new URL(url);
  const send = target.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) resolve();
        else reject(new Error(`CloudFormation's response URL answered ${res.statusCode}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
