/** The page's real-time client, for components that must refetch what they missed while disconnected. */
import { createContext, useContext, useEffect, useEffectEvent, type ReactNode } from 'react';
import type { RealtimeConnection } from '../graphql-client';

const RealtimeContext = createContext<RealtimeConnection | null>(null);

export function RealtimeProvider({ client, children }: { client: RealtimeConnection; children: ReactNode }) {
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

/**
 * Calls `onResync` each time the page may have missed a change: a dropped real-time connection is back (its
 * subscriptions running again), or the server ended a subscription.
 */
export function useRealtimeResync(onResync: () => void): void {
  const client = useContext(RealtimeContext);
  // The page's latest callback, without subscribing again each render.
  const resync = useEffectEvent(onResync);
  useEffect(() => (client ? client.onResync(() => resync()) : undefined), [client]);
}
