/**
 * Writes the demo catalog into the table with BatchWriteItem, using the same item builder as every other
 * catalog writer (model/product-items.ts), and loads it on first start only.
 *
 * A marker item `CATALOG / DEMO` records the load: written as "loading" before the products and "complete"
 * after them, so a load cut short is finished on the next start, and a table that already holds a real
 * catalog (products but no marker) is never touched.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ALL_ACTIVE_PRODUCTS, CATALOG_PK } from '../../model/keys';
import { DEMO_PACKSHOT_WIDTHS, demoPackshotKey } from '../../model/product-image';
import { PACKSHOT_HEIGHT, PACKSHOT_WIDTH } from './packshot';
import { productItemList, productItems, type ProductInput, type TableKey } from '../../model/product-items';
import {
  DEFAULT_DEMO_PRODUCT_COUNT,
  DEFAULT_DEMO_SEED,
  demoCatalogCapacity,
  generateDemoCatalog,
  type DemoProduct,
} from './generate';

export const DEMO_MARKER_KEY = { PK: CATALOG_PK, SK: 'DEMO' } as const;

/** DynamoDB's BatchWriteItem limit. */
const BATCH_SIZE = 25;
/** Batches in flight at once: enough to keep DynamoDB Local busy without flooding a small machine. */
const PARALLEL_BATCHES = 4;
const MAX_ATTEMPTS = 8;

export interface LoadDemoCatalogOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How many products; default 1,200. */
  readonly count?: number;
  readonly seed?: string;
  /**
   * Where the images bucket's `images/` keys are served (the local web server, ending in '/'): each product then
   * shows its generated packshot (local/demo-catalog/packshot.ts). No pictures when omitted.
   */
  readonly imagesPublicUrl?: string;
}

export interface DemoCatalogLoadReport {
  readonly products: number;
  readonly categories: number;
  readonly searchEntries: number;
  /** Every item written: products, SKU guards, categories and search entries. */
  readonly items: number;
}

export interface EnsureDemoCatalogResult {
  readonly loaded: boolean;
  /** Why nothing was loaded, when nothing was. */
  readonly skippedBecause?: 'already-loaded' | 'catalog-not-empty';
  readonly report?: DemoCatalogLoadReport;
}

export type BatchWriteSender = (requestItems: Record<string, WriteRequest[]>) => Promise<Pick<BatchWriteCommandOutput, 'UnprocessedItems'>>;
type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/** The writer's view of a demo product (model/product-items.ts input). */
export function demoProductInput(product: DemoProduct, imagesPublicUrl?: string): ProductInput {
  const input: ProductInput = {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    activeIngredients: [...product.activeIngredients],
    lab: product.lab,
    presentation: product.presentation,
    categoryName: product.categoryName,
    priceCents: product.priceCents,
    currency: product.currency,
    stock: product.stock,
    prescriptionRequired: product.prescriptionRequired,
    active: product.active,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
  if (product.barcode) input.barcode = product.barcode;
  if (imagesPublicUrl) {
    // As an uploaded photo's: every width, smallest first, and imageUrl the largest.
    input.imageSizes = DEMO_PACKSHOT_WIDTHS.map((width) => ({
      url: `${imagesPublicUrl}${demoPackshotKey(product.id, width)}`,
      width,
      height: Math.round((width * PACKSHOT_HEIGHT) / PACKSHOT_WIDTH),
    }));
    input.imageUrl = input.imageSizes.at(-1)!.url;
  }
  return input;
}

/** All items of the given products, each key once (products of one category share the category item). */
export function demoCatalogItems(products: readonly DemoProduct[], imagesPublicUrl?: string): TableKey[] {
  const seen = new Set<string>();
  const items: TableKey[] = [];
  for (const product of products) {
    for (const item of productItemList(productItems(demoProductInput(product, imagesPublicUrl)))) {
      const identity = `${item.PK}\u0000${item.SK}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      items.push(item);
    }
  }
  return items;
}

function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts every item with BatchWriteItem, 25 per call, retrying what DynamoDB leaves unprocessed with
 * exponential backoff (as the BatchWriteItem documentation asks). Fails after 8 attempts of one batch.
 */
export async function batchPutAll(
  send: BatchWriteSender,
  tableName: string,
  items: readonly object[],
  backoffBaseMs = 25,
): Promise<void> {
  const batches: object[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) batches.push(items.slice(start, start + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next] ?? [];
      next += 1;
      let pending: WriteRequest[] = batch.map((item) => ({ PutRequest: { Item: item as Record<string, unknown> } }));
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        if (attempt > MAX_ATTEMPTS) {
          throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${MAX_ATTEMPTS} attempts`);
        }
        if (attempt > 1) await pause(Math.min(1000, backoffBaseMs * 2 ** attempt));
        const output = await send({ [tableName]: pending });
        pending = (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, worker));
}

/** Writes the demo catalog (idempotent: the same seed and count always write the same items). */
export async function loadDemoCatalog(options: LoadDemoCatalogOptions): Promise<DemoCatalogLoadReport> {
  const products = generateDemoCatalog({ count: options.count ?? DEFAULT_DEMO_PRODUCT_COUNT, seed: options.seed });
  const items = demoCatalogItems(products, options.imagesPublicUrl);
  const docs = documentClient(options.client);
  await batchPutAll(
    (requestItems) => docs.send(new BatchWriteCommand({ RequestItems: requestItems })),
    options.tableName,
    items,
  );
  return {
    products: products.length,
    categories: items.filter((item) => item.PK === CATALOG_PK).length,
    searchEntries: items.filter((item) => item.PK.startsWith('SEARCH#')).length,
    items: items.length,
  };
}

/**
 * Loads the demo catalog on first start: when the table has no products and no finished demo load.
 * A table holding a real catalog (imported products, no demo marker) is left alone.
 */
export async function ensureDemoCatalog(options: LoadDemoCatalogOptions): Promise<EnsureDemoCatalogResult> {
  const count = options.count ?? DEFAULT_DEMO_PRODUCT_COUNT;
  if (count > demoCatalogCapacity()) {
    // Checked before anything is written, so a bad FARMACRUZ_DEMO_PRODUCTS leaves the table untouched.
    throw new Error(`FARMACRUZ_DEMO_PRODUCTS is ${count}, but the demo catalog holds at most ${demoCatalogCapacity()} distinct products`);
  }
  const docs = documentClient(options.client);
  const marker = await docs.send(new GetCommand({ TableName: options.tableName, Key: DEMO_MARKER_KEY, ConsistentRead: true }));
  const status = marker.Item?.status;
  if (status === 'complete') return { loaded: false, skippedBecause: 'already-loaded' };
  if (status !== 'loading') {
    const listed = await docs.send(
      new QueryCommand({
        TableName: options.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :all',
        ExpressionAttributeValues: { ':all': ALL_ACTIVE_PRODUCTS },
        Limit: 1,
      }),
    );
    if ((listed.Items ?? []).length > 0) return { loaded: false, skippedBecause: 'catalog-not-empty' };
  }
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const writeMarker = (markerStatus: 'loading' | 'complete') =>
    docs.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...DEMO_MARKER_KEY, type: 'DemoCatalog', status: markerStatus, seed, count, at: new Date().toISOString() },
      }),
    );
  await writeMarker('loading');
  const report = await loadDemoCatalog({ ...options, count, seed });
  await writeMarker('complete');
  return { loaded: true, report };
}
