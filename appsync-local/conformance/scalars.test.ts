// Guide page: "Scalar types in AWS AppSync" (scalars): AWSEmail and AWSPhone as the page defines them.
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../schema';
import { apiKeyCaller, handlerFor } from './support';

const schema = buildAppSyncSchema(`
  type Query { email(value: AWSEmail!): String phone(value: AWSPhone!): String }
`);
const { handle } = handlerFor(schema, { 'Query.email': () => ({ data: 'ok', errors: [] }), 'Query.phone': () => ({ data: 'ok', errors: [] }) });

async function accepted(field: 'email' | 'phone', value: string): Promise<boolean> {
  const response = await handle({ query: `query Q($v: ${field === 'email' ? 'AWSEmail' : 'AWSPhone'}!) { ${field}(value: $v) }`, variables: { v: value } }, apiKeyCaller);
  return response.errors === undefined;
}

describe('scalars › AWSEmail (local-part@domain-part, RFC 822)', () => {
  it.each(['ana@farmacruz.mx', 'a@b', 'first.last+tag@sub.example.com'])('accepts %s', async (value) => {
    expect(await accepted('email', value)).toBe(true);
  });
  it.each(['ana', 'ana@', '@farmacruz.mx', 'a b@c.mx'])('refuses %s', async (value) => {
    expect(await accepted('email', value)).toBe(false);
  });
});

describe('scalars › AWSPhone (country code, or a North American number; spaces or hyphens)', () => {
  it.each(['+52 55 1234 5678', '+525512345678', '206-555-0100', '1 206 555 0100', '+1-206-555-0100'])('accepts %s', async (value) => {
    expect(await accepted('phone', value)).toBe(true);
  });
  it.each(['123', '555-0100', '+12', '+52 55 1234 5678 9012 34', 'phone'])('refuses %s', async (value) => {
    expect(await accepted('phone', value)).toBe(false);
  });
});
