/**
 * Creates the user pool, its app client and its groups in a local Cognito from the one definition in
 * auth/user-pool-settings.ts, idempotently: the ids are kept in `<dataDir>/ids.json`, and on a restart the
 * existing pool and client are reused (and brought in line with the settings) instead of created again.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ResourceNotFoundException,
  UpdateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { USER_POOL_SETTINGS, type UserPoolSettings } from '../auth/user-pool-settings';

export interface UserPoolIds {
  readonly userPoolId: string;
  readonly clientId: string;
}

export interface ProvisionedUserPool extends UserPoolIds {
  /** Cognito API endpoint. */
  readonly endpoint: string;
  readonly region: string;
  /** `iss` of the pool's tokens. */
  readonly issuer: string;
  /** `<issuer>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
}

export interface ProvisionOptions {
  /** Cognito API endpoint, e.g. the `endpoint` of startCognitoLocal. */
  readonly endpoint: string;
  /** Folder where `ids.json` is kept (the cognito-local data folder). */
  readonly dataDir: string;
  readonly region?: string;
  readonly settings?: UserPoolSettings;
  /** Domain part of the issuer; defaults to the endpoint (what startCognitoLocal pins). */
  readonly issuerDomain?: string;
}

/** A Cognito SDK client for a local endpoint. cognito-local accepts any credentials; fixed ones keep the
 * SDK from looking for real ones on the machine. */
export function localCognitoClient(endpoint: string, region = 'us-east-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export function createUserPoolInput(settings: UserPoolSettings): CreateUserPoolCommandInput {
  const policy = settings.passwordPolicy;
  return {
    PoolName: settings.poolName,
    UsernameAttributes: [...settings.usernameAttributes],
    AutoVerifiedAttributes: [...settings.autoVerifiedAttributes],
    UsernameConfiguration: { CaseSensitive: false },
    Policies: {
      PasswordPolicy: {
        MinimumLength: policy.minimumLength,
        RequireLowercase: policy.requireLowercase,
        RequireUppercase: policy.requireUppercase,
        RequireNumbers: policy.requireDigits,
        RequireSymbols: policy.requireSymbols,
        TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      },
    },
    Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
    MfaConfiguration: 'OFF',
  };
}

export function userPoolClientInput(settings: UserPoolSettings, userPoolId: string): CreateUserPoolClientCommandInput {
  const client = settings.appClient;
  return {
    UserPoolId: userPoolId,
    ClientName: client.name,
    GenerateSecret: client.generateSecret,
    ExplicitAuthFlows: client.authFlows.map((flow) => `ALLOW_${flow}` as const),
    PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    EnableTokenRevocation: client.enableTokenRevocation,
    IdTokenValidity: client.tokenValidity.idTokenMinutes,
    AccessTokenValidity: client.tokenValidity.accessTokenMinutes,
    RefreshTokenValidity: client.tokenValidity.refreshTokenDays,
    TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
  };
}

function readIds(file: string): UserPoolIds | null {
  if (!existsSync(file)) return null;
  const ids = JSON.parse(readFileSync(file, 'utf8')) as Partial<UserPoolIds>;
  return ids.userPoolId && ids.clientId ? { userPoolId: ids.userPoolId, clientId: ids.clientId } : null;
}

async function stillExists(client: CognitoIdentityProviderClient, ids: UserPoolIds): Promise<boolean> {
  try {
    await client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    await client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.clientId }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string, settings: UserPoolSettings) {
  // ListGroups, not GetGroup: cognito-local answers GetGroup with a 500 while a pool has no group at all.
  const listed = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const existing = new Set((listed.Groups ?? []).map((group) => group.GroupName));
  for (const group of settings.groups) {
    if (existing.has(group.name)) continue;
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group.name, Description: group.description }));
  }
}

export async function provisionUserPool(options: ProvisionOptions): Promise<ProvisionedUserPool> {
  const region = options.region ?? 'us-east-1';
  const settings = options.settings ?? USER_POOL_SETTINGS;
  const idsFile = path.join(options.dataDir, 'ids.json');
  const client = localCognitoClient(options.endpoint, region);
  try {
    let ids = readIds(idsFile);
    if (ids && (await stillExists(client, ids))) {
      // Reused: keep the client's flows and token lifetimes in line with the settings.
      const { ClientName, ...update } = userPoolClientInput(settings, ids.userPoolId);
      await client.send(new UpdateUserPoolClientCommand({ ...update, ClientName, ClientId: ids.clientId }));
    } else {
      const pool = await client.send(new CreateUserPoolCommand(createUserPoolInput(settings)));
      const userPoolId = pool.UserPool?.Id;
      if (!userPoolId) throw new Error('CreateUserPool returned no pool id');
      const appClient = await client.send(new CreateUserPoolClientCommand(userPoolClientInput(settings, userPoolId)));
      const clientId = appClient.UserPoolClient?.ClientId;
      if (!clientId) throw new Error('CreateUserPoolClient returned no client id');
      ids = { userPoolId, clientId };
      mkdirSync(options.dataDir, { recursive: true });
      writeFileSync(idsFile, JSON.stringify(ids, null, 2));
    }
    await ensureGroups(client, ids.userPoolId, settings);
    const issuer = `${options.issuerDomain ?? options.endpoint}/${ids.userPoolId}`;
    return { ...ids, endpoint: options.endpoint, region, issuer, jwksUrl: `${issuer}/.well-known/jwks.json` };
  } finally {
    client.destroy();
  }
}
