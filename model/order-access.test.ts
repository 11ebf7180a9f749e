import { describe, expect, it } from 'vitest';
import { canReadOrder, orderActorOf } from './order-access';

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

  it('takes the email from the ID token claims when present', () => {
    expect(orderActorOf({ sub: 'a', username: 'ana', claims: { email: 'ana@example.mx' } })).toEqual({
      sub: 'a',
      username: 'ana',
      email: 'ana@example.mx',
    });
    expect(orderActorOf({ sub: 'a', username: 'ana', claims: {} })).toEqual({ sub: 'a', username: 'ana' });
  });
});
