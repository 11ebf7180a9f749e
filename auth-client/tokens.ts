/**
 * Tokens of a signed-in user and what the UI may read from them. Decoding here does not verify anything:
 * the API verifies every token it receives; the client only reads its own tokens for display and expiry.
 */

export interface AuthTokens {
  /** Send as the `Authorization` header to the GraphQL API. */
  readonly idToken: string;
  readonly accessToken: string;
  /** Long-lived (30 days); exchanges for new ID/access tokens with `refresh`. */
  readonly refreshToken: string;
  /** When the ID token expires (ISO-8601 UTC), from its `exp` claim. */
  readonly expiresAt: string;
}

export interface SessionUser {
  /** Stable user id (Cognito `sub`); orders are owned by it. */
  readonly sub: string;
  /** Cognito username (equal to `sub` in a pool that signs in by email). */
  readonly username: string;
  readonly email: string | null;
  readonly groups: readonly string[];
}

export interface AuthSession {
  readonly tokens: AuthTokens;
  readonly user: SessionUser;
}

/** The payload of a JWT, unverified. Uses only atob/TextDecoder, so it runs in browsers and Node alike. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const segment = token.split('.')[1];
  if (!segment) throw new Error('Not a JWT');
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionUserFromIdToken(idToken: string): SessionUser {
  const claims = decodeJwtPayload(idToken);
  const groups = claims['cognito:groups'];
  return {
    sub: String(claims.sub),
    username: String(claims['cognito:username'] ?? claims.sub),
    email: typeof claims.email === 'string' ? claims.email : null,
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
}

export function expiryOf(token: string): string {
  const exp = decodeJwtPayload(token).exp;
  if (typeof exp !== 'number') throw new Error('Token has no exp claim');
  return new Date(exp * 1000).toISOString();
}
