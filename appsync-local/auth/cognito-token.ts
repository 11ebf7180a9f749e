/**
 * Verifies a Cognito User Pools JWT the way AppSync does before any resolver runs: RS256 signature against the
 * pool's JWKS, issuer, expiry, and token use — AppSync accepts ID tokens (whose `aud` must be the app client)
 * and access tokens (whose `client_id` must be the app client). The verified claims become `ctx.identity`.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { CognitoIdentity } from '../contracts';

export interface UserPoolTrust {
  /** `iss` the tokens must carry, e.g. `http://127.0.0.1:9229/local_abc` or `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly issuer: string;
  /** The app client the tokens must be issued to. */
  readonly clientId: string;
  /** Where the signing keys are; `<issuer>/.well-known/jwks.json` when omitted. */
  readonly jwksUrl?: string;
}

/** Why a token was refused; each maps to one of AppSync's UnauthorizedException messages. */
export type TokenRejection = 'malformed' | 'expired' | 'invalid';

export type TokenVerification =
  | { readonly ok: true; readonly claims: JWTPayload }
  | { readonly ok: false; readonly reason: TokenRejection; readonly detail: string };

export type CognitoTokenVerifier = (token: string) => Promise<TokenVerification>;

/** JWS compact serialization: three base64url segments. Anything else is refused before any key lookup. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function rejected(reason: TokenRejection, detail: string): TokenVerification {
  return { ok: false, reason, detail };
}

/** Checks that the token was issued to our app client, per its kind. */
function clientCheck(claims: JWTPayload, clientId: string): TokenVerification {
  const tokenUse = claims.token_use;
  if (tokenUse === 'id') {
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return audience.includes(clientId) ? { ok: true, claims } : rejected('invalid', 'ID token audience is not the app client');
  }
  if (tokenUse === 'access') {
    return claims.client_id === clientId ? { ok: true, claims } : rejected('invalid', 'access token client_id is not the app client');
  }
  return rejected('invalid', `token_use ${JSON.stringify(tokenUse)} is neither "id" nor "access"`);
}

/**
 * A verifier for one user pool and app client. The JWKS is fetched on first use and cached (refetched when
 * a token names an unknown `kid`, at most every 30 s). A JWKS that cannot be fetched throws: that is an
 * outage, not a bad token.
 */
export function createCognitoTokenVerifier(trust: UserPoolTrust): CognitoTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(trust.jwksUrl ?? `${trust.issuer}/.well-known/jwks.json`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  return async (token) => {
    if (!COMPACT_JWS.test(token)) return rejected('malformed', 'not a JWS compact token');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, jwks, {
        issuer: trust.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return rejected('expired', error.message);
      if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return rejected('malformed', error.message);
      if (
        error instanceof errors.JWSSignatureVerificationFailed ||
        error instanceof errors.JWTClaimValidationFailed ||
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JOSEAlgNotAllowed ||
        error instanceof errors.JOSENotSupported
      ) {
        return rejected('invalid', error.message);
      }
      throw error;
    }
    return clientCheck(claims, trust.clientId);
  };
}

/** `ctx.identity` for a verified token, shaped like AppSync's Cognito User Pools identity. */
export function cognitoIdentityFromClaims(claims: JWTPayload, sourceIp: readonly string[]): CognitoIdentity {
  const username = claims['cognito:username'] ?? claims.username;
  const groups = claims['cognito:groups'];
  return {
    sub: String(claims.sub),
    issuer: String(claims.iss),
    username: typeof username === 'string' ? username : String(claims.sub),
    claims,
    sourceIp,
    defaultAuthStrategy: 'ALLOW',
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : null,
  };
}
