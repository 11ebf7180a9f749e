/**
 * Settings: the environment turned into validated, typed values, in one place. Nothing else reads
 * process.env. Every value has an embedded default so `npm start` works on a fresh clone.
 */
// Namespace import: lets esbuild drop zod's unused parts (e.g. its ~250 KB of locales) from the Lambda bundles.
import * as z from 'zod';

type Env = Record<string, string | undefined>;

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const localStackSchema = z.object({
  FARMACRUZ_DATA_DIR: z.string().min(1).default('.data'),
  FARMACRUZ_HOST: z.string().default('127.0.0.1'),
  FARMACRUZ_REGION: z.string().default('us-east-1'),
  FARMACRUZ_TABLE: z.string().min(3).default('farmacruz'),
  FARMACRUZ_API_PORT: port(4000),
  FARMACRUZ_DYNAMODB_PORT: port(8000),
  FARMACRUZ_COGNITO_PORT: port(9229),
  FARMACRUZ_WEB_PORT: port(5173),
  FARMACRUZ_MAIL_PORT: port(8005),
  FARMACRUZ_API_KEY: z.string().min(8).default('da2-farmacruzlocaldevelopmentkey'),
  FARMACRUZ_DEMO_PRODUCTS: z.coerce.number().int().min(0).max(1991).default(1200), // the generator has 1,991 distinct products
  // Local only: keeps paging tokens valid across restarts. Not a secret worth protecting on a laptop.
  FARMACRUZ_NEXT_TOKEN_SECRET: z.string().min(16).default('farmacruz-local-next-token-key'),
  FARMACRUZ_SHOP_TIME_ZONE: z.string().min(1).default('America/Mexico_City'),
});

export interface LocalStackSettings {
  /** Folder for everything the local stack persists (git-ignored). */
  readonly dataDir: string;
  /** Interface every local server listens on. */
  readonly host: string;
  readonly region: string;
  readonly tableName: string;
  readonly ports: {
    readonly api: number;
    readonly dynamodb: number;
    readonly cognito: number;
    readonly web: number;
    readonly mail: number;
  };
  /** The API key the local AppSync runtime accepts in `x-api-key`. */
  readonly apiKey: string;
  /** How many demo catalog products to load on first start. */
  readonly demoProducts: number;
  /** Key that seals the API's nextTokens. */
  readonly nextTokenSecret: string;
  /** IANA time zone of the shop: scheduled jobs (similarity at 03:00) run on its wall clock. */
  readonly shopTimeZone: string;
}

export function loadLocalStackSettings(env: Env = process.env): LocalStackSettings {
  const parsed = localStackSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid local settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return {
    dataDir: v.FARMACRUZ_DATA_DIR,
    host: v.FARMACRUZ_HOST,
    region: v.FARMACRUZ_REGION,
    tableName: v.FARMACRUZ_TABLE,
    ports: {
      api: v.FARMACRUZ_API_PORT,
      dynamodb: v.FARMACRUZ_DYNAMODB_PORT,
      cognito: v.FARMACRUZ_COGNITO_PORT,
      web: v.FARMACRUZ_WEB_PORT,
      mail: v.FARMACRUZ_MAIL_PORT,
    },
    apiKey: v.FARMACRUZ_API_KEY,
    demoProducts: v.FARMACRUZ_DEMO_PRODUCTS,
    nextTokenSecret: v.FARMACRUZ_NEXT_TOKEN_SECRET,
    shopTimeZone: v.FARMACRUZ_SHOP_TIME_ZONE,
  };
}

/**
 * The CDK app's deploy settings as given in the environment: every `FARMACRUZ_DEPLOY_*` variable, unparsed.
 * infra/settings.ts merges them with CDK context and validates them (names, defaults and docs live there).
 */
export function loadDeployEnvironment(env: Env = process.env): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('FARMACRUZ_DEPLOY_') && value !== undefined) picked[key] = value;
  }
  return picked;
}

/**
 * Settings of the order event Lambdas (order-stream, order-email, order-lake). In AWS the CDK stack sets
 * these variables on each function; locally the event fabric builds the same object with local endpoints.
 * Endpoints are not read here: the AWS SDK itself honours AWS_ENDPOINT_URL_<SERVICE>, and the local fabric
 * passes explicit ones in `aws.endpoints`.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const lambdaSchema = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: z.string().min(3).default('farmacruz'),
  ORDERS_TOPIC_ARN: z.string().startsWith('arn:').default('arn:aws:sns:us-east-1:000000000000:orders'),
  EMAILS_BUCKET: z.string().min(3).default('farmacruz-emails'),
  LAKE_STREAM_NAME: z.string().min(1).default('farmacruz-orders-lake'),
  ORDER_EMAIL_FROM: z.string().min(3).default('FarmaCruz <pedidos@farmacruz.mx>'),
  ORDER_EMAIL_REPLY_TO: z.string().min(3).optional(),
  ORDER_EMAIL_CONFIGURATION_SET: z.string().min(1).optional(),
  ORDER_EMAIL_TEMPLATE_PLACED: z.string().min(1).default('farmacruz-order-placed'),
  ORDER_EMAIL_TEMPLATE_STATUS_CHANGED: z.string().min(1).default('farmacruz-order-status-changed'),
  ORDER_EMAIL_TEMPLATE_CANCELLED: z.string().min(1).default('farmacruz-order-cancelled'),
  ORDER_EMAIL_TIME_ZONE: z.string().min(1).default('America/Mexico_City'),
  ORDER_EMAIL_SHOP_URL: z.url().default('http://127.0.0.1:5173'),
  IDEMPOTENCY_TABLE_NAME: z.string().min(3).optional(),
  IDEMPOTENCY_EXPIRY_SECONDS: z.coerce.number().int().min(60).default(14 * 24 * 3600),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
});

export type LambdaLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
export type AwsServiceName = 'dynamodb' | 'sns' | 'sesv2' | 's3' | 'kinesis';

export interface OrderEmailTemplateNames {
  readonly orderPlaced: string;
  readonly orderStatusChanged: string;
  readonly orderCancelled: string;
}

export interface LambdaSettings {
  readonly aws: {
    readonly region: string;
    /** Explicit endpoints (local stand-ins); the SDK's own resolution when absent. */
    readonly endpoints: Readonly<Partial<Record<AwsServiceName, string>>>;
    /** Path-style S3 URLs: needed by local S3 endpoints on an IP address. */
    readonly s3ForcePathStyle: boolean;
  };
  /** The single table (order items; idempotency records unless `idempotency.tableName` says otherwise). */
  readonly tableName: string;
  readonly ordersTopicArn: string;
  readonly emailsBucket: string;
  /** Kinesis data stream the lake records go to (Firehose reads it into the data bucket). */
  readonly lakeStreamName: string;
  readonly email: {
    readonly from: string;
    readonly replyTo?: string;
    readonly configurationSet?: string;
    readonly templates: OrderEmailTemplateNames;
    /** Time zone the emails show dates in (the shop's). */
    readonly timeZone: string;
    /** Base URL of the web shop, for "see your order" links. */
    readonly shopUrl: string;
  };
  readonly idempotency: {
    readonly tableName: string;
    /** How long a processed event id is remembered; longer than any redelivery (SQS keeps messages ≤ 14 days). */
    readonly expirySeconds: number;
  };
  readonly logLevel: LambdaLogLevel;
}

export function loadLambdaSettings(env: Env = process.env): LambdaSettings {
  const parsed = lambdaSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid Lambda settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return {
    aws: { region: v.AWS_REGION, endpoints: {}, s3ForcePathStyle: v.S3_FORCE_PATH_STYLE },
    tableName: v.TABLE_NAME,
    ordersTopicArn: v.ORDERS_TOPIC_ARN,
    emailsBucket: v.EMAILS_BUCKET,
    lakeStreamName: v.LAKE_STREAM_NAME,
    email: {
      from: v.ORDER_EMAIL_FROM,
      ...(v.ORDER_EMAIL_REPLY_TO ? { replyTo: v.ORDER_EMAIL_REPLY_TO } : {}),
      ...(v.ORDER_EMAIL_CONFIGURATION_SET ? { configurationSet: v.ORDER_EMAIL_CONFIGURATION_SET } : {}),
      templates: {
        orderPlaced: v.ORDER_EMAIL_TEMPLATE_PLACED,
        orderStatusChanged: v.ORDER_EMAIL_TEMPLATE_STATUS_CHANGED,
        orderCancelled: v.ORDER_EMAIL_TEMPLATE_CANCELLED,
      },
      timeZone: v.ORDER_EMAIL_TIME_ZONE,
      shopUrl: v.ORDER_EMAIL_SHOP_URL,
    },
    idempotency: {
      tableName: v.IDEMPOTENCY_TABLE_NAME ?? v.TABLE_NAME,
      expirySeconds: v.IDEMPOTENCY_EXPIRY_SECONDS,
    },
    logLevel: v.LOG_LEVEL,
  };
}

/**
 * Settings of the catalog back-office jobs (catalog-import Lambda and CLI, similarity Lambda and CLI), on
 * top of the Lambda settings (table, region, endpoints).
 */
const catalogSchema = z.object({
  CATALOG_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default('MXN'),
  CATALOG_FALLBACK_CODEPAGE: z.enum(['cp1252', 'cp850', 'cp437']).default('cp1252'),
  CATALOG_REPORT_PREFIX: z.string().min(1).default('catalog-import-reports/'),
});

export interface CatalogSettings {
  /** ISO-4217 currency of the point-of-sale prices (they include IVA). */
  readonly currency: string;
  /** Code page of .DBF files whose header records none (DOS programs often leave it 0). */
  readonly fallbackCodepage: 'cp1252' | 'cp850' | 'cp437';
  /** Where the catalog-import Lambda writes each import's JSON report, in the bucket of the upload. */
  readonly reportPrefix: string;
}

export function loadCatalogSettings(env: Env = process.env): CatalogSettings {
  const parsed = catalogSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid catalog settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return { currency: v.CATALOG_CURRENCY, fallbackCodepage: v.CATALOG_FALLBACK_CODEPAGE, reportPrefix: v.CATALOG_REPORT_PREFIX };
}
