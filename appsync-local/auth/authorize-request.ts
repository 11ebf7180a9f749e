/**
 * Request-level authentication, as AppSync does it before looking at the query: the caller is an API key
 * caller (`x-api-key`) or a Cognito User Pools caller (`Authorization: <JWT>`, with or without "Bearer ").
 * Bad or missing credentials end the request with HTTP 401 and
 * `{"errors":[{"errorType":"UnauthorizedException","message":...}]}`; field-level rules come later
 * (field-rules.ts).
 *
 * When both headers are sent, the API key decides: AppSync was observed to authorize such requests as API
 * key requests (aws/aws-appsync-community#169, aws-amplify/amplify-js#8545), so a client that always sends
 * its API key cannot read Cognito-only fields, locally or in AWS.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AuthOutcome, RequestAuthenticator } from '../contracts';
import { cognitoIdentityFromClaims, createCognitoTokenVerifier, type TokenRejection, type UserPoolTrust } from './cognito-token';
import { isSigV4Request, verifySigV4, type IamTrust } from './iam-signature';

export interface RequestAuthenticatorOptions {
  /** The API key accepted in `x-api-key`; null when the API has no API key mode. */
  readonly apiKey: string | null;
  /** The user pool trusted for `Authorization` tokens; null when the API has no Cognito mode. */
  readonly userPool: UserPoolTrust | null;
  /** Credentials whose SigV4 signatures make IAM callers (the local backend's); null or absent: no IAM mode. */
  readonly iam?: IamTrust | null;
}

/** Where the request came from, for `ctx.identity.sourceIp`. */
export interface RequestOrigin {
  /** The TCP peer address (req.socket.remoteAddress). Used when no `x-forwarded-for` header is present. */
  readonly remoteAddress?: string;
  /** What a SigV4 signature covers; without it a signed request cannot be checked (refused). */
  readonly signed?: { readonly method: string; readonly path: string; readonly body: string };
}

export interface LocalRequestAuthenticator extends RequestAuthenticator {
  authenticate(headers: Readonly<Record<string, string | undefined>>, origin?: RequestOrigin): Promise<AuthOutcome>;
}

/** AppSync's messages for refused credentials. */
export const UNAUTHORIZED_MESSAGES = {
  missing: 'Valid authorization header not provided.',
  malformed: 'Unable to parse JWT token.',
  expired: 'Token has expired.',
  invalid: 'You are not authorized to make this call.',
} as const satisfies Record<TokenRejection | 'missing', string>;

/** The 401 outcome with AppSync's body. */
export function unauthorizedRequest(message: string): AuthOutcome {
  return { ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message }] } };
}

function header(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sourceIpOf(headers: Readonly<Record<string, string | undefined>>, origin: RequestOrigin | undefined): string[] {
  // The guide (context reference, Identity): the x-forwarded-for addresses, in addition to the TCP peer's.
  const forwarded = (header(headers, 'x-forwarded-for') ?? '').split(',').map((ip) => ip.trim()).filter(Boolean);
  return origin?.remoteAddress ? [...forwarded, origin.remoteAddress] : forwarded;
}

/** The raw JWT of an `Authorization` header value: AppSync takes it bare or after "Bearer ". */
export function tokenFromAuthorization(value: string): string {
  const trimmed = value.trim();
  return /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
}

export function createRequestAuthenticator(options: RequestAuthenticatorOptions): LocalRequestAuthenticator {
  const verify = options.userPool ? createCognitoTokenVerifier(options.userPool) : null;
  return {
    async authenticate(headers, origin) {
      const apiKey = header(headers, 'x-api-key');
      if (apiKey !== undefined && apiKey !== '') {
        if (options.apiKey !== null && sameSecret(apiKey, options.apiKey)) {
          return { ok: true, authType: 'API Key Authorization', identity: null };
        }
        return unauthorizedRequest(UNAUTHORIZED_MESSAGES.invalid);
      }
      if (isSigV4Request(headers)) {
        if (!options.iam || !origin?.signed) return unauthorizedRequest(UNAUTHORIZED_MESSAGES.invalid);
        const verification = await verifySigV4({ ...origin.signed, headers }, options.iam);
        if (!verification.ok) {
          return unauthorizedRequest(
            verification.reason === 'expired' ? 'Signature expired: the request time is too far from the server time.' : 'The request signature we calculated does not match the signature you provided.',
          );
        }
        return { ok: true, authType: 'IAM Authorization', identity: null };
      }
      const authorization = header(headers, 'authorization');
      if (authorization === undefined || authorization.trim() === '' || verify === null) {
        return unauthorizedRequest(UNAUTHORIZED_MESSAGES.missing);
      }
      const verification = await verify(tokenFromAuthorization(authorization));
      if (!verification.ok) return unauthorizedRequest(UNAUTHORIZED_MESSAGES[verification.reason]);
      return {
        ok: true,
        authType: 'User Pool Authorization',
        identity: cognitoIdentityFromClaims(verification.claims, sourceIpOf(headers, origin)),
      };
    },
  };
}
