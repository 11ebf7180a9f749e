/**
 * Who gets the order emails, through the real pieces: orders placed through the local AppSync runtime with
 * real cognito-local tokens, the event pipeline running the deployed order-email handler, the local SES
 * mailbox and the emails bucket folder.
 *  - An order placed with an ACCESS token (Amplify's default: no email claim) is confirmed to the owner's
 *    verified email, looked up in the user pool by sub.
 *  - A pool email marked unverified gets nothing.
 *  - An email SES did not accept leaves no raw copy that looks sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ProductInput } from '../../model/product-items';
import { localCognitoClient } from '../../local/user-pool';
import { startEventPipeline, type EventPipeline, type PipelineActivity } from '../../local/event-fabric';
import { startLocalSes, readMailbox, type LocalSes } from '../../local/mail/ses-server';
import { waitUntil } from '../../local/free-port';
import { startTestApi, type TestApi } from '../support/local-api';
import { createTestUser, testUserPool, type TestUser } from '../support/cognito-users';
import { seedProduct } from '../support/products';

const CREATE_ORDER = `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { id customerEmail } }`;
const address = { recipientName: 'Ana López', line1: 'Av. Juárez 123', city: 'Guadalajara', state: 'Jalisco', postalCode: '44100', country: 'MX' };

let api: TestApi;
let ses: LocalSes;
let product: ProductInput;
const folders: string[] = [];

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'farmacruz-email-identity-'));
  folders.push(dir);
  return dir;
}

async function startPipeline(options: { sesEndpoint: string; observer?: (a: PipelineActivity) => void }): Promise<EventPipeline> {
  const pool = testUserPool();
  return startEventPipeline({
    dynamodbEndpoint: api.table.endpoint,
    tableName: api.table.tableName,
    dataDir: await folder(),
    sesEndpoint: options.sesEndpoint,
    userPool: { endpoint: pool.endpoint, userPoolId: pool.userPoolId },
    pollIntervalMs: 50,
    firehoseBufferIntervalMs: 100,
    visibilityTimeoutSeconds: 1,
    lambdaTimeoutSeconds: 1,
    logLevel: 'SILENT',
    log: () => undefined,
    ...(options.observer ? { observer: options.observer } : {}),
  });
}

async function placeOrder(token: string): Promise<{ id: string; customerEmail: string | null }> {
  const result = await api.graphql<{ createOrder: { id: string; customerEmail: string | null } }>(
    CREATE_ORDER,
    { input: { items: [{ productId: product.id, quantity: 1 }], shippingAddress: address, clientToken: randomUUID() } },
    { idToken: token },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder;
}

/** A proxy to the local SES that answers every SendEmail with a 500 and passes everything else on. */
async function refusingSes(target: string): Promise<{ endpoint: string; refusedSends(): number; close(): Promise<void> }> {
  let refused = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && (request.url ?? '').startsWith('/v2/email/outbound-emails')) {
        refused += 1;
        response.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' });
        response.end(JSON.stringify({ message: 'SES refused the email (test)' }));
        return;
      }
      void fetch(`${target}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)),
        ) as Record<string, string>,
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    refusedSends: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function emlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  api = await startTestApi();
  ses = await startLocalSes({ host: '127.0.0.1' });
  product = await seedProduct(api.table, { stock: 1000 });
}, 120_000);

afterAll(async () => {
  await ses?.close();
  await api?.close();
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('order emails and the customer identity', () => {
  let pipeline: EventPipeline;
  let verified: TestUser;
  let unverified: TestUser;

  beforeAll(async () => {
    verified = await createTestUser({ prefix: 'token-acceso' });
    unverified = await createTestUser({ prefix: 'correo-sin-verificar' });
    const pool = testUserPool();
    const admin = localCognitoClient(pool.endpoint, pool.region);
    try {
      await admin.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool.userPoolId,
          Username: unverified.email,
          UserAttributes: [
            { Name: 'email', Value: unverified.email },
            { Name: 'email_verified', Value: 'false' },
          ],
        }),
      );
    } finally {
      admin.destroy();
    }
    pipeline = await startPipeline({ sesEndpoint: ses.endpoint });
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('confirms an order placed with an access token to the verified email of the owner', async () => {
    const order = await placeOrder(verified.session.tokens.accessToken);
    expect(order.customerEmail).toBeNull();
    await waitUntil(
      async () => (await readMailbox(ses.endpoint)).some((e) => e.destination.to.includes(verified.email) && e.subject.includes(order.id.slice(-8).toUpperCase())),
      'the confirmation email of the access-token order',
      30_000,
      50,
    );
    let copies: string[] = [];
    await waitUntil(async () => {
      copies = (await emlFiles(pipeline.emailsDir)).filter((f) => f.includes(order.id));
      return copies.length > 0;
    }, 'its raw copy', 20_000, 50);
    const copy = await readFile(copies[0]!, 'utf8');
    expect(copy).toContain(`To: ${verified.email}`);
    expect(copy).toContain('X-FarmaCruz-Delivery: sent');
  });

  it('sends nothing to an email the user pool marks unverified', async () => {
    const order = await placeOrder(unverified.session.tokens.accessToken);
    // A later order of a verified shopper is emailed; by then the unverified one was processed too.
    const marker = await placeOrder(verified.session.tokens.accessToken);
    await waitUntil(
      async () => (await readMailbox(ses.endpoint)).some((e) => e.subject.includes(marker.id.slice(-8).toUpperCase())),
      'the marker order email',
      30_000,
      50,
    );
    await waitUntil(async () => (await pipeline.queueDepths()).every((d) => d.visible === 0 && d.inFlight === 0), 'empty queues', 30_000, 50);
    expect((await readMailbox(ses.endpoint)).filter((e) => e.destination.to.includes(unverified.email))).toEqual([]);
    expect((await emlFiles(pipeline.emailsDir)).filter((f) => f.includes(order.id))).toEqual([]);
  });
});

describe('an email SES does not accept', () => {
  it('leaves no raw copy behind, and the message ends in the dead-letter queue', async () => {
    // SES that manages templates but refuses every SendEmail (as SES does when throttling or rejecting).
    const refusing = await refusingSes(ses.endpoint);
    const activity: PipelineActivity[] = [];
    const pipeline = await startPipeline({ sesEndpoint: refusing.endpoint, observer: (a) => activity.push(a) });
    try {
      const user = await createTestUser({ prefix: 'ses-caido' });
      const order = await placeOrder(user.idToken);
      expect(order.customerEmail).toBe(user.email);
      await waitUntil(
        async () => activity.some((a) => a.kind === 'dead-lettered' && a.queue === 'orders-email' && a.message.body.includes(order.id)),
        'the email event in the dead-letter queue',
        60_000,
        50,
      );
      expect((await emlFiles(pipeline.emailsDir)).filter((f) => f.includes(order.id))).toEqual([]);
      expect(refusing.refusedSends()).toBeGreaterThanOrEqual(1);
    } finally {
      await pipeline.stop();
      await refusing.close();
    }
  }, 90_000);
});
