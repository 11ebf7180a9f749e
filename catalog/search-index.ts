/**
 * Keeps the table's search entries in the current layout (SEARCH_INDEX_VERSION in model/product-items.ts).
 * A table whose entries were written by an older version — a local `.data/` from before the ranked search,
 * or a deployed table — is reindexed once: every product's entries are rewritten from its product item
 * (the same builder every catalog writer uses), then the marker `CATALOG / SEARCHINDEX` records the version.
 * Entries of the old layout have the same keys, so puts replace them; nothing is deleted.
 *
 * Run by `npm start` before the demo catalog loads, and by `npm run search:reindex` against any table.
 */
import { BatchWriteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SEARCH_INDEX_MARKER_KEY } from '../model/keys';
import { SEARCH_INDEX_VERSION, productInputOf, searchEntryItems, type ProductItem } from '../model/product-items';
import { batchPutAll } from '../local/demo-catalog/load';

export interface SearchIndexOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Told how far a reindex got. */
  readonly log?: (line: string) => void;
}

export interface SearchIndexResult {
  /** What the table held: `current` (nothing to do), `empty` (marked current) or the old version reindexed. */
  readonly state: 'current' | 'empty' | 'reindexed';
  readonly fromVersion: number;
  readonly products: number;
  readonly entries: number;
}

/** The version the marker records; 1 when there is none (tables from before the marker). */
export async function searchIndexVersion(options: SearchIndexOptions): Promise<number> {
  const docs = options.documentClient;
  const marker = await docs.send(new GetCommand({ TableName: options.tableName, Key: SEARCH_INDEX_MARKER_KEY, ConsistentRead: true }));
  return typeof marker.Item?.version === 'number' ? marker.Item.version : 1;
}

/** Rewrites the search entries of every product (Scan of the product items, BatchWriteItem of their entries). */
export async function reindexSearch(options: SearchIndexOptions): Promise<{ products: number; entries: number }> {
  const docs = options.documentClient;
  let products = 0;
  let entries = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(
      new ScanCommand({
        TableName: options.tableName,
        FilterExpression: '#type = :product',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':product': 'Product' },
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (page.Items ?? []) as ProductItem[];
    const batch = items.flatMap((item) => searchEntryItems(productInputOf(item)));
    await batchPutAll((requestItems) => docs.send(new BatchWriteCommand({ RequestItems: requestItems })), options.tableName, batch);
    products += items.length;
    entries += batch.length;
    if (items.length > 0) options.log?.(`search entries of ${products.toLocaleString('en-US')} products rewritten`);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { products, entries };
}

async function writeMarker(options: SearchIndexOptions): Promise<void> {
  await options.documentClient.send(
    new PutCommand({
      TableName: options.tableName,
      Item: { ...SEARCH_INDEX_MARKER_KEY, type: 'SearchIndex', version: SEARCH_INDEX_VERSION, at: new Date().toISOString() },
    }),
  );
}

/** Reindexes a table whose search entries are older than this code's layout; marks an empty table current. */
export async function ensureSearchIndex(options: SearchIndexOptions): Promise<SearchIndexResult> {
  const fromVersion = await searchIndexVersion(options);
  if (fromVersion >= SEARCH_INDEX_VERSION) return { state: 'current', fromVersion, products: 0, entries: 0 };
  const { products, entries } = await reindexSearch(options);
  await writeMarker(options);
  return { state: products === 0 ? 'empty' : 'reindexed', fromVersion, products, entries };
}
