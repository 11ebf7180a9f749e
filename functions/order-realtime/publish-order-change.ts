/**
 * Adapter: calls Mutation.publishOrderChange on the AppSync endpoint with IAM auth, the request signed with
 * SigV4 (service `appsync`) by the function's own credentials. Subscribers receive exactly the fields this
 * mutation selects, so it selects every field of Order (order-realtime.test.ts keeps it so).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Checksum, SourceData } from '@smithy/types';

export const PUBLISH_ORDER_CHANGE = `mutation PublishOrderChange($order: AWSJSON!) {
  publishOrderChange(order: $order) {
    id
    ownerId
    customerEmail
    status
    lines { productId sku name quantity unitPrice { amountCents currency } lineTotal { amountCents currency } prescriptionRequired }
    itemCount
    subtotal { amountCents currency }
    shipping { amountCents currency }
    total { amountCents currency }
    shippingAddress { recipientName line1 line2 city state postalCode country phone }
    statusHistory { status at by byEmail reason carrier trackingNumber }
    prescriptionVerification { at by byEmail note }
    paymentMethod
    reservationExpiresAt
    paymentReference
    createdAt
    updatedAt
  }
}`;

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 and HMAC-SHA-256 for the signer, from node:crypto. */
export class NodeSha256 implements Checksum {
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

export interface SignedGraphQLOptions {
  readonly url: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly fetch?: typeof fetch;
}

export interface GraphQLResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message: string; readonly errorType?: string | null }[];
}

/** POSTs one GraphQL request signed with SigV4; throws on a non-200 answer or GraphQL errors. */
export function createSignedGraphQLClient(options: SignedGraphQLOptions) {
  const url = new URL(options.url);
  const signer = new SignatureV4({ service: 'appsync', region: options.region, credentials: options.credentials, sha256: NodeSha256 });
  const send = options.fetch ?? fetch;
  return async function request(query: string, variables: Record<string, unknown>): Promise<GraphQLResult> {
    const body = JSON.stringify({ query, variables });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' },
      body,
    });
    const headers: Record<string, string> = {};
    // fetch sets Host itself, from the same URL.
    for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers[name] = value;
    const response = await send(options.url, { method: 'POST', headers, body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`AppSync answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    const result = JSON.parse(text) as GraphQLResult;
    if (result.errors?.length) {
      throw new Error(`AppSync refused the request: ${result.errors.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ')}`);
    }
    return result;
  };
}

export type SignedGraphQLClient = ReturnType<typeof createSignedGraphQLClient>;

export async function publishOrderChange(client: SignedGraphQLClient, order: Record<string, unknown>): Promise<void> {
  const result = await client(PUBLISH_ORDER_CHANGE, { order: JSON.stringify(order) });
  const published = result.data?.publishOrderChange as { id?: unknown } | null | undefined;
  if (!published || published.id !== order.id) throw new Error(`publishOrderChange returned no order for ${String(order.id)}`);
}
