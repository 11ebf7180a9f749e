/**
 * A small client for AppSync's real-time WebSocket protocol (docs/realtime.md), for urql's subscriptionExchange.
 * One WebSocket for every subscription of the page, opened with the first and closed a few seconds after the
 * last ends. Handshake authorization in the `header` query parameter (base64 JSON, `payload=e30=`), each start
 * authorized on its own (`extensions.authorization`) with the current ID token, so a refreshed token is used
 * by the next start.
 *
 * A dropped connection (network, server restart, missing keep-alives) is reopened with jittered exponential
 * backoff and every running subscription is started again; `onResume` then tells the page, which refetches
 * what it may have missed while disconnected. A subscription the server refuses or ends gets an error or
 * completes, and is not retried.
 */

export interface RealtimeAuth {
  /** Headers AppSync authorizes with: `{ host, Authorization }` (ID token) or `{ host, 'x-api-key' }`. */
  (): Promise<Record<string, string>>;
}

export interface RealtimeOptions {
  readonly url: string;
  readonly auth: RealtimeAuth;
  /** Backoff bounds for reconnecting. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** How long an unused connection stays open after its last subscription. */
  readonly idleCloseMs?: number;
  readonly WebSocketImpl?: typeof WebSocket;
}

export interface RealtimeRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

/** What one data message carries: the subscriber's view of the change, with field errors if any. */
export interface RealtimeResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; errorType?: string | null }[];
}

export interface RealtimeSink {
  next(value: RealtimeResult): void;
  error(error: unknown): void;
  complete(): void;
}

export class RealtimeError extends Error {
  constructor(readonly errors: readonly { readonly errorType?: string; readonly message?: string }[]) {
    super(errors.map((e) => e.message ?? e.errorType ?? 'error').join('; ') || 'Real-time subscription error');
  }
}

interface Active {
  readonly id: string;
  readonly request: RealtimeRequest;
  readonly sink: RealtimeSink;
  acknowledged: boolean;
}

function base64Json(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The real-time endpoint of an AppSync GraphQL URL: the `appsync-realtime-api` host, or `<url>/realtime` (custom domains, local). */
export function realtimeUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.hostname.includes('.appsync-api.')) url.hostname = url.hostname.replace('.appsync-api.', '.appsync-realtime-api.');
  else url.pathname = `${url.pathname.replace(/\/$/, '')}/realtime`;
  return url.toString();
}

export class AppSyncRealtimeClient {
  private socket: WebSocket | null = null;
  private ready = false;
  private readonly active = new Map<string, Active>();
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private keepAliveTimer: ReturnType<typeof setTimeout> | null = null;
  private connectionTimeoutMs = 300_000;
  private everConnected = false;
  private readonly resumeListeners = new Set<() => void>();

  constructor(private readonly options: RealtimeOptions) {}

  /**
   * Called when what a page shows may have missed a change: a dropped connection was reopened and its
   * subscriptions started again, or the server ended a subscription (e.g. an order reached a final status).
   */
  onResync(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  subscribe(request: RealtimeRequest, sink: RealtimeSink): () => void {
    const subscription: Active = { id: newId(), request, sink, acknowledged: false };
    this.active.set(subscription.id, subscription);
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.ready) void this.start(subscription);
    else this.connect();
    return () => {
      if (!this.active.delete(subscription.id)) return;
      if (this.ready) this.send({ type: 'stop', id: subscription.id });
      this.closeWhenIdle();
    };
  }

  private send(message: unknown): void {
    if (this.socket && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return;
    void this.open();
  }

  private async open(): Promise<void> {
    let headers: Record<string, string>;
    try {
      headers = await this.options.auth();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (this.active.size === 0) return;
    const url = new URL(this.options.url);
    url.searchParams.set('header', base64Json(headers));
    url.searchParams.set('payload', base64Json({}));
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    const socket = new Impl(url.toString(), ['graphql-ws']);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
    socket.onmessage = (event) => this.onMessage(String(event.data));
    socket.onclose = () => this.onClosed(socket);
    socket.onerror = () => socket.close();
  }

  private resetKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    // No `ka` within the announced timeout: the connection is dead even if the socket does not know it yet.
    this.keepAliveTimer = setTimeout(() => this.socket?.close(), this.connectionTimeoutMs);
  }

  private onMessage(raw: string): void {
    let message: { type?: string; id?: string; payload?: Record<string, unknown> };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    const subscription = message.id ? this.active.get(message.id) : undefined;
    switch (message.type) {
      case 'connection_ack': {
        const timeout = message.payload?.connectionTimeoutMs;
        if (typeof timeout === 'number' && timeout > 0) this.connectionTimeoutMs = timeout;
        this.ready = true;
        const resumed = this.everConnected;
        this.everConnected = true;
        this.attempts = 0;
        this.resetKeepAlive();
        for (const s of this.active.values()) void this.start(s);
        if (resumed) for (const listener of this.resumeListeners) listener();
        return;
      }
      case 'ka':
        this.resetKeepAlive();
        return;
      case 'start_ack':
        if (subscription) subscription.acknowledged = true;
        return;
      case 'data':
        if (subscription) subscription.sink.next(message.payload as RealtimeResult);
        return;
      case 'complete':
        // The answer to our stop, or the server ended the subscription (invalidation).
        if (subscription) {
          this.active.delete(subscription.id);
          subscription.sink.complete();
          this.closeWhenIdle();
          for (const listener of this.resumeListeners) listener();
        }
        return;
      case 'error': {
        const errors = (message.payload?.errors as RealtimeError['errors'] | undefined) ?? [];
        if (subscription) {
          this.active.delete(subscription.id);
          subscription.sink.error(new RealtimeError(errors));
          this.closeWhenIdle();
        }
        return;
      }
      case 'connection_error': {
        // Refused credentials: every waiting subscription fails; nothing is retried with the same credentials.
        const errors = (message.payload?.errors as RealtimeError['errors'] | undefined) ?? [];
        const failed = [...this.active.values()];
        this.active.clear();
        for (const s of failed) s.sink.error(new RealtimeError(errors));
        this.socket?.close();
        return;
      }
      default:
    }
  }

  private async start(subscription: Active): Promise<void> {
    let authorization: Record<string, string>;
    try {
      authorization = await this.options.auth();
    } catch (error) {
      this.active.delete(subscription.id);
      subscription.sink.error(error);
      return;
    }
    if (!this.active.has(subscription.id)) return;
    this.send({
      id: subscription.id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query: subscription.request.query, variables: subscription.request.variables ?? {} }),
        extensions: { authorization },
      },
    });
  }

  private onClosed(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.ready = false;
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    for (const s of this.active.values()) s.acknowledged = false;
    if (this.active.size > 0) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer) return;
    const min = this.options.minRetryMs ?? 500;
    const max = this.options.maxRetryMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** this.attempts);
    this.attempts += 1;
    // Full jitter: spread reconnecting tabs after a server restart.
    const delay = Math.max(min / 2, Math.random() * ceiling);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.active.size > 0) this.connect();
    }, delay);
  }

  private closeWhenIdle(): void {
    if (this.active.size > 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.active.size === 0 && this.socket) {
        const socket = this.socket;
        this.socket = null;
        this.ready = false;
        if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
        socket.close(1000);
      }
    }, this.options.idleCloseMs ?? 5_000);
  }
}
