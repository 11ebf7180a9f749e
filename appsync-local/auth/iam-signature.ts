/**
 * IAM authorization for the local runtime: a request signed with AWS Signature Version 4 (service `appsync`)
 * by one of the credentials the local stack trusts (the same fixed local credentials the local Lambdas sign
 * with). The signature is recomputed with @smithy/signature-v4 — the signer the AWS SDK uses — over exactly
 * the headers the caller signed, at the caller's `x-amz-date`, and compared in constant time.
 *
 * What differs from AWS (docs/realtime.md): there is no IAM policy evaluation. A valid signature by a trusted
 * key is an IAM caller; which fields it may call is the schema's `@aws_iam` alone (in AWS, also the caller's
 * policy: order-realtime may call Mutation.publishOrderChange only).
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';

export interface IamCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface IamTrust {
  readonly region: string;
  readonly credentials: readonly IamCredential[];
  /** How far `x-amz-date` may be from now; AWS allows 5 minutes. */
  readonly maxClockSkewMs?: number;
}

export interface SignedRequest {
  readonly method: string;
  /** Path without the query string, e.g. /graphql. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export type IamVerification =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'unknownKey' | 'expired' | 'invalid' };

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

class Sha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** `20200401T001010Z` → Date, or null. */
function amzDate(value: string | undefined): Date | null {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whether the request carries SigV4 credentials at all (an `Authorization: AWS4-HMAC-SHA256 …` header). */
export function isSigV4Request(headers: SignedRequest['headers']): boolean {
  return /^AWS4-HMAC-SHA256\s/.test(header(headers, 'authorization') ?? '');
}

export async function verifySigV4(request: SignedRequest, trust: IamTrust, now = new Date()): Promise<IamVerification> {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return { ok: false, reason: 'missing' };
  const match = authorization.trim().match(AUTHORIZATION);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match as unknown as string[];
  const signingDate = amzDate(header(request.headers, 'x-amz-date'));
  if (!signingDate || service !== 'appsync' || region !== trust.region) return { ok: false, reason: 'malformed' };
  if (signingDate.toISOString().slice(0, 10).replace(/-/g, '') !== scopeDate) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() - signingDate.getTime()) > (trust.maxClockSkewMs ?? 5 * 60 * 1000)) return { ok: false, reason: 'expired' };
  const credential = trust.credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!credential) return { ok: false, reason: 'unknownKey' };

  const signed = signedHeaderList!.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date')) return { ok: false, reason: 'malformed' };
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(request.headers, name);
    if (value === undefined) return { ok: false, reason: 'invalid' };
    headers[name] = value;
  }
  // The signer takes a sent body hash as given: check it against the body that came.
  const contentHash = headers['x-amz-content-sha256'];
  if (contentHash !== undefined && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== createHash('sha256').update(request.body, 'utf8').digest('hex')) {
    return { ok: false, reason: 'invalid' };
  }
  if (contentHash === 'UNSIGNED-PAYLOAD') return { ok: false, reason: 'invalid' };
  const [hostname, port] = headers.host!.split(':');
  const signer = new SignatureV4({
    service: 'appsync',
    region: trust.region,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: hostname!,
      ...(port ? { port: Number(port) } : {}),
      path: request.path,
      query: {},
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(signed) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})/.exec(expected.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(expectedSignature);
  const b = Buffer.from(signature!);
  return a.length === b.length && timingSafeEqual(a, b) ? { ok: true, accessKeyId: credential.accessKeyId } : { ok: false, reason: 'invalid' };
}
