/**
 * S3's browser-based upload (POST Object with a Signature Version 4 POST policy), as S3 checks it, for the
 * local S3 endpoint: the policy must be signed with a known secret (the local credentials), not expired, and
 * every condition must hold — bucket, exact and prefix matches of the form fields, the content-length range —
 * with no form field the policy does not mention. Parsing the multipart body is busboy's job (local/s3/s3-server.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PostPolicyCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Why S3 refuses a POST: the HTTP status and S3's error code with its message. */
export class PostPolicyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Condition = Record<string, string> | [string, string | number, string | number];

export interface PostPolicy {
  readonly expiration: Date;
  readonly conditions: readonly Condition[];
  /** The content-length-range, when the policy has one. */
  readonly lengthRange: { readonly min: number; readonly max: number } | null;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The SigV4 signature of a base64 policy: HMAC with the key derived from secret, date, region and service. */
export function signPostPolicy(policyBase64: string, secretAccessKey: string, date: string, region: string, service = 's3'): string {
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(policyBase64, 'utf8').digest('hex');
}

const field = (fields: ReadonlyMap<string, string>, name: string) => fields.get(name.toLowerCase());

/**
 * Checks the signature and expiry of the policy in `fields` (names lower-cased) and returns it; the
 * conditions on the fields are checked by `checkPostConditions` once all fields are in, the length by the caller.
 */
export function verifyPostPolicy(fields: ReadonlyMap<string, string>, credentials: readonly PostPolicyCredentials[], now: Date): PostPolicy {
  const policyBase64 = field(fields, 'policy');
  if (!policyBase64) throw new PostPolicyError(403, 'AccessDenied', 'Bucket POST must contain a field named policy.');
  if (field(fields, 'x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new PostPolicyError(400, 'InvalidArgument', 'x-amz-algorithm must be AWS4-HMAC-SHA256.');
  }
  const credential = field(fields, 'x-amz-credential') ?? '';
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !date || !region || service !== 's3' || terminator !== 'aws4_request') {
    throw new PostPolicyError(400, 'InvalidArgument', 'x-amz-credential is malformed.');
  }
  const known = credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!known) throw new PostPolicyError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const given = Buffer.from(field(fields, 'x-amz-signature') ?? '', 'hex');
  const expected = Buffer.from(signPostPolicy(policyBase64, known.secretAccessKey, date, region), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new PostPolicyError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8')) as typeof document;
  } catch {
    throw new PostPolicyError(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expiration = new Date(String(document.expiration));
  if (Number.isNaN(expiration.getTime()) || !Array.isArray(document.conditions)) {
    throw new PostPolicyError(400, 'InvalidPolicyDocument', 'Invalid Policy: expiration and conditions are required.');
  }
  if (expiration.getTime() <= now.getTime()) throw new PostPolicyError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const conditions = document.conditions as Condition[];
  const range = conditions.find((c): c is [string, number, number] => Array.isArray(c) && c[0] === 'content-length-range');
  return { expiration, conditions, lengthRange: range ? { min: Number(range[1]), max: Number(range[2]) } : null };
}

/** Every condition holds for the form fields (names lower-cased) and the bucket, and no field goes unmentioned. */
export function checkPostConditions(policy: PostPolicy, fields: ReadonlyMap<string, string>, bucket: string): void {
  const values = new Map(fields);
  values.set('bucket', bucket);
  const mentioned = new Set<string>(['policy', 'x-amz-signature', 'file', 'bucket']);
  const fail = (what: string) => {
    throw new PostPolicyError(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ${what}`);
  };
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, target, expected] = condition;
      if (operator === 'content-length-range') continue;
      const name = String(target).replace(/^\$/, '').toLowerCase();
      mentioned.add(name);
      const value = values.get(name) ?? '';
      if (operator === 'eq' && value !== String(expected)) fail(JSON.stringify(condition));
      else if (operator === 'starts-with' && !value.startsWith(String(expected))) fail(JSON.stringify(condition));
      else if (operator !== 'eq' && operator !== 'starts-with') fail(`unknown operator ${String(operator)}`);
    } else {
      for (const [name, expected] of Object.entries(condition)) {
        mentioned.add(name.toLowerCase());
        if ((values.get(name.toLowerCase()) ?? '') !== String(expected)) fail(JSON.stringify(condition));
      }
    }
  }
  for (const name of fields.keys()) {
    if (!mentioned.has(name) && !name.startsWith('x-ignore-')) {
      throw new PostPolicyError(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
}
