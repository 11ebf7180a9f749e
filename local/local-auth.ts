/**
 * The local stack's auth in one call, for `npm start`: cognito-local under `<dataDir>/cognito`, the user pool
 * provisioned (or reused) from auth/user-pool-settings.ts, the demo users in place, and the lines to print.
 */
import path from 'node:path';
import { readConfirmationCode, startCognitoLocal, type CognitoLocal } from './cognito-local';
import { provisionUserPool, type ProvisionedUserPool } from './user-pool';
import { ensureDemoUsers, type DemoUserStatus } from './demo-users';

export interface LocalAuthOptions {
  /** The local stack's data folder (settings.dataDir); cognito-local keeps its state in `<dataDir>/cognito`. */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly region: string;
  readonly log?: (line: string) => void;
}

export interface LocalAuth {
  readonly cognito: CognitoLocal;
  readonly pool: ProvisionedUserPool;
  readonly demoUsers: readonly DemoUserStatus[];
  /** The pending sign-up code of `email`, or null. */
  confirmationCode(email: string): string | null;
  stop(): Promise<void>;
}

export async function startLocalAuth(options: LocalAuthOptions): Promise<LocalAuth> {
  const dataDir = path.join(options.dataDir, 'cognito');
  const cognito = await startCognitoLocal({ dataDir, host: options.host, port: options.port, log: options.log });
  try {
    const pool = await provisionUserPool({ endpoint: cognito.endpoint, dataDir, region: options.region });
    const demoUsers = await ensureDemoUsers(pool);
    return {
      cognito,
      pool,
      demoUsers,
      confirmationCode: (email) => readConfirmationCode(cognito.dataDir, pool.userPoolId, email),
      stop: () => cognito.stop(),
    };
  } catch (error) {
    await cognito.stop();
    throw error;
  }
}

/** What `npm start` prints about auth. */
export function localAuthSummary(auth: LocalAuth): string[] {
  return [
    `Cognito (cognito-local): ${auth.pool.endpoint}  user pool ${auth.pool.userPoolId}, app client ${auth.pool.clientId}`,
    `  token issuer: ${auth.pool.issuer}  (keys: ${auth.pool.jwksUrl})`,
    ...auth.demoUsers.map(
      (u) => `  demo ${u.role === 'staff' ? 'staff (admin)' : 'shopper'}: ${u.email} / ${u.password}${u.created ? '  (created now)' : ''}`,
    ),
    `  sign-up confirmation codes: printed below as "Confirmation Code Delivery", and stored in ${path.join(auth.cognito.dataDir, '.cognito', 'db', `${auth.pool.userPoolId}.json`)}`,
  ];
}
