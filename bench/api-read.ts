/**
 * Benchmark (issue: foundation): `product(id)` and `searchProducts` through the local AppSync runtime against
 * the raw DynamoDB Local calls that serve them (GetItem; Query + BatchGetItem), same machine, same run,
 * 50 concurrent clients. Prints requests/s, p50/p99 and the runtime/raw ratios.
 *
 *   npm run bench:api            (env BENCH_SECONDS, BENCH_CONCURRENCY to change the defaults 5 and 50)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { loadDemoCatalog } from '../local/demo-catalog/load';
import { generateDemoCatalog } from '../local/demo-catalog/generate';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { productKey, searchBucket } from '../model/keys';
import { searchWords } from '../model/search-text';
import { keepAliveDynamoDbClient, startApiProcess, type ApiProcess } from './support/api-process';
import { formatResults, machineDescription, runLoad, type LoadOptions, type LoadResult } from './support/load';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const load: LoadOptions = { concurrency, durationMs: seconds * 1000, maxRequests: 200_000, warmupPerClient: 20 };
const API_KEY = 'da2-benchmark-api-key';
const TABLE = 'bench-read';
const SEARCH_TERMS = ['ibupro', 'paracetamol', 'omepra', 'lorata', 'amoxi', 'vitamina', 'metfor', 'losart'];

const dynamodb = await startDynamoDbLocal();
const client = keepAliveDynamoDbClient(dynamodb.endpoint, concurrency + 8);
let server: ApiProcess | undefined;
try {
  await ensureTable(client, TABLE);
  await loadDemoCatalog({ client, tableName: TABLE });
  const ids = generateDemoCatalog().map((p) => p.id);
  await bundleAppSyncCode(rootDir);

  server = await startApiProcess([dynamodb.endpoint, TABLE, API_KEY], concurrency + 8);
  const api = server;
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const { status, text } = await api.post(JSON.stringify({ query, variables }), { 'x-api-key': API_KEY });
    return status === 200 && !(JSON.parse(text) as { errors?: unknown[] }).errors;
  };

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
  server?.stop();
  client.destroy();
  await dynamodb.stop();
}
