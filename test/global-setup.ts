/**
 * Starts the real local services the tests share: one in-memory DynamoDB Local for the whole run. Each
 * test file makes its own table (see test/support/table.ts), so files never see each other's data.
 * Also one cognito-local (state in a temporary folder) with the user pool, app client and groups of
 * auth/user-pool-settings.ts; test files create their own users (see test/support/cognito-users.ts).
 * Meanwhile it draws the demo catalog's packshots into their shared cache once (local/demo-catalog/packshot.ts),
 * so the local stacks that test files start copy them instead of each drawing the same 1,200 pictures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { startCognitoLocal } from '../local/cognito-local';
import { provisionUserPool } from '../local/user-pool';
import { DEFAULT_DEMO_PRODUCT_COUNT, generateDemoCatalog } from '../local/demo-catalog/generate';
import { fillPackshotCache } from '../local/demo-catalog/packshot';

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
  const [dynamodb, cognito, packshots] = await Promise.allSettled([
    startDynamoDbLocal(),
    startCognito(),
    fillPackshotCache(generateDemoCatalog({ count: DEFAULT_DEMO_PRODUCT_COUNT })),
  ]);
  // Not fatal: a stack draws what the cache lacks itself.
  if (packshots.status === 'rejected') console.warn('Could not draw the demo packshots ahead:', packshots.reason);
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
