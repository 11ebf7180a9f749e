/**
 * The urql client: the public catalog goes with the API key while signed out; once signed in, every request
 * carries the user's ID token (AppSync's default Cognito mode), which can also read the catalog.
 */
import { Client, cacheExchange, fetchExchange } from 'urql';
import type { WebConfig } from './config';

/** `userSub` names whose client this is: one per signed-in user (null signed out), never sharing a cache. */
export function createGraphQLClient(config: WebConfig, idToken: () => Promise<string | null>, userSub: string | null): Client {
  return new Client({
    url: config.graphqlUrl,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetch: async (input, init) => {
      const token = userSub === null ? null : await idToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', token);
      else headers.set('x-api-key', config.apiKey);
      return fetch(input, { ...init, headers });
    },
  });
}
