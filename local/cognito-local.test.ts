import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { readConfirmationCode, startCognitoLocal, type CognitoLocal } from './cognito-local';
import { localCognitoClient, provisionUserPool, type ProvisionedUserPool } from './user-pool';
import { DEMO_USERS, ensureDemoUsers } from './demo-users';
import { createAuthClient } from '../auth-client/auth-client';
import { decodeJwtPayload } from '../auth-client/tokens';
import { USER_POOL_SETTINGS } from '../auth/user-pool-settings';

/** A cognito-local of its own (not the shared one): these tests restart it. */
describe('local Cognito: start, provision, restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-cognito-test-'));
  let cognito: CognitoLocal;
  let pool: ProvisionedUserPool;

  beforeAll(async () => {
    cognito = await startCognitoLocal({ dataDir });
    pool = await provisionUserPool({ endpoint: cognito.endpoint, dataDir });
  });

  afterAll(async () => {
    await cognito?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the pool, app client and groups of the shared settings', async () => {
    const client = localCognitoClient(pool.endpoint);
    try {
      const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }));
      expect(described.UserPool).toMatchObject({ Name: USER_POOL_SETTINGS.poolName, UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
      expect(described.UserPool?.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 8, RequireUppercase: true, RequireNumbers: true });
      const appClient = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientId: pool.clientId }));
      expect(appClient.UserPoolClient).toMatchObject({
        ClientName: 'farmacruz-web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        IdTokenValidity: 60,
        AccessTokenValidity: 60,
        RefreshTokenValidity: 30,
      });
      const groups = await client.send(new ListGroupsCommand({ UserPoolId: pool.userPoolId }));
      expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['admin']);
    } finally {
      client.destroy();
    }
  });

  it('creates the demo users once, confirmed and in their groups', async () => {
    const first = await ensureDemoUsers(pool);
    expect(first.map((u) => [u.email, u.groups, u.created])).toEqual(DEMO_USERS.map((u) => [u.email, u.groups, true]));
    const again = await ensureDemoUsers(pool);
    expect(again.map((u) => u.created)).toEqual([false, false]);
    expect(again.map((u) => u.username)).toEqual(first.map((u) => u.username));
    const staff = DEMO_USERS.find((u) => u.role === 'staff')!;
    const session = await createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId }).login(staff);
    expect(session.user).toMatchObject({ email: staff.email, groups: ['admin'] });
    expect(decodeJwtPayload(session.tokens.idToken).email_verified).toBe(true);
  });

  it('issues tokens whose issuer is the URL the JWKS is served under', async () => {
    expect(pool.issuer).toBe(`${cognito.endpoint}/${pool.userPoolId}`);
    const session = await createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId }).login(DEMO_USERS[0]!);
    expect(decodeJwtPayload(session.tokens.idToken).iss).toBe(pool.issuer);
    const jwks = (await (await fetch(pool.jwksUrl)).json()) as { keys: { kid: string; alg: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: 'CognitoLocal', alg: 'RS256' })]);
  });

  it('reads a pending confirmation code by email or username, and none once confirmed', async () => {
    const auth = createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId });
    const email = 'nueva@farmacruz.test';
    const { userSub } = await auth.register({ email, password: 'Nueva-Clave1' });
    const code = readConfirmationCode(dataDir, pool.userPoolId, email);
    expect(code).toMatch(/^\d{6}$/);
    expect(readConfirmationCode(dataDir, pool.userPoolId, userSub)).toBe(code);
    await auth.confirm({ email, code: code! });
    expect(readConfirmationCode(dataDir, pool.userPoolId, email)).toBeNull();
    expect(readConfirmationCode(dataDir, pool.userPoolId, 'nadie@farmacruz.test')).toBeNull();
  });

  it('refreshes a session with GetTokensFromRefreshToken, as Amplify 6.15+ does (cognito-local lacks it: the shim answers)', async () => {
    const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
    const session = await createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId }).login(shopper);
    const client = localCognitoClient(pool.endpoint);
    try {
      const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: session.tokens.refreshToken }));
      const result = refreshed.AuthenticationResult!;
      expect(decodeJwtPayload(result.IdToken!)).toMatchObject({ email: shopper.email, iss: pool.issuer, token_use: 'id' });
      expect(decodeJwtPayload(result.AccessToken!)).toMatchObject({ token_use: 'access', client_id: pool.clientId });
      expect(result.ExpiresIn).toBeGreaterThan(0);
      await expect(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: 'not-a-token' }))).rejects.toThrow();
    } finally {
      client.destroy();
    }
  });

  it('keeps pool, client and users across a restart on another port', async () => {
    await cognito.stop();
    cognito = await startCognitoLocal({ dataDir });
    const again = await provisionUserPool({ endpoint: cognito.endpoint, dataDir });
    expect({ userPoolId: again.userPoolId, clientId: again.clientId }).toEqual({ userPoolId: pool.userPoolId, clientId: pool.clientId });
    expect(again.issuer).toBe(`${cognito.endpoint}/${pool.userPoolId}`);
    const shopper = DEMO_USERS.find((u) => u.role === 'shopper')!;
    const session = await createAuthClient({ endpoint: again.endpoint, region: again.region, clientId: again.clientId }).login(shopper);
    expect(decodeJwtPayload(session.tokens.idToken).iss).toBe(again.issuer);
    pool = again;
  });
});
