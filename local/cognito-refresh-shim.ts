/**
 * A pass-through HTTP proxy in front of cognito-local that adds the one Cognito call it lacks:
 * `GetTokensFromRefreshToken`, which Amplify v6.15+ uses to refresh a session (cognito-local 5.3.0 answers
 * it with 500 "unsupported", so a local Amplify session would die when its tokens expire). The call is
 * answered with cognito-local's `InitiateAuth` REFRESH_TOKEN_AUTH, which gives the same tokens (new ID and
 * access tokens; no new refresh token, as Cognito without refresh-token rotation). Every other request,
 * the JWKS and CORS preflights included, goes through unchanged.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export interface CognitoRefreshShim {
  readonly endpoint: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Headers of an upstream response worth passing on (the body is re-sent, so its length is recomputed). */
function passedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection' && name !== 'content-encoding') out[name] = value;
  });
  return out;
}

/** Cognito's result always has ExpiresIn (seconds, from the access token's exp) and TokenType Bearer. */
function completeResult(result: Record<string, unknown>): Record<string, unknown> {
  let expiresIn = result.ExpiresIn;
  if (typeof expiresIn !== 'number' && typeof result.AccessToken === 'string') {
    const payload = result.AccessToken.split('.')[1] ?? '';
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    if (typeof exp === 'number') expiresIn = Math.max(0, exp - Math.floor(Date.now() / 1000));
  }
  return { ...result, ExpiresIn: expiresIn, TokenType: result.TokenType ?? 'Bearer' };
}

async function getTokensFromRefreshToken(upstream: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let input: { RefreshToken?: unknown; ClientId?: unknown; ClientMetadata?: unknown; DeviceKey?: unknown };
  try {
    input = JSON.parse((await readBody(req)).toString('utf8')) as typeof input;
  } catch {
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ __type: 'SerializationException', message: 'The request body is not valid JSON' }));
    return;
  }
  const authParameters: Record<string, unknown> = { REFRESH_TOKEN: input.RefreshToken };
  if (typeof input.DeviceKey === 'string') authParameters.DEVICE_KEY = input.DeviceKey;
  const response = await fetch(upstream, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${TARGET_PREFIX}InitiateAuth`,
      ...(req.headers.origin ? { origin: req.headers.origin } : {}),
    },
    body: JSON.stringify({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: input.ClientId,
      AuthParameters: authParameters,
      ...(input.ClientMetadata ? { ClientMetadata: input.ClientMetadata } : {}),
    }),
  });
  const text = await response.text();
  let body = text;
  if (response.ok) {
    const parsed = JSON.parse(text) as { AuthenticationResult?: Record<string, unknown> };
    body = JSON.stringify({ AuthenticationResult: completeResult(parsed.AuthenticationResult ?? {}) });
  }
  res.writeHead(response.status, passedHeaders(response.headers));
  res.end(body);
}

function proxy(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
  const forwarded = httpRequest(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`cognito-local is not answering: ${error.message}`);
  });
  req.pipe(forwarded);
}

/** Listens on host:port and forwards to `upstream` (cognito-local's own endpoint). */
export function startCognitoRefreshShim(options: { host: string; port: number; upstream: string }): Promise<CognitoRefreshShim> {
  const upstream = new URL(options.upstream);
  const server: Server = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method === 'POST' && target === `${TARGET_PREFIX}GetTokensFromRefreshToken`) {
      getTokensFromRefreshToken(options.upstream, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'InternalErrorException', message: String(error) }));
      });
      return;
    }
    proxy(upstream, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        endpoint: `http://${options.host}:${options.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
