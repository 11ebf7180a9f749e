/**
 * Who may see an order, and who the caller is as far as orders care, from AppSync's Cognito identity
 * (`ctx.identity`: `sub`, `username`, `groups`, `claims`).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { isEmailAddress } from './input-text';
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

/**
 * The email an order is confirmed to, from the token: only an `email` claim that Cognito marks verified
 * (`email_verified` true; ID tokens carry both, as a boolean or the string "true"). Access tokens carry no
 * email (Amplify's default): the order then has no customerEmail and order-email looks the verified address
 * up in the user pool by the owner's sub. An unverified address is never used: confirmations could go to
 * somebody else's mailbox.
 */
export type CustomerEmail = { ok: true; email: string | null } | { ok: false; message: string };

export function customerEmailOf(identity: CallerIdentity): CustomerEmail {
  const claims = identity.claims;
  const email = claims ? claims.email : undefined;
  if (email === undefined || email === null) return { ok: true, email: null };
  const verified = claims ? claims.email_verified : undefined;
  if (verified !== true && verified !== 'true') return { ok: true, email: null };
  if (!isEmailAddress(email)) {
    return { ok: false, message: 'The email address of your account is not a valid address; orders cannot be confirmed to it.' };
  }
  return { ok: true, email: email as string };
}

/** The actor recorded on orders: owner id, username for the status history, verified email from the ID token. */
export function orderActorOf(identity: CallerIdentity): OrderActor {
  const actor: OrderActor = { sub: identity.sub };
  if (identity.username) actor.username = identity.username;
  const email = customerEmailOf(identity);
  if (email.ok && email.email !== null) actor.email = email.email;
  return actor;
}
