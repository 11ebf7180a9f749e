/**
 * Starts the real local services the tests share: one in-memory DynamoDB Local for the whole run. Each
 * test file makes its own table (see test/support/table.ts), so files never see each other's data.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
  };
}
