/**
 * Typed errors of the auth flows. `code` is stable for the UI to pick its own (Spanish) text; `message` is
 * Cognito's own; `cognitoType` keeps the raw exception name for logs.
 */

export type AuthErrorCode =
  | 'UserExists'
  | 'CodeMismatch'
  | 'ExpiredCode'
  | 'NotAuthorized'
  | 'UserNotConfirmed'
  | 'UserNotFound'
  | 'InvalidPassword'
  | 'InvalidParameter'
  | 'PasswordResetRequired'
  | 'ChallengeRequired'
  | 'CodeDeliveryFailure'
  | 'TooManyRequests'
  | 'Unsupported'
  | 'Network'
  | 'Unknown';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** Cognito's exception name (`__type`), e.g. UsernameExistsException; null when the call never got an answer. */
    readonly cognitoType: string | null = null,
    /** Extra facts, e.g. the password rules broken for InvalidPassword. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const CODES_BY_COGNITO_TYPE: Readonly<Record<string, AuthErrorCode>> = {
  UsernameExistsException: 'UserExists',
  AliasExistsException: 'UserExists',
  CodeMismatchException: 'CodeMismatch',
  ExpiredCodeException: 'ExpiredCode',
  NotAuthorizedException: 'NotAuthorized',
  UserNotConfirmedException: 'UserNotConfirmed',
  UserNotFoundException: 'UserNotFound',
  InvalidPasswordException: 'InvalidPassword',
  InvalidParameterException: 'InvalidParameter',
  PasswordResetRequiredException: 'PasswordResetRequired',
  CodeDeliveryFailureException: 'CodeDeliveryFailure',
  TooManyRequestsException: 'TooManyRequests',
  TooManyFailedAttemptsException: 'TooManyRequests',
  LimitExceededException: 'TooManyRequests',
  // cognito-local's answer for an API it does not implement (e.g. ResendConfirmationCode, GlobalSignOut).
  'CognitoLocal#Unsupported': 'Unsupported',
  UnsupportedOperationException: 'Unsupported',
  UnsupportedTokenTypeException: 'Unsupported',
};

/** The error for a Cognito error response (`__type` may carry a namespace prefix: `ns#Name`). */
export function authErrorFromCognito(cognitoType: string, message: string): AuthError {
  const code = CODES_BY_COGNITO_TYPE[cognitoType] ?? CODES_BY_COGNITO_TYPE[cognitoType.split('#').pop() ?? ''] ?? 'Unknown';
  return new AuthError(code, message || cognitoType, cognitoType);
}
