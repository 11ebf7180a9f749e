/**
 * Settings: the environment turned into validated, typed values, in one place. Nothing else reads
 * process.env. Every value has an embedded default so `npm start` works on a fresh clone.
 */
import { z } from 'zod';

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
  FARMACRUZ_DEMO_PRODUCTS: z.coerce.number().int().min(0).max(20000).default(1200),
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
  };
}
