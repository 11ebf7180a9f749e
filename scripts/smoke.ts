/**
 * `npm run smoke [-- --outputs cdk-outputs.json]`: the shopper journey against a running shop, step by step,
 * each with a deadline: an admin-confirmed test user logs in, orders two products through GraphQL, the
 * order's email copy appears (emails bucket / .data/emails), and its lake record appears after the Firehose
 * buffer (data bucket orders/ / .data/lake/orders). The test user is deleted at the end.
 *
 * With `--outputs` (the file of `npx cdk deploy --all --outputs-file cdk-outputs.json`) it targets that
 * deployed stack with the caller's AWS credentials; without, the local stack of `npm start` (its ports and
 * data folder from the same FARMACRUZ_* settings).
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createAuthClient } from '../auth-client/auth-client';
import { USER_POOL_SETTINGS } from '../auth/user-pool-settings';
import { loadLocalStackSettings } from '../config/settings';
import { lakeDelivery } from '../wiring/events';
import { staticPrefix } from '../infra/constructs/lake';

interface Target {
  readonly name: string;
  readonly graphqlUrl: string;
  readonly apiKey: string;
  readonly region: string;
  readonly cognitoEndpoint?: string;
  readonly clientId: string;
  readonly userPoolId: string;
  readonly cognito: CognitoIdentityProviderClient;
  /** Finds an object whose key or content names the order; returns its location. */
  findEmailCopy(orderId: string): Promise<string | undefined>;
  findLakeRecord(orderId: string): Promise<string | undefined>;
  /** How long the lake may take: the Firehose buffer plus margin. */
  readonly lakeDeadlineMs: number;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

async function localTarget(): Promise<Target> {
  const settings = loadLocalStackSettings();
  const webUrl = `http://${settings.host}:${settings.ports.web}`;
  const response = await fetch(`${webUrl}/config.json`).catch((error: unknown) => {
    throw new Error(`No local shop at ${webUrl} (${String(error)}): start it with npm start, or pass --outputs for a deployed stack`);
  });
  const config = (await response.json()) as Record<string, string>;
  const cognito = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint, credentials: LOCAL_CREDENTIALS });
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const pool = pools.UserPools?.find((p) => p.Name === USER_POOL_SETTINGS.poolName);
  if (!pool?.Id) throw new Error(`cognito-local at ${config.cognitoEndpoint} has no pool ${USER_POOL_SETTINGS.poolName}`);
  const dataDir = path.resolve(settings.dataDir);
  return {
    name: `local stack (${webUrl}, data in ${dataDir})`,
    graphqlUrl: config.graphqlUrl!,
    apiKey: config.apiKey!,
    region: config.region!,
    cognitoEndpoint: config.cognitoEndpoint,
    clientId: config.userPoolClientId!,
    userPoolId: pool.Id,
    cognito,
    findEmailCopy: async (orderId) => {
      for (const file of await filesUnder(path.join(dataDir, 'emails'))) {
        if (file.includes(orderId) || (await readFile(file, 'utf8')).includes(orderId)) return file;
      }
      return undefined;
    },
    findLakeRecord: async (orderId) => {
      // The folder of the fixed part of the lake prefix (orders/), every date partition under it.
      for (const file of await filesUnder(path.join(dataDir, 'lake', staticPrefix(lakeDelivery.prefix).replace(/[^/]*$/, '')))) {
        if (gunzipSync(await readFile(file)).toString('utf8').includes(orderId)) return file;
      }
      return undefined;
    },
    // The local Firehose buffers like the real one (bufferIntervalSeconds).
    lakeDeadlineMs: (2 * lakeDelivery.bufferIntervalSeconds + 30) * 1000,
  };
}

async function awsTarget(outputsFile: string): Promise<Target> {
  const all = JSON.parse(await readFile(outputsFile, 'utf8')) as Record<string, Record<string, string>>;
  const [stackName, outputs] = Object.entries(all).find(([, o]) => o.GraphqlUrl) ?? [];
  if (!stackName || !outputs) throw new Error(`${outputsFile} has no stack with a GraphqlUrl output (npx cdk deploy --all --outputs-file ${outputsFile})`);
  const need = (name: string) => {
    const value = outputs[name];
    if (!value) throw new Error(`${outputsFile}: stack ${stackName} has no ${name} output`);
    return value;
  };
  const region = need('Region');
  const s3 = new S3Client({ region });
  const findIn = async (bucket: string, prefix: string, matches: (key: string, body: () => Promise<Buffer>) => Promise<boolean>) => {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const key = object.Key!;
        const body = async () => Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
        if (await matches(key, body)) return `s3://${bucket}/${key}`;
      }
      token = page.NextContinuationToken;
    } while (token);
    return undefined;
  };
  const today = new Date().toISOString().slice(0, 10);
  return {
    name: `stack ${stackName} (${region})`,
    graphqlUrl: need('GraphqlUrl'),
    apiKey: need('ApiKey'),
    region,
    clientId: need('UserPoolClientId'),
    userPoolId: need('UserPoolId'),
    cognito: new CognitoIdentityProviderClient({ region }),
    findEmailCopy: (orderId) => findIn(need('EmailsBucketName'), '', async (key, body) => key.includes(orderId) || (await body()).includes(orderId)),
    findLakeRecord: (orderId) =>
      findIn(need('DataBucketName'), `${staticPrefix(lakeDelivery.prefix).replace(/dt=$/, '')}dt=${today}/`, async (_key, body) =>
        gunzipSync(await body()).toString('utf8').includes(orderId),
      ),
    // Firehose flushes every bufferIntervalSeconds; give it that twice plus a minute.
    lakeDeadlineMs: (2 * lakeDelivery.bufferIntervalSeconds + 60) * 1000,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`${what}: not there after ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function graphql<T>(target: Target, query: string, variables: Record<string, unknown>, idToken?: string): Promise<T> {
  const response = await fetch(target.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idToken ? { authorization: idToken } : { 'x-api-key': target.apiKey }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; errorType?: string }[] };
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL HTTP ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

const { values } = parseArgs({ options: { outputs: { type: 'string' } } });
const target = values.outputs ? await awsTarget(values.outputs) : await localTarget();
console.log(`Smoke test against the ${target.name}`);
const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    const result = await run();
    console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    console.log(`  FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
};

const email = `smoke-${randomUUID().slice(0, 12)}@farmacruz.test`;
const password = `Smoke-${randomUUID().slice(0, 8)}1a`;
let exitCode = 0;
let userCreated = false;
try {
  const products = await step('the public catalog lists products (API key)', async () => {
    const data = await graphql<{ products: { items: { id: string; name: string; active: boolean; stock: number }[] } }>(
      target,
      'query { products(limit: 20) { items { id name active stock } } }',
      {},
    );
    const buyable = data.products.items.filter((p) => p.active && p.stock >= 2).slice(0, 2);
    if (buyable.length < 2) throw new Error('fewer than two active products in stock: load the catalog first');
    return buyable;
  });
  const auth = createAuthClient({ endpoint: target.cognitoEndpoint, region: target.region, clientId: target.clientId });
  const session = await step('a test user signs up, is confirmed by an administrator and logs in', async () => {
    await auth.register({ email, password, name: 'Prueba de humo' });
    userCreated = true;
    await target.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: target.userPoolId, Username: email }));
    return auth.login({ email, password });
  });
  const order = await step('the user places an order through GraphQL', async () => {
    const data = await graphql<{ createOrder: { id: string; status: string } }>(
      target,
      'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status } }',
      {
        input: {
          items: [{ productId: products[0]!.id, quantity: 1 }, { productId: products[1]!.id, quantity: 1 }],
          shippingAddress: { recipientName: 'Prueba de humo', line1: 'Calle Morelos 45', city: 'Puebla', state: 'Puebla', postalCode: '72000', country: 'MX' },
          clientToken: `smoke-${randomUUID()}`,
        },
      },
      session.tokens.idToken,
    );
    if (data.createOrder.status !== 'PENDING') throw new Error(`order status ${data.createOrder.status}`);
    return data.createOrder;
  });
  await step(`the order email's copy is kept (order ${order.id})`, async () => {
    const where = await waitFor('email copy', 60_000, () => target.findEmailCopy(order.id));
    console.log(`        ${where}`);
  });
  await step('the order reaches the lake after the Firehose buffer', async () => {
    const where = await waitFor('lake record', target.lakeDeadlineMs, () => target.findLakeRecord(order.id));
    console.log(`        ${where}`);
  });
  console.log('Smoke test passed.');
} catch {
  exitCode = 1;
  console.log('Smoke test FAILED.');
} finally {
  if (userCreated) {
    await target.cognito.send(new AdminDeleteUserCommand({ UserPoolId: target.userPoolId, Username: email })).catch((error: unknown) => {
      console.log(`  (could not delete the test user ${email}: ${String(error)})`);
    });
  }
}
process.exit(exitCode);
