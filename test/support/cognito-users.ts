/**
 * Real users in the shared cognito-local for tests: each call signs up a fresh email, confirms it with the
 * emailed code (read from cognito-local's store), adds the groups, and logs in — real JWTs, as a shopper
 * or staff member would get them.
 */
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AdminAddUserToGroupCommand, AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { waitUntil } from '../../local/free-port';
import { createAuthClient, type AuthClient } from '../../auth-client/auth-client';
import type { AuthSession } from '../../auth-client/tokens';
import { readConfirmationCode } from '../../local/cognito-local';
import { localCognitoClient } from '../../local/user-pool';

export interface TestUserPool {
  readonly endpoint: string;
  readonly region: string;
  readonly dataDir: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly issuer: string;
}

export interface TestUser {
  readonly email: string;
  readonly password: string;
  readonly session: AuthSession;
  /** The ID token, ready for the `Authorization` header. */
  readonly idToken: string;
  readonly sub: string;
}

export const TEST_PASSWORD = 'Prueba-Segura1';

export function testUserPool(): TestUserPool {
  return {
    endpoint: inject('cognitoEndpoint'),
    region: inject('cognitoRegion'),
    dataDir: inject('cognitoDataDir'),
    userPoolId: inject('userPoolId'),
    clientId: inject('userPoolClientId'),
    issuer: inject('userPoolIssuer'),
  };
}

export function testAuthClient(pool: TestUserPool = testUserPool()): AuthClient {
  return createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId });
}

/** A unique email under the test domain. */
export function uniqueEmail(prefix = 'cliente'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@farmacruz.test`;
}

/**
 * The pending code of a sign-up. cognito-local's pool file can miss a sign-up that raced another one (see
 * readConfirmationCode); any later write makes it save its full state again, so touch the user and re-read.
 */
export async function confirmationCodeOf(email: string, pool: TestUserPool = testUserPool()): Promise<string> {
  let code: string | null = null;
  const admin = localCognitoClient(pool.endpoint, pool.region);
  try {
    await waitUntil(async () => {
      code = readConfirmationCode(pool.dataDir, pool.userPoolId, email);
      if (code) return true;
      await admin.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: pool.userPoolId, Username: email, UserAttributes: [{ Name: 'locale', Value: 'es-MX' }] }),
      );
      return false;
    }, `the confirmation code of ${email}`, 10_000, 50);
  } finally {
    admin.destroy();
  }
  return code!;
}

/**
 * Signs up, confirms and logs in a new user, in `groups` (e.g. ['admin']). Confirming the emailed code makes
 * the email verified in Cognito; cognito-local leaves `email_verified` unset, so it is set here as Cognito
 * would (`emailVerified: false` keeps it unset: the ID token then says `email_verified: false`).
 */
export async function createTestUser(
  options: { readonly groups?: readonly string[]; readonly prefix?: string; readonly emailVerified?: boolean } = {},
): Promise<TestUser> {
  const pool = testUserPool();
  const auth = testAuthClient(pool);
  const email = uniqueEmail(options.prefix);
  await auth.register({ email, password: TEST_PASSWORD });
  await auth.confirm({ email, code: await confirmationCodeOf(email, pool) });
  if (options.groups?.length || options.emailVerified !== false) {
    const admin = localCognitoClient(pool.endpoint, pool.region);
    try {
      if (options.emailVerified !== false) {
        await admin.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: pool.userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
            ],
          }),
        );
      }
      for (const group of options.groups ?? []) {
        await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: email, GroupName: group }));
      }
    } finally {
      admin.destroy();
    }
  }
  const session = await auth.login({ email, password: TEST_PASSWORD });
  return { email, password: TEST_PASSWORD, session, idToken: session.tokens.idToken, sub: session.user.sub };
}
