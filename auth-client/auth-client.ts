/**
 * Auth flows for shoppers and staff against a Cognito user pool, by endpoint, region and app client id
 * only: register → confirm (emailed code) → login → refresh → logout. No Node-only modules: the web app
 * uses this module as is.
 *
 * Local differences (cognito-local 5.3.0), handled so callers see the same behaviour as with AWS:
 *  - cognito-local does not enforce the password policy: `register` checks it first (same policy, same
 *    InvalidPassword error as Cognito would give).
 *  - cognito-local answers a wrong password with InvalidPasswordException; Cognito says NotAuthorized.
 *    `login` reports NotAuthorized for both.
 *  - cognito-local has no ResendConfirmationCode: `resendCode` fails with code Unsupported there; the first
 *    code stays valid and is printed by `npm start` (and readable with local/cognito-local readConfirmationCode).
 *  - ForgotPassword/ConfirmForgotPassword work in both; cognito-local sends no email: the reset code is printed
 *    in the `npm start` console ("ForgotPassword" box) and kept in its user store (readConfirmationCode).
 *  - `logout` revokes the refresh token (RevokeToken, supported by both). ID/access tokens already issued stay
 *    valid until they expire (AppSync does not check revocation), so the caller must forget them too.
 */
import { passwordPolicyViolations } from '../auth/password-policy';
import { USER_POOL_SETTINGS, type PasswordPolicy } from '../auth/user-pool-settings';
import { AuthError } from './auth-errors';
import { PRIVACY_CONSENT_ATTRIBUTE, privacyConsentValue, type PrivacyConsent } from '../auth/privacy-notice';
import { callCognito, type CognitoEndpointConfig } from './cognito-api';
import { expiryOf, sessionUserFromIdToken, type AuthSession } from './tokens';

export interface AuthClientConfig extends CognitoEndpointConfig {
  /** The user pool's app client id (public; no secret). */
  readonly clientId: string;
  /** Checked before SignUp; defaults to the pool's policy from auth/user-pool-settings. Null skips the check. */
  readonly passwordPolicy?: PasswordPolicy | null;
}

export interface RegisterInput {
  readonly email: string;
  readonly password: string;
  /** Shown in greetings and order emails. */
  readonly name?: string;
  /** The aviso de privacidad accepted, recorded on the user (auth/privacy-notice.ts). */
  readonly privacyConsent?: PrivacyConsent;
}

/** The signed-in user's own attributes (GetUser), by name: email, name, custom:privacy_consent… */
export type UserAttributes = Readonly<Record<string, string>>;

export interface CodeDelivery {
  /** Masked destination, e.g. c***@f***.test (real Cognito) or the address (local). */
  readonly destination: string | null;
  readonly medium: 'EMAIL' | 'SMS' | null;
}

export interface Registration {
  /** The new user's `sub`. */
  readonly userSub: string;
  /** False until the emailed code is confirmed. */
  readonly confirmed: boolean;
  readonly codeDelivery: CodeDelivery | null;
}

export interface AuthClient {
  register(input: RegisterInput): Promise<Registration>;
  confirm(input: { readonly email: string; readonly code: string }): Promise<void>;
  resendCode(input: { readonly email: string }): Promise<CodeDelivery | null>;
  login(input: { readonly email: string; readonly password: string }): Promise<AuthSession>;
  /** New ID and access tokens for a refresh token; the refresh token itself is kept. */
  refresh(refreshToken: string): Promise<AuthSession>;
  /** Revokes the refresh token. Resolves also when it was already revoked or unknown. */
  logout(refreshToken: string): Promise<void>;
  /** Emails a code to reset a forgotten password (real Cognito; cognito-local prints it, see below). */
  forgotPassword(input: { readonly email: string }): Promise<CodeDelivery | null>;
  /** Sets the new password with the emailed code (checked against the pool's policy first). */
  confirmForgotPassword(input: { readonly email: string; readonly code: string; readonly password: string }): Promise<void>;
  /** The user's attributes, with their access token. */
  getUserAttributes(accessToken: string): Promise<UserAttributes>;
  /** Changes some of the user's own attributes (e.g. name), with their access token. */
  updateUserAttributes(accessToken: string, attributes: Readonly<Record<string, string>>): Promise<void>;
}

interface CodeDeliveryDetails {
  Destination?: string;
  DeliveryMedium?: string;
}

interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
}

interface InitiateAuthResponse {
  ChallengeName?: string;
  AuthenticationResult?: AuthenticationResult;
}

function delivery(details: CodeDeliveryDetails | undefined): CodeDelivery | null {
  if (!details) return null;
  const medium = details.DeliveryMedium === 'EMAIL' || details.DeliveryMedium === 'SMS' ? details.DeliveryMedium : null;
  return { destination: details.Destination ?? null, medium };
}

function sessionFrom(response: InitiateAuthResponse, previousRefreshToken: string | null): AuthSession {
  if (response.ChallengeName) {
    throw new AuthError('ChallengeRequired', `Cognito asks for the ${response.ChallengeName} challenge, which this client does not handle`, null, {
      challenge: response.ChallengeName,
    });
  }
  const result = response.AuthenticationResult;
  const refreshToken = result?.RefreshToken ?? previousRefreshToken;
  if (!result?.IdToken || !result.AccessToken || !refreshToken) {
    throw new AuthError('Unknown', 'Cognito returned no tokens');
  }
  return {
    tokens: { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken, expiresAt: expiryOf(result.IdToken) },
    user: sessionUserFromIdToken(result.IdToken),
  };
}

export function createAuthClient(config: AuthClientConfig): AuthClient {
  const policy = config.passwordPolicy === undefined ? USER_POOL_SETTINGS.passwordPolicy : config.passwordPolicy;
  const clientId = config.clientId;

  return {
    async register({ email, password, name, privacyConsent }) {
      if (policy) {
        const broken = passwordPolicyViolations(password, policy);
        if (broken.length > 0) {
          throw new AuthError('InvalidPassword', `Password does not conform to policy: ${broken.join(', ')}`, null, { broken });
        }
      }
      const attributes = [
        { Name: 'email', Value: email },
        ...(name ? [{ Name: 'name', Value: name }] : []),
        ...(privacyConsent ? [{ Name: PRIVACY_CONSENT_ATTRIBUTE, Value: privacyConsentValue(privacyConsent) }] : []),
      ];
      const response = await callCognito<{ UserSub: string; UserConfirmed: boolean; CodeDeliveryDetails?: CodeDeliveryDetails }>(
        config,
        'SignUp',
        { ClientId: clientId, Username: email, Password: password, UserAttributes: attributes },
      );
      return { userSub: response.UserSub, confirmed: response.UserConfirmed, codeDelivery: delivery(response.CodeDeliveryDetails) };
    },

    async confirm({ email, code }) {
      await callCognito(config, 'ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
    },

    async resendCode({ email }) {
      const response = await callCognito<{ CodeDeliveryDetails?: CodeDeliveryDetails }>(config, 'ResendConfirmationCode', {
        ClientId: clientId,
        Username: email,
      });
      return delivery(response.CodeDeliveryDetails);
    },

    async login({ email, password }) {
      try {
        const response = await callCognito<InitiateAuthResponse>(config, 'InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        });
        return sessionFrom(response, null);
      } catch (error) {
        // A wrong password is NotAuthorized in Cognito; cognito-local calls it InvalidPasswordException.
        if (error instanceof AuthError && error.code === 'InvalidPassword') {
          throw new AuthError('NotAuthorized', 'Incorrect username or password.', error.cognitoType);
        }
        throw error;
      }
    },

    async refresh(refreshToken) {
      const response = await callCognito<InitiateAuthResponse>(config, 'InitiateAuth', {
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      });
      return sessionFrom(response, refreshToken);
    },

    async forgotPassword({ email }) {
      const response = await callCognito<{ CodeDeliveryDetails?: CodeDeliveryDetails }>(config, 'ForgotPassword', { ClientId: clientId, Username: email });
      return delivery(response.CodeDeliveryDetails);
    },

    async confirmForgotPassword({ email, code, password }) {
      if (policy) {
        const broken = passwordPolicyViolations(password, policy);
        if (broken.length > 0) {
          throw new AuthError('InvalidPassword', `Password does not conform to policy: ${broken.join(', ')}`, null, { broken });
        }
      }
      await callCognito(config, 'ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: code, Password: password });
    },

    async getUserAttributes(accessToken) {
      const response = await callCognito<{ UserAttributes?: { Name: string; Value?: string }[] }>(config, 'GetUser', { AccessToken: accessToken });
      const attributes: Record<string, string> = {};
      for (const attribute of response.UserAttributes ?? []) attributes[attribute.Name] = attribute.Value ?? '';
      return attributes;
    },

    async updateUserAttributes(accessToken, attributes) {
      await callCognito(config, 'UpdateUserAttributes', {
        AccessToken: accessToken,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      });
    },

    async logout(refreshToken) {
      try {
        await callCognito(config, 'RevokeToken', { ClientId: clientId, Token: refreshToken });
      } catch (error) {
        if (error instanceof AuthError && error.code === 'NotAuthorized') return;
        throw error;
      }
    },
  };
}
