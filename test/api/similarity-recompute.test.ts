/**
 * "Recompute similar products now" on real parts: the staff mutation records the request and invokes the
 * similarity Lambda asynchronously through the local AppSync runtime's Lambda data source (invocationType Event,
 * the same handler the nightly schedule runs), returns at once, and the request goes QUEUED → RUNNING → DONE with
 * the run's figures; a second request while one runs is refused; shoppers and the API key are refused.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMILARITY_REQUEST_KEY } from '../../model/similarity-request';
import { createTestUser, type TestUser } from '../support/cognito-users';
import { startTestApi, type TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';

let api: TestApi;
let staff: TestUser;
let shopper: TestUser;

const RECOMPUTE = /* GraphQL */ `mutation { recomputeSimilarProducts { id status requestedAt requestedBy } }`;
const STATE = /* GraphQL */ `query { similarityRecompute { id status requestedBy startedAt finishedAt products changed failure } similarityStatus { computedAt products } }`;

interface RecomputeState {
  similarityRecompute: { id: string; status: string; requestedBy: string; startedAt: string | null; finishedAt: string | null; products: number | null; changed: number | null } | null;
  similarityStatus: { computedAt: string; products: number } | null;
}

async function state(): Promise<RecomputeState> {
  const result = await api.graphql<RecomputeState>(STATE, {}, staff);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  api = await startTestApi();
  [staff, shopper] = await Promise.all([createTestUser({ groups: ['admin'], prefix: 'personal' }), createTestUser()]);
  for (const name of ['Paracetamol 500 mg', 'Paracetamol 500 mg tabletas', 'Ibuprofeno 400 mg', 'Ibuprofeno 200 mg']) {
    await seedProduct(api.table, { name, activeIngredients: [name.split(' ')[0]!] });
  }
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('recompute similar products now', { timeout: 120_000 }, () => {
  it('starts the job without waiting for it, and the request shows its progress until DONE', async () => {
    expect((await state()).similarityStatus).toBeNull();
    const started = await api.graphql<{ recomputeSimilarProducts: { id: string; status: string; requestedBy: string } }>(RECOMPUTE, {}, staff);
    expect(started.errors).toBeUndefined();
    expect(started.data!.recomputeSimilarProducts).toMatchObject({ status: 'QUEUED', requestedBy: staff.email });
    const id = started.data!.recomputeSimilarProducts.id;

    const deadline = Date.now() + 90_000;
    let now = await state();
    while (now.similarityRecompute?.status !== 'DONE' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      now = await state();
    }
    expect(now.similarityRecompute).toMatchObject({ id, status: 'DONE', requestedBy: staff.email, products: 4 });
    expect(now.similarityRecompute!.startedAt).not.toBeNull();
    expect(now.similarityRecompute!.finishedAt! >= now.similarityRecompute!.startedAt!).toBe(true);
    expect(now.similarityStatus?.products).toBe(4);
  });

  it('refuses a second request while one runs, but not after the run stopped long ago', async () => {
    const running = new Date().toISOString();
    const item = { ...SIMILARITY_REQUEST_KEY, type: 'SimilarityRequest', id: 'RUNNING-ONE', status: 'RUNNING', requestedAt: running, requestedBy: 'x', requestedByEmail: 'x@farmacruz.test', startedAt: running };
    await api.table.documentClient.send(new PutCommand({ TableName: api.table.tableName, Item: item }));
    const refused = await api.graphql(RECOMPUTE, {}, staff);
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'AlreadyRunning' } });

    const longAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await api.table.documentClient.send(new PutCommand({ TableName: api.table.tableName, Item: { ...item, requestedAt: longAgo, startedAt: longAgo } }));
    const accepted = await api.graphql<{ recomputeSimilarProducts: { status: string } }>(RECOMPUTE, {}, staff);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.recomputeSimilarProducts.status).toBe('QUEUED');
  });

  it('is for staff only', async () => {
    for (const caller of [shopper, 'apiKey' as const]) {
      const result = await api.graphql(RECOMPUTE, {}, caller);
      expect(result.errors?.[0]?.errorType).toBe('Unauthorized');
    }
  });
});
