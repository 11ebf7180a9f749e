/**
 * The urql client: the public catalog goes with the API key while signed out; once signed in, every request
 * carries the user's ID token (AppSync's default Cognito mode), which can also read the catalog.
 * Subscriptions go over AppSync's real-time WebSocket protocol (realtime/appsync-realtime.ts), authorized
 * the same way.
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import type { WebConfig } from './config';
import type { AppSyncRealtimeClient, RealtimeAuth } from './realtime/appsync-realtime';

/** What pages use of the real-time client. */
export type RealtimeConnection = Pick<AppSyncRealtimeClient, 'subscribe' | 'onResync'>;

export interface GraphQLClients {
  readonly client: Client;
  readonly realtime: RealtimeConnection;
}

/**
 * The real-time client, downloaded with the first subscription (only the order pages subscribe), so the
 * catalog's first page does not carry it. Resync listeners may be added before it is there.
 */
function lazyRealtime(config: WebConfig, auth: RealtimeAuth): RealtimeConnection {
  let client: AppSyncRealtimeClient | null = null;
  let loading: Promise<AppSyncRealtimeClient> | null = null;
  const resyncListeners = new Set<() => void>();
  const load = () =>
    (loading ??= import('./realtime/appsync-realtime').then(({ AppSyncRealtimeClient, realtimeUrlOf }) => {
      client ??= new AppSyncRealtimeClient({ url: config.realtimeUrl ?? realtimeUrlOf(config.graphqlUrl), auth });
      client.onResync(() => {
        for (const listener of resyncListeners) listener();
      });
      return client;
    }));
  return {
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    subscribe(request, sink) {
      if (client) return client.subscribe(request, sink);
      let stop: (() => void) | null = null;
      let stopped = false;
      load().then(
        (loaded) => {
          if (!stopped) stop = loaded.subscribe(request, sink);
        },
        (error: unknown) => {
          loading = null; // the next subscription tries the download again
          if (!stopped) sink.error(error);
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

/** `userSub` names whose clients these are: one per signed-in user (null signed out), never sharing a cache. */
export function createGraphQLClient(config: WebConfig, idToken: () => Promise<string | null>, userSub: string | null): GraphQLClients {
  const host = new URL(config.graphqlUrl).host;
  const realtime = lazyRealtime(config, async (): Promise<Record<string, string>> => {
    const token = userSub === null ? null : await idToken();
    return token ? { host, Authorization: token } : { host, 'x-api-key': config.apiKey };
  });
  const client = new Client({
    url: config.graphqlUrl,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: realtime.subscribe(
              { query: request.query ?? '', variables: request.variables as Record<string, unknown> | undefined },
              sink,
            ),
          }),
        }),
      }),
    ],
    preferGetMethod: false,
    fetch: async (input, init) => {
      const token = userSub === null ? null : await idToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', token);
      else headers.set('x-api-key', config.apiKey);
      return fetch(input, { ...init, headers });
    },
  });
  return { client, realtime };
}
