/**
 * Checks a password against the pool's policy. Cognito enforces the policy on SignUp; cognito-local does
 * not, so the auth client checks first: the same password is refused locally and in AWS, with the same
 * error, and the web form can say which rule failed before a round trip.
 */
import type { PasswordPolicy } from './user-pool-settings';

export type PasswordRule = 'minimumLength' | 'requireLowercase' | 'requireUppercase' | 'requireDigits' | 'requireSymbols';

/** Cognito's symbol set for password policies (a non-leading, non-trailing space counts too). */
const COGNITO_SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- '.split(''));

/** The rules the password breaks, in policy order; empty when it is acceptable. */
export function passwordPolicyViolations(password: string, policy: PasswordPolicy): PasswordRule[] {
  const chars = [...password];
  const violations: PasswordRule[] = [];
  if (chars.length < policy.minimumLength) violations.push('minimumLength');
  if (policy.requireLowercase && !chars.some((c) => c >= 'a' && c <= 'z')) violations.push('requireLowercase');
  if (policy.requireUppercase && !chars.some((c) => c >= 'A' && c <= 'Z')) violations.push('requireUppercase');
  if (policy.requireDigits && !chars.some((c) => c >= '0' && c <= '9')) violations.push('requireDigits');
  if (policy.requireSymbols && !chars.some((c) => COGNITO_SYMBOLS.has(c))) violations.push('requireSymbols');
  return violations;
}
