// The HTTP endpoint as AppSync's clients meet it. Pages: "AWS AppSync JavaScript resolver context object
// reference" (Request headers, Identity) and "Authorization and authentication" (UnauthorizedException);
// GET and CORS behaviour as AppSync's endpoint answers browsers (issue 16, items 11–14).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../schema';
import { createGraphQLRequestHandler } from '../graphql-request';
import { startAppSyncHttpServer, type RunningHttpServer } from '../http-server';
import { createRequestAuthenticator } from '../auth/authorize-request';
import type { ResolverInvocation } from '../contracts';

const API_KEY = 'da2-endpoint-test';
const schema = buildAppSyncSchema(`
  type Query { hello: String @aws_api_key }
  type Mutation { touch: String @aws_api_key }
`);
const seen: ResolverInvocation[] = [];
let server: RunningHttpServer;

beforeAll(async () => {
  const answer = { resolve: async (invocation: ResolverInvocation) => (seen.push(invocation), { data: 'hola', errors: [] }) };
  server = await startAppSyncHttpServer({
    host: '127.0.0.1',
    port: 0,
    handleGraphQL: createGraphQLRequestHandler({
      schema,
      resolvers: new Map([['Query.hello', answer], ['Mutation.touch', answer]]),
      authorizeField: () => true,
    }),
    authenticator: createRequestAuthenticator({ apiKey: API_KEY, userPool: null }),
    explorerDefaults: { apiKey: API_KEY },
  });
});

afterAll(() => server?.close());

/** A request written on the socket, so repeated headers reach the server as sent (fetch would join them). */
function raw(path: string, headers: [string, string][], body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.graphqlUrl);
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) }));
    socket.on('error', reject);
    const lines = [`POST ${path} HTTP/1.1`, `host: ${url.host}`, 'connection: close', `content-length: ${Buffer.byteLength(body)}`];
    for (const [name, value] of headers) lines.push(`${name}: ${value}`);
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

describe('graphql endpoint › errors and headers', () => {
  it('answers a missing credential with 401, x-amzn-ErrorType and a request id, exposed to browser code', async () => {
    const response = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-RequestId');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
    expect(((await response.json()) as { errors: { errorType: string }[] }).errors[0]!.errorType).toBe('UnauthorizedException');
  });

  it('gives every answer its own request id', async () => {
    const post = () => fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: '{"query":"{ hello }"}' });
    const [a, b] = await Promise.all([post(), post()]);
    expect(a.headers.get('x-amzn-requestid')).not.toBe(b.headers.get('x-amzn-requestid'));
  });
});

describe('graphql endpoint › CORS preflight', () => {
  it('allows the request headers a browser client asks for (tracing and Apollo client headers included)', async () => {
    const asked = 'content-type,x-api-key,x-amzn-trace-id,x-request-id,apollographql-client-name,apollographql-client-version';
    const response = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': asked },
    });
    expect(response.ok).toBe(true);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe(asked);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('graphql endpoint › GET', () => {
  it('answers a GET query with JSON (urql sends short queries this way)', async () => {
    const response = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('query Q { hello }')}&operationName=Q`, {
      headers: { accept: 'application/graphql-response+json, application/json', 'x-api-key': API_KEY },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'hola' } });
  });

  it('refuses a mutation sent with GET and runs nothing', async () => {
    const before = seen.length;
    const response = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('mutation { touch }')}`, { headers: { 'x-api-key': API_KEY } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MalformedHttpRequestException');
    expect(seen.length).toBe(before);
  });

  it('serves the explorer page only to a browser asking for HTML', async () => {
    const page = await fetch(server.graphqlUrl, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    const json = await fetch(server.graphqlUrl, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.headers.get('content-type')).toContain('application/json');
  });
});

describe('resolver-context-reference-js › Request headers', () => {
  it('leaves out cookie, lists a repeated header, and has no domainName on the default endpoint', async () => {
    seen.length = 0;
    const response = await raw(
      '/graphql',
      [
        ['content-type', 'application/json'],
        ['x-api-key', API_KEY],
        ['cookie', 'session=secret'],
        ['x-custom', 'one'],
        ['x-custom', 'two'],
      ],
      '{"query":"{ hello }"}',
    );
    expect(response.body).toBe('{"data":{"hello":"hola"}}');
    const request = seen[0]!.request;
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['x-custom']).toEqual(['one', 'two']);
    expect(request.headers['x-api-key']).toBe(API_KEY);
    expect(request.domainName).toBeNull();
  });
});
