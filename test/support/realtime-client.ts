/**
 * A raw client of AppSync's real-time WebSocket protocol for tests: connects with the `header`/`payload`
 * query parameters (or none), keeps every message it receives, and waits for one by predicate with a deadline.
 */
import WebSocket from 'ws';

export interface RealtimeMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: Record<string, unknown> & { data?: Record<string, unknown> | null; errors?: { errorType?: string; message?: string; errorCode?: number }[] };
}

export function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

export class TestRealtimeClient {
  readonly messages: RealtimeMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as RealtimeMessage);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Opens a connection; `header` goes base64-encoded in the query string, as AppSync's clients send it. */
  static async connect(url: string, header: Record<string, string> | null, options: { protocols?: string[] } = {}): Promise<TestRealtimeClient> {
    const target = new URL(url);
    if (header) {
      target.searchParams.set('header', base64Json(header));
      target.searchParams.set('payload', base64Json({}));
    }
    const socket = new WebSocket(target.toString(), options.protocols ?? ['graphql-ws']);
    const client = new TestRealtimeClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Waits (polling the received messages) until one matches; fails after `timeoutMs`. */
  async next(predicate: (m: RealtimeMessage) => boolean, timeoutMs = 30_000, from = 0): Promise<RealtimeMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(predicate);
      if (found) return found;
      if (this.closed) throw new Error(`connection closed (${this.closed.code} ${this.closed.reason}) before the expected message; got ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async init(): Promise<RealtimeMessage> {
    this.send({ type: 'connection_init' });
    return this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  /** Sends a start and waits for its start_ack or error. */
  async start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): Promise<RealtimeMessage> {
    const from = this.messages.length;
    this.send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'), 30_000, from);
  }

  dataFor(id: string): RealtimeMessage[] {
    return this.messages.filter((m) => m.id === id && m.type === 'data');
  }

  async waitClosed(timeoutMs = 30_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('the connection did not close');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }
}
