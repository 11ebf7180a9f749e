/**
 * Settings: the environment turned into validated, typed values, in one place. Nothing else reads
 * process.env. Local settings have embedded defaults so `npm start` works on a fresh clone; deployed Lambdas
 * have none for the resources they use (see loadLambdaSettings).
 */
// Namespace import: lets esbuild drop zod's unused parts (e.g. its ~250 KB of locales) from the Lambda bundles.
import * as z from 'zod';
import { LAMBDA_ENV, requiredLambdaEnv, type LambdaEnvName } from './environment';
import { DEFAULT_ORDER_POLICY, DEFAULT_OXXO_RESERVATION_DAYS, type OrderPolicy } from '../model/order-payment';
import { isValidClabe } from '../model/clabe';

type Env = Record<string, string | undefined>;

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
/** A port where 0 means "any free one" (the address is printed at start). */
const portOrAny = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

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
  // Where shoppers reach the shop when that is not the local web server (a proxy in front, or the production
  // build that `npm run bench:web` serves like CloudFront): email links and product pictures point there.
  FARMACRUZ_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // The local Stripe stand-in (API and hosted checkout page) and the stripe-webhook Lambda's Function URL:
  // any free port unless set (nobody types these addresses: the shop links to the page, the stand-in to the
  // webhook; `npm start` prints both), so parallel stacks and tests never collide on them.
  FARMACRUZ_STRIPE_PORT: portOrAny(0),
  FARMACRUZ_STRIPE_WEBHOOK_PORT: portOrAny(0),
  FARMACRUZ_API_KEY: z.string().min(8).default('da2-farmacruzlocaldevelopmentkey'),
  FARMACRUZ_DEMO_PRODUCTS: z.coerce.number().int().min(0).max(1991).default(1200), // the generator has 1,991 distinct products
  // Local only: keeps paging tokens valid across restarts. Not a secret worth protecting on a laptop.
  FARMACRUZ_NEXT_TOKEN_SECRET: z.string().min(16).default('farmacruz-local-next-token-key'),
  FARMACRUZ_SHOP_TIME_ZONE: z.string().min(1).default('America/Mexico_City'),
  // The order policy (model/order-payment.ts), passed to the API as its environment variables.
  FARMACRUZ_ORDER_MAX_UNITS_PER_PRODUCT: z.coerce.number().int().min(1).max(100).default(DEFAULT_ORDER_POLICY.maxUnitsPerProduct),
  FARMACRUZ_ORDER_MAX_UNPAID_ORDERS: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.maxUnpaidOrders),
  FARMACRUZ_RESERVATION_MINUTES_CARD: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.reservationMinutes.CARD),
  FARMACRUZ_RESERVATION_MINUTES_SPEI: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.reservationMinutes.SPEI),
  FARMACRUZ_RESERVATION_DAYS_OXXO: z.coerce.number().int().min(2).max(8).default(DEFAULT_OXXO_RESERVATION_DAYS),
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
    readonly stripe: number;
    readonly stripeWebhook: number;
  };
  /** Where shoppers reach the shop, when not at the local web server (FARMACRUZ_PUBLIC_URL; see local/web.ts localShopUrl). */
  readonly publicUrl?: string;
  /** The API key the local AppSync runtime accepts in `x-api-key`. */
  readonly apiKey: string;
  /** How many demo catalog products to load on first start. */
  readonly demoProducts: number;
  /** Key that seals the API's nextTokens. */
  readonly nextTokenSecret: string;
  /** IANA time zone of the shop: scheduled jobs (similarity at 03:00) run on its wall clock. */
  readonly shopTimeZone: string;
  /** Order limits and reservation times (model/order-payment.ts). */
  readonly orderPolicy: OrderPolicy;
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
      stripe: v.FARMACRUZ_STRIPE_PORT,
      stripeWebhook: v.FARMACRUZ_STRIPE_WEBHOOK_PORT,
    },
    ...(v.FARMACRUZ_PUBLIC_URL ? { publicUrl: v.FARMACRUZ_PUBLIC_URL.endsWith('/') ? v.FARMACRUZ_PUBLIC_URL : `${v.FARMACRUZ_PUBLIC_URL}/` } : {}),
    apiKey: v.FARMACRUZ_API_KEY,
    demoProducts: v.FARMACRUZ_DEMO_PRODUCTS,
    nextTokenSecret: v.FARMACRUZ_NEXT_TOKEN_SECRET,
    shopTimeZone: v.FARMACRUZ_SHOP_TIME_ZONE,
    orderPolicy: {
      maxUnitsPerProduct: v.FARMACRUZ_ORDER_MAX_UNITS_PER_PRODUCT,
      maxUnpaidOrders: v.FARMACRUZ_ORDER_MAX_UNPAID_ORDERS,
      reservationMinutes: { CARD: v.FARMACRUZ_RESERVATION_MINUTES_CARD, SPEI: v.FARMACRUZ_RESERVATION_MINUTES_SPEI },
      oxxoReservationDays: v.FARMACRUZ_RESERVATION_DAYS_OXXO,
    },
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
 * Settings of the Lambdas (order-stream, order-email, order-lake, similarity, catalog-import), named by
 * config/environment.ts. Two explicit modes:
 *   - deployed (`loadLambdaSettings(name)`, the handlers' AWS entry points): the variables the CDK stack sets;
 *     a Lambda whose required variables (REQUIRED_LAMBDA_ENV) are missing refuses to start, naming them;
 *   - local (`localLambdaSettings(env)`, the event fabric, tests, scripts): made-up names for everything not
 *     given (a local topic ARN, the local shop URL), which the local stack then overrides with its endpoints.
 * Endpoints are not read here: the AWS SDK itself honours AWS_ENDPOINT_URL_<SERVICE>, and the local fabric
 * passes explicit ones in `aws.endpoints`.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The SES template names order-email uses unless told otherwise (the CDK stack prefixes them per stack). */
export const DEFAULT_ORDER_EMAIL_TEMPLATES: OrderEmailTemplateNames = {
  orderPlaced: 'farmacruz-order-placed',
  orderStatusChanged: 'farmacruz-order-status-changed',
  orderCancelled: 'farmacruz-order-cancelled',
};

const E = LAMBDA_ENV;

/** Values with a real default in every mode (the shop's time zone, log level…), and the optional ones. */
const lambdaCommonShape = {
  [E.region]: z.string().min(1).default('us-east-1'),
  [E.emailReplyTo]: z.string().min(3).optional(),
  [E.emailConfigurationSet]: z.string().min(1).optional(),
  [E.emailTimeZone]: z.string().min(1).default('America/Mexico_City'),
  [E.idempotencyTableName]: z.string().min(3).optional(),
  [E.userPoolId]: z.string().min(1).optional(),
  [E.idempotencyExpirySeconds]: z.coerce.number().int().min(60).default(14 * 24 * 3600),
  [E.s3ForcePathStyle]: booleanFlag.default(false),
  [E.logLevel]: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  [E.stripeParameterName]: z.string().startsWith('/').optional(),
  [E.stripeApiUrl]: z.url().optional(),
};

/** Names of deployed resources: no default in AWS (required per Lambda), made-up ones locally. */
const lambdaResourceShape = {
  [E.tableName]: z.string().min(3),
  [E.ordersTopicArn]: z.string().startsWith('arn:'),
  [E.emailsBucket]: z.string().min(3),
  [E.imagesBucket]: z.string().min(3),
  [E.imagesPublicUrl]: z.url().endsWith('/'),
  [E.lakeStreamName]: z.string().min(1),
  [E.emailFrom]: z.string().min(3),
  [E.emailTemplatePlaced]: z.string().min(1),
  [E.emailTemplateStatusChanged]: z.string().min(1),
  [E.emailTemplateCancelled]: z.string().min(1),
  [E.shopUrl]: z.url(),
  [E.webBucket]: z.string().min(3),
  [E.dataBucket]: z.string().min(3),
  [E.graphqlUrl]: z.url(),
};

/** Local mode only: what a laptop stands in with when a resource name is not given. */
const LOCAL_RESOURCE_DEFAULTS: Record<keyof typeof lambdaResourceShape, string> = {
  [E.tableName]: 'farmacruz',
  [E.ordersTopicArn]: 'arn:aws:sns:us-east-1:000000000000:orders',
  [E.emailsBucket]: 'farmacruz-emails',
  [E.imagesBucket]: 'farmacruz-images',
  [E.imagesPublicUrl]: 'http://127.0.0.1:5173/',
  [E.lakeStreamName]: 'farmacruz-orders-lake',
  [E.emailFrom]: 'FarmaCruz <pedidos@farmacruz.mx>',
  [E.emailTemplatePlaced]: DEFAULT_ORDER_EMAIL_TEMPLATES.orderPlaced,
  [E.emailTemplateStatusChanged]: DEFAULT_ORDER_EMAIL_TEMPLATES.orderStatusChanged,
  [E.emailTemplateCancelled]: DEFAULT_ORDER_EMAIL_TEMPLATES.orderCancelled,
  [E.shopUrl]: 'http://127.0.0.1:5173',
  [E.webBucket]: 'farmacruz-web',
  // The local S3 endpoint's data bucket (local/event-fabric LOCAL_DATA_BUCKET: the lake folder).
  [E.dataBucket]: 'farmacruz-data',
  [E.graphqlUrl]: 'http://127.0.0.1:4000/graphql',
};

const deployedLambdaSchema = z.object({
  ...lambdaCommonShape,
  ...Object.fromEntries(Object.entries(lambdaResourceShape).map(([name, type]) => [name, type.optional()])),
});

const localLambdaSchema = z.object({
  ...lambdaCommonShape,
  ...Object.fromEntries(
    Object.entries(lambdaResourceShape).map(([name, type]) => [name, type.default(LOCAL_RESOURCE_DEFAULTS[name as keyof typeof lambdaResourceShape])]),
  ),
});

export type LambdaLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
export type AwsServiceName = 'dynamodb' | 'sns' | 'sesv2' | 's3' | 'kinesis' | 'cognito';

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
  /** The web app's bucket (index.html and the prerendered pages; `email.shopUrl` is its public address). */
  readonly webBucket: string;
  /** Product pictures: the bucket, and the public base URL of its images/ keys. */
  readonly images: { readonly bucket: string; readonly publicUrl: string };
  /** Kinesis data stream the lake records go to (Firehose reads it into the data bucket). */
  readonly lakeStreamName: string;
  /** The data bucket (lake; catalog files staff upload under catalog-imports/). */
  readonly dataBucket: string;
  readonly email: {
    readonly from: string;
    readonly replyTo?: string;
    readonly configurationSet?: string;
    readonly templates: OrderEmailTemplateNames;
    /** Time zone the emails show dates in (the shop's). */
    readonly timeZone: string;
    /** Base URL of the web shop, for "see your order" links. */
    readonly shopUrl: string;
    /** The shop's bank account for SPEI transfers (the order-placed email's instructions; loadSpeiAccount). */
    readonly speiAccount: SpeiAccount;
  };
  readonly idempotency: {
    readonly tableName: string;
    /** How long a processed event id is remembered; longer than any redelivery (SQS keeps messages ≤ 14 days). */
    readonly expirySeconds: number;
    /**
     * Length of the INPROGRESS lock when the queues run with another visibility timeout than wiring/events.ts
     * says (the local fabric's test overrides); the wiring's value otherwise (functions/shared/idempotency.ts).
     */
    readonly inProgressLockSeconds?: number;
  };
  readonly logLevel: LambdaLogLevel;
  /** Cognito user pool of the shop's customers (order-email's address look-up); none when absent. */
  readonly userPoolId?: string;
  /** Card payments (functions/card-checkout, functions/stripe-webhook). */
  readonly stripe: StripeSettings;
  /** The AppSync GraphQL endpoint (order-realtime publishes order changes to it, signed with SigV4). */
  readonly graphqlUrl: string;
}

/** Stripe's API key and the webhook endpoint's signing secret. */
export interface StripeSecrets {
  readonly apiKey: string;
  readonly webhookSecret: string;
}

export interface StripeSettings {
  /** AWS: the SSM SecureString parameter holding `{"apiKey","webhookSecret"}`, read once per cold start. */
  readonly parameterName?: string;
  /** Local only: the test secrets themselves (the local Stripe stand-in signs with the same webhook secret). */
  readonly secrets?: StripeSecrets;
  /** The Stripe API's base URL when it is not Stripe's own (the local stand-in, http://127.0.0.1:<port>). */
  readonly apiUrl?: string;
}

/**
 * The test-mode secrets of the local Stripe stand-in (local/stripe/): made-up values in Stripe's formats,
 * known to the stand-in and to the local Lambdas. Never valid at Stripe.
 */
export const LOCAL_STRIPE_SECRETS: StripeSecrets = {
  apiKey: 'sk_test_farmacruzLocalStandInKey000000000000',
  webhookSecret: 'whsec_farmacruzLocalStandInWebhookSecret0000',
};

/**
 * Deployed mode: the settings of Lambda `lambda` (a name in wiring/events.ts) from its environment. Throws,
 * naming every missing variable, when one it requires is not set: the Lambda fails at start instead of
 * sending to a made-up topic or linking to localhost. Variables it does not require stay empty.
 */
export function loadLambdaSettings(lambda: string, env: Env = process.env): LambdaSettings {
  const required = requiredLambdaEnv(lambda);
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new Error(`Lambda ${lambda} cannot start: environment variable(s) ${missing.join(', ')} not set (see config/environment.ts)`);
  }
  const parsed = deployedLambdaSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Lambda ${lambda} cannot start: invalid settings: ${z.prettifyError(parsed.error)}`);
  }
  return lambdaSettingsFrom(parsed.data as Record<string, unknown>, false, loadSpeiAccount(env));
}

/**
 * Local mode: settings for the local stack, tests and scripts, with made-up resource names for whatever
 * `env` does not give (the local stack replaces endpoints, table and topic with its own). Never used in AWS.
 */
export function localLambdaSettings(env: Env = {}): LambdaSettings {
  const parsed = localLambdaSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid local Lambda settings: ${z.prettifyError(parsed.error)}`);
  }
  return lambdaSettingsFrom(parsed.data as Record<string, unknown>, true, loadSpeiAccount(env));
}

function lambdaSettingsFrom(v: Record<string, unknown>, local: boolean, speiAccount: SpeiAccount): LambdaSettings {
  const text = (name: LambdaEnvName): string => (typeof v[name] === 'string' ? (v[name] as string) : '');
  const optional = (name: LambdaEnvName): string | undefined => (typeof v[name] === 'string' && v[name] ? (v[name] as string) : undefined);
  const replyTo = optional(E.emailReplyTo);
  const configurationSet = optional(E.emailConfigurationSet);
  return {
    aws: { region: text(E.region), endpoints: {}, s3ForcePathStyle: v[E.s3ForcePathStyle] === true },
    tableName: text(E.tableName),
    ordersTopicArn: text(E.ordersTopicArn),
    emailsBucket: text(E.emailsBucket),
    webBucket: text(E.webBucket),
    images: { bucket: text(E.imagesBucket), publicUrl: text(E.imagesPublicUrl) },
    lakeStreamName: text(E.lakeStreamName),
    dataBucket: text(E.dataBucket),
    email: {
      from: text(E.emailFrom),
      ...(replyTo ? { replyTo } : {}),
      ...(configurationSet ? { configurationSet } : {}),
      templates: {
        orderPlaced: text(E.emailTemplatePlaced),
        orderStatusChanged: text(E.emailTemplateStatusChanged),
        orderCancelled: text(E.emailTemplateCancelled),
      },
      timeZone: text(E.emailTimeZone),
      shopUrl: text(E.shopUrl),
      speiAccount,
    },
    idempotency: {
      tableName: optional(E.idempotencyTableName) ?? text(E.tableName),
      expirySeconds: v[E.idempotencyExpirySeconds] as number,
    },
    logLevel: v[E.logLevel] as LambdaLogLevel,
    graphqlUrl: text(E.graphqlUrl),
    ...(typeof v[E.userPoolId] === 'string' ? { userPoolId: v[E.userPoolId] as string } : {}),
    stripe: {
      ...(optional(E.stripeParameterName) ? { parameterName: optional(E.stripeParameterName) } : {}),
      ...(optional(E.stripeApiUrl) ? { apiUrl: optional(E.stripeApiUrl) } : {}),
      ...(local ? { secrets: LOCAL_STRIPE_SECRETS } : {}),
    },
  };
}

/**
 * Settings of the catalog back-office jobs (catalog-import Lambda and CLI, similarity Lambda and CLI), on
 * top of the Lambda settings (table, region, endpoints).
 */
const catalogSchema = z.object({
  [E.catalogCurrency]: z.string().regex(/^[A-Z]{3}$/).default('MXN'),
  // Any code page name iconv-lite knows (cp1252, cp850, cp437, cp1251…); the catalog reader checks the name.
  [E.catalogFallbackCodepage]: z.string().regex(/^[A-Za-z0-9_-]{2,30}$/).default('cp1252'),
  [E.catalogReportPrefix]: z.string().min(1).default('catalog-import-reports/'),
});

export interface CatalogSettings {
  /** ISO-4217 currency of the point-of-sale prices (they include IVA). */
  readonly currency: string;
  /** Code page of .DBF files whose header records none (DOS programs often leave it 0). */
  readonly fallbackCodepage: string;
  /** Where the catalog-import Lambda writes each import's JSON report, in the bucket of the upload. */
  readonly reportPrefix: string;
}

export function loadCatalogSettings(env: Env = process.env): CatalogSettings {
  const parsed = catalogSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid catalog settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return { currency: v[E.catalogCurrency], fallbackCodepage: v[E.catalogFallbackCodepage], reportPrefix: v[E.catalogReportPrefix] };
}

/**
 * Settings of the analytics job (functions/analytics), on top of the Lambda settings (table, region). In
 * AWS it queries the lake with Athena (workgroup and Glue database set by the CDK stack); locally the
 * same handler queries `.data/lake/` with DuckDB.
 */
const analyticsSchema = z.object({
  [E.analyticsQueryEngine]: z.enum(['athena', 'duckdb']).default('athena'),
  [E.analyticsWorkGroup]: z.string().min(1).default('farmacruz-analytics'),
  [E.analyticsDatabase]: z.string().min(1).default('farmacruz_lake'),
  [E.analyticsQueryTimeoutSeconds]: z.coerce.number().int().min(5).max(900).default(120),
  [E.analyticsLakeDir]: z.string().min(1).default('.data/lake'),
  [E.analyticsCurrency]: z.string().regex(/^[A-Z]{3}$/).default('MXN'),
  [E.shopTimeZone]: z.string().min(1).default('America/Mexico_City'),
});

export interface AnalyticsSettings {
  /** athena in AWS; duckdb over a local lake folder (npm start, tests). */
  readonly engine: 'athena' | 'duckdb';
  readonly athena: { readonly workGroup: string; readonly database: string; readonly queryTimeoutSeconds: number };
  /** The local lake folder DuckDB reads (engine duckdb). */
  readonly lakeDir: string;
  /** Currency of the figures (the shop sells in one). */
  readonly currency: string;
  /** The shop's calendar: what "a day" and "this month" mean. */
  readonly timeZone: string;
}

export function loadAnalyticsSettings(env: Env = process.env): AnalyticsSettings {
  const parsed = analyticsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid analytics settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return {
    engine: v[E.analyticsQueryEngine],
    athena: { workGroup: v[E.analyticsWorkGroup], database: v[E.analyticsDatabase], queryTimeoutSeconds: v[E.analyticsQueryTimeoutSeconds] },
    lakeDir: v[E.analyticsLakeDir],
    currency: v[E.analyticsCurrency],
    timeZone: v[E.shopTimeZone],
  };
}

/** How shoppers reach the pharmacy about an order: shown on the order page (config.json's `pharmacyContact`). */
export interface PharmacyContact {
  /** As people dial it in Mexico, e.g. "800 327 6278". */
  readonly phone: string;
  /** The same number as a `tel:` URI target, E.164, e.g. "+528003276278". */
  readonly phoneE164: string;
  readonly email: string;
  /** Opening hours in Spanish, e.g. "lunes a sábado de 8:00 a 21:00 (hora del centro)". */
  readonly hours: string;
}

const pharmacyContactSchema = z.object({
  FARMACRUZ_PHARMACY_PHONE: z.string().min(8).max(40).default('800 327 6278'),
  FARMACRUZ_PHARMACY_PHONE_E164: z.string().regex(/^\+[1-9][0-9]{7,14}$/).default('+528003276278'),
  FARMACRUZ_PHARMACY_EMAIL: z.email().default('pedidos@farmacruz.mx'),
  FARMACRUZ_PHARMACY_HOURS: z.string().min(3).max(200).default('lunes a sábado de 8:00 a 21:00 (hora del centro)'),
});

/**
 * The pharmacy's contact for shoppers, the one definition both the local stack and the CDK stack write into
 * the web app's config.json. The defaults are the chain's customer line; a deployment may override each part.
 */
export function loadPharmacyContact(env: Env = process.env): PharmacyContact {
  const parsed = pharmacyContactSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid pharmacy contact settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return { phone: v.FARMACRUZ_PHARMACY_PHONE, phoneE164: v.FARMACRUZ_PHARMACY_PHONE_E164, email: v.FARMACRUZ_PHARMACY_EMAIL, hours: v.FARMACRUZ_PHARMACY_HOURS };
}

/**
 * The shop's bank account for bank transfers (SPEI): the one definition the local stack and the CDK stack write
 * into the web app's config.json (the order page's instructions) and into the order-email Lambda's environment
 * (the order-placed email's instructions); order-email reads it back with the same function. The defaults are a
 * DEMO account (a well-formed CLABE of no real account) so `npm start` works on a fresh clone; a deployment sets
 * FARMACRUZ_SPEI_CLABE, FARMACRUZ_SPEI_BENEFICIARY and FARMACRUZ_SPEI_BANK (docs/deploy.md). A CLABE whose
 * control digit is wrong is refused: a typo here would send shoppers' money elsewhere.
 */
export interface SpeiAccount {
  /** 18 digits, control digit checked (model/clabe.ts). */
  readonly clabe: string;
  /** Account holder's name as the bank shows it to the payer, e.g. "Farmacias Cruz, S.A. de C.V.". */
  readonly beneficiary: string;
  /** The receiving bank, e.g. "BBVA México". */
  readonly bank: string;
}

/** The environment variable of each part (the CDK sets them on order-email from the synth's own values). */
export const SPEI_ACCOUNT_ENV = {
  clabe: 'FARMACRUZ_SPEI_CLABE',
  beneficiary: 'FARMACRUZ_SPEI_BENEFICIARY',
  bank: 'FARMACRUZ_SPEI_BANK',
} as const;

/**
 * The demo account of `npm start` and tests: BBVA's bank and plaza codes, a made-up account number. Its
 * beneficiary says it is a demo, so a deployment that forgot the settings never shows a shopper an account
 * that looks real (the CDK also warns at synth: isDemoSpeiAccount).
 */
export const DEMO_SPEI_ACCOUNT: SpeiAccount = {
  clabe: '012180001234567899',
  beneficiary: 'CUENTA DE DEMOSTRACIÓN – no transferir',
  bank: 'BBVA México',
};

/** True when no real account was configured (the CDK's synth warning). */
export function isDemoSpeiAccount(account: SpeiAccount): boolean {
  return account.clabe === DEMO_SPEI_ACCOUNT.clabe;
}

const speiAccountSchema = z.object({
  [SPEI_ACCOUNT_ENV.clabe]: z
    .string()
    .transform((text) => text.replace(/[\s-]/g, ''))
    .refine((clabe) => isValidClabe(clabe), { message: 'not a valid CLABE: 18 digits whose last is the control digit' })
    .default(DEMO_SPEI_ACCOUNT.clabe),
  [SPEI_ACCOUNT_ENV.beneficiary]: z.string().trim().min(3).max(120).default(DEMO_SPEI_ACCOUNT.beneficiary),
  [SPEI_ACCOUNT_ENV.bank]: z.string().trim().min(2).max(60).default(DEMO_SPEI_ACCOUNT.bank),
});

export function loadSpeiAccount(env: Env = process.env): SpeiAccount {
  const parsed = speiAccountSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid SPEI account settings: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  return { clabe: v[SPEI_ACCOUNT_ENV.clabe], beneficiary: v[SPEI_ACCOUNT_ENV.beneficiary], bank: v[SPEI_ACCOUNT_ENV.bank] };
}

/** The environment that makes `loadSpeiAccount` return `account` (what the CDK sets on order-email). */
export function speiAccountEnvironment(account: SpeiAccount): Record<string, string> {
  return { [SPEI_ACCOUNT_ENV.clabe]: account.clabe, [SPEI_ACCOUNT_ENV.beneficiary]: account.beneficiary, [SPEI_ACCOUNT_ENV.bank]: account.bank };
}
