/**
 * Deploy settings of the CDK app: every knob with its default, validated in one place.
 *
 * Each setting can be given as CDK context (`cdk deploy -c farmacruz:vpc=true`) or as an environment
 * variable (`FARMACRUZ_DEPLOY_VPC=true`); context wins over the environment, and the default below applies
 * when neither is given. The environment is read by config/settings.ts (`loadDeployEnvironment`), never here,
 * so this module stays pure and the tests build apps from plain objects.
 */
import { DEFAULT_ORDER_POLICY, DEFAULT_OXXO_RESERVATION_DAYS } from '../model/order-payment';
import { z } from 'zod';

/**
 * Region of the main stack. Fixed on purpose: CloudFront only accepts web ACLs and certificates from
 * us-east-1, and AppSync custom domains need a us-east-1 certificate too; keeping everything in that
 * region (as the seed does) avoids cross-region references for them.
 */
export const PRIMARY_REGION = 'us-east-1';

/** Prefix of every context key, e.g. `farmacruz:shopTimeZone`. */
export const CONTEXT_PREFIX = 'farmacruz:';
/** Prefix of every environment variable, e.g. `FARMACRUZ_DEPLOY_SHOP_TIME_ZONE`. */
export const ENV_PREFIX = 'FARMACRUZ_DEPLOY_';

const booleanSetting = (fallback: boolean) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .default(fallback);

const days = (fallback: number) => z.coerce.number().int().min(1).max(36500).default(fallback);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone, e.g. America/Mexico_City' },
);

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v ? v : undefined));

const domain = z
  .string()
  .regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'must be a lower-case DNS name, e.g. farmacruz.com.mx');
const label = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be one lower-case DNS label');

/** AppSync API cache sizes (see AppSync pricing); NONE deploys no cache and no per-resolver caching. */
export const API_CACHE_TYPES = ['NONE', 'SMALL', 'MEDIUM', 'LARGE', 'XLARGE'] as const;
export const FIELD_LOG_LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'] as const;
/** Retention values CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const schema = z
  .object({
    /** Prefix of the stack names: `<stackPrefix>` (main) and `<stackPrefix>-EmailsReplica`. */
    stackPrefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,19}$/, 'letters, digits and dashes, at most 20').default('FarmaCruz'),
    /** AWS account to deploy to; the CLI's account when omitted (stacks stay account-agnostic). */
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
    /** Region of the emails replica bucket; must differ from the main region (us-east-1). */
    replicaRegion: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/).default('us-east-2'),
    /** Shop time zone of the nightly similarity schedule (03:00 local time). */
    shopTimeZone: timeZone.default('America/Mexico_City'),
    /** Orders: at most this many units of one product per order (a product's maxPerOrder may lower it). */
    orderMaxUnitsPerProduct: z.coerce.number().int().min(1).max(100).default(DEFAULT_ORDER_POLICY.maxUnitsPerProduct),
    /** Orders: at most this many unpaid (PENDING) orders per shopper. */
    orderMaxUnpaidOrders: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.maxUnpaidOrders),
    /** Minutes an unpaid card order keeps its stock. */
    reservationMinutesCard: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.reservationMinutes.CARD),
    /** Minutes an unpaid bank-transfer (SPEI) order keeps its stock. */
    reservationMinutesSpei: z.coerce.number().int().min(1).default(DEFAULT_ORDER_POLICY.reservationMinutes.SPEI),
    /** Days an unpaid OXXO order keeps its stock (2–8: its voucher, 1–7 days at Stripe, expires the day before). */
    reservationDaysOxxo: z.coerce.number().int().min(2).max(8).default(DEFAULT_OXXO_RESERVATION_DAYS),
    /** Emails bucket: days until raw emails move to S3 Glacier Flexible Retrieval. */
    emailsGlacierAfterDays: days(90),
    /** Emails bucket: days until raw emails are deleted (must be after the Glacier transition). */
    emailsExpireAfterDays: days(365),
    /** Logs bucket: days until access logs are deleted. */
    logsExpireAfterDays: days(30),
    /** CloudWatch Logs retention of Lambda and AppSync logs, in days. */
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((d) => LOG_RETENTION_DAYS.includes(d), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`)
      .default(30),
    /** Put the Lambdas in private subnets of a VPC with NAT gateways (the seed's network). Costs money hourly. */
    vpc: booleanSetting(false),
    /** NAT gateways of the opt-in VPC (one per AZ; the seed had 3). Ignored without `vpc`. */
    natGateways: z.coerce.number().int().min(1).max(3).default(3),
    /** AppSync API cache for the per-resolver caching of product reads; NONE = no cache (no hourly cost). */
    apiCache: z.enum(API_CACHE_TYPES).default('NONE'),
    /** AppSync field-level CloudWatch logging. ALL logs resolver inputs and outputs (personal data, cost). */
    fieldLogLevel: z.enum(FIELD_LOG_LEVELS).default('ERROR'),
    /**
     * Days until the public API key (catalog reads) expires, counted from the synth. AppSync refuses more than
     * 365 days from the deploy; a little under it leaves room for a synth deployed later. Redeploy to renew.
     */
    apiKeyExpiryDays: z.coerce.number().int().min(1).max(364).default(360),
    /** Email address that receives the alarms (SNS asks it to confirm the subscription once); none: no subscription. */
    alarmEmail: optionalText.pipe(z.email().optional()),
    /** WAF: requests per 5 minutes one IP may send to the GraphQL API before being blocked. */
    apiRateLimit: z.coerce.number().int().min(10).max(2_000_000_000).default(1000),
    /** WAF: requests per 5 minutes one IP may send to the web distribution before being blocked. */
    webRateLimit: z.coerce.number().int().min(10).max(2_000_000_000).default(3000),
    /** Apex domain, e.g. farmacruz.com.mx. Enables finalweb/finalapi names, certificates and SES domain identity. */
    domainName: optionalText.pipe(domain.optional()),
    /** Route53 hosted zone id of `domainName`; required with it. */
    hostedZoneId: optionalText.pipe(z.string().regex(/^Z[A-Z0-9]{1,32}$/).optional()),
    /** Subdomain of the web app (seed: finalweb). */
    webSubdomain: label.default('finalweb'),
    /** Subdomain of the GraphQL API (seed: finalapi). */
    apiSubdomain: label.default('finalapi'),
    /** Subdomain SES uses as MAIL FROM domain (seed: mail). */
    mailFromSubdomain: label.default('mail'),
    /** From address of order emails; `pedidos@<domainName>` when a domain is given. */
    senderEmail: optionalText.pipe(z.email().optional()),
    /**
     * Kinesis capacity mode of the lake stream. PROVISIONED with 1 shard (1 MB/s, 1,000 records/s in: far above
     * a shop's order rate) costs 10.95 USD a month idle; ON_DEMAND scales itself but costs 29.20 USD idle.
     */
    lakeStreamMode: z.enum(['ON_DEMAND', 'PROVISIONED']).default('PROVISIONED'),
    /** Shards of the lake stream in PROVISIONED mode. */
    lakeShards: z.coerce.number().int().min(1).max(100).default(1),
    /** Create a Glue database + table over the lake (query with Athena; costs nothing idle). Sales analytics need it. */
    lakeGlueTable: booleanSetting(true),
    /** Athena cancels an analytics query that would scan more than this many MiB (the workgroup's limit). */
    analyticsScanLimitMb: z.coerce.number().int().min(10).max(10_000_000).default(10_240),
    /** Days Athena query results are kept in the analytics results bucket. */
    analyticsResultsExpireAfterDays: z.coerce.number().int().min(1).max(365).default(7),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.emailsExpireAfterDays <= s.emailsGlacierAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['emailsExpireAfterDays'],
        message: `must be later than emailsGlacierAfterDays (${s.emailsGlacierAfterDays}): S3 cannot move and delete an object on the same day`,
      });
    }
    if (s.replicaRegion === PRIMARY_REGION) {
      ctx.addIssue({ code: 'custom', path: ['replicaRegion'], message: `must differ from the main region ${PRIMARY_REGION}` });
    }
    if (Boolean(s.domainName) !== Boolean(s.hostedZoneId)) {
      ctx.addIssue({ code: 'custom', path: ['hostedZoneId'], message: 'domainName and hostedZoneId go together' });
    }
  });

export type DeploySettingsInput = z.input<typeof schema>;

export interface DeploySettings extends Readonly<Omit<z.output<typeof schema>, 'senderEmail'>> {
  /** Resolved: the given address, else `pedidos@<domainName>`, else undefined (emails cannot be sent). */
  readonly senderEmail: string | undefined;
  readonly region: typeof PRIMARY_REGION;
}

export const DEPLOY_SETTING_NAMES = Object.keys(schema.shape) as (keyof DeploySettingsInput)[];

/** `shopTimeZone` → `FARMACRUZ_DEPLOY_SHOP_TIME_ZONE`. */
export function settingEnvName(name: string): string {
  return ENV_PREFIX + name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function settingContextKey(name: string): string {
  return CONTEXT_PREFIX + name;
}

export interface DeploySettingSources {
  /** The app's CDK context (all keys; only `farmacruz:*` ones are read). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Environment variables (only `FARMACRUZ_DEPLOY_*` ones are read). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Merges context over environment over defaults and validates; unknown `farmacruz:` keys are refused (typos). */
export function resolveDeploySettings(sources: DeploySettingSources = {}): DeploySettings {
  const raw: Record<string, unknown> = {};
  const envNames = new Map(DEPLOY_SETTING_NAMES.map((name) => [settingEnvName(name), name]));
  for (const [key, value] of Object.entries(sources.env ?? {})) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue;
    const name = envNames.get(key);
    if (!name) throw new Error(`Unknown deploy setting ${key}; known: ${[...envNames.keys()].join(', ')}`);
    raw[name] = value;
  }
  for (const [key, value] of Object.entries(sources.context ?? {})) {
    if (!key.startsWith(CONTEXT_PREFIX)) continue;
    const name = key.slice(CONTEXT_PREFIX.length);
    if (!(DEPLOY_SETTING_NAMES as string[]).includes(name)) {
      throw new Error(`Unknown deploy setting ${key}; known: ${DEPLOY_SETTING_NAMES.map(settingContextKey).join(', ')}`);
    }
    raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid deploy settings:\n${z.prettifyError(parsed.error)}`);
  }
  const s = parsed.data;
  return {
    ...s,
    senderEmail: s.senderEmail ?? (s.domainName ? `pedidos@${s.domainName}` : undefined),
    region: PRIMARY_REGION,
  };
}
