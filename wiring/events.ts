/**
 * The one definition of the event-driven backend: the topic, the queues that subscribe to it, and which
 * Lambda handler consumes which trigger. The CDK stack (infra/) deploys exactly this, and the local event
 * fabric (local/) runs the same handlers from the same definition.
 */

export interface TopicDefinition {
  readonly name: string;
  readonly description: string;
}

export interface QueueDefinition {
  readonly name: string;
  /** The topic it subscribes to (raw message delivery). */
  readonly topic: string;
  /** SNS filter policy on message attributes; every event when omitted. */
  readonly filterPolicy?: Readonly<Record<string, readonly string[]>>;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue `<name>-dlq`. */
  readonly maxReceiveCount: number;
}

export type LambdaTrigger =
  | {
      readonly kind: 'table-stream';
      readonly filterEntityTypes: readonly string[];
      readonly batchSize: number;
      /**
       * Each record is superseded by the item's next change (order-realtime: every message is the whole order, and
       * pages resync on reconnect): records failing every retry are dropped instead of kept in a failure queue,
       * and no iterator-age alarm is kept for it; its errors alarm remains.
       */
      readonly superseded?: true;
    }
  | { readonly kind: 'queue'; readonly queue: string; readonly batchSize: number }
  | { readonly kind: 'schedule'; readonly cron: string; readonly description: string }
  | { readonly kind: 's3-upload'; readonly bucket: 'data' | 'images'; readonly prefix: string; readonly suffix: string }
  /** An HTTPS endpoint of its own (Lambda Function URL, no AWS auth: the caller signs its requests itself). */
  | { readonly kind: 'function-url'; readonly description: string };

export interface LambdaDefinition {
  /** Folder under functions/ holding handler.ts (export `handler`). */
  readonly name: string;
  readonly description: string;
  readonly trigger: LambdaTrigger;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /**
   * Repository folders the handler reads at run time, copied into the bundle under their last path part
   * (e.g. analytics/sql → <bundle>/sql, next to the bundled code, where `new URL('./sql/', import.meta.url)` finds it).
   */
  readonly bundledFolders?: readonly string[];
  /**
   * Packages installed into the bundle instead of bundled (native code: sharp), for the Lambda's platform
   * (Linux, ARM64) whatever machine deploys.
   */
  readonly nodeModules?: readonly string[];
}

export const topics: readonly TopicDefinition[] = [
  { name: 'orders', description: 'One event per order state change (OrderPlaced, OrderStatusChanged, OrderCancelled, OrderRefunded)' },
];

/**
 * AWS asks for a queue's visibility timeout of at least 6× the timeout of the function it triggers (the event
 * source retries throttled invocations while the batch stays hidden). The CDK stack refuses less.
 */
export const VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT = 6;

/** Timeout of the order queue consumers (order-email, order-lake): the one number their queues derive from. */
export const ORDER_CONSUMER_TIMEOUT_SECONDS = 30;

/** How long a received order message stays hidden: 6 × 30 s = 180 s (idempotency in-progress windows read this). */
export const ORDER_QUEUE_VISIBILITY_TIMEOUT_SECONDS = VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT * ORDER_CONSUMER_TIMEOUT_SECONDS;

export const queues: readonly QueueDefinition[] = [
  { name: 'orders-email', topic: 'orders', visibilityTimeoutSeconds: ORDER_QUEUE_VISIBILITY_TIMEOUT_SECONDS, maxReceiveCount: 5 },
  { name: 'orders-lake', topic: 'orders', visibilityTimeoutSeconds: ORDER_QUEUE_VISIBILITY_TIMEOUT_SECONDS, maxReceiveCount: 5 },
  {
    // Only cancellations of orders that hold a card payment (model/order-events.ts ORDER_EVENT_ATTRIBUTE).
    name: 'orders-refund',
    topic: 'orders',
    filterPolicy: { eventType: ['OrderCancelled'], cardPayment: ['held'] },
    visibilityTimeoutSeconds: ORDER_QUEUE_VISIBILITY_TIMEOUT_SECONDS,
    maxReceiveCount: 5,
  },
];

export const lambdas: readonly LambdaDefinition[] = [
  {
    name: 'order-stream',
    description: 'Turns order changes on the table stream into order events on the orders topic',
    trigger: { kind: 'table-stream', filterEntityTypes: ['Order'], batchSize: 100 },
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'prerender',
    description: 'Rewrites the prerendered pages (product, category, sitemap) in the web bucket when products change',
    trigger: { kind: 'table-stream', filterEntityTypes: ['Product'], batchSize: 100 },
    // A stream batch takes seconds; the whole site after a deployment (Custom::PrerenderedPages) takes the
    // time: 20,000 products ≈ 28 s of CPU (bench:prerender) plus 20,000 S3 PUTs, well inside 15 minutes.
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    name: 'order-realtime',
    description: 'Publishes every order change on the table stream to the API\'s subscribers (Mutation.publishOrderChange, IAM)',
    trigger: { kind: 'table-stream', filterEntityTypes: ['Order'], batchSize: 100, superseded: true },
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'order-email',
    description: 'Sends the order emails through SES and keeps a raw copy in the emails bucket',
    trigger: { kind: 'queue', queue: 'orders-email', batchSize: 10 },
    timeoutSeconds: ORDER_CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
  {
    name: 'order-lake',
    description: 'Writes one analytics record per order event to the lake stream',
    trigger: { kind: 'queue', queue: 'orders-lake', batchSize: 10 },
    timeoutSeconds: ORDER_CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
  {
    name: 'order-refund',
    description: 'Refunds the card payment of a cancelled order through Stripe, once, and records it on the order',
    trigger: { kind: 'queue', queue: 'orders-refund', batchSize: 5 },
    timeoutSeconds: ORDER_CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
  {
    name: 'similarity',
    description: 'Nightly: recomputes the top similar products of every product',
    trigger: { kind: 'schedule', cron: '0 3 * * ? *', description: 'Every day at 03:00 in the shop time zone' },
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    name: 'analytics',
    description: 'Hourly: runs the sales metric queries over the order lake and writes the aggregates the staff page reads',
    trigger: { kind: 'schedule', cron: '5 * * * ? *', description: 'Every hour at minute 5' },
    timeoutSeconds: 600,
    memoryMb: 512,
    bundledFolders: ['analytics/sql'],
  },
  {
    name: 'reservation-expiry',
    description: 'Every minute: cancels unpaid orders whose stock reservation ended and returns their stock, once',
    // A sweep over the reservation items (sorted by expiry) rather than DynamoDB TTL (deletes up to days late)
    // or one EventBridge schedule per order (a resolver cannot create one; thousands of schedules to clean up).
    trigger: { kind: 'schedule', cron: '* * * * ? *', description: 'Every minute' },
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'stripe-webhook',
    description: 'Stripe webhook: verifies the signature, moves a paid order to PAID once per event, refunds a payment that came too late',
    // Stripe signs each request (Stripe-Signature, checked with the SDK); it cannot sign AWS requests.
    trigger: { kind: 'function-url', description: 'Stripe webhook endpoint (docs/deploy.md: register it in Stripe)' },
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'catalog-import',
    description: 'Imports a point-of-sale .DBF catalog file uploaded to the data bucket',
    trigger: { kind: 's3-upload', bucket: 'data', prefix: 'catalog-imports/', suffix: '.dbf' },
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    name: 'product-image',
    description: 'Turns a product photo staff uploaded into the WebP sizes the shop shows and records them on the product',
    // model/product-image.ts: uploads/products/<productId>/<uploadId>.photo
    trigger: { kind: 's3-upload', bucket: 'images', prefix: 'uploads/products/', suffix: '.photo' },
    timeoutSeconds: 60,
    memoryMb: 1536,
    nodeModules: ['sharp'],
  },
];

export function lambdaHandlerPath(name: string): string {
  return `functions/${name}/handler.ts`;
}

export function deadLetterQueueName(queueName: string): string {
  return `${queueName}-dlq`;
}

/**
 * The data lake delivery: order-lake puts records on a Kinesis stream (LAKE_STREAM_NAME), and a Firehose
 * delivery stream reads it into the data bucket under `prefix`, gzipped, one object per buffer flush.
 * The local Firehose stand-in writes the same key layout under `.data/lake/`.
 */
export interface LakeDeliveryDefinition {
  /** Firehose delivery stream name; also the first part of every object name. */
  readonly deliveryStreamName: string;
  /** S3 prefix with Firehose's `!{timestamp:...}` namespace (UTC arrival time). */
  readonly prefix: string;
  readonly errorOutputPrefix: string;
  readonly compression: 'GZIP';
  readonly bufferIntervalSeconds: number;
  readonly bufferSizeMiB: number;
}

export const lakeDelivery: LakeDeliveryDefinition = {
  deliveryStreamName: 'farmacruz-orders-lake',
  prefix: 'orders/dt=!{timestamp:yyyy-MM-dd}/',
  errorOutputPrefix: 'orders-errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
  compression: 'GZIP',
  bufferIntervalSeconds: 60,
  bufferSizeMiB: 5,
};
