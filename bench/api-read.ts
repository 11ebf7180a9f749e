/**
 * Benchmark (issue: foundation): `product(id)` and `searchProducts` through the local AppSync runtime against
 * the raw DynamoDB Local calls that serve them (GetItem; Query + BatchGetItem), same machine, same run,
 * 50 concurrent clients. Prints requests/s, p50/p99 and the runtime/raw ratios.
 *
 *   npm run bench:api            (env BENCH_SECONDS, BENCH_CONCURRENCY to change the defaults 5 and 50)
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { loadDemoCatalog } from '../local/demo-catalog/load';
import { generateDemoCatalog } from '../local/demo-catalog/generate';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { productKey, searchBucket } from '../model/keys';
import { searchWords } from '../model/search-text';
import { formatResults, machineDescription, runLoad, type LoadOptions, type LoadResult } from './support/load';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const load: LoadOptions = { concurrency, durationMs: seconds * 1000, maxRequests: 200_000, warmupPerClient: 20 };
const API_KEY = 'da2-benchmark-api-key';
const TABLE = 'bench-read';
const SEARCH_TERMS = ['ibupro', 'paracetamol', 'omepra', 'lorata', 'amoxi', 'vitamina', 'metfor', 'losart'];

const dynamodb = await startDynamoDbLocal();
const httpAgent = new Agent({ keepAlive: true, maxSockets: concurrency + 8 });
const client = new DynamoDBClient({
  endpoint: dynamodb.endpoint,
  region: 'us-east-1',
  credentials: LOCAL_CREDENTIALS,
  requestHandler: new NodeHttpHandler({ httpAgent }),
});
let server: ReturnType<typeof spawn> | undefined;
try {
  await ensureTable(client, TABLE);
  await loadDemoCatalog({ client, tableName: TABLE });
  const ids = generateDemoCatalog().map((p) => p.id);
  await bundleAppSyncCode(rootDir);

  server = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'bench/support/serve-api.ts'), dynamodb.endpoint, TABLE, API_KEY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server!.stdout! }).once('line', resolve);
    server!.once('exit', (code) => reject(new Error(`API server exited with ${code}`)));
  });
  const graphqlUrl = new URL((JSON.parse(firstLine) as { graphqlUrl: string }).graphqlUrl);
  const apiAgent = new Agent({ keepAlive: true, maxSockets: concurrency + 8 });

  const graphql = (query: string, variables: Record<string, unknown>) =>
    new Promise<boolean>((resolve, reject) => {
      const body = JSON.stringify({ query, variables });
      const req = request(
        { host: graphqlUrl.hostname, port: graphqlUrl.port, path: graphqlUrl.pathname, method: 'POST', agent: apiAgent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': API_KEY } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString()) as { errors?: unknown[] };
            resolve(res.statusCode === 200 && !parsed.errors);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const productQuery = 'query($id: ID!) { product(id: $id) { id name lab presentation price { amountCents currency } stock prescriptionRequired } }';
  const searchQuery =
    'query($text: String!) { searchProducts(text: $text, limit: 20) { items { id name lab price { amountCents currency } stock } nextToken } }';

  const rawSearch = async (term: string) => {
    const word = searchWords(term)[0]!;
    const entries = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :w)',
        ExpressionAttributeValues: { ':pk': { S: searchBucket(word) }, ':w': { S: word } },
        Limit: 20,
      }),
    );
    const productIds = [...new Set((entries.Items ?? []).map((i) => i.productId!.S!))];
    if (productIds.length === 0) return true;
    await client.send(
      new BatchGetItemCommand({
        RequestItems: { [TABLE]: { Keys: productIds.map((id) => { const k = productKey(id); return { PK: { S: k.PK }, SK: { S: k.SK } }; }) } },
      }),
    );
    return true;
  };

  const results: LoadResult[] = [];
  results.push(
    await runLoad('raw GetItem', load, async (i) => {
      const key = productKey(ids[i % ids.length]!);
      const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: key.PK }, SK: { S: key.SK } } }));
      return out.Item !== undefined;
    }),
  );
  results.push(await runLoad('GraphQL product(id)', load, (i) => graphql(productQuery, { id: ids[i % ids.length] })));
  results.push(await runLoad('raw Query + BatchGetItem (search)', load, (i) => rawSearch(SEARCH_TERMS[i % SEARCH_TERMS.length]!)));
  results.push(await runLoad('GraphQL searchProducts', load, (i) => graphql(searchQuery, { text: SEARCH_TERMS[i % SEARCH_TERMS.length] })));

  const [rawGet, gqlGet, rawSearchResult, gqlSearch] = results as [LoadResult, LoadResult, LoadResult, LoadResult];
  console.log(`\nMachine: ${machineDescription()}`);
  console.log(`Load: ${concurrency} concurrent clients, ${seconds} s per scenario, DynamoDB Local in memory, ${ids.length} products\n`);
  console.log(formatResults(results));
  console.log(`\nproduct(id) / raw GetItem throughput:      ${(100 * (gqlGet.perSecond / rawGet.perSecond)).toFixed(1)} %  (goal ≥ 50 %)`);
  console.log(`searchProducts / raw Query+BatchGet:        ${(100 * (gqlSearch.perSecond / rawSearchResult.perSecond)).toFixed(1)} %`);
  console.log(`product(id) p99: ${gqlGet.p99Ms.toFixed(2)} ms (goal < 20 ms)`);
} finally {
  server?.kill('SIGTERM');
  client.destroy();
  await dynamodb.stop();
}
