/**
 * The Cognito Identity Provider JSON API over plain fetch. The flows here (SignUp, ConfirmSignUp,
 * InitiateAuth, RevokeToken...) are public: they take the app client id, not AWS credentials, so no SigV4
 * signing and no AWS SDK are needed — the browser bundle stays a few kilobytes instead of the SDK's client
 * stack. The same calls reach real Cognito (`https://cognito-idp.<region>.amazonaws.com/`) or a local one.
 */
import { AuthError, authErrorFromCognito } from './auth-errors';

export interface CognitoEndpointConfig {
  readonly region: string;
  /** Overrides the regional AWS endpoint, e.g. http://127.0.0.1:9229 for the local stack. */
  readonly endpoint?: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export function cognitoEndpoint(config: CognitoEndpointConfig): string {
  return config.endpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
}

/** Calls one `AWSCognitoIdentityProviderService.<operation>`; Cognito's error answers become AuthErrors. */
export async function callCognito<T>(config: CognitoEndpointConfig, operation: string, input: object): Promise<T> {
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(cognitoEndpoint(config), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    });
  } catch (error) {
    throw new AuthError('Network', `Cognito is unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    if (response.ok) throw new AuthError('Unknown', `Cognito ${operation} answered with a body that is not JSON`);
  }
  if (!response.ok) {
    const type = String(body.__type ?? response.headers.get('x-amzn-errortype')?.split(':')[0] ?? `HTTP${response.status}`);
    const message = String(body.message ?? body.Message ?? '');
    throw authErrorFromCognito(type, message);
  }
  return body as T;
}
