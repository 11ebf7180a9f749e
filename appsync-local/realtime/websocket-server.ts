/**
 * AppSync's real-time WebSocket protocol on the local API (docs/realtime.md), on the same port as
 * POST /graphql, at the paths AppSync uses: `/graphql` (as on the `appsync-realtime-api` host) and
 * `/graphql/realtime` (as with a custom domain). Subprotocol `graphql-ws`.
 *
 * Handshake authorization, as AppSync takes it: the `header` query parameter (base64 of a JSON object, with
 * `payload` = base64 of `{}`), or a `header-<base64url>` subprotocol, or plain HTTP headers; API key, Cognito
 * ID token or SigV4 (signed over POST <path>/connect with body `{}`).
 *
 *   client                                   server
 *   connection_init                    →     connection_ack {connectionTimeoutMs}, then ka every keepAliveIntervalMs
 *                                            (bad credentials: connection_error {errors:[{errorType, message, errorCode:401}]}, close)
 *   start {id, payload:{data, extensions:{authorization}}}
 *                                      →     start_ack {id}   (or error {id, payload:{errors}})
 *                                     ←      data {id, payload:{data, errors?}} for each matching mutation
 *   stop {id}                          →     complete {id}
 *
 * Each start is authorized on its own (its `extensions.authorization`), runs the subscription field's
 * APPSYNC_JS resolver (filters, invalidation filter, util.unauthorized) and registers with the SubscriptionHub.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthOutcome, FieldAuthorizer, FieldResolver } from '../contracts';
import { selectionSetInfo } from '../selection-set';
import { filterProblem, type SubscriptionFilterObject } from './subscription-filter';
import type { SubscriberConnection, SubscriptionCaller, SubscriptionHub } from './subscription-hub';

/** What a caller's credentials are checked against: HTTP-like headers, and what SigV4 would have signed. */
export type RealtimeAuthenticator = (
  headers: Readonly<Record<string, string | undefined>>,
  signed: { readonly method: 'POST'; readonly path: string; readonly body: string },
  origin: { readonly remoteAddress?: string },
) => Promise<AuthOutcome>;

export interface RealtimeServerOptions {
  readonly schema: GraphQLSchema;
  /** Wired fields (`Subscription.<field>` among them), keyed `Type.field`. */
  readonly resolvers: ReadonlyMap<string, FieldResolver>;
  readonly authorizeField: FieldAuthorizer;
  readonly authenticate: RealtimeAuthenticator;
  readonly hub: SubscriptionHub;
  /** AppSync announces 300,000 ms. */
  readonly connectionTimeoutMs?: number;
  /** How often `ka` is sent; AppSync's period is not documented (about a minute is observed). */
  readonly keepAliveIntervalMs?: number;
  /** Local cap (AppSync has its own quotas): starts beyond it get an error. */
  readonly maxSubscriptionsPerConnection?: number;
  /** A connection whose unsent messages exceed this is closed (a client that stopped reading). */
  readonly maxBufferedBytes?: number;
  /** Largest message accepted from a client. */
  readonly maxMessageBytes?: number;
}

export interface RealtimeServer {
  /** Takes an HTTP upgrade for a real-time path; false when the path is not one (the caller answers 404). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connectionCount: number;
  close(): Promise<void>;
}

export const REALTIME_PATHS = ['/graphql', '/graphql/realtime'] as const;
const SUBPROTOCOL = 'graphql-ws';

interface ErrorEntry {
  readonly errorType: string;
  readonly message: string;
  readonly errorCode?: number;
}

function decodeJsonBase64(value: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringHeaders(value: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') headers[name] = v;
  return headers;
}

/** The handshake's authorization headers from the query string, a `header-` subprotocol or the HTTP headers. */
export function handshakeHeaders(req: IncomingMessage): Record<string, string> | { error: string } {
  const url = new URL(req.url ?? '/', 'http://local');
  const fromQuery = url.searchParams.get('header');
  if (fromQuery !== null) {
    const decoded = decodeJsonBase64(fromQuery);
    if (!decoded) return { error: 'The header query parameter is not base64-encoded JSON' };
    const payload = url.searchParams.get('payload');
    if (payload === null || decodeJsonBase64(payload) === null) return { error: 'The payload query parameter must be base64-encoded JSON ({} → e30=)' };
    return stringHeaders(decoded);
  }
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const headerProtocol = protocols.find((p) => p.startsWith('header-'));
  if (headerProtocol) {
    const decoded = decodeJsonBase64(headerProtocol.slice('header-'.length));
    if (!decoded) return { error: 'The header- subprotocol is not base64url-encoded JSON' };
    return stringHeaders(decoded);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  return headers;
}

class Connection implements SubscriberConnection {
  readonly id = randomUUID();
  /** Subscription id → field name. */
  readonly subscriptions = new Map<string, string>();
  /** Ids whose start is being processed (a stop or a duplicate may arrive meanwhile). */
  readonly starting = new Set<string>();
  acknowledged = false;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly handshake: AuthOutcome,
    readonly path: string,
    readonly remoteAddress: string | undefined,
    private readonly maxBufferedBytes: number,
  ) {}

  send(message: unknown): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.close(4008, 'Client not reading its messages');
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  closeIfIdle(): void {
    if (this.subscriptions.size === 0 && this.starting.size === 0) this.socket.close(1000, 'Subscription complete.');
  }
}

function errorMessage(id: string | undefined, errors: readonly ErrorEntry[]) {
  return { type: 'error', ...(id !== undefined ? { id } : {}), payload: { errors } };
}

export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 300_000;
  const keepAliveIntervalMs = options.keepAliveIntervalMs ?? 60_000;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 100;
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 256 * 1024,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const keepAlive = setInterval(() => {
    for (const connection of connections) if (connection.acknowledged) connection.send({ type: 'ka' });
  }, keepAliveIntervalMs);
  keepAlive.unref();

  async function start(connection: Connection, message: Record<string, unknown>): Promise<void> {
    const id = message.id;
    if (typeof id !== 'string' || id === '' || id.length > 128) {
      connection.send(errorMessage(undefined, [{ errorType: 'ValidationError', message: 'A start message needs an id (1–128 characters)' }]));
      return;
    }
    if (connection.subscriptions.has(id) || connection.starting.has(id)) {
      connection.send(errorMessage(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicate subscription id ${id}` }]));
      return;
    }
    if (connection.subscriptions.size + connection.starting.size >= maxSubscriptions) {
      connection.send(errorMessage(id, [{ errorType: 'LimitExceededError', message: `At most ${maxSubscriptions} subscriptions per connection` }]));
      return;
    }
    connection.starting.add(id);
    try {
      const outcome = await register(connection, id, message.payload);
      if (connection.closed) return;
      if ('errors' in outcome) connection.send(errorMessage(id, outcome.errors));
      else if (!connection.starting.has(id)) options.hub.remove(connection.id, id, outcome.fieldName); // stopped meanwhile
      else {
        connection.subscriptions.set(id, outcome.fieldName);
        connection.send({ type: 'start_ack', id });
      }
    } finally {
      connection.starting.delete(id);
    }
  }

  async function register(connection: Connection, id: string, rawPayload: unknown): Promise<{ fieldName: string } | { errors: ErrorEntry[] }> {
    const payload = rawPayload && typeof rawPayload === 'object' ? (rawPayload as Record<string, unknown>) : {};
    if (typeof payload.data !== 'string') return { errors: [{ errorType: 'ValidationError', message: 'payload.data must be a JSON string with query and variables' }] };
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = JSON.parse(payload.data) as typeof request;
    } catch {
      return { errors: [{ errorType: 'ValidationError', message: 'payload.data is not valid JSON' }] };
    }
    const extensions = payload.extensions && typeof payload.extensions === 'object' ? (payload.extensions as Record<string, unknown>) : {};
    const authorization = extensions.authorization && typeof extensions.authorization === 'object' ? stringHeaders(extensions.authorization as Record<string, unknown>) : {};
    const auth = await options.authenticate(authorization, { method: 'POST', path: connection.path.replace(/\/realtime$/, ''), body: payload.data }, { remoteAddress: connection.remoteAddress });
    if (!auth.ok) {
      const body = auth.body as { errors?: { errorType?: string; message?: string }[] };
      const first = body.errors?.[0];
      return { errors: [{ errorType: first?.errorType ?? 'UnauthorizedException', message: first?.message ?? 'You are not authorized to make this call.', errorCode: auth.status }] };
    }
    if (typeof request.query !== 'string') return { errors: [{ errorType: 'ValidationError', message: 'The subscription needs a query' }] };
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return { errors: [{ errorType: 'ValidationError', message: (error as Error).message }] };
    }
    const invalid = validate(options.schema, document);
    if (invalid.length > 0) return { errors: invalid.map((e) => ({ errorType: 'ValidationError', message: e.message })) };
    const operationName = typeof request.operationName === 'string' ? request.operationName : null;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) return { errors: [{ errorType: 'ValidationError', message: 'Name the operation to run (operationName)' }] };
    if (operation.operation !== 'subscription') return { errors: [{ errorType: 'ValidationError', message: 'Only subscriptions are accepted on the real-time endpoint; send queries and mutations to POST /graphql' }] };
    const fieldNode = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && !s.name.value.startsWith('__'));
    const subscriptionType = options.schema.getSubscriptionType();
    const fieldDef = fieldNode && subscriptionType?.getFields()[fieldNode.name.value];
    if (!fieldNode || !fieldDef || !subscriptionType) return { errors: [{ errorType: 'ValidationError', message: 'The subscription selects no subscription field' }] };
    const fieldName = fieldNode.name.value;

    const caller: SubscriptionCaller = { authType: auth.authType, identity: auth.identity };
    if (!options.authorizeField(subscriptionType.name, fieldName, { authType: auth.authType, groups: auth.identity?.groups ?? [] })) {
      return { errors: [{ errorType: 'Unauthorized', message: `Not Authorized to access ${fieldName} on type ${subscriptionType.name}` }] };
    }
    const variables = request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
    const coerced = getVariableValues(options.schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors.map((e) => ({ errorType: 'ValidationError', message: e.message })) };
    const args = getArgumentValues(fieldDef, fieldNode, coerced.coerced);

    let filter: SubscriptionFilterObject | null = null;
    let invalidationFilter: SubscriptionFilterObject | null = null;
    const resolver = options.resolvers.get(`${subscriptionType.name}.${fieldName}`);
    if (resolver) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      const selection = selectionSetInfo(options.schema, fieldNode, getNamedType(fieldDef.type), fragments);
      const resolution = (await resolver.resolve({
        arguments: args,
        source: null,
        identity: auth.identity,
        authType: auth.authType,
        // As the HTTP endpoint: domainName is null on the API's own endpoint (no custom domains locally).
        request: { headers: authorization, domainName: null },
        info: {
          fieldName,
          parentTypeName: subscriptionType.name,
          variables: coerced.coerced,
          selectionSetList: selection.selectionSetList,
          selectionSetGraphQL: selection.selectionSetGraphQL,
        },
      })) as { data: unknown; errors: readonly { message: string; errorType: string | null }[]; extensionCalls?: readonly { name: string; args: readonly unknown[] }[] };
      if (resolution.errors.length > 0) {
        return { errors: resolution.errors.map((e) => ({ errorType: e.errorType ?? 'ResolverError', message: e.message })) };
      }
      for (const call of resolution.extensionCalls ?? []) {
        if (call.name !== 'setSubscriptionFilter' && call.name !== 'setSubscriptionInvalidationFilter') continue;
        const problem = filterProblem(call.args[0]);
        if (problem) return { errors: [{ errorType: 'ValidationError', message: `${call.name}: ${problem}` }] };
        if (call.name === 'setSubscriptionFilter') filter = call.args[0] as SubscriptionFilterObject;
        else invalidationFilter = call.args[0] as SubscriptionFilterObject;
      }
    }
    const groups = auth.identity?.groups ? [...auth.identity.groups].sort().join(',') : '';
    options.hub.add({
      id,
      connection,
      fieldName,
      document,
      operationName,
      variables: coerced.coerced,
      args,
      caller,
      filter,
      invalidationFilter,
      renderKey: `${auth.authType}|${groups}|${operationName ?? ''}|${JSON.stringify(coerced.coerced)}|${request.query}`,
    });
    return { fieldName };
  }

  function stop(connection: Connection, id: unknown): void {
    if (typeof id !== 'string') return;
    const fieldName = connection.subscriptions.get(id);
    if (fieldName !== undefined) {
      connection.subscriptions.delete(id);
      options.hub.remove(connection.id, id, fieldName);
    }
    connection.starting.delete(id);
    connection.send({ type: 'complete', id });
  }

  function onMessage(connection: Connection, raw: string): void {
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      connection.send(errorMessage(undefined, [{ errorType: 'ValidationError', message: 'Messages must be JSON objects' }]));
      return;
    }
    if (!connection.handshake.ok) {
      const body = connection.handshake.body as { errors?: { errorType?: string; message?: string }[] };
      const first = body.errors?.[0];
      connection.send({
        type: 'connection_error',
        payload: { errors: [{ errorType: first?.errorType ?? 'UnauthorizedException', message: first?.message ?? 'You are not authorized to make this call.', errorCode: connection.handshake.status }] },
      });
      connection.socket.close(1000);
      return;
    }
    switch (message.type) {
      case 'connection_init':
        if (!connection.acknowledged) {
          connection.acknowledged = true;
          connection.send({ type: 'connection_ack', payload: { connectionTimeoutMs } });
          connection.send({ type: 'ka' });
        }
        return;
      case 'start':
        // connection_init is optional in AppSync's protocol: a start is taken once the handshake was authorized.
        connection.acknowledged = true;
        void start(connection, message).catch((error: unknown) => {
          connection.send(errorMessage(typeof message.id === 'string' ? message.id : undefined, [{ errorType: 'InternalFailure', message: String(error) }]));
        });
        return;
      case 'stop':
        stop(connection, message.id);
        return;
      default:
        connection.send(errorMessage(typeof message.id === 'string' ? message.id : undefined, [{ errorType: 'UnsupportedOperation', message: `Unknown message type ${String(message.type)}` }]));
    }
  }

  function onClose(connection: Connection): void {
    connection.closed = true;
    connections.delete(connection);
    for (const [id, fieldName] of connection.subscriptions) options.hub.remove(connection.id, id, fieldName);
    connection.subscriptions.clear();
  }

  return {
    get connectionCount() {
      return connections.size;
    },
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (!(REALTIME_PATHS as readonly string[]).includes(path)) return false;
      const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (!protocols.includes(SUBPROTOCOL)) {
        socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\n\r\nThe WebSocket subprotocol must include graphql-ws\r\n');
        return true;
      }
      const headers = handshakeHeaders(req);
      const authenticated: Promise<AuthOutcome> =
        'error' in headers
          ? Promise.resolve({ ok: false, status: 400, body: { errors: [{ errorType: 'BadRequestException', message: headers.error as string }] } })
          : options.authenticate(headers, { method: 'POST', path: `${path.replace(/\/realtime$/, '')}/connect`, body: '{}' }, { remoteAddress: req.socket.remoteAddress });
      authenticated
        .then((handshake) => {
          wss.handleUpgrade(req, socket, head, (ws) => {
            const connection = new Connection(ws, handshake, path, req.socket.remoteAddress, maxBufferedBytes);
            connections.add(connection);
            ws.on('message', (data, isBinary) => {
              if (!isBinary) onMessage(connection, data.toString());
            });
            ws.on('close', () => onClose(connection));
            ws.on('error', () => ws.terminate());
          });
        })
        .catch(() => socket.destroy());
      return true;
    },
    async close() {
      clearInterval(keepAlive);
      for (const connection of connections) connection.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
