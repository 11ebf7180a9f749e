/**
 * Benchmark (issue 10, search): `searchProducts` through the local AppSync runtime against the raw DynamoDB
 * Local calls it makes (code Query when the text could be a barcode/SKU, the anchor word's Query, the
 * spelling Queries when it found nothing, BatchGetItem of the page), same machine, same run, at 1 and at 50
 * concurrent clients: p50/p99 and requests/s. Then ranking quality: precision@5 of the labelled queries
 * (local/demo-catalog/search-judgments.ts) over the demo catalog (1,200 products).
 *
 *   npm run bench:search        (env BENCH_SECONDS, default 5 per scenario)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchGetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { loadDemoCatalog } from '../local/demo-catalog/load';
import { generateDemoCatalog } from '../local/demo-catalog/generate';
import { LABELLED_QUERIES, meanPrecisionAt5, precisionAt5 } from '../local/demo-catalog/search-judgments';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { productKey, searchBucket, searchCodeBucket } from '../model/keys';
import type { SearchEntryItem } from '../model/product-items';
import { RANKING_ATTRIBUTES, anchorWord, codeOfText, spellingCorrection, wantsCorrection, type SearchRequest } from '../model/product-search';
import { searchWords } from '../model/search-text';
import { keepAliveDynamoDbClient, startApiProcess, type ApiProcess } from './support/api-process';
import { formatResults, machineDescription, runLoad, type LoadOptions, type LoadResult } from './support/load';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const API_KEY = 'da2-benchmark-api-key';
const TABLE = 'bench-search';
const PAGE = 20;
/** What shoppers type: words, several words, prefixes, labs, brands, typos, barcodes and SKUs. */
const TEXTS = LABELLED_QUERIES.map((query) => query.text).concat(['ibupro', 'omepra', 'amoxi']);

const dynamodb = await startDynamoDbLocal();
const client = keepAliveDynamoDbClient(dynamodb.endpoint, 64);
let server: ApiProcess | undefined;
try {
  await ensureTable(client, TABLE);
  await loadDemoCatalog({ client, tableName: TABLE });
  const catalog = generateDemoCatalog();
  await bundleAppSyncCode(rootDir);
  server = await startApiProcess([dynamodb.endpoint, TABLE, API_KEY], 64);
  const api = server;

  const searchQuery = `query($text: String!, $limit: Int) { searchProducts(text: $text, limit: $limit) {
    items { id name lab price { amountCents currency } stock } nextToken total correctedText } }`;
  const graphql = async (text: string, limit = PAGE) => {
    const { status, text: body } = await api.post(JSON.stringify({ query: searchQuery, variables: { text, limit } }), { 'x-api-key': API_KEY });
    const parsed = JSON.parse(body) as { data?: { searchProducts: { items: { id: string }[] } }; errors?: unknown[] };
    return { ok: status === 200 && !parsed.errors, ids: parsed.data?.searchProducts.items.map((item) => item.id) ?? [] };
  };

  const query = async (pk: string, prefix: string | null, projection: readonly string[] = RANKING_ATTRIBUTES) => {
    const out = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: prefix === null ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :w)',
        ExpressionAttributeValues: prefix === null ? { ':pk': { S: pk } } : { ':pk': { S: pk }, ':w': { S: prefix } },
        ProjectionExpression: projection.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: {
          '#pk': 'PK',
          ...(prefix === null ? {} : { '#sk': 'SK' }),
          ...Object.fromEntries(projection.map((name, i) => [`#a${i}`, name])),
        },
      }),
    );
    return (out.Items ?? []).map((item) => unmarshall(item as Record<string, AttributeValue>) as SearchEntryItem);
  };

  /** The DynamoDB requests searchProducts makes for `text`, made directly: the floor the runtime adds to. */
  const rawSearch = async (text: string) => {
    const words = searchWords(text);
    const request = { anchor: anchorWord(words) } as SearchRequest;
    const code = codeOfText(text);
    const codeEntries = code ? await query(searchCodeBucket(code), code) : [];
    let entries = request.anchor ? await query(searchBucket(request.anchor), request.anchor) : [];
    if (codeEntries.length === 0 && wantsCorrection(request, entries.length)) {
      const correction = spellingCorrection(request.anchor, await query(searchBucket(request.anchor), null, ['SK', 'shown']));
      if (correction) entries = await query(searchBucket(correction), correction);
    }
    const ids = [...new Set(codeEntries.concat(entries).map((entry) => entry.productId))].slice(0, PAGE);
    if (ids.length > 0) {
      await client.send(
        new BatchGetItemCommand({
          RequestItems: { [TABLE]: { Keys: ids.map((id) => { const key = productKey(id); return { PK: { S: key.PK }, SK: { S: key.SK } }; }) } },
        }),
      );
    }
    return true;
  };

  const results: LoadResult[] = [];
  for (const concurrency of [1, 50]) {
    const load: LoadOptions = { concurrency, durationMs: seconds * 1000, maxRequests: 200_000, warmupPerClient: concurrency === 1 ? 50 : 5 };
    results.push(await runLoad(`raw DynamoDB calls, ${concurrency} client${concurrency > 1 ? 's' : ''}`, load, (i) => rawSearch(TEXTS[i % TEXTS.length]!)));
    results.push(
      await runLoad(`GraphQL searchProducts, ${concurrency} client${concurrency > 1 ? 's' : ''}`, load, async (i) => (await graphql(TEXTS[i % TEXTS.length]!)).ok),
    );
  }

  const quality = [];
  for (const labelled of LABELLED_QUERIES) {
    const { ids } = await graphql(labelled.text, 5);
    quality.push(precisionAt5(labelled, ids, catalog));
  }

  console.log(`\nMachine: ${machineDescription()}`);
  console.log(`Load: ${seconds} s per scenario, DynamoDB Local in memory, ${catalog.length} products, ${TEXTS.length} search texts in turn, page of ${PAGE}\n`);
  console.log(formatResults(results));
  const [raw1, gql1, raw50, gql50] = results as [LoadResult, LoadResult, LoadResult, LoadResult];
  console.log(`\n1 client:   searchProducts p50 ${gql1.p50Ms.toFixed(2)} ms / raw ${raw1.p50Ms.toFixed(2)} ms; p99 ${gql1.p99Ms.toFixed(2)} ms / raw ${raw1.p99Ms.toFixed(2)} ms`);
  console.log(`50 clients: searchProducts p50 ${gql50.p50Ms.toFixed(2)} ms / raw ${raw50.p50Ms.toFixed(2)} ms; p99 ${gql50.p99Ms.toFixed(2)} ms / raw ${raw50.p99Ms.toFixed(2)} ms`);
  console.log(`50 clients: throughput ${(100 * (gql50.perSecond / raw50.perSecond)).toFixed(1)} % of raw`);
  console.log(`\nRanking quality, precision@5 per labelled query (relevant in top 5 / min(5, relevant in catalog)):`);
  for (const result of quality) {
    console.log(`  ${result.text.padEnd(22)} ${result.precisionAt5.toFixed(2)}  (${result.relevantInTop5} of ${Math.min(5, result.relevantInCatalog)}; ${result.relevantInCatalog} relevant)`);
  }
  console.log(`Mean precision@5 over ${quality.length} queries: ${meanPrecisionAt5(quality).toFixed(3)}`);
} finally {
  server?.stop();
  client.destroy();
  await dynamodb.stop();
}
