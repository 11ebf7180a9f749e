/**
 * A Lambda Function URL on this machine: each HTTP request becomes the event AWS gives a function behind a
 * Function URL (payload format 2.0: rawPath, rawQueryString, lower-case headers, requestContext.http, body as
 * text or base64), the same handler runs in-process, and its result becomes the HTTP answer. Used for the
 * stripe-webhook Lambda (wiring/events.ts, trigger `function-url`), which the local Stripe stand-in posts to.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { listenLocally, readRequestBody } from './http-endpoint';
import { lambdaContext, withinTimeout } from './event-fabric/lambda-context';
import type { HandlerDeps } from './event-fabric/handlers';
import { createStripeWebhookHandler } from '../functions/stripe-webhook/handler';
import { lambdas, type LambdaDefinition } from '../wiring/events';

export type FunctionUrlHandler = (event: LambdaFunctionURLEvent, context?: Context) => Promise<LambdaFunctionURLResult>;

export interface LocalFunctionUrl {
  /** e.g. http://127.0.0.1:8011/ */
  readonly url: string;
  stop(): Promise<void>;
}

export interface LocalFunctionUrlOptions {
  readonly name: string;
  readonly host: string;
  /** A free port when omitted. */
  readonly port?: number;
  readonly handler: FunctionUrlHandler;
  readonly region: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly log?: (line: string) => void;
}

/** Function URLs refuse request payloads over 6 MB. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

function isText(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml))/i.test(contentType);
}

export async function startLocalFunctionUrl(options: LocalFunctionUrlOptions): Promise<LocalFunctionUrl> {
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readRequestBody(request);
      if (body.length > MAX_BODY_BYTES) {
        response.writeHead(413, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
        return;
      }
      const url = new URL(request.url ?? '/', 'http://function-url');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      }
      const text = isText(headers['content-type']);
      const now = new Date();
      const event: LambdaFunctionURLEvent = {
        version: '2.0',
        routeKey: '$default',
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers,
        ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
        requestContext: {
          accountId: 'anonymous',
          apiId: options.name,
          domainName: headers.host ?? '',
          domainPrefix: options.name,
          http: {
            method: request.method ?? 'GET',
            path: url.pathname,
            protocol: 'HTTP/1.1',
            sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: '$default',
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
        isBase64Encoded: body.length > 0 && !text,
      };
      const timeoutMs = options.timeoutSeconds * 1000;
      let result: LambdaFunctionURLResult;
      try {
        result = await withinTimeout(
          options.handler(event, lambdaContext({ functionName: options.name, region: options.region, timeoutMs, memoryMb: options.memoryMb })),
          timeoutMs,
          options.name,
        );
      } catch (error) {
        // As in AWS: the caller learns only that the function failed; the log says why.
        options.log?.(`[${options.name}] failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Internal Server Error' }));
        return;
      }
      const shaped = typeof result === 'object' && result !== null && 'statusCode' in result ? result : { statusCode: 200, body: JSON.stringify(result) };
      const responseBody = shaped.body === undefined ? '' : shaped.isBase64Encoded ? Buffer.from(shaped.body, 'base64') : shaped.body;
      response.writeHead(shaped.statusCode ?? 200, { ...(shaped.headers as Record<string, string> | undefined) });
      response.end(responseBody);
    })().catch((error: unknown) => {
      options.log?.(`[${options.name}] ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const listening = await listenLocally(server, options.host, options.port);
  return { url: `${listening.endpoint}/`, stop: () => listening.close() };
}

/** The function-url Lambdas of wiring/events.ts, by name: the same factories as their AWS entry points. */
export const localFunctionUrlHandlers: Readonly<Record<string, (deps: HandlerDeps) => FunctionUrlHandler>> = {
  'stripe-webhook': createStripeWebhookHandler,
};

/** Every function-url Lambda of the wiring (refuses one without a local handler). */
export function functionUrlLambdas(definitions: readonly LambdaDefinition[] = lambdas): LambdaDefinition[] {
  const found = definitions.filter((l) => l.trigger.kind === 'function-url');
  for (const definition of found) {
    if (!localFunctionUrlHandlers[definition.name]) throw new Error(`No local handler for ${definition.name}: add it to local/function-url.ts`);
  }
  return found;
}
