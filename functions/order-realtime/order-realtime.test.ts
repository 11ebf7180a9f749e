/**
 * order-realtime without AWS: which stream records publish, that the publishing mutation selects every field
 * subscribers may ask for (they get only what it selects), that every type it returns allows IAM, and that its
 * SigV4 signature is what the local runtime's verifier (and AppSync) checks.
 */
import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  type FieldNode,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema, verifySigV4 } from '@farmacruz/appsync-local';
import { orderToPublish } from './order-publication';
import { createSignedGraphQLClient, PUBLISH_ORDER_CHANGE, publishOrderChange } from './publish-order-change';

const schema = buildAppSyncSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

const order = {
  PK: 'ORDER#01JORDER', SK: 'ORDER', GSI1PK: 'USER#u1', GSI1SK: 'ORDER#2026', GSI2PK: 'STATUS#PAID', GSI2SK: '2026',
  type: 'Order', id: '01JORDER', ownerId: 'u1', status: 'PAID', version: 2, currency: 'MXN', lines: [],
  itemCount: 0, subtotalCents: 0, shippingCents: 4900, totalCents: 4900, statusHistory: [], clientToken: 'token-1234',
  shippingAddress: { recipientName: 'Ana', line1: 'Calle 1', city: 'CDMX', state: 'CDMX', postalCode: '01000', country: 'MX' },
  createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:05:00.000Z',
};

function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: object, oldImage?: object): DynamoDBRecord {
  return {
    eventName,
    dynamodb: {
      ...(newImage ? { NewImage: marshall(newImage) as never } : {}),
      ...(oldImage ? { OldImage: marshall(oldImage) as never } : {}),
      SequenceNumber: '1',
    },
  };
}

describe('orderToPublish', () => {
  it('publishes a placed order without its table keys', () => {
    const published = orderToPublish(record('INSERT', order));
    expect(published).toMatchObject({ id: '01JORDER', ownerId: 'u1', status: 'PAID', version: 2 });
    for (const key of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type']) expect(published).not.toHaveProperty(key);
  });

  it('publishes every change of an order, not only status moves', () => {
    const changed = { ...order, version: 3, updatedAt: '2026-12-01T10:06:00.000Z' };
    expect(orderToPublish(record('MODIFY', changed, order))).toMatchObject({ version: 3, status: 'PAID' });
  });

  it('publishes nothing for a deletion or another entity', () => {
    expect(orderToPublish(record('REMOVE', undefined, order))).toBeNull();
    expect(orderToPublish(record('INSERT', { PK: 'PRODUCT#1', SK: 'PRODUCT', type: 'Product', id: '1' }))).toBeNull();
  });
});

/** Every `Type.field` path below `type` the selection set leaves out. */
function unselected(type: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, path: string): string[] {
  const selected = new Map<string, FieldNode>();
  for (const selection of selectionSet?.selections ?? []) if (selection.kind === Kind.FIELD) selected.set(selection.name.value, selection);
  const missing: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const node = selected.get(field.name);
    if (!node) {
      missing.push(`${path}.${field.name}`);
      continue;
    }
    const named = getNamedType(field.type);
    if (isObjectType(named)) missing.push(...unselected(named, node.selectionSet, `${path}.${field.name}`));
  }
  return missing;
}

/** Object types reachable from `type`, itself included. */
function reachable(type: GraphQLObjectType, seen = new Set<string>()): GraphQLObjectType[] {
  if (seen.has(type.name)) return [];
  seen.add(type.name);
  const found = [type];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isObjectType(named)) found.push(...reachable(named, seen));
  }
  return found;
}

describe('Mutation.publishOrderChange as the publisher calls it', () => {
  const orderType = schema.getType('Order') as GraphQLObjectType;

  it('selects every field of Order, nested ones too (subscribers get only what it selects)', () => {
    const document = parse(PUBLISH_ORDER_CHANGE);
    const operation = document.definitions[0]!;
    if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
    const root = operation.selectionSet.selections[0] as FieldNode;
    expect(root.name.value).toBe('publishOrderChange');
    expect(unselected(orderType, root.selectionSet, 'Order')).toEqual([]);
  });

  it('returns only types that allow IAM (otherwise AppSync nulls them in what subscribers receive)', () => {
    const withoutIam = reachable(orderType).filter((type) => {
      const onType = [type.astNode, ...type.extensionASTNodes].some((node) => node?.directives?.some((d) => d.name.value === 'aws_iam'));
      return !onType && !Object.values(type.getFields()).every((f) => f.astNode?.directives?.some((d) => d.name.value === 'aws_iam'));
    });
    expect(withoutIam.map((t) => t.name)).toEqual([]);
  });

  it('signs with SigV4 as the local runtime (and AppSync) verifies, and a changed body fails the check', async () => {
    const credentials = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret-for-tests' };
    let sent: { url: string; init: RequestInit } | undefined;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent = { url, init };
      return new Response(JSON.stringify({ data: { publishOrderChange: { id: order.id } } }), { status: 200 });
    }) as unknown as typeof fetch;
    const client = createSignedGraphQLClient({ url: 'http://127.0.0.1:4000/graphql', region: 'us-east-1', credentials, fetch: fakeFetch });
    await publishOrderChange(client, order);
    const headers = { ...(sent!.init.headers as Record<string, string>), host: '127.0.0.1:4000' };
    const body = sent!.init.body as string;
    expect(JSON.parse(body).variables.order).toBe(JSON.stringify(order));
    const trust = { region: 'us-east-1', credentials: [credentials] };
    expect(await verifySigV4({ method: 'POST', path: '/graphql', headers, body }, trust)).toEqual({ ok: true, accessKeyId: 'AKIDLOCALTEST' });
    expect(await verifySigV4({ method: 'POST', path: '/graphql', headers, body: body.replace('PAID', 'SHIPPED') }, trust)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await verifySigV4({ method: 'POST', path: '/graphql', headers, body }, { region: 'us-east-1', credentials: [{ ...credentials, secretAccessKey: 'other' }] })).toMatchObject({ ok: false });
    expect(await verifySigV4({ method: 'POST', path: '/graphql', headers, body }, trust, new Date(Date.now() + 10 * 60 * 1000))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('fails (so the stream retries) when AppSync refuses the request', async () => {
    const refuse = (async () => new Response(JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message: 'no' }] }), { status: 401 })) as unknown as typeof fetch;
    const client = createSignedGraphQLClient({ url: 'http://127.0.0.1:4000/graphql', region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, fetch: refuse });
    await expect(publishOrderChange(client, order)).rejects.toThrow(/HTTP 401/);
  });
});
