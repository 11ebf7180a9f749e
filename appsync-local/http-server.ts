/**
 * The HTTP face of the local AppSync runtime: POST /graphql like AppSync's endpoint (CORS, body limit,
 * 401 for bad credentials), GET /graphql (or /) serves the explorer page for ad-hoc queries.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
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
}

export interface RunningHttpServer {
  readonly url: string;
  readonly graphqlUrl: string;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
  'access-control-allow-headers': 'content-type,x-api-key,authorization,x-amz-date,x-amz-user-agent,x-amz-security-token',
  'access-control-max-age': '86400',
};

const explorerTemplate = readFileSync(new URL('./explorer.html', import.meta.url), 'utf8');

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(payload),
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

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function parseGraphQLBody(raw: Buffer): GraphQLRequestBody | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'The request body is not valid JSON';
  }
  if (!parsed || typeof parsed !== 'object') return 'The request body must be a JSON object';
  const { query, variables, operationName } = parsed as Record<string, unknown>;
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

export async function startAppSyncHttpServer(options: AppSyncHttpOptions): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  let explorerHtml = '';

  async function handleGraphQLPost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = flatHeaders(req);
    const auth = await options.authenticator.authenticate(headers, { remoteAddress: req.socket.remoteAddress });
    if (!auth.ok) return sendJson(res, auth.status, auth.body);
    const raw = await readBody(req, maxBodyBytes);
    if (raw === null) {
      return sendJson(res, 413, requestError('PayloadTooLargeException', `The request body exceeds ${maxBodyBytes} bytes`));
    }
    const body = parseGraphQLBody(raw);
    if (typeof body === 'string') return sendJson(res, 400, requestError('MalformedHttpRequestException', body));
    const response = await options.handleGraphQL(body, {
      authType: auth.authType,
      identity: auth.identity,
      headers,
      domainName: headers.host ?? null,
    });
    sendJson(res, 200, response);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (path === '/graphql' && req.method === 'POST') {
      handleGraphQLPost(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, requestError('InternalFailure', String(error)));
        else res.end();
      });
      return;
    }
    if ((path === '/graphql' || path === '/') && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(explorerHtml);
      return;
    }
    sendJson(res, 404, requestError('NotFoundException', `Nothing at ${req.method} ${path}; the API is POST /graphql`));
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
