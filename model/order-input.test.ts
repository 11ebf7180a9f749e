import { describe, expect, it } from 'vitest';
import { checkCreateOrderInput, duplicateProductIds, type CreateOrderInput } from './order-input';

const address = {
  recipientName: 'María José Pérez',
  line1: 'Av. Juárez 123, Col. Centro',
  city: 'Veracruz',
  state: 'Veracruz',
  postalCode: '91700',
  country: 'MX',
};

function input(overrides: Partial<CreateOrderInput> = {}): CreateOrderInput {
  return {
    items: [
      { productId: '01J9ZQ8Y4N6W3G7V5K2H1M0P9R', quantity: 2 },
      { productId: '01J9ZQ8Y4N6W3G7V5K2H1M0P9S', quantity: 1 },
    ],
    shippingAddress: address,
    clientToken: 'checkout-7f3a9c1e',
    ...overrides,
  };
}

/** `count` copies of `text` (String.repeat is outside the APPSYNC_JS subset this folder is linted for). */
function repeated(text: string, count: number): string {
  return new Array(count + 1).join(text);
}

function lines(count: number) {
  return new Array(count).fill(0).map((_, i) => ({ productId: `P${i}`, quantity: 1 }));
}

function problemOf(value: CreateOrderInput) {
  const check = checkCreateOrderInput(value);
  if (check.ok) throw new Error('expected a problem');
  return check.problem;
}

describe('createOrder input', () => {
  it('accepts a valid cart and keeps its items and token', () => {
    const check = checkCreateOrderInput(input());
    expect(check).toEqual({ ok: true, request: { items: input().items, shippingAddress: address, clientToken: 'checkout-7f3a9c1e', paymentMethod: 'CARD' } });
  });

  it('refuses an empty cart', () => {
    expect(problemOf(input({ items: [] })).errorInfo).toEqual({ field: 'items' });
  });

  it('refuses more than 50 lines', () => {
    expect(problemOf(input({ items: lines(51) })).errorInfo).toEqual({ field: 'items' });
  });

  it('accepts exactly 50 lines', () => {
    expect(checkCreateOrderInput(input({ items: lines(50) })).ok).toBe(true);
  });

  it.each([0, -1, 101, 1.5])('refuses quantity %s and names the line', (quantity) => {
    const items = [{ productId: 'A', quantity: 1 }, { productId: 'B', quantity }];
    expect(problemOf(input({ items })).errorInfo).toEqual({ field: 'items[1].quantity' });
  });

  it('accepts quantities 1 and 100', () => {
    const items = [{ productId: 'A', quantity: 1 }, { productId: 'B', quantity: 100 }];
    expect(checkCreateOrderInput(input({ items })).ok).toBe(true);
  });

  it('refuses an empty or oversized product id', () => {
    expect(problemOf(input({ items: [{ productId: ' ', quantity: 1 }] })).errorInfo).toEqual({ field: 'items[0].productId' });
    expect(problemOf(input({ items: [{ productId: repeated('x', 65), quantity: 1 }] })).errorInfo).toEqual({
      field: 'items[0].productId',
    });
  });

  it('refuses a product listed twice and says which one', () => {
    const items = [
      { productId: 'A', quantity: 1 },
      { productId: 'B', quantity: 1 },
      { productId: 'A', quantity: 3 },
    ];
    const problem = problemOf(input({ items }));
    expect(problem.errorInfo).toEqual({ field: 'items', productIds: ['A'] });
    expect(problem.message).toContain('only once');
  });

  it.each(['recipientName', 'line1', 'city', 'state', 'postalCode', 'country'] as const)(
    'requires shippingAddress.%s',
    (field) => {
      const { [field]: _dropped, ...rest } = address;
      const value = input({ shippingAddress: rest as CreateOrderInput['shippingAddress'] });
      expect(problemOf(value).errorInfo).toEqual({ field: `shippingAddress.${field}` });
    },
  );

  it('treats a blank required field as missing', () => {
    expect(problemOf(input({ shippingAddress: { ...address, city: '   ' } })).errorInfo).toEqual({
      field: 'shippingAddress.city',
    });
  });

  it.each([
    ['recipientName', 101],
    ['line1', 201],
    ['line2', 201],
    ['city', 101],
    ['state', 101],
    ['postalCode', 11],
    ['phone', 31],
  ] as const)('refuses shippingAddress.%s longer than its limit (%i characters)', (field, length) => {
    const value = input({ shippingAddress: { ...address, [field]: repeated('9', length) } });
    expect(problemOf(value).errorInfo).toEqual({ field: `shippingAddress.${field}` });
  });

  it('refuses a postal code shorter than 3 characters', () => {
    expect(problemOf(input({ shippingAddress: { ...address, postalCode: '91' } })).errorInfo).toEqual({
      field: 'shippingAddress.postalCode',
    });
  });

  it('refuses a country that is not two letters', () => {
    for (const country of ['MEX', 'M1', 'M']) {
      expect(problemOf(input({ shippingAddress: { ...address, country } })).errorInfo).toEqual({
        field: 'shippingAddress.country',
      });
    }
  });

  it('trims fields, upper-cases the country and drops empty optional fields', () => {
    const check = checkCreateOrderInput(
      input({ shippingAddress: { ...address, city: '  Xalapa ', country: 'mx', line2: '  ', phone: ' 229 123 4567 ' } }),
    );
    expect(check.ok && check.request.shippingAddress).toEqual({ ...address, city: 'Xalapa', phone: '229 123 4567' });
  });

  it.each(['short', repeated('x', 65), 'has space in it', 'ñandú-token', 'semi;colon'])('refuses client token %j', (clientToken) => {
    expect(problemOf(input({ clientToken })).errorInfo).toEqual({ field: 'clientToken' });
  });

  it('accepts a UUID and a 64-character token as client tokens', () => {
    expect(checkCreateOrderInput(input({ clientToken: '0b9f8c2e-5d7a-4c1b-9e3f-2a6d8b4c7e10' })).ok).toBe(true);
    expect(checkCreateOrderInput(input({ clientToken: repeated('A_', 32) })).ok).toBe(true);
  });
});

describe('duplicate product ids', () => {
  it('lists each repeated id once', () => {
    const items = ['A', 'B', 'A', 'C', 'B', 'A'].map((productId) => ({ productId, quantity: 1 }));
    expect(duplicateProductIds(items)).toEqual(['A', 'B']);
  });
});
