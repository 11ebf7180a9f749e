/**
 * The HTTP face of the local AppSync runtime, answering as AppSync's GraphQL endpoint does:
 *
 * - POST /graphql with a JSON body; GET /graphql?query=…&variables=…&operationName=… for queries (AppSync
 *   accepts GET; mutations over GET are refused here, the safe direction, as GraphQL over HTTP says).
 * - Every response carries `x-amzn-RequestId` and CORS headers exposing AppSync's response headers to
 *   browser code; an error response carries `x-amzn-ErrorType` (Amplify reads it: 401 →
 *   UnauthorizedException).
 * - A CORS preflight is allowed whatever request headers it asks for (AppSync echoes them), so clients that
 *   add tracing or client headers (x-amzn-trace-id, apollographql-client-name, ...) are not blocked.
 * - The explorer page only for a browser asking for HTML (GET / or GET /graphql without a query).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import type { RequestAuthenticator } from './contracts';
import type { GraphQLRequestBody, GraphQLRequestHandler } from './graphql-request';

export interface AppSyncHttpOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handleGraphQL: GraphQLRequestHandler;
  readonly authenticator: RequestAuthenticator;
  /** Shown pre-filled in the explorer so local users can query at once. */
  readonly explorerDefaults: { readonly apiKey: string };
  readonly maxBodyBytes?: number;
  /** WebSocket upgrades (the real-time endpoint); answers whether it took the request. */
  readonly onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly graphqlUrl: string;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version',
};

/** Asked for by a preflight without Access-Control-Request-Headers. */
const DEFAULT_ALLOWED_HEADERS = 'content-type,x-api-key,authorization,x-amz-date,x-amz-user-agent,x-amz-security-token';

function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    ...CORS_HEADERS,
    'access-control-allow-methods': 'GET,POST,OPTIONS',
    'access-control-allow-headers': typeof requested === 'string' && requested.trim() !== '' ? requested : DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': '86400',
  };
}

const explorerTemplate = readFileSync(new URL('./explorer.html', import.meta.url), 'utf8');

function errorTypeOf(body: unknown): string | undefined {
  const errors = (body as { errors?: { errorType?: unknown }[] } | null)?.errors;
  const type = Array.isArray(errors) ? errors[0]?.errorType : undefined;
  return typeof type === 'string' ? type : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  const errorType = status >= 400 ? errorTypeOf(body) : undefined;
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(payload),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
    ...extraHeaders,
  });
  res.end(payload);
}

function requestError(errorType: string, message: string) {
  return { errors: [{ errorType, message }] };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Request headers for authentication (one value each, as sent). */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/**
 * `ctx.request.headers`: the guide (context reference, Request headers) leaves out `cookie`; a header sent
 * more than once is listed, each value as sent, instead of joined.
 */
function resolverHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (name === 'cookie' || !values || values.length === 0) continue;
    headers[name] = values.length === 1 ? values[0]! : values;
  }
  return headers;
}

/** AppSync's wording (graphql/graphql-over-http#81): an empty body, or one that is not a GraphQL request. */
const EMPTY_BODY = 'Request body is empty.';
const UNPARSABLE_BODY = 'Unable to parse GraphQL query.';

function parseGraphQLBody(raw: Buffer): GraphQLRequestBody | string {
  if (raw.length === 0) return EMPTY_BODY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return UNPARSABLE_BODY;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return UNPARSABLE_BODY;
  const request = graphQLRequestOf(parsed as Record<string, unknown>);
  return typeof request === 'string' ? UNPARSABLE_BODY : request;
}

/** GET /graphql?query=…&variables=<JSON>&operationName=… */
function parseGraphQLQueryString(params: URLSearchParams): GraphQLRequestBody | string {
  let variables: unknown = null;
  const rawVariables = params.get('variables');
  if (rawVariables) {
    try {
      variables = JSON.parse(rawVariables);
    } catch {
      return '"variables" is not valid JSON';
    }
  }
  return graphQLRequestOf({ query: params.get('query') ?? undefined, variables, operationName: params.get('operationName') ?? undefined });
}

function graphQLRequestOf(parsed: Record<string, unknown>): GraphQLRequestBody | string {
  const { query, variables, operationName } = parsed;
  if (typeof query !== 'string' || query.trim() === '') return 'The request body needs a "query" string';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return '"variables" must be an object';
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return '"operationName" must be a string';
  }
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: (operationName as string | null | undefined) ?? null,
  };
}

function acceptsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(req.headers.accept ?? '');
}

function isMutation(body: GraphQLRequestBody): boolean {
  try {
    return getOperationAST(parse(body.query), body.operationName ?? undefined)?.operation === 'mutation';
  } catch {
    return false; // a syntax error is reported by the GraphQL handler
  }
}

export async function startAppSyncHttpServer(options: AppSyncHttpOptions): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  let explorerHtml = '';

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, params: URLSearchParams | null): Promise<void> {
    const headers = flatHeaders(req);
    // A POST body is read first (bounded): a SigV4 signature covers it.
    let raw: Buffer | null = null;
    if (!params) raw = await readBody(req, maxBodyBytes);
    const auth = await options.authenticator.authenticate(headers, {
      remoteAddress: req.socket.remoteAddress,
      signed: { method: req.method ?? 'POST', path: (req.url ?? '/').split('?')[0]!, body: raw === null ? '' : raw.toString('utf8') },
    });
    if (!auth.ok) return sendJson(res, auth.status, auth.body);
    let body: GraphQLRequestBody | string;
    if (params) {
      body = parseGraphQLQueryString(params);
      if (typeof body !== 'string' && isMutation(body)) body = 'Mutations must be sent with POST';
    } else {
      if (raw === null) {
        return sendJson(res, 413, requestError('PayloadTooLargeException', `The request body exceeds ${maxBodyBytes} bytes`));
      }
      body = parseGraphQLBody(raw);
    }
    if (typeof body === 'string') return sendJson(res, 400, requestError('MalformedHttpRequestException', body));
    const response = await options.handleGraphQL(body, {
      authType: auth.authType,
      identity: auth.identity,
      headers: resolverHeaders(req),
      // The guide: null on the API's default endpoint (custom domains do not exist locally).
      domainName: null,
    });
    sendJson(res, 200, response);
  }

  const server: Server = createServer((req, res) => {
    res.setHeader('x-amzn-RequestId', randomUUID());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(200, preflightHeaders(req));
      res.end();
      return;
    }
    const run = (params: URLSearchParams | null) =>
      handleGraphQL(req, res, params).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, requestError('InternalFailure', String(error)));
        else res.end();
      });
    if (path === '/graphql' && req.method === 'POST') return void run(null);
    if (path === '/graphql' && req.method === 'GET' && url.searchParams.has('query')) return void run(url.searchParams);
    if ((path === '/graphql' || path === '/') && req.method === 'GET' && acceptsHtml(req)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(explorerHtml);
      return;
    }
    if (path === '/graphql' && req.method === 'GET') {
      return sendJson(res, 400, requestError('MalformedHttpRequestException', 'A GET request needs a "query" parameter'));
    }
    sendJson(res, 404, requestError('NotFoundException', `Nothing at ${req.method} ${path}; the API is POST /graphql`));
  });

  server.on('upgrade', (req, socket, head) => {
    if (!options.onUpgrade?.(req, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\n\r\nNo WebSocket endpoint here; the real-time endpoint is /graphql/realtime\r\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host}:${port}`;
  explorerHtml = explorerTemplate.replace(
    '__EXPLORER_CONFIG__',
    JSON.stringify({ endpoint: `${url}/graphql`, apiKey: options.explorerDefaults.apiKey }).replace(/</g, '\\u003c'),
  );
  server.keepAliveTimeout = 65_000;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
