import { describe, expect, it } from 'vitest';
import { createNextTokenCodec } from './next-token';
import { InvalidNextTokenError } from './errors';

const scope = 'Query\u0000farmacruz\u0000GSI1';
const lastKey = {
  PK: { S: 'PRODUCT#01JABCDEF' },
  SK: { S: 'PRODUCT' },
  GSI1PK: { S: 'CATEGORY#analgesicos' },
  GSI1SK: { S: 'paracetamol 500 mg#01JABCDEF' },
};

/** The same token with one byte of its sealed payload changed, as a client forging a key would do. */
function tamper(token: string): string {
  const envelope = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { version: number; token: string };
  const sealed = Buffer.from(envelope.token, 'base64');
  sealed[20] = sealed[20]! ^ 0x01;
  return Buffer.from(JSON.stringify({ ...envelope, token: sealed.toString('base64') })).toString('base64');
}

describe('nextToken codec', () => {
  it('round-trips a LastEvaluatedKey', () => {
    const codec = createNextTokenCodec('secret');
    expect(codec.decode(codec.encode(lastKey, scope), scope)).toEqual(lastKey);
  });

  it('round-trips binary and number key attributes', () => {
    const codec = createNextTokenCodec();
    const key = { id: { N: '42' }, blob: { B: Buffer.from([0, 1, 2, 255]) } };
    const decoded = codec.decode(codec.encode(key, scope), scope);
    expect(decoded.id).toEqual({ N: '42' });
    expect(Buffer.from(decoded.blob!.B as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('does not reveal the key in the token', () => {
    const token = createNextTokenCodec('secret').encode(lastKey, scope);
    expect(token.startsWith('eyJ2ZXJzaW9uIjox')).toBe(true);
    expect(Buffer.from(token, 'base64').toString('utf8')).not.toContain('PRODUCT');
  });

  it('rejects a token with an altered byte', () => {
    const codec = createNextTokenCodec('secret');
    expect(() => codec.decode(tamper(codec.encode(lastKey, scope)), scope)).toThrow(InvalidNextTokenError);
  });

  it('rejects a token that is not one of ours', () => {
    const codec = createNextTokenCodec('secret');
    for (const token of ['', 'abc', 'not base64 at all!!', Buffer.from('{"version":1,"token":"AAAA"}').toString('base64')]) {
      expect(() => codec.decode(token, scope)).toThrow(InvalidNextTokenError);
    }
    expect(() => codec.decode(42 as unknown as string, scope)).toThrow(InvalidNextTokenError);
  });

  it('rejects a token issued for another kind of request', () => {
    const codec = createNextTokenCodec('secret');
    const token = codec.encode(lastKey, scope);
    expect(() => codec.decode(token, 'Query\u0000farmacruz\u0000GSI2')).toThrow(InvalidNextTokenError);
  });

  it('accepts tokens across instances sharing a secret, and only then', () => {
    const token = createNextTokenCodec('secret').encode(lastKey, scope);
    expect(createNextTokenCodec('secret').decode(token, scope)).toEqual(lastKey);
    expect(() => createNextTokenCodec('other').decode(token, scope)).toThrow(InvalidNextTokenError);
    expect(() => createNextTokenCodec().decode(token, scope)).toThrow(InvalidNextTokenError);
  });
});
