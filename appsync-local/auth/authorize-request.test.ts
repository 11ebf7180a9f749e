import { beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { SignJWT, generateKeyPair, decodeJwt } from 'jose';
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createRequestAuthenticator, UNAUTHORIZED_MESSAGES, type LocalRequestAuthenticator } from './authorize-request';
import { createAuthClient } from '../../auth-client/auth-client';
import { ensureDemoUsers, DEMO_USERS } from '../../local/demo-users';
import { localCognitoClient } from '../../local/user-pool';
import { createTestUser, testUserPool, TEST_PASSWORD, type TestUser } from '../../test/support/cognito-users';

const API_KEY = 'da2-authorize-request-test-key';

function unauthorized(message: string) {
  return { ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message }] } };
}

/** cognito-local signs every token with this key (shipped in its package); lets a test change one claim at a time. */
function cognitoLocalSigningKey(): KeyObject {
  const require = createRequire(import.meta.url);
  const { pem } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
  return createPrivateKey(pem);
}

async function resign(token: string, changes: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0] = cognitoLocalSigningKey()) {
  const claims = { ...decodeJwt(token), ...changes };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(key);
}

describe('request authentication (AppSync, Cognito User Pools default + API key)', () => {
  const pool = testUserPool();
  let authenticator: LocalRequestAuthenticator;
  let shopper: TestUser;

  beforeAll(async () => {
    authenticator = createRequestAuthenticator({ apiKey: API_KEY, userPool: { issuer: pool.issuer, clientId: pool.clientId } });
    shopper = await createTestUser();
  });

  it('accepts a shopper ID token and gives AppSync’s identity: sub, username, issuer, claims, no groups', async () => {
    const outcome = await authenticator.authenticate({ authorization: shopper.idToken }, { remoteAddress: '127.0.0.1' });
    expect(outcome).toEqual({
      ok: true,
      authType: 'User Pool Authorization',
      identity: {
        sub: shopper.sub,
        issuer: pool.issuer,
        username: shopper.session.user.username,
        claims: expect.objectContaining({ email: shopper.email, token_use: 'id', aud: pool.clientId }),
        sourceIp: ['127.0.0.1'],
        defaultAuthStrategy: 'ALLOW',
        groups: null,
      },
    });
  });

  it('accepts the token after "Bearer " too', async () => {
    const outcome = await authenticator.authenticate({ authorization: `Bearer ${shopper.idToken}` });
    expect(outcome.ok && outcome.identity?.sub).toBe(shopper.sub);
  });

  it('accepts an access token, taking the username from its username claim', async () => {
    const outcome = await authenticator.authenticate({ authorization: shopper.session.tokens.accessToken });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.identity).toMatchObject({ sub: shopper.sub, username: shopper.session.user.username });
    expect(outcome.identity?.claims.token_use).toBe('access');
  });

  it('accepts the new ID token a refresh gives', async () => {
    const refreshed = await createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId }).refresh(
      shopper.session.tokens.refreshToken,
    );
    const outcome = await authenticator.authenticate({ authorization: refreshed.tokens.idToken });
    expect(outcome.ok && outcome.identity?.sub).toBe(shopper.sub);
  });

  it('gives the staff demo user the groups ["admin"]', async () => {
    await ensureDemoUsers({ ...pool, jwksUrl: `${pool.issuer}/.well-known/jwks.json` });
    const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
    const session = await createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId }).login(staff);
    const outcome = await authenticator.authenticate({ authorization: session.tokens.idToken });
    expect(outcome.ok && outcome.identity?.groups).toEqual(['admin']);
  });

  it('lists the x-forwarded-for addresses and then the connection’s (resolver-context-reference-js › Identity)', async () => {
    const outcome = await authenticator.authenticate(
      { authorization: shopper.idToken, 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
      { remoteAddress: '127.0.0.1' },
    );
    expect(outcome.ok && outcome.identity?.sourceIp).toEqual(['203.0.113.7', '10.0.0.1', '127.0.0.1']);
  });

  it('accepts the API key as an API key caller without identity', async () => {
    expect(await authenticator.authenticate({ 'x-api-key': API_KEY })).toEqual({
      ok: true,
      authType: 'API Key Authorization',
      identity: null,
    });
  });

  it('lets the API key decide when both headers are sent', async () => {
    const outcome = await authenticator.authenticate({ 'x-api-key': API_KEY, authorization: shopper.idToken });
    expect(outcome).toMatchObject({ ok: true, authType: 'API Key Authorization', identity: null });
  });

  it('refuses a wrong API key with 401', async () => {
    expect(await authenticator.authenticate({ 'x-api-key': 'da2-wrong' })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
  });

  it('refuses a request without credentials with 401', async () => {
    expect(await authenticator.authenticate({})).toEqual(unauthorized('Valid authorization header not provided.'));
    expect(await authenticator.authenticate({ authorization: '  ' })).toEqual(unauthorized('Valid authorization header not provided.'));
  });

  it('refuses a garbage Authorization header with 401 "Unable to parse JWT token."', async () => {
    expect(await authenticator.authenticate({ authorization: 'not-a-jwt' })).toEqual(unauthorized('Unable to parse JWT token.'));
    expect(await authenticator.authenticate({ authorization: 'Bearer' })).toEqual(unauthorized('Unable to parse JWT token.'));
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await resign(shopper.idToken, {}, privateKey);
    expect(await authenticator.authenticate({ authorization: forged })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = shopper.idToken.split('.');
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(shopper.idToken), 'cognito:groups': ['admin'] })).toString('base64url');
    const tampered = `${header}.${payload}.${signature}`;
    expect(await authenticator.authenticate({ authorization: tampered })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
  });

  it('refuses an expired token with 401 "Token has expired."', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await resign(shopper.idToken, { iat: now - 7200, exp: now - 3600 });
    expect(await authenticator.authenticate({ authorization: expired })).toEqual(unauthorized('Token has expired.'));
  });

  it('refuses a token from another issuer', async () => {
    const otherIssuer = await resign(shopper.idToken, { iss: `${pool.endpoint}/local_otherpool` });
    expect(await authenticator.authenticate({ authorization: otherIssuer })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
  });

  it('refuses a token with an unknown token_use', async () => {
    const odd = await resign(shopper.idToken, { token_use: 'refresh' });
    expect(await authenticator.authenticate({ authorization: odd })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
  });

  describe('tokens of another app client of the same pool', () => {
    let other: { idToken: string; accessToken: string };

    beforeAll(async () => {
      const admin = localCognitoClient(pool.endpoint, pool.region);
      const created = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'otra-app' }));
      admin.destroy();
      const session = await createAuthClient({
        endpoint: pool.endpoint,
        region: pool.region,
        clientId: created.UserPoolClient!.ClientId!,
      }).login({ email: shopper.email, password: TEST_PASSWORD });
      other = session.tokens;
    });

    it('refuses an ID token whose aud is the other client', async () => {
      expect(await authenticator.authenticate({ authorization: other.idToken })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
    });

    it('refuses an access token whose client_id is the other client', async () => {
      expect(await authenticator.authenticate({ authorization: other.accessToken })).toEqual(unauthorized(UNAUTHORIZED_MESSAGES.invalid));
    });
  });

  it('refuses every token when the API has no Cognito mode', async () => {
    const apiKeyOnly = createRequestAuthenticator({ apiKey: API_KEY, userPool: null });
    expect(await apiKeyOnly.authenticate({ authorization: shopper.idToken })).toEqual(unauthorized('Valid authorization header not provided.'));
  });
});
