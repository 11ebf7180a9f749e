/**
 * A shopper's whole journey through the real local services: register, confirm with the emailed code, log
 * in, order through GraphQL, read the order, refresh the token and read again; meanwhile the event pipeline
 * (same handlers as deployed) emails the confirmation, keeps its raw copy and records the order in the lake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApi, type TestApi } from '../support/local-api';
import { confirmationCodeOf, testAuthClient, testUserPool, uniqueEmail, TEST_PASSWORD } from '../support/cognito-users';
import { loadDemoCatalog } from '../../local/demo-catalog/load';
import { generateDemoCatalog } from '../../local/demo-catalog/generate';
import { startEventPipeline, type EventPipeline } from '../../local/event-fabric';
import { startLocalSes, readMailbox, type LocalSes, type MailboxEmail } from '../../local/mail/ses-server';
import { readLakeRecords } from '../../local/lake/read-lake';
import { waitUntil } from '../../local/free-port';
import type { AuthSession } from '../../auth-client/tokens';

const CATALOG_SIZE = 40;
let api: TestApi;
let ses: LocalSes;
let pipeline: EventPipeline;
let dataDir: string;

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoCatalog({ client: api.table.client, tableName: api.table.tableName, count: CATALOG_SIZE });
  dataDir = await mkdtemp(path.join(tmpdir(), 'farmacruz-journey-'));
  ses = await startLocalSes({ host: '127.0.0.1' });
  pipeline = await startEventPipeline({
    dynamodbEndpoint: api.table.endpoint,
    tableName: api.table.tableName,
    dataDir,
    sesEndpoint: ses.endpoint,
    userPool: { endpoint: testUserPool().endpoint, userPoolId: testUserPool().userPoolId },
    pollIntervalMs: 50,
    firehoseBufferIntervalMs: 100,
    logLevel: 'SILENT',
    log: () => undefined,
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  await ses?.close();
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ORDER_FIELDS = 'id status itemCount lines { productId name quantity unitPrice { amountCents } lineTotal { amountCents } } subtotal { amountCents currency } shipping { amountCents } total { amountCents currency }';

interface PlacedOrder {
  id: string;
  status: string;
  itemCount: number;
  lines: { productId: string; name: string; quantity: number; unitPrice: { amountCents: number }; lineTotal: { amountCents: number } }[];
  subtotal: { amountCents: number; currency: string };
  shipping: { amountCents: number };
  total: { amountCents: number; currency: string };
}

describe('a shopper from sign-up to confirmation email', () => {
  const auth = testAuthClient();
  const email = uniqueEmail('journey');
  const products = generateDemoCatalog({ count: CATALOG_SIZE }).filter((p) => p.active && p.stock >= 5).slice(0, 2);
  let session: AuthSession;
  let order: PlacedOrder;

  it('registers, confirms with the emailed code and logs in', async () => {
    const registration = await auth.register({ email, password: TEST_PASSWORD, name: 'Lucía Pérez' });
    expect(registration.confirmed).toBe(false);
    await auth.confirm({ email, code: await confirmationCodeOf(email) });
    session = await auth.login({ email, password: TEST_PASSWORD });
    expect(session.user.email).toBe(email);
  });

  it('places an order priced by the server', async () => {
    const result = await api.graphql<{ createOrder: PlacedOrder }>(
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`,
      {
        input: {
          items: [{ productId: products[0]!.id, quantity: 2 }, { productId: products[1]!.id, quantity: 1 }],
          shippingAddress: { recipientName: 'Lucía Pérez', line1: 'Calle Morelos 45', city: 'Puebla', state: 'Puebla', postalCode: '72000', country: 'MX' },
          clientToken: `journey-${session.user.sub}`,
        },
      },
      { idToken: session.tokens.idToken },
    );
    expect(result.errors).toBeUndefined();
    order = result.data!.createOrder;
    const expectedSubtotal = 2 * products[0]!.priceCents + products[1]!.priceCents;
    expect(order.status).toBe('PENDING');
    expect(order.itemCount).toBe(3);
    expect(order.subtotal).toEqual({ amountCents: expectedSubtotal, currency: 'MXN' });
    expect(order.total.amountCents).toBe(expectedSubtotal + order.shipping.amountCents);
  });

  it('reads the order back, and again with a refreshed token', async () => {
    const read = (idToken: string) => api.graphql<{ order: PlacedOrder }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: order.id }, { idToken });
    expect((await read(session.tokens.idToken)).data?.order).toEqual(order);
    const refreshed = await auth.refresh(session.tokens.refreshToken);
    expect(refreshed.tokens.idToken).not.toBe(session.tokens.idToken);
    expect((await read(refreshed.tokens.idToken)).data?.order).toEqual(order);
  });

  it('emails the confirmation with the lines and totals of the order', async () => {
    let mine: MailboxEmail[] = [];
    await waitUntil(async () => {
      mine = (await readMailbox(ses.endpoint)).filter((e) => e.destination.to.includes(email));
      return mine.length > 0;
    }, 'the confirmation email', 20_000, 50);
    expect(mine).toHaveLength(1);
    const text = mine[0]!.body.text ?? '';
    expect(mine[0]!.subject).toContain(order.id.slice(-8));
    for (const line of order.lines) expect(text).toContain(line.name);
    const total = (order.total.amountCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(text).toContain(`$${total} MXN`);
  });

  it('keeps the raw copy of the email in the emails bucket folder, written once SES accepted it', async () => {
    let copies: string[] = [];
    await waitUntil(async () => {
      copies = (await listFiles(pipeline.emailsDir)).filter((f) => f.includes(order.id) && f.endsWith('.eml'));
      return copies.length > 0;
    }, 'the raw copy of the email', 20_000, 50);
    expect(copies).toHaveLength(1);
    const copy = await readFile(copies[0]!, 'utf8');
    expect(copy).toContain(email);
    expect(copy).toContain('X-FarmaCruz-Delivery: sent');
  });

  it('records the order in the data lake once', async () => {
    let records: { event_id: string; order_id?: string }[] = [];
    await waitUntil(async () => {
      await pipeline.flushLake();
      records = (await readLakeRecords<{ event_id: string }>(pipeline.lakeDir)).filter((r) => r.event_id === `${order.id}#v1`);
      return records.length > 0;
    }, 'the lake record', 20_000, 100);
    expect(records).toHaveLength(1);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
