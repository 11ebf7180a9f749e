/**
 * Pagination tokens for Query and Scan. AppSync never hands DynamoDB's LastEvaluatedKey to clients: it
 * "encrypts and obfuscates" it, and a token only works for the resolver that issued it. Here the key is
 * sealed with AES-256-GCM (encryption plus an authentication tag, so a client can neither read nor forge or
 * alter a key) and the request's scope (operation, table, index) is bound in as associated data, so a token
 * from one listing is refused by another.
 *
 * Token format (opaque to clients; documented for maintainers):
 *   base64( JSON { "version": 1, "token": base64( iv[12] ‖ ciphertext ‖ tag[16] ) } )
 * where the plaintext is the LastEvaluatedKey as JSON with S/N strings and B as base64. Like AppSync's own
 * tokens it starts with "eyJ2ZXJzaW9uIjox".
 *
 * The AES key is SHA-256 of the configured secret (tokens survive restarts) or 32 random bytes per process.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidNextTokenError } from './errors';
import type { Item } from './attribute-values';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** DynamoDB keys are at most ~2 KB each; anything far longer is not a token of ours. */
const MAX_TOKEN_CHARS = 8192;

type KeyAttribute = { S: string } | { N: string } | { B: string };

export interface NextTokenCodec {
  /** An opaque token for `lastEvaluatedKey`, valid only for requests with the same `scope`. */
  encode(lastEvaluatedKey: Item, scope: string): string;
  /** The key a token stands for; throws InvalidNextTokenError for anything this codec did not issue for `scope`. */
  decode(token: string, scope: string): Item;
}

export function createNextTokenCodec(secret?: string): NextTokenCodec {
  const key =
    secret === undefined
      ? randomBytes(32)
      : createHash('sha256').update('farmacruz/appsync-local/next-token\u0000').update(secret).digest();

  return {
    encode(lastEvaluatedKey, scope) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(scope, 'utf8'));
      const plaintext = Buffer.from(JSON.stringify(keyToJson(lastEvaluatedKey)), 'utf8');
      const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      const envelope = JSON.stringify({ version: VERSION, token: sealed.toString('base64') });
      return Buffer.from(envelope, 'utf8').toString('base64');
    },

    decode(token, scope) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) {
        throw new InvalidNextTokenError();
      }
      try {
        const envelope: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
        if (
          typeof envelope !== 'object' ||
          envelope === null ||
          (envelope as { version?: unknown }).version !== VERSION ||
          typeof (envelope as { token?: unknown }).token !== 'string'
        ) {
          throw new InvalidNextTokenError();
        }
        const sealed = Buffer.from((envelope as { token: string }).token, 'base64');
        if (sealed.length <= IV_BYTES + TAG_BYTES) throw new InvalidNextTokenError();
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(scope, 'utf8'));
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        const plaintext = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return keyFromJson(JSON.parse(plaintext.toString('utf8')));
      } catch {
        // Bad base64/JSON, a wrong tag (forged, altered, other secret, other scope): all the same to a client.
        throw new InvalidNextTokenError();
      }
    },
  };
}

function keyToJson(key: Item): Record<string, KeyAttribute> {
  const json: Record<string, KeyAttribute> = {};
  for (const name in key) {
    const value = key[name]!;
    if (value.S !== undefined) json[name] = { S: value.S };
    else if (value.N !== undefined) json[name] = { N: value.N };
    else if (value.B !== undefined) json[name] = { B: Buffer.from(value.B).toString('base64') };
    else throw new Error(`LastEvaluatedKey attribute ${name} is not a key type (S, N or B)`);
  }
  return json;
}

function keyFromJson(json: unknown): Item {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InvalidNextTokenError();
  const key: Item = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const attribute = value as Partial<Record<'S' | 'N' | 'B', unknown>>;
    let converted: AttributeValue;
    if (typeof attribute.S === 'string') converted = { S: attribute.S };
    else if (typeof attribute.N === 'string') converted = { N: attribute.N };
    else if (typeof attribute.B === 'string') converted = { B: Buffer.from(attribute.B, 'base64') };
    else throw new InvalidNextTokenError();
    key[name] = converted;
  }
  return key;
}
