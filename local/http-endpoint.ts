/** What the local AWS stand-in endpoints (SNS, S3, Kinesis) share: reading a request body, listening, closing. */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export interface ListeningEndpoint {
  /** e.g. http://127.0.0.1:4566 */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Listens on `host` (a free port when `port` is omitted) and resolves once accepting connections. */
export async function listenLocally(server: Server, host: string, port?: number): Promise<ListeningEndpoint> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
