/**
 * Who may see an order, and who the caller is as far as orders care, from AppSync's Cognito identity
 * (`ctx.identity`: `sub`, `username`, `groups`, `claims`).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { OrderActor } from './order-items';

/** The Cognito group of shop staff. */
export const STAFF_GROUP = 'admin';

/** The parts of AppSync's Cognito identity the order resolvers read. */
export interface CallerIdentity {
  sub: string;
  username?: string;
  groups?: string[] | null;
  claims?: Record<string, unknown>;
}

export function isStaff(identity: CallerIdentity): boolean {
  const groups = identity.groups;
  return Array.isArray(groups) && groups.indexOf(STAFF_GROUP) >= 0;
}

/** Only the shopper who placed an order, or staff, may read it. */
export function canReadOrder(identity: CallerIdentity, ownerId: string): boolean {
  return identity.sub === ownerId || isStaff(identity);
}

/** The actor recorded on orders: owner id, username for the status history, email from the ID token. */
export function orderActorOf(identity: CallerIdentity): OrderActor {
  const actor: OrderActor = { sub: identity.sub };
  if (identity.username) actor.username = identity.username;
  const email = identity.claims ? identity.claims.email : undefined;
  if (typeof email === 'string' && email.length > 0) actor.email = email;
  return actor;
}
