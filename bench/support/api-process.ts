/**
 * What the API benchmarks share: a keep-alive DynamoDB client for the raw side, the local AppSync runtime in
 * its own process (bench/support/serve-api.ts) so the load generator does not share its event loop, and a
 * lean keep-alive GraphQL POST.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';

const serveApiScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve-api.ts');

export function keepAliveDynamoDbClient(endpoint: string, sockets: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) }),
  });
}

export interface ApiProcess {
  readonly graphqlUrl: URL;
  /** The runtime's real-time (WebSocket) endpoint. */
  readonly realtimeUrl: string;
  /** The server process (its memory is read from /proc). */
  readonly pid: number;
  /** POSTs one GraphQL request; resolves with the HTTP status and the response text. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }>;
  stop(): void;
}

/** Starts serve-api.ts with `args` (endpoint, table, api key[, issuer, client id]) and waits until it listens. */
export async function startApiProcess(args: readonly string[], sockets: number): Promise<ApiProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serveApiScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`API server exited with ${code}`)));
  });
  const started = JSON.parse(firstLine) as { graphqlUrl: string; realtimeUrl: string };
  const graphqlUrl = new URL(started.graphqlUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    graphqlUrl,
    realtimeUrl: started.realtimeUrl,
    pid: child.pid!,
    post: (body, headers) =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: graphqlUrl.hostname,
            port: graphqlUrl.port,
            path: graphqlUrl.pathname,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    stop: () => {
      child.kill('SIGTERM');
      agent.destroy();
    },
  };
}
