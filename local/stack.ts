/**
 * The whole system on one machine, started in dependency order: DynamoDB Local and cognito-local, the table
 * and demo data, the local AppSync runtime with the same resolver bundles as deployed, the event pipeline
 * with the same Lambda handlers (the nightly scheduler included) and the web app. Each piece is stopped in reverse.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_STRIPE_SECRETS, loadPharmacyContact, loadSpeiAccount, localLambdaSettings, type LambdaSettings, type LocalStackSettings } from '../config/settings';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { startFarmaCruzApi } from './appsync-api';
import { orderPolicyEnvironment } from '../model/order-payment';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './table';
import { ensureDemoCatalog } from './demo-catalog/load';
import { generateDemoCatalog } from './demo-catalog/generate';
import { ensureDemoPackshots } from './demo-catalog/packshot';
import { ensureSearchIndex } from '../catalog/search-index';
import { ensureStaffIndex } from '../catalog/staff-index';
import { localAuthSummary, startLocalAuth } from './local-auth';
import { localShopUrl, startLocalWeb } from './web';
import { deployLocalShell, ensurePrerenderedSite, localWebBucketDir } from './prerendered-site';
import { eventPipelineDataDir, startEventPipeline } from './event-fabric';
import { startCognitoLocal } from './cognito-local';
import { supervise } from './supervisor';
import { startTtlSweeper } from './ttl-sweeper';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../functions/shared/aws-clients';
import { createLocalResolverFunctions } from './resolver-functions';
import { startStripeStandIn } from './stripe/stand-in';
import { functionUrlLambdas, localFunctionUrlHandlers, startLocalFunctionUrl } from './function-url';

/** The function that publishes order changes to the API's subscribers (wiring/events.ts). */
const ORDER_REALTIME = 'order-realtime';

export interface LocalStack {
  /** Lines telling where everything is. */
  readonly summary: readonly string[];
  /** Process ids of the supervised child services now (they change when one is restarted). */
  childPids(): { readonly dynamodb: number | undefined; readonly cognito: number | undefined };
  stop(): Promise<void>;
}

type Stopper = () => Promise<void>;

/** The Lambdas' defaults with the local web app's URL, so email links open the shop on its configured port. */
export function lambdaSettingsForWeb(settings: LocalStackSettings): LambdaSettings {
  const base = localLambdaSettings({});
  // Product pictures are served by the web server (images/ proxied to the local S3 endpoint), as CloudFront serves them in AWS.
  return { ...base, email: { ...base.email, shopUrl: localShopUrl(settings) }, images: { ...base.images, publicUrl: localShopUrl(settings) } };
}

/**
 * cognito-local logs every request (expected "user not found" warnings included); pass on only what a
 * developer needs: the boxed sign-up confirmation codes and errors.
 */
function cognitoLog(log: (line: string) => void): (line: string) => void {
  return (line) => {
    if (/[│╭╰]|\bERROR\b/.test(line)) log(`[cognito] ${line}`);
  };
}

/**
 * Local services trust whoever reaches them (DynamoDB Local takes any credentials, cognito-local's admin API
 * none, its signing key is public): they listen on a loopback address only.
 */
export function assertLoopbackHost(host: string): void {
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!loopback) {
    throw new Error(
      `FARMACRUZ_HOST is ${host}, but the local services accept any credentials and must stay unreachable from ` +
        'other machines: use 127.0.0.1 (the default).',
    );
  }
}

/**
 * Services started side by side: when one fails, the others may already be running (or still starting).
 * Wait for every start to settle, stop the ones that came up, and fail with the first failure, so a failed
 * `npm start` leaves no child process behind holding a port.
 */
export async function startAllOrNone<T extends readonly Promise<{ stop(): Promise<void> }>[]>(
  starts: T,
  log: (line: string) => void,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const outcomes = await Promise.allSettled(starts);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (!failure) return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') {
      await outcome.value.stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    }
  }
  throw failure.reason;
}

export async function startLocalStack(
  settings: LocalStackSettings,
  rootDir: string,
  log: (line: string) => void,
): Promise<LocalStack> {
  assertLoopbackHost(settings.host);
  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  const dataDir = path.resolve(rootDir, settings.dataDir);
  mkdirSync(dataDir, { recursive: true });
  try {
    log('Bundling APPSYNC_JS resolvers…');
    const bundling = bundleAppSyncCode(rootDir);
    log('Starting DynamoDB Local and cognito-local…');
    const [dynamodb, auth] = await startAllOrNone([
      startDynamoDbLocal({ host: settings.host, port: settings.ports.dynamodb, dbPath: path.join(dataDir, 'dynamodb') }),
      startLocalAuth({ dataDir, host: settings.host, port: settings.ports.cognito, region: settings.region, log: cognitoLog(log) }),
    ] as const, log);
    // Both run as child processes: watched, and restarted on the same port and data when they die.
    const dynamodbService = supervise({
      name: 'DynamoDB Local',
      first: dynamodb,
      restart: () => startDynamoDbLocal({ host: settings.host, port: dynamodb.port, dbPath: path.join(dataDir, 'dynamodb') }),
      log,
    });
    const cognitoService = supervise({
      name: 'cognito-local',
      first: auth.cognito,
      restart: () => startCognitoLocal({ dataDir: auth.cognito.dataDir, host: settings.host, port: auth.cognito.port, log: cognitoLog(log) }),
      log,
    });
    stoppers.push(() => dynamodbService.stop(), () => cognitoService.stop());

    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: settings.region, credentials: LOCAL_CREDENTIALS });
    stoppers.push(async () => client.destroy());
    const ttl = startTtlSweeper({ documentClient: DynamoDBDocumentClient.from(client), tableName: settings.tableName, log });
    stoppers.push(() => ttl.stop());
    if (await ensureTable(client, settings.tableName)) log(`Created table ${settings.tableName}`);
    const searchIndex = await ensureSearchIndex({
      documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: settings.tableName,
      log: (line) => log(`Upgrading the search index: ${line}`),
    });
    if (searchIndex.state === 'reindexed') {
      log(`Search index upgraded from version ${searchIndex.fromVersion}: ${searchIndex.entries} entries of ${searchIndex.products} products`);
    }
    await ensureStaffIndex({ documentClient: DynamoDBDocumentClient.from(client), tableName: settings.tableName, log });
    const catalog = await ensureDemoCatalog({
      client,
      tableName: settings.tableName,
      count: settings.demoProducts,
      imagesPublicUrl: localShopUrl(settings),
    });
    if (catalog.loaded) log(`Loaded the demo catalog: ${catalog.report?.products} products`);
    const imagesDir = path.join(dataDir, 'images');
    const packshots = await ensureDemoPackshots(imagesDir, generateDemoCatalog({ count: settings.demoProducts }));
    if (packshots.written > 0) log(`Put ${packshots.written} demo packshot files into ${imagesDir} (${packshots.drawn} products newly drawn, the rest copied from the shared cache)`);
    await bundling;


    const webDir = localWebBucketDir(dataDir);
    await deployLocalShell(rootDir, webDir);
    // Stripe, locally: the stand-in's API and hosted page; the payment Lambdas' SDK talks to it (card-checkout,
    // stripe-webhook, and order-refund in the event fabric), and it posts its signed webhook events to the
    // stripe-webhook Lambda's local Function URL.
    const stripe = await startStripeStandIn({ host: settings.host, port: settings.ports.stripe, secrets: LOCAL_STRIPE_SECRETS, log });
    stoppers.push(() => stripe.stop());
    const webLambdaSettings = lambdaSettingsForWeb(settings);
    const pipeline = await startEventPipeline({
      dynamodbEndpoint: dynamodb.endpoint,
      tableName: settings.tableName,
      dataDir: eventPipelineDataDir(dataDir),
      emailsDir: path.join(dataDir, 'emails'),
      lakeDir: path.join(dataDir, 'lake'),
      webDir,
      imagesDir,
      settings,
      userPool: { endpoint: auth.pool.endpoint, userPoolId: auth.pool.userPoolId },
      // The API starts after the pipeline (its resolver Lambdas use the pipeline's endpoints): order-realtime,
      // which publishes to it, waits paused until it listens.
      graphqlUrl: `http://${settings.host}:${settings.ports.api}/graphql`,
      pausedLambdas: [ORDER_REALTIME],
      schedule: { timeZone: settings.shopTimeZone },
      lambdaSettings: { ...webLambdaSettings, stripe: { ...webLambdaSettings.stripe, apiUrl: stripe.url } },
      log: (line) => log(`[events] ${line}`),
    });
    stoppers.push(() => pipeline.stop());

    const lambdaSettings: LambdaSettings = pipeline.lambdaSettings;

    // Resolver Lambdas run in-process with the event functions' settings (the same local endpoints).
    const resolverClients = createAwsClients(lambdaSettings, { credentials: LOCAL_CREDENTIALS });
    stoppers.push(async () => resolverClients.destroy());
    const functionUrls: string[] = [];
    for (const definition of functionUrlLambdas()) {
      const endpoint = await startLocalFunctionUrl({
        name: definition.name,
        host: settings.host,
        port: definition.name === 'stripe-webhook' ? settings.ports.stripeWebhook : undefined,
        handler: localFunctionUrlHandlers[definition.name]!({ settings: lambdaSettings, clients: resolverClients }),
        region: settings.region,
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
        log,
      });
      stoppers.push(() => endpoint.stop());
      functionUrls.push(`Function URL ${definition.name}: ${endpoint.url}`);
      if (definition.name === 'stripe-webhook') stripe.setWebhookUrl(endpoint.url);
    }
    const api = await startFarmaCruzApi({
      rootDir,
      host: settings.host,
      port: settings.ports.api,
      apiKey: settings.apiKey,
      dynamodb: { client, tableName: settings.tableName, nextTokenSecret: settings.nextTokenSecret },
      userPool: { issuer: auth.pool.issuer, clientId: auth.pool.clientId, jwksUrl: auth.pool.jwksUrl },
      lambdaFunctions: createLocalResolverFunctions({ settings: lambdaSettings, clients: resolverClients }),
      environment: orderPolicyEnvironment(settings.orderPolicy),
      // The local Lambdas sign with these (order-realtime publishing order changes).
      iam: { region: settings.region, credentials: [LOCAL_CREDENTIALS] },
    });
    stoppers.push(() => api.close());
    pipeline.resume(ORDER_REALTIME);

    const web = await startLocalWeb({
      rootDir,
      host: settings.host,
      port: settings.ports.web,
      images: { s3Endpoint: pipeline.s3Endpoint, bucket: pipeline.lambdaSettings.images.bucket },
      config: {
        graphqlUrl: api.graphqlUrl,
        realtimeUrl: api.realtimeUrl,
        apiKey: settings.apiKey,
        region: settings.region,
        cognitoEndpoint: auth.pool.endpoint,
        userPoolClientId: auth.pool.clientId,
        pharmacyContact: loadPharmacyContact(),
        speiAccount: loadSpeiAccount(),
      },
      siteDir: webDir,
    });
    stoppers.push(() => web.stop());
    const site = await ensurePrerenderedSite({
      webDir,
      shopUrl: localShopUrl(settings),
      documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: settings.tableName,
    });
    if (site) log(`Prerendered ${site.productPages} product pages, ${site.categoryPages} category pages and the home page into ${webDir}`);

    return {
      summary: [
        `Web app:            ${web.url}`,
        `GraphQL (AppSync):  ${api.graphqlUrl}   (x-api-key: ${settings.apiKey})`,
        `GraphQL explorer:   ${api.graphqlUrl}`,
        `Real time (WS):     ${api.realtimeUrl}   (AppSync's protocol, subprotocol graphql-ws)`,
        `DynamoDB Local:     ${dynamodb.endpoint}   table ${settings.tableName}, data in ${path.join(dataDir, 'dynamodb')}`,
        ...localAuthSummary(auth),
        `Mailbox (local SES): ${pipeline.mailboxUrl}   raw copies in ${pipeline.emailsDir}`,
        `Data lake folder:   ${pipeline.lakeDir}`,
        `Product pictures:   ${web.url}images/…   (the images bucket: ${pipeline.imagesDir}, local S3 ${pipeline.s3Endpoint})`,
        `Queues:             npm run queues   (depths, dead letters, redrive)`,
        `Stripe (stand-in):  ${stripe.url}   test cards 4242 4242 4242 4242 (approved), 4000 0000 0000 0002 (declined)`,
        ...functionUrls.map((line) => `${line}`),
        ...[...pipeline.nextScheduledRuns].map(([name, at]) => `Scheduled ${name}: next run ${at.toISOString()}; run now: npm run ${name}`),
      ],
      childPids: () => ({ dynamodb: dynamodbService.current.pid, cognito: cognitoService.current.pid }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
