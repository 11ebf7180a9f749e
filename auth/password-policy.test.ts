import { describe, expect, it } from 'vitest';
import { passwordPolicyViolations } from './password-policy';
import { USER_POOL_SETTINGS, type PasswordPolicy } from './user-pool-settings';

describe('password policy', () => {
  const policy = USER_POOL_SETTINGS.passwordPolicy;

  it('accepts a password meeting every rule of the pool', () => {
    expect(passwordPolicyViolations('Farmacia2024', policy)).toEqual([]);
  });

  it('names each rule a password breaks', () => {
    expect(passwordPolicyViolations('abc', policy)).toEqual(['minimumLength', 'requireUppercase', 'requireDigits']);
    expect(passwordPolicyViolations('SOLOMAYUSCULAS1', policy)).toEqual(['requireLowercase']);
  });

  it('counts Cognito’s symbols when the policy requires one', () => {
    const strict: PasswordPolicy = { ...policy, requireSymbols: true };
    expect(passwordPolicyViolations('Farmacia2024', strict)).toEqual(['requireSymbols']);
    expect(passwordPolicyViolations('Farmacia-2024', strict)).toEqual([]);
  });
});
