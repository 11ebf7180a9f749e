/**
 * Who an order email goes to. Only ever a verified address:
 *  - the order's customerEmail, which createOrder stores only from a verified `email` claim of an ID token
 *    (model/order-access.ts), when it is a plain address;
 *  - otherwise (orders placed with an access token, Amplify's default, carry no email claim; or the claim was
 *    not verified then) the owner's current email in the user pool, looked up by the owner's `sub` with
 *    AdminGetUser, used only when Cognito says it is verified.
 * No address (no pool configured, user gone, email unverified) means no email: the outcome says why.
 */
import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { isEmailAddress } from '../../model/input-text';
import type { OrderEvent } from '../../model/order-events';

export type Recipient =
  | { readonly to: string; readonly source: 'order' | 'user-pool' }
  | { readonly to: null; readonly reason: string };

export interface UserPoolAccount {
  readonly email?: string;
  /** The `email_verified` attribute as stored ("true"/"false"), absent when never set. */
  readonly emailVerified?: string;
  readonly status?: string;
}

/**
 * Whether the pool's email of a user is proven to be theirs. `email_verified` "true" says so. A CONFIRMED
 * user without the attribute confirmed their sign-up with a code sent to that email (this pool signs in by
 * email and verifies by email): Cognito then sets the attribute itself, cognito-local does not. "false"
 * (an email changed and not yet verified) is never used.
 */
export function isVerifiedAccountEmail(account: UserPoolAccount): boolean {
  if (!isEmailAddress(account.email)) return false;
  if (account.emailVerified === 'true') return true;
  return account.emailVerified === undefined && account.status === 'CONFIRMED';
}

export async function lookUpAccount(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  sub: string,
): Promise<UserPoolAccount | null> {
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: sub }));
    const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
    const email = attribute('email');
    const emailVerified = attribute('email_verified');
    return {
      ...(email !== undefined ? { email } : {}),
      ...(emailVerified !== undefined ? { emailVerified } : {}),
      ...(user.UserStatus ? { status: user.UserStatus } : {}),
    };
  } catch (error) {
    // cognito-local answers UserNotFoundException as a plain error with that name.
    if (error instanceof UserNotFoundException || (error as Error).name === 'UserNotFoundException') return null;
    throw error;
  }
}

export async function resolveRecipient(
  event: OrderEvent,
  userPool: { readonly cognito: CognitoIdentityProviderClient; readonly userPoolId: string } | null,
): Promise<Recipient> {
  const stored = event.order.customerEmail;
  if (isEmailAddress(stored)) return { to: stored as string, source: 'order' };
  if (!userPool) return { to: null, reason: 'the order has no email address and no user pool is configured' };
  const account = await lookUpAccount(userPool.cognito, userPool.userPoolId, event.order.ownerId);
  if (!account) return { to: null, reason: 'the customer is no longer in the user pool' };
  if (!isVerifiedAccountEmail(account)) return { to: null, reason: 'the customer has no verified email address' };
  return { to: account.email as string, source: 'user-pool' };
}
