/**
 * The urql client: the public catalog goes with the API key while signed out; once signed in, every request
 * carries the user's ID token (AppSync's default Cognito mode), which can also read the catalog.
 * Subscriptions go over AppSync's real-time WebSocket protocol (realtime/appsync-realtime.ts), authorized
 * the same way.
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import type { WebConfig } from './config';
import { AppSyncRealtimeClient, realtimeUrlOf } from './realtime/appsync-realtime';

export interface GraphQLClients {
  readonly client: Client;
  readonly realtime: AppSyncRealtimeClient;
}

/** `userSub` names whose clients these are: one per signed-in user (null signed out), never sharing a cache. */
export function createGraphQLClient(config: WebConfig, idToken: () => Promise<string | null>, userSub: string | null): GraphQLClients {
  const host = new URL(config.graphqlUrl).host;
  const realtime = new AppSyncRealtimeClient({
    url: config.realtimeUrl ?? realtimeUrlOf(config.graphqlUrl),
    auth: async (): Promise<Record<string, string>> => {
      const token = userSub === null ? null : await idToken();
      return token ? { host, Authorization: token } : { host, 'x-api-key': config.apiKey };
    },
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
