/**
 * Runs the local AppSync runtime in its own process for benchmarks, so the load generator does not share
 * the runtime's event loop. Prints `{"graphqlUrl": …}` on stdout once listening.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { startFarmaCruzApi } from '../../local/appsync-api';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';

// Optional: the issuer and app client id of a user pool whose tokens to trust (Cognito User Pools mode), and a
// JSON object of more API environment variables (ctx.env), e.g. the order policy.
const [endpoint, tableName, apiKey, issuer, clientId, environmentJson] = process.argv.slice(2);
if (!endpoint || !tableName || !apiKey) throw new Error('usage: serve-api.ts <dynamodb endpoint> <table> <api key> [issuer client-id]');
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const client = new DynamoDBClient({
  endpoint,
  region: 'us-east-1',
  credentials: LOCAL_CREDENTIALS,
  requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
});
const api = await startFarmaCruzApi({
  rootDir,
  host: '127.0.0.1',
  port: 0,
  apiKey,
  dynamodb: { client, tableName },
  userPool: issuer && clientId ? { issuer, clientId } : null,
  ...(environmentJson ? { environment: JSON.parse(environmentJson) as Record<string, string> } : {}),
  // As npm start: the local credentials sign the backend's publishing mutation (bench:realtime).
  iam: { region: 'us-east-1', credentials: [LOCAL_CREDENTIALS] },
});
process.stdout.write(`${JSON.stringify({ graphqlUrl: api.graphqlUrl, realtimeUrl: api.realtimeUrl })}\n`);
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
