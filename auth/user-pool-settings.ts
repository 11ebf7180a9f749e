/**
 * The one definition of the Cognito user pool: read by the CDK stack (infra) and by the local stack
 * (local/user-pool.ts provisions cognito-local from it). Plain data, no AWS imports, so the web app may
 * read it too (e.g. to show the password rules next to the form).
 */

export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireDigits: boolean;
  readonly requireSymbols: boolean;
  /** Validity of passwords set by an administrator (AdminCreateUser), in days. */
  readonly temporaryPasswordValidityDays: number;
}

export type AppClientAuthFlow = 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH';

export interface AppClientSettings {
  readonly name: string;
  /** Flows the client may use. No SRP: cognito-local does not speak it, and TLS protects the password in AWS. */
  readonly authFlows: readonly AppClientAuthFlow[];
  /** Browser clients cannot keep a secret. */
  readonly generateSecret: false;
  /** "Incorrect username or password" instead of "user does not exist" on sign-in. */
  readonly preventUserExistenceErrors: boolean;
  /** Lets logout revoke the refresh token (RevokeToken). */
  readonly enableTokenRevocation: boolean;
  readonly tokenValidity: {
    readonly idTokenMinutes: number;
    readonly accessTokenMinutes: number;
    readonly refreshTokenDays: number;
  };
}

/** What Cognito emails users, in Spanish. `{####}` is the code, `{username}` the user name (invitations). */
export interface UserPoolMessages {
  /** Sign-up confirmation and password reset (Cognito uses this one message for both). */
  readonly verificationSubject: string;
  readonly verificationBody: string;
  /** Accounts created by staff (AdminCreateUser). */
  readonly invitationSubject: string;
  readonly invitationBody: string;
}

export interface UserGroupSettings {
  readonly name: string;
  readonly description: string;
}

export interface UserPoolSettings {
  readonly poolName: string;
  /** Users sign in with their email address; Cognito's username becomes the user's `sub`. */
  readonly usernameAttributes: readonly ['email'];
  /** Cognito sends a confirmation code to the email on sign-up. */
  readonly autoVerifiedAttributes: readonly ['email'];
  readonly passwordPolicy: PasswordPolicy;
  readonly appClient: AppClientSettings;
  readonly groups: readonly UserGroupSettings[];
  readonly messages: UserPoolMessages;
}

/** Staff: catalog sync and order administration. Named in the schema's `cognito_groups`. */
export const ADMIN_GROUP = 'admin';

export const USER_POOL_SETTINGS: UserPoolSettings = {
  poolName: 'farmacruz-users',
  usernameAttributes: ['email'],
  autoVerifiedAttributes: ['email'],
  passwordPolicy: {
    minimumLength: 8,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: false,
    temporaryPasswordValidityDays: 7,
  },
  appClient: {
    name: 'farmacruz-web',
    authFlows: ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'],
    generateSecret: false,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    tokenValidity: { idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenDays: 30 },
  },
  groups: [{ name: ADMIN_GROUP, description: 'Personal de la farmacia: catálogo y pedidos' }],
  messages: {
    verificationSubject: 'Tu código de FarmaCruz',
    verificationBody:
      'Hola:\n\nTu código de verificación de FarmaCruz es {####}\n\nÚsalo para confirmar tu correo o para cambiar tu contraseña. ' +
      'Si no lo pediste, ignora este mensaje.',
    invitationSubject: 'Tu cuenta de FarmaCruz',
    invitationBody: 'Hola:\n\nSe creó tu cuenta de FarmaCruz. Usuario: {username}\nContraseña temporal: {####}\n\nCámbiala al iniciar sesión.',
  },
};
