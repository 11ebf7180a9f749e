/**
 * Starts the real local services the tests share: one in-memory DynamoDB Local for the whole run. Each
 * test file makes its own table (see test/support/table.ts), so files never see each other's data.
 * Also one cognito-local (state in a temporary folder) with the user pool, app client and groups of
 * auth/user-pool-settings.ts; test files create their own users (see test/support/cognito-users.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { startCognitoLocal } from '../local/cognito-local';
import { provisionUserPool } from '../local/user-pool';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** Cognito API endpoint of the shared cognito-local. */
    cognitoEndpoint: string;
    cognitoRegion: string;
    /** cognito-local's working folder: readConfirmationCode(cognitoDataDir, userPoolId, email). */
    cognitoDataDir: string;
    userPoolId: string;
    userPoolClientId: string;
    /** `iss` of the pool's tokens; the JWKS is at `${userPoolIssuer}/.well-known/jwks.json`. */
    userPoolIssuer: string;
  }
}

async function startCognito() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'farmacruz-cognito-'));
  const cognito = await startCognitoLocal({ dataDir });
  try {
    const pool = await provisionUserPool({ endpoint: cognito.endpoint, dataDir });
    return { cognito, pool, dataDir };
  } catch (error) {
    await cognito.stop();
    throw error;
  }
}

export default async function setup(project: TestProject) {
  const [dynamodb, cognito] = await Promise.allSettled([startDynamoDbLocal(), startCognito()]);
  if (dynamodb.status === 'rejected' || cognito.status === 'rejected') {
    if (dynamodb.status === 'fulfilled') await dynamodb.value.stop();
    if (cognito.status === 'fulfilled') await cognito.value.cognito.stop();
    throw dynamodb.status === 'rejected' ? dynamodb.reason : (cognito as PromiseRejectedResult).reason;
  }
  project.provide('dynamodbEndpoint', dynamodb.value.endpoint);
  const { pool, dataDir } = cognito.value;
  project.provide('cognitoEndpoint', pool.endpoint);
  project.provide('cognitoRegion', pool.region);
  project.provide('cognitoDataDir', dataDir);
  project.provide('userPoolId', pool.userPoolId);
  project.provide('userPoolClientId', pool.clientId);
  project.provide('userPoolIssuer', pool.issuer);
  return async () => {
    await Promise.all([dynamodb.value.stop(), cognito.value.cognito.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
