/**
 * `extensions`: cache eviction and subscription filters act on AppSync's API cache and real-time
 * infrastructure, which live outside the resolver. Locally each call is recorded on the invocation and
 * reported with the field's resolution (`extensionCalls`), so the server can act on the ones it supports
 * (e.g. evicting its resolver cache) and tests can assert them.
 */
import type { ExtensionCall, InvocationState } from './invocation';

export interface Extensions {
  evictFromApiCache(typeName: string, fieldName: string, keyValuePair: Record<string, unknown>): void;
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(invalidation: { subscriptionField: string; payload: Record<string, unknown> }): void;
}

export function createExtensions(state: () => InvocationState): Extensions {
  const record = (name: ExtensionCall['name'], args: unknown[]) => {
    state().extensionCalls.push({ name, args });
  };
  return {
    evictFromApiCache: (typeName, fieldName, keyValuePair) => record('evictFromApiCache', [typeName, fieldName, keyValuePair]),
    setSubscriptionFilter: (filter) => record('setSubscriptionFilter', [filter]),
    setSubscriptionInvalidationFilter: (filter) => record('setSubscriptionInvalidationFilter', [filter]),
    invalidateSubscriptions: (invalidation) => record('invalidateSubscriptions', [invalidation]),
  };
}
