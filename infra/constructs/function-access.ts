/**
 * What each Lambda may touch, and the environment that tells it where: one entry per function of
 * wiring/events.ts, granted by hand so every permission is deliberate (least privilege). A Lambda added to
 * the wiring without an entry here fails the synth instead of running with no (or too many) rights.
 * The environment variable names come from config/environment.ts, which config/settings.ts reads too.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { grantParameterRead, type PaymentParameter } from './payment-parameter';
import { acknowledge, arnRef } from '../nag';
import { CATALOG_PK, categoryKey, orderKey, productKey, RESERVATIONS_PK, searchBucket, skuKey, stripeEventKey, unpaidOrdersKey } from '../../model/keys';
import { PRERENDERED_KEY_PATTERNS } from '../../functions/prerender/page-types';
import { IMAGE_UPLOAD_PREFIX, imageUploadItemKey } from '../../model/product-image';
import { catalogImportItemKey } from '../../model/catalog-import';
import { mainTable } from '../../model/table';
import { LAMBDA_ENV as E, requiredLambdaEnv } from '../../config/environment';
import { speiAccountEnvironment, type SpeiAccount } from '../../config/settings';
import type { Email } from './email';
import type { Lake } from './lake';
import type { Messaging } from './messaging';
import type { Storage } from './storage';
import type { SalesAnalytics } from './analytics';

export interface FunctionResources {
  readonly table: dynamodb.Table;
  readonly messaging: Messaging;
  readonly storage: Storage;
  readonly lake: Lake;
  readonly email: Email;
  /** The customers' user pool: order-email reads a customer's verified email (orders placed with access tokens). */
  readonly userPool: cognito.IUserPool;
  /** The GraphQL API order-realtime publishes order changes to (IAM auth, its own endpoint, not the custom domain). */
  readonly graphqlApi: appsync.IGraphqlApi & { readonly graphqlUrl: string };
  /** Environment every function gets (log level, time zone, shop URL…). */
  readonly commonEnvironment: Readonly<Record<string, string>>;
  /** Where the images bucket's images/ keys are served (the web distribution), ending in '/'. */
  readonly images: { readonly publicUrl: string };
  /** Where staff upload .dbf files (the s3-upload trigger's prefix) and where import reports go. */
  readonly catalog: { readonly uploadPrefix: string; readonly reportPrefix: string };
  /** Athena workgroup and Glue table of the sales analytics (absent when the lake has no Glue table). */
  readonly analytics?: SalesAnalytics;
  /** The shop's time zone (the analytics job's calendar). */
  readonly shopTimeZone?: string;
  /** The Stripe SSM SecureString parameter (`{"apiKey","webhookSecret"}`) the payment Lambdas read at cold start. */
  readonly paymentParameter: PaymentParameter;
  /** Order email settings resolved from the deploy settings. */
  readonly orderEmail: {
    readonly from?: string;
    /** The shop's time zone, for dates in emails. */
    readonly timeZone: string;
    /** Base URL of the web app, for links in emails. */
    readonly shopUrl: string;
    readonly templates: { readonly placed: string; readonly statusChanged: string; readonly cancelled: string };
    /** The shop's SPEI account, for the transfer instructions (config/settings.ts loadSpeiAccount). */
    readonly speiAccount: SpeiAccount;
  };
}

/** Grants what the function may touch and returns the environment that tells it where. */
type AccessGrant = (fn: lambda.Function, r: FunctionResources) => Record<string, string>;

/** Idempotency records of one consumer live in the single table under `IDEMPOTENCY#<consumer>` only. */
function grantIdempotencyRecords(fn: lambda.Function, table: dynamodb.ITable, consumer: string): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`IDEMPOTENCY#${consumer}`] } },
    }),
  );
}

const tableEnvironment = (r: FunctionResources) => ({ [E.tableName]: r.table.tableName, [E.idempotencyTableName]: r.table.tableName });

/** ARN of one global secondary index of the table, checked against model/table.ts. */
function indexArn(table: dynamodb.ITable, indexName: string): string {
  if (!mainTable.globalSecondaryIndexes.some((index) => index.indexName === indexName)) {
    throw new Error(`model/table.ts has no index ${indexName}`);
  }
  return `${table.tableArn}/index/${indexName}`;
}

/**
 * Partition keys of the items that make up the catalog (model/keys.ts): products, their SKU guards, their
 * search entries, and the category items under CATALOG. IAM patterns: `*` stands for the id.
 */
export const PRODUCT_ITEM_PARTITIONS: readonly string[] = [productKey('*').PK, skuKey('*').PK, searchBucket('*'), categoryKey('*').PK];

/** Catalog reads of the jobs: active products through GSI2 (catalog/similarity-job.ts, catalog/import.ts). */
const ACTIVE_PRODUCTS_INDEX = 'GSI2';

/** product-image: the upload (read, delete), the sizes it makes (write), the product and the upload's state. */
const productImageAccess: AccessGrant = (fn, r) => {
  const bucket = r.storage.imagesBucket;
  const uploads = bucket.arnForObjects(`${IMAGE_UPLOAD_PREFIX}*`);
  const sizes = bucket.arnForObjects('images/products/*');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [uploads] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [sizes] }));
  acknowledge(
    fn.role ?? fn,
    `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/${IMAGE_UPLOAD_PREFIX}*]`,
    'Each upload has its own key (product and upload ids) under the uploads prefix; read and delete only there.',
  );
  acknowledge(
    fn.role ?? fn,
    `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/images/products/*]`,
    'Each size made from an upload gets its own key (product, upload, width) under images/products/; PutObject only there.',
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resources: [r.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [productKey('*').PK, imageUploadItemKey('*').PK] } },
    }),
  );
  return {
    ...r.commonEnvironment,
    [E.tableName]: r.table.tableName,
    [E.imagesBucket]: bucket.bucketName,
    [E.imagesPublicUrl]: r.images.publicUrl,
  };
};

export const FUNCTION_ACCESS: Readonly<Record<string, AccessGrant>> = {
  'order-stream': (fn, r) => {
    const topic = r.messaging.topic('orders');
    // Not topic.grantPublish: it adds kms:Decrypt and kms:GenerateDataKey* on the topic key, and the topic's
    // key is SNS's AWS managed key, whose key policy already lets SNS use it for whoever may publish.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    return { ...r.commonEnvironment, ...tableEnvironment(r), [E.ordersTopicArn]: topic.topicArn };
  },

  'order-realtime': (fn, r) => {
    // appsync:GraphQL on Mutation.publishOrderChange only: no query, no other mutation, no subscription.
    r.graphqlApi.grantMutation(fn, 'publishOrderChange');
    return { ...r.commonEnvironment, [E.graphqlUrl]: r.graphqlApi.graphqlUrl };
  },

  'order-email': (fn, r) => {
    grantIdempotencyRecords(fn, r.table, 'order-email');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [r.storage.emailsBucket.arnForObjects('*')] }));
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(r.storage.emailsBucket)}/*]`,
      'Each email copy gets its own key (date/order/version); PutObject only, only in the emails bucket.',
    );
    // Orders placed with an access token carry no email: order-email reads the owner's verified email by sub.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [r.userPool.userPoolArn] }));
    const sendResources = r.email.sendEmailResources();
    if (sendResources.length) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: sendResources }));
    }
    return {
      ...r.commonEnvironment,
      ...tableEnvironment(r),
      [E.emailsBucket]: r.storage.emailsBucket.bucketName,
      [E.userPoolId]: r.userPool.userPoolId,
      ...(r.orderEmail.from ? { [E.emailFrom]: r.orderEmail.from } : {}),
      [E.emailTimeZone]: r.orderEmail.timeZone,
      [E.shopUrl]: r.orderEmail.shopUrl,
      [E.emailConfigurationSet]: r.email.configurationSet.configurationSetName,
      [E.emailTemplatePlaced]: r.orderEmail.templates.placed,
      [E.emailTemplateStatusChanged]: r.orderEmail.templates.statusChanged,
      [E.emailTemplateCancelled]: r.orderEmail.templates.cancelled,
      ...speiAccountEnvironment(r.orderEmail.speiAccount),
    };
  },

  'order-lake': (fn, r) => {
    grantIdempotencyRecords(fn, r.table, 'order-lake');
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], resources: [r.lake.stream.streamArn] }),
    );
    return { ...r.commonEnvironment, ...tableEnvironment(r), [E.lakeStreamName]: r.lake.stream.streamName };
  },

  similarity: (fn, r) => {
    // Reads every active product, then reads the SIMILAR item of each (PK PRODUCT#<id>) and rewrites the changed ones.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexArn(r.table, ACTIVE_PRODUCTS_INDEX)] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PRODUCT#*'] } },
      }),
    );
    // The run record (CATALOG / SIMILARITYRUN, put at the end of each run) and the back office's "recompute now"
    // request (CATALOG / SIMILARITYREQUEST, updated as the run goes).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [CATALOG_PK] } },
      }),
    );
    return { ...r.commonEnvironment, [E.tableName]: r.table.tableName };
  },

  'reservation-expiry': (fn, r) => {
    // Queries the due reservations (PK RESERVATIONS), reads each order, and in one transaction updates the order,
    // returns stock to its products, deletes the reservation and decrements the owner's unpaid count.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
        resources: [r.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [RESERVATIONS_PK, orderKey('*').PK, productKey('*').PK, unpaidOrdersKey('*').PK] },
        },
      }),
    );
    return { ...r.commonEnvironment, [E.tableName]: r.table.tableName };
  },

  'stripe-webhook': (fn, r) => {
    // Reads the order and its event record; in one transaction: the event record, the order → PAID, the
    // reservation deleted, the owner's unpaid count − 1; or the event record and a REFUND# item of the order.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
        resources: [r.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [stripeEventKey('*').PK, RESERVATIONS_PK, orderKey('*').PK, unpaidOrdersKey('*').PK],
          },
        },
      }),
    );
    // The API key (refunds) and the webhook signing secret.
    grantParameterRead(fn, r.paymentParameter);
    return { ...r.commonEnvironment, [E.tableName]: r.table.tableName, [E.stripeParameterName]: r.paymentParameter.name };
  },

  'order-refund': (fn, r) => {
    // Reads the cancelled order; in one transaction: the order records its refund (version + 1) and its
    // REFUND#<PaymentIntent> item is put, both in the order's own partition.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [orderKey('*').PK] } },
      }),
    );
    // The API key (refunds).
    grantParameterRead(fn, r.paymentParameter);
    return { ...r.commonEnvironment, [E.tableName]: r.table.tableName, [E.stripeParameterName]: r.paymentParameter.name };
  },

  prerender: (fn, r) => {
    // Reads a changed product, the categories (CATALOG partition), a category's products (GSI1) and every
    // active product (GSI2, the sitemap); writes nothing to the table.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [productKey('*').PK, categoryKey('*').PK] } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexArn(r.table, 'GSI1'), indexArn(r.table, ACTIVE_PRODUCTS_INDEX)] }),
    );
    // The web bucket: reads the deployed index.html (the pages' shell) and the sitemap parts; writes and
    // removes only the prerendered objects, never the app's own files.
    const web = r.storage.webBucket;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [web.arnForObjects('index.html'), web.arnForObjects('sitemaps/*')] }));
    const pages = PRERENDERED_KEY_PATTERNS.filter((pattern) => pattern.endsWith('/*'));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: PRERENDERED_KEY_PATTERNS.map((pattern) => web.arnForObjects(pattern)),
      }),
    );
    // A missing object (the first sitemap, an unneeded part) must read as 404, not 403: S3 answers 404 only to
    // callers that may list the bucket. Its contents are the public web app anyway.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [web.bucketArn] }));
    for (const prefix of pages) {
      acknowledge(
        fn.role ?? fn,
        `AwsSolutions-IAM5[Resource::${arnRef(web)}/${prefix}]`,
        'One object per product, category or sitemap part under its own prefix; the wildcard is limited to that prefix of the web bucket.',
      );
    }
    return {
      ...r.commonEnvironment,
      [E.tableName]: r.table.tableName,
      [E.webBucket]: web.bucketName,
      [E.shopUrl]: r.orderEmail.shopUrl,
    };
  },

  analytics: (fn, r) => {
    if (!r.analytics) throw new Error('The analytics Lambda needs the lake Glue table and Athena workgroup (setting lakeGlueTable)');
    return { ...r.commonEnvironment, ...r.analytics.grantJob(fn, r.table, r.shopTimeZone ?? r.orderEmail.timeZone) };
  },

  'catalog-import': (fn, r) => {
    const bucket = r.storage.dataBucket;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${r.catalog.uploadPrefix}*`)] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${r.catalog.reportPrefix}*`)] }));
    for (const prefix of [r.catalog.uploadPrefix, r.catalog.reportPrefix]) {
      acknowledge(
        fn.role ?? fn,
        `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/${prefix}*]`,
        'Staff upload any file name under the catalog upload prefix, and each import writes a dated report under the report prefix; the wildcard is limited to that prefix.',
      );
    }
    // Upsert of the catalog: reads products (table and GSI2), claims SKUs (transactional puts), batch writes;
    // only the items of products (never orders, users, client tokens or idempotency records).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...PRODUCT_ITEM_PARTITIONS] } },
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexArn(r.table, ACTIVE_PRODUCTS_INDEX)] }));
    // The state, progress and report of imports started from the back office (model/catalog-import.ts).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [catalogImportItemKey('*').PK] } },
      }),
    );
    return { ...r.commonEnvironment, [E.tableName]: r.table.tableName, [E.catalogReportPrefix]: r.catalog.reportPrefix };
  },

  'product-image': productImageAccess,
};

export function grantFunctionAccess(name: string, fn: lambda.Function, resources: FunctionResources): void {
  const grant = FUNCTION_ACCESS[name];
  if (!grant) {
    throw new Error(`Lambda ${name} has no access entry in infra/constructs/function-access.ts: say what it may touch`);
  }
  const environment = grant(fn, resources);
  const missing = requiredLambdaEnv(name).filter((variable) => !environment[variable]);
  if (missing.length) {
    throw new Error(`Lambda ${name} would start without ${missing.join(', ')} (required in config/environment.ts): it would fail on every invocation`);
  }
  setEnvironment(fn, environment);
}

function setEnvironment(fn: lambda.Function, environment: Record<string, string>): void {
  for (const [key, value] of Object.entries(environment)) fn.addEnvironment(key, value);
}
