/**
 * The local event pipeline of `npm start` and the tests: everything between the table and the mailbox
 * and lake, wired from wiring/events.ts and running the real handlers in-process.
 *
 *   DynamoDB Local stream ──(StreamEventSource, checkpointed)──▶ order-stream handler
 *     ──(SNS client → local SNS endpoint)──▶ queues (FileQueue, filter policies)
 *     ──(QueueEventSource: batches, visibility, retries, DLQ)──▶ order-email / order-lake handlers
 *   order-email ──▶ local SES (mailbox page) + local S3 endpoint (emails folder)
 *   order-lake ──▶ local Kinesis endpoint (log) ──(Firehose stand-in)──▶ lake folder (dt=…/….gz)
 *
 * Only endpoints and settings differ from AWS: the handlers get a LambdaSettings with the local endpoints.
 * All state lives under `dataDir`, so a new pipeline on the same folder resumes where the last one stopped.
 */
import path from 'node:path';
import { localLambdaSettings, type LambdaLogLevel, type LambdaSettings, type LocalStackSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../../functions/shared/aws-clients';
import { orderEmailTemplates } from '../../functions/order-email/templates';
import { deadLetterQueueName, lakeDelivery, lambdas, queues, topics } from '../../wiring/events';
import { LOCAL_CREDENTIALS } from '../dynamodb-local';
import { firehoseOffsetFile, startFirehoseDelivery, type FirehoseDelivery } from '../lake/firehose-delivery';
import { trimStreamLog } from '../lake/trim-stream-log';
import { startKinesisServer, streamLogFile, type KinesisServer } from '../lake/kinesis-server';
import { startLocalSes, type LocalSes } from '../mail/ses-server';
import { startS3Server, type CreatedObject, type S3Server } from '../s3/s3-server';
import { createS3Notifications } from './s3-notifications';
import { tableStreamFilterPattern } from './filters';
import { callsGraphqlApi, createLocalHandler, localLambdas, type HandlerDeps, type LocalLambdaDefinition } from './handlers';
import { startLocalScheduler } from '../scheduler';
import { installEmailTemplates } from './email-templates';
import { describeError, QueueEventSource, type QueueBatchReport } from './queue-event-source';
import { FileQueue, type QueueDepth, type QueueMessage } from './queue-store';
import { startSnsServer, type PublishedMessage, type SnsServer, type Subscription } from './sns-server';
import { StreamEventSource, type StreamBatchReport } from './stream-event-source';
import { removeStaleTemporaryFiles } from './temporary-files';

export type PipelineActivity =
  | ({ readonly kind: 'stream-batch' } & StreamBatchReport)
  | { readonly kind: 'published'; readonly message: PublishedMessage; readonly queues: readonly string[] }
  | ({ readonly kind: 'queue-batch' } & QueueBatchReport)
  | { readonly kind: 'dead-lettered'; readonly queue: string; readonly message: QueueMessage; readonly reason: string }
  | { readonly kind: 'lake-object'; readonly key: string; readonly records: number };

/** Where `npm start` keeps the pipeline's state (queues, checkpoints, Kinesis log); `npm run queues` reads it. */
export function eventPipelineDataDir(localDataDir: string): string {
  return path.join(localDataDir, 'events');
}

export interface EventPipelineOptions {
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** Where queues, checkpoints, the Kinesis log and (by default) the emails and lake folders live. */
  readonly dataDir: string;
  /** Local stack settings: host, region and the mailbox port (`ports.mail`); defaults otherwise. */
  readonly settings?: LocalStackSettings;
  /** Base Lambda settings (template names, sender…); endpoints, table and names are set by the pipeline. */
  readonly lambdaSettings?: LambdaSettings;
  /**
   * The local API's GraphQL URL, which order-realtime publishes every order change to (IAM, signed with the
   * local credentials). Without it order-realtime does not run (pipelines tested without an API).
   */
  readonly graphqlUrl?: string;
  /** The local user pool order-email looks customers' verified emails up in (orders placed with access tokens). */
  readonly userPool?: { readonly endpoint: string; readonly userPoolId: string };
  /** Use this local SES instead of starting one (e.g. one shared across restarts in a test). */
  readonly sesEndpoint?: string;
  readonly emailsDir?: string;
  readonly lakeDir?: string;
  /** The web bucket as a folder (index.html and the prerendered pages the local web server serves). */
  readonly webDir?: string;
  /** The images bucket as a folder (product pictures); `<dataDir>/images` when omitted. */
  readonly imagesDir?: string;
  /** How often idle event sources poll (ms). Default 100. */
  readonly pollIntervalMs?: number;
  /** Firehose buffer interval (ms). Default: the deployed one (lakeDelivery, 60 s); tests and benches pass less. */
  readonly firehoseBufferIntervalMs?: number;
  /** Overrides every queue's visibility timeout (tests; AWS values come from the wiring). */
  readonly visibilityTimeoutSeconds?: number;
  /** Overrides every function's timeout (tests). */
  readonly lambdaTimeoutSeconds?: number;
  /** Concurrent batches per queue (Lambda's pollers). Default 4. */
  readonly maxConcurrentBatches?: number;
  /** Runs the scheduled functions at their cron times in this time zone; no scheduler when omitted. */
  readonly schedule?: { readonly timeZone: string };
  /** Functions whose event sources start paused (resume with `resume(name)`). */
  readonly pausedLambdas?: readonly string[];
  readonly logLevel?: LambdaLogLevel;
  /** Fabric messages (retries, DLQ moves); console.error when omitted. */
  readonly log?: (line: string) => void;
  /** Everything the fabric does, for tests and benchmarks. */
  readonly observer?: (activity: PipelineActivity) => void;
}

export interface EventPipeline {
  /** The local SES inbox page. */
  readonly mailboxUrl: string;
  readonly sesEndpoint: string;
  /** The emails bucket as a folder. */
  readonly emailsDir: string;
  /** The data bucket (lake) as a folder. */
  readonly lakeDir: string;
  /** The web bucket as a folder. */
  readonly webDir: string;
  /** The settings the handlers run with (local endpoints). */
  readonly lambdaSettings: LambdaSettings;
  /** The local S3 endpoint (path-style: `<endpoint>/<bucket>/<key>`) and the folders of its buckets. */
  readonly s3Endpoint: string;
  readonly imagesDir: string;
  /** The local name of the data bucket (lake, catalog uploads and reports). */
  readonly dataBucket: string;
  /** Waits for the S3-triggered invocations in flight (uploads being processed). */
  drainUploads(): Promise<void>;
  pause(lambda: string): void;
  resume(lambda: string): void;
  /** Delivers what the Firehose stand-in has buffered now. */
  flushLake(): Promise<void>;
  queueDepths(): Promise<QueueDepth[]>;
  /** Next run of every scheduled function (empty without `schedule`). */
  readonly nextScheduledRuns: ReadonlyMap<string, Date>;
  /** Stops polling, lets in-flight invocations finish, flushes the lake and closes the endpoints. */
  stop(): Promise<void>;
}

type Closer = () => Promise<void>;

interface QueuePair {
  readonly queue: FileQueue;
  readonly deadLetter: FileQueue;
}

/** The endpoints the handlers' clients call, the queues behind SNS, and the settings that point at them. */
interface Endpoints {
  readonly mailboxUrl: string;
  readonly s3Endpoint: string;
  /** Where the S3 endpoint reports each object it stores (set once the handlers exist). */
  readonly objectCreated: { notify: (object: CreatedObject) => void };
  readonly sesEndpoint: string;
  readonly queueStore: ReadonlyMap<string, QueuePair>;
  readonly firehose: FirehoseDelivery;
  readonly settings: LambdaSettings;
  /** Tells the queue's event source that a message arrived. */
  onDelivered(queue: string, wake: () => void): void;
}

async function openQueues(dataDir: string): Promise<Map<string, QueuePair>> {
  const store = new Map<string, QueuePair>();
  for (const definition of queues) {
    store.set(definition.name, {
      queue: await FileQueue.open(dataDir, definition.name),
      deadLetter: await FileQueue.open(dataDir, deadLetterQueueName(definition.name)),
    });
  }
  return store;
}

/** The local name of the data bucket: the lake folder, where catalog uploads and reports go too. */
export const LOCAL_DATA_BUCKET = 'farmacruz-data';

async function startEndpoints(
  options: EventPipelineOptions,
  dataDir: string,
  dirs: { emailsDir: string; lakeDir: string; webDir: string; imagesDir: string },
  closers: Closer[],
): Promise<Endpoints> {
  const host = options.settings?.host ?? '127.0.0.1';
  const region = options.settings?.region ?? 'us-east-1';
  const observe = options.observer ?? (() => undefined);
  const log = options.log ?? ((line: string) => console.error(`[event-fabric] ${line}`));
  const base = options.lambdaSettings ?? localLambdaSettings({});
  const queueStore = await openQueues(dataDir);
  const wakers = new Map<string, () => void>();

  let sesEndpoint = options.sesEndpoint;
  let mailboxUrl = options.sesEndpoint ? `${options.sesEndpoint}/` : '';
  if (!sesEndpoint) {
    const ses: LocalSes = await startLocalSes({ host, ...(options.settings ? { port: options.settings.ports.mail } : {}) });
    closers.push(() => ses.close());
    sesEndpoint = ses.endpoint;
    mailboxUrl = ses.mailboxUrl;
  }
  const objectCreated = { notify: (_object: CreatedObject) => undefined as void };
  const s3: S3Server = await startS3Server({
    host,
    buckets: { [base.emailsBucket]: dirs.emailsDir, [base.webBucket]: dirs.webDir, [base.images.bucket]: dirs.imagesDir, [LOCAL_DATA_BUCKET]: dirs.lakeDir },
    credentials: [LOCAL_CREDENTIALS],
    onObjectCreated: (object) => objectCreated.notify(object),
  });
  closers.push(() => s3.close());

  const subscriptions = new Map<string, Subscription[]>(topics.map((t) => [t.name, []]));
  for (const q of queues) {
    subscriptions.get(q.topic)?.push({ queue: q.name, ...(q.filterPolicy ? { filterPolicy: q.filterPolicy } : {}) });
  }
  const sns: SnsServer = await startSnsServer({
    host,
    region,
    topics: subscriptions,
    deliver: async (queueName, message) => {
      await queueStore.get(queueName)!.queue.send({ body: message.body, messageAttributes: message.messageAttributes });
      wakers.get(queueName)?.();
    },
    onPublished: (message, delivered) => observe({ kind: 'published', message, queues: delivered }),
  });
  closers.push(() => sns.close());

  const lakeStreamName = base.lakeStreamName;
  const trimmed = await trimStreamLog({
    logFile: streamLogFile(dataDir, lakeStreamName),
    offsetFile: firehoseOffsetFile(dataDir, lakeDelivery.deliveryStreamName),
    now: Date.now(),
  });
  if (trimmed.removedRecords > 0) log(`trimmed ${trimmed.removedRecords} delivered record(s) older than 24 h from the local Kinesis log`);
  let firehose: FirehoseDelivery | undefined;
  const kinesis: KinesisServer = await startKinesisServer({
    host,
    region,
    dataDir,
    streams: [lakeStreamName],
    onAppended: () => firehose?.notify(),
  });
  closers.push(() => kinesis.close());
  const delivery = await startFirehoseDelivery({
    deliveryStreamName: lakeDelivery.deliveryStreamName,
    sourceLogFile: streamLogFile(dataDir, lakeStreamName),
    dataDir,
    bucketDir: dirs.lakeDir,
    prefix: lakeDelivery.prefix,
    bufferIntervalMs: options.firehoseBufferIntervalMs ?? lakeDelivery.bufferIntervalSeconds * 1000,
    bufferSizeBytes: lakeDelivery.bufferSizeMiB * 1024 * 1024,
    onDelivered: (object) => observe({ kind: 'lake-object', ...object }),
    log,
  });
  firehose = delivery;
  closers.push(() => delivery.stop());

  const settings: LambdaSettings = {
    ...base,
    aws: {
      region,
      endpoints: {
        dynamodb: options.dynamodbEndpoint,
        sns: sns.endpoint,
        sesv2: sesEndpoint,
        s3: s3.endpoint,
        kinesis: kinesis.endpoint,
        ...(options.userPool ? { cognito: options.userPool.endpoint } : {}),
      },
      s3ForcePathStyle: true,
    },
    ...(options.userPool ? { userPoolId: options.userPool.userPoolId } : {}),
    tableName: options.tableName,
    ...(options.graphqlUrl ? { graphqlUrl: options.graphqlUrl } : {}),
    idempotency: {
      ...base.idempotency,
      tableName: options.tableName,
      // Queues kept invisible for another time than the wiring's: the consumers' lock follows them.
      // Never shorter than an attempt may run, so no redelivery runs beside a live attempt.
      ...(options.visibilityTimeoutSeconds !== undefined
        ? {
            inProgressLockSeconds: Math.max(
              options.visibilityTimeoutSeconds,
              options.lambdaTimeoutSeconds ?? Math.max(...lambdas.filter((l) => l.trigger.kind === 'queue').map((l) => l.timeoutSeconds)),
            ),
          }
        : {}),
    },
    ordersTopicArn: sns.topicArn('orders'),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  };
  return {
    mailboxUrl,
    s3Endpoint: s3.endpoint,
    objectCreated,
    sesEndpoint,
    queueStore,
    firehose: delivery,
    settings,
    onDelivered: (queue, wake) => wakers.set(queue, wake),
  };
}

type EventSource = StreamEventSource | QueueEventSource;

/** The event source mapping of one stream- or queue-triggered function, as in wiring/events.ts. */
function createEventSource(
  lambda: LocalLambdaDefinition,
  options: EventPipelineOptions,
  endpoints: Endpoints,
  deps: HandlerDeps,
  dataDir: string,
): EventSource | undefined {
  const region = endpoints.settings.aws.region;
  const log = options.log ?? ((line: string) => console.error(`[event-fabric] ${line}`));
  const observe = options.observer ?? (() => undefined);
  const common = {
    lambda: lambda.name,
    region,
    timeoutMs: (options.lambdaTimeoutSeconds ?? lambda.timeoutSeconds) * 1000,
    memoryMb: lambda.memoryMb,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    paused: options.pausedLambdas?.includes(lambda.name) ?? false,
    log,
  };
  const trigger = lambda.trigger;
  switch (trigger.kind) {
    case 'table-stream':
      return new StreamEventSource({
        ...common,
        handler: createLocalHandler({ ...lambda, trigger }, deps),
        dynamodbEndpoint: options.dynamodbEndpoint,
        credentials: LOCAL_CREDENTIALS,
        tableName: options.tableName,
        checkpointFile: path.join(dataDir, 'streams', `${options.tableName}.${lambda.name}.json`),
        batchSize: trigger.batchSize,
        filterPattern: tableStreamFilterPattern(trigger.filterEntityTypes),
        onBatch: (report) => observe({ kind: 'stream-batch', ...report }),
      });
    case 'queue': {
      const definition = queues.find((q) => q.name === trigger.queue);
      const stores = endpoints.queueStore.get(trigger.queue);
      if (!definition || !stores) throw new Error(`Function ${lambda.name} reads queue ${trigger.queue}, which the wiring does not define`);
      // The handler tells each failed record's error; the source keeps it as that message's cause.
      const recordErrors = new Map<string, string>();
      const source = new QueueEventSource({
        ...common,
        handler: createLocalHandler({ ...lambda, trigger }, { ...deps, onRecordError: (messageId, error) => recordErrors.set(messageId, describeError(error)) }),
        recordErrors,
        queue: stores.queue,
        deadLetterQueue: stores.deadLetter,
        batchSize: trigger.batchSize,
        maxReceiveCount: definition.maxReceiveCount,
        visibilityTimeoutMs: (options.visibilityTimeoutSeconds ?? definition.visibilityTimeoutSeconds) * 1000,
        maxConcurrentBatches: options.maxConcurrentBatches ?? 4,
        onBatch: (report) => observe({ kind: 'queue-batch', ...report }),
        onDeadLetter: (message, reason) => observe({ kind: 'dead-lettered', queue: trigger.queue, message, reason }),
      });
      endpoints.onDelivered(trigger.queue, () => source.wake());
      return source;
    }
    case 'schedule':
    case 's3-upload':
      return undefined;
  }
}

export async function startEventPipeline(options: EventPipelineOptions): Promise<EventPipeline> {
  const dataDir = path.resolve(options.dataDir);
  const emailsDir = path.resolve(options.emailsDir ?? path.join(dataDir, 'emails'));
  const lakeDir = path.resolve(options.lakeDir ?? path.join(dataDir, 'lake'));
  const webDir = path.resolve(options.webDir ?? path.join(dataDir, 'web'));
  const imagesDir = path.resolve(options.imagesDir ?? path.join(dataDir, 'images'));
  const log = options.log ?? ((line: string) => console.error(`[event-fabric] ${line}`));

  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => log(`stopping: ${String(error)}`));
  };

  try {
    // Left by a crash between writing a file's temporary copy and renaming it.
    const leftovers = await removeStaleTemporaryFiles([dataDir, emailsDir, lakeDir], Date.now() - 1000);
    if (leftovers.length > 0) log(`removed ${leftovers.length} temporary file(s) left by an earlier crash`);
    const endpoints = await startEndpoints(options, dataDir, { emailsDir, lakeDir, webDir, imagesDir }, closers);
    const { settings } = endpoints;
    const clients: AwsClients = createAwsClients(settings, { credentials: LOCAL_CREDENTIALS });
    closers.push(async () => clients.destroy());
    await installEmailTemplates(clients.sesv2, orderEmailTemplates(settings.email.templates));
    const deps: HandlerDeps = { settings, clients, lakeDir, ...(options.schedule ? { shopTimeZone: options.schedule.timeZone } : {}) };

    const uploads = createS3Notifications({
      lambdas: localLambdas.filter((l): l is LocalLambdaDefinition<'s3-upload'> => l.trigger.kind === 's3-upload'),
      bucketNames: { data: LOCAL_DATA_BUCKET, images: settings.images.bucket },
      deps,
      region: settings.aws.region,
      ...(options.lambdaTimeoutSeconds !== undefined ? { timeoutSeconds: options.lambdaTimeoutSeconds } : {}),
      log,
    });
    endpoints.objectCreated.notify = (object) => uploads.notify(object);
    closers.push(() => uploads.drain());

    const sources = new Map<string, EventSource>();
    for (const lambda of localLambdas) {
      if (callsGraphqlApi(lambda.name) && !options.graphqlUrl) continue;
      const source = createEventSource(lambda, options, endpoints, deps, dataDir);
      if (source) sources.set(lambda.name, source);
    }
    // Stop the event sources first (in-flight invocations finish), then the endpoints they call.
    closers.push(async () => {
      await Promise.all([...sources.values()].map((source) => source.stop()));
    });
    for (const source of sources.values()) source.start();

    const scheduler = options.schedule
      ? startLocalScheduler({
          timeZone: options.schedule.timeZone,
          region: settings.aws.region,
          log,
          invoke: (lambda, context) => createLocalHandler(lambda, deps)({ source: 'local-scheduler', time: new Date().toISOString() }, context),
        })
      : undefined;
    if (scheduler) closers.push(async () => scheduler.stop());

    const byLambda = (name: string) => {
      const source = sources.get(name);
      if (!source) throw new Error(`No event source for function ${name}`);
      return source;
    };

    let stopped = false;
    return {
      mailboxUrl: endpoints.mailboxUrl,
      sesEndpoint: endpoints.sesEndpoint,
      emailsDir,
      lakeDir,
      webDir,
      imagesDir,
      s3Endpoint: endpoints.s3Endpoint,
      dataBucket: LOCAL_DATA_BUCKET,
      drainUploads: () => uploads.drain(),
      lambdaSettings: settings,
      nextScheduledRuns: scheduler?.nextRuns ?? new Map(),
      pause: (name) => byLambda(name).pause(),
      resume: (name) => byLambda(name).resume(),
      flushLake: () => endpoints.firehose.flush(),
      async queueDepths() {
        const depths: QueueDepth[] = [];
        for (const { queue, deadLetter } of endpoints.queueStore.values()) depths.push(await queue.depth(), await deadLetter.depth());
        return depths;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
