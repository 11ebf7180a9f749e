import { describe, expect, it } from 'vitest';
import { canReadOrder, customerEmailOf, orderActorOf } from './order-access';

describe('order access', () => {
  it('lets the owner read the order', () => {
    expect(canReadOrder({ sub: 'a', groups: null }, 'a')).toBe(true);
  });

  it('refuses another shopper', () => {
    expect(canReadOrder({ sub: 'b', groups: ['shoppers'] }, 'a')).toBe(false);
  });

  it('lets staff (group admin) read any order', () => {
    expect(canReadOrder({ sub: 'c', groups: ['admin'] }, 'a')).toBe(true);
  });

  it('takes the email from the ID token claims when Cognito verified it', () => {
    expect(orderActorOf({ sub: 'a', username: 'ana', claims: { email: 'ana@example.mx', email_verified: true } })).toEqual({
      sub: 'a',
      username: 'ana',
      email: 'ana@example.mx',
    });
    expect(orderActorOf({ sub: 'a', username: 'ana', claims: { email: 'ana@example.mx', email_verified: 'true' } }).email).toBe(
      'ana@example.mx',
    );
    expect(orderActorOf({ sub: 'a', username: 'ana', claims: {} })).toEqual({ sub: 'a', username: 'ana' });
  });

  it('never uses an unverified email', () => {
    expect(orderActorOf({ sub: 'a', claims: { email: 'ana@example.mx', email_verified: false } })).toEqual({ sub: 'a' });
    expect(orderActorOf({ sub: 'a', claims: { email: 'ana@example.mx' } })).toEqual({ sub: 'a' });
    expect(customerEmailOf({ sub: 'a', claims: { email: 'x\r\nBcc: y@z.mx', email_verified: false } })).toEqual({ ok: true, email: null });
  });

  it('refuses a verified email that is not a plain address (CR/LF, display names)', () => {
    for (const email of ['ana@example.mx\r\nBcc: spy@evil.test', 'Ana <ana@example.mx>', 'ana@example.mx\n']) {
      expect(customerEmailOf({ sub: 'a', claims: { email, email_verified: true } }).ok).toBe(false);
      expect(orderActorOf({ sub: 'a', claims: { email, email_verified: true } })).toEqual({ sub: 'a' });
    }
  });
});
