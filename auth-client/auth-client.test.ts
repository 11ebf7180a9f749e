import { describe, expect, it } from 'vitest';
import { createAuthClient } from './auth-client';
import { AuthError, type AuthErrorCode } from './auth-errors';
import { cognitoEndpoint } from './cognito-api';
import { decodeJwtPayload } from './tokens';
import { confirmationCodeOf, createTestUser, testUserPool, TEST_PASSWORD, uniqueEmail } from '../test/support/cognito-users';

const pool = testUserPool();
const auth = createAuthClient({ endpoint: pool.endpoint, region: pool.region, clientId: pool.clientId });

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail');
}

async function expectCode(promise: Promise<unknown>, code: AuthErrorCode) {
  expect((await failure(promise)).code).toBe(code);
}

describe('auth client against the local Cognito', () => {
  it('registers an unconfirmed user and has the code sent to the email', async () => {
    const email = uniqueEmail();
    const registration = await auth.register({ email, password: TEST_PASSWORD, name: 'Ana Pérez' });
    expect(registration.confirmed).toBe(false);
    expect(registration.userSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(registration.codeDelivery).toEqual({ destination: email, medium: 'EMAIL' });
    expect(await confirmationCodeOf(email)).toMatch(/^\d{6}$/);
  });

  it('logs in a confirmed user: tokens for that user, ID token valid for the pool’s 60 minutes', async () => {
    const email = uniqueEmail();
    const { userSub } = await auth.register({ email, password: TEST_PASSWORD });
    await auth.confirm({ email, code: await confirmationCodeOf(email) });
    const session = await auth.login({ email, password: TEST_PASSWORD });
    expect(session.user).toEqual({ sub: userSub, username: userSub, email, groups: [] });
    const claims = decodeJwtPayload(session.tokens.idToken);
    expect(claims).toMatchObject({ iss: pool.issuer, aud: pool.clientId, token_use: 'id', sub: userSub });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60 * 60);
    expect(session.tokens.expiresAt).toBe(new Date(Number(claims.exp) * 1000).toISOString());
    expect(decodeJwtPayload(session.tokens.accessToken)).toMatchObject({ token_use: 'access', client_id: pool.clientId });
  });

  it('refuses to register an email twice (UserExists)', async () => {
    const email = uniqueEmail();
    await auth.register({ email, password: TEST_PASSWORD });
    await expectCode(auth.register({ email, password: TEST_PASSWORD }), 'UserExists');
  });

  it('refuses a password that breaks the pool policy (InvalidPassword), naming the rules', async () => {
    const error = await failure(auth.register({ email: uniqueEmail(), password: 'corta1' }));
    expect(error.code).toBe('InvalidPassword');
    expect(error.details.broken).toEqual(['minimumLength', 'requireUppercase']);
  });

  it('refuses a wrong confirmation code (CodeMismatch) and keeps the right one valid', async () => {
    const email = uniqueEmail();
    await auth.register({ email, password: TEST_PASSWORD });
    const code = await confirmationCodeOf(email);
    const wrong = code === '000000' ? '111111' : '000000';
    await expectCode(auth.confirm({ email, code: wrong }), 'CodeMismatch');
    await auth.confirm({ email, code });
    expect((await auth.login({ email, password: TEST_PASSWORD })).user.email).toBe(email);
  });

  it('refuses to log in before the email is confirmed (UserNotConfirmed)', async () => {
    const email = uniqueEmail();
    await auth.register({ email, password: TEST_PASSWORD });
    await expectCode(auth.login({ email, password: TEST_PASSWORD }), 'UserNotConfirmed');
  });

  it('refuses a wrong password and an unknown email alike (NotAuthorized)', async () => {
    const user = await createTestUser();
    await expectCode(auth.login({ email: user.email, password: 'Otra-Clave9' }), 'NotAuthorized');
    await expectCode(auth.login({ email: uniqueEmail('nadie'), password: TEST_PASSWORD }), 'NotAuthorized');
  });

  it('refreshes: new ID token for the same user, same refresh token', async () => {
    const user = await createTestUser();
    const refreshed = await auth.refresh(user.session.tokens.refreshToken);
    expect(refreshed.user.sub).toBe(user.sub);
    expect(refreshed.tokens.idToken).not.toBe(user.session.tokens.idToken);
    expect(refreshed.tokens.refreshToken).toBe(user.session.tokens.refreshToken);
  });

  it('carries the staff group in the tokens', async () => {
    const staff = await createTestUser({ groups: ['admin'], prefix: 'personal' });
    expect(staff.session.user.groups).toEqual(['admin']);
  });

  it('logs out by revoking the refresh token: it no longer refreshes', async () => {
    const user = await createTestUser();
    await auth.logout(user.session.tokens.refreshToken);
    await expectCode(auth.refresh(user.session.tokens.refreshToken), 'NotAuthorized');
    await expect(auth.logout(user.session.tokens.refreshToken)).resolves.toBeUndefined();
  });

  it('reports resending a code as Unsupported on cognito-local (it lacks ResendConfirmationCode)', async () => {
    const email = uniqueEmail();
    await auth.register({ email, password: TEST_PASSWORD });
    await expectCode(auth.resendCode({ email }), 'Unsupported');
  });

  it('reports an unreachable Cognito as a Network error', async () => {
    const offline = createAuthClient({ endpoint: 'http://127.0.0.1:1', region: pool.region, clientId: pool.clientId });
    await expectCode(offline.login({ email: uniqueEmail(), password: TEST_PASSWORD }), 'Network');
  });
});

describe('Cognito endpoint', () => {
  it('is the regional AWS endpoint unless overridden', () => {
    expect(cognitoEndpoint({ region: 'us-east-2' })).toBe('https://cognito-idp.us-east-2.amazonaws.com/');
    expect(cognitoEndpoint({ region: 'us-east-2', endpoint: 'http://127.0.0.1:9229' })).toBe('http://127.0.0.1:9229');
  });
});
