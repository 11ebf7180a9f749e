/**
 * The one registry of the Lambda handlers the local fabric runs (table stream, queue and schedule
 * triggers alike): wiring name → the same factory the deployed entry point uses. Which functions exist and
 * what triggers them comes from wiring/events.ts only; `trigger` here is the type tag that makes each
 * factory's event type checkable, and it must agree with the wiring (checked at start and by
 * handlers.test.ts, which also fails when a function of the wiring has no entry here).
 * S3-upload functions run when the local S3 endpoint stores an object under their prefix (s3-notifications.ts).
 */
import type { Context, S3Event } from 'aws-lambda';
import type { LambdaSettings } from '../../config/settings';
import type { AwsClients } from '../../functions/shared/aws-clients';
import type { RecordErrorReporter } from '../../functions/shared/event-errors';
import { createOrderEmailHandler } from '../../functions/order-email/handler';
import { createOrderLakeHandler } from '../../functions/order-lake/handler';
import { createOrderRefundHandler } from '../../functions/order-refund/handler';
import { createOrderStreamHandler } from '../../functions/order-stream/handler';
import { createPrerenderHandler } from '../../functions/prerender/prerender-handler';
import { createOrderRealtimeHandler } from '../../functions/order-realtime/handler';
import { createSimilarityHandler } from '../../functions/similarity/handler';
import { createReservationExpiryHandler } from '../../functions/reservation-expiry/handler';
import { createCatalogImportHandler } from '../../functions/catalog-import/handler';
import { createProductImageHandler } from '../../functions/product-image/handler';
import { createLocalAnalyticsHandler } from '../analytics-job';
import { lambdas, type LambdaDefinition, type LambdaTrigger } from '../../wiring/events';
import type { SqsLambdaHandler } from './queue-event-source';
import type { StreamLambdaHandler } from './stream-event-source';

export interface HandlerDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  /** The local lake folder (the analytics job reads it with DuckDB). */
  readonly lakeDir?: string;
  /** The shop's time zone (the analytics job's calendar). */
  readonly shopTimeZone?: string;
  /** Told the error of each record a queue handler fails (the fabric keeps it as the message's cause). */
  readonly onRecordError?: RecordErrorReporter;
}

/** What EventBridge Scheduler passes is not read by our scheduled functions; the local scheduler sends this. */
export type ScheduledLambdaHandler = (event: { source: string; time: string }, context: Context) => Promise<unknown>;

/** An S3 object-created notification, as S3 invokes the function asynchronously. */
export type S3UploadLambdaHandler = (event: S3Event, context: Context) => Promise<unknown>;

export interface HandlerOfTrigger {
  readonly 'table-stream': StreamLambdaHandler;
  readonly queue: SqsLambdaHandler;
  readonly schedule: ScheduledLambdaHandler;
  readonly 's3-upload': S3UploadLambdaHandler;
}
export type LocalTriggerKind = keyof HandlerOfTrigger;

type RegistryEntry = {
  readonly [K in LocalTriggerKind]: {
    readonly trigger: K;
    readonly create: (deps: HandlerDeps) => HandlerOfTrigger[K];
    /** Calls the GraphQL API (order-realtime): runs only in a pipeline that is given one. */
    readonly callsGraphqlApi?: boolean;
  };
}[LocalTriggerKind];

export const localHandlers: Readonly<Record<string, RegistryEntry>> = {
  'order-stream': { trigger: 'table-stream', create: createOrderStreamHandler },
  prerender: { trigger: 'table-stream', create: createPrerenderHandler },
  'order-realtime': { trigger: 'table-stream', create: createOrderRealtimeHandler, callsGraphqlApi: true },
  'order-email': { trigger: 'queue', create: createOrderEmailHandler },
  'order-lake': { trigger: 'queue', create: createOrderLakeHandler },
  'order-refund': { trigger: 'queue', create: createOrderRefundHandler },
  similarity: { trigger: 'schedule', create: createSimilarityHandler },
  analytics: { trigger: 'schedule', create: createLocalAnalyticsHandler },
  'reservation-expiry': { trigger: 'schedule', create: createReservationExpiryHandler },
  'catalog-import': { trigger: 's3-upload', create: createCatalogImportHandler },
  'product-image': { trigger: 's3-upload', create: createProductImageHandler },
};

/** A function of the wiring whose trigger the local fabric runs. */
export type LocalLambdaDefinition<K extends LocalTriggerKind = LocalTriggerKind> = Omit<LambdaDefinition, 'trigger'> & {
  readonly trigger: Extract<LambdaTrigger, { readonly kind: K }>;
};

export function isLocalLambda(lambda: LambdaDefinition): lambda is LocalLambdaDefinition {
  return lambda.trigger.kind in { 'table-stream': 1, queue: 1, schedule: 1, 's3-upload': 1 };
}

/** Every function of the wiring that the local fabric runs, in wiring order. */
export const localLambdas: readonly LocalLambdaDefinition[] = lambdas.filter(isLocalLambda);

/** The handler of `lambda`, built with the local settings and clients; refuses a registry that disagrees with the wiring. */
export function createLocalHandler<K extends LocalTriggerKind>(lambda: LocalLambdaDefinition<K>, deps: HandlerDeps): HandlerOfTrigger[K] {
  const entry = localHandlers[lambda.name];
  if (!entry) throw new Error(`No local handler for ${lambda.name}: add it to local/event-fabric/handlers.ts`);
  const kind = (lambda.trigger as { readonly kind: K }).kind;
  if (entry.trigger !== kind) {
    throw new Error(`wiring/events.ts triggers ${lambda.name} by ${kind}, but its local handler is a ${entry.trigger} handler`);
  }
  // Checked just above: the entry's tag equals K, so its factory builds a HandlerOfTrigger[K].
  return (entry.create as (deps: HandlerDeps) => HandlerOfTrigger[K])(deps);
}

/** Whether `name` publishes through the GraphQL API, so a pipeline started without one leaves it out. */
export function callsGraphqlApi(name: string): boolean {
  return localHandlers[name]?.callsGraphqlApi === true;
}
