/**
 * The nightly similarity job: reads every active product (GSI2 lists exactly those), computes each one's
 * top-k similar products (similarity.ts) and writes one `PRODUCT#id / SIMILAR` item per product with
 * BatchWriteItem. Used by the `similarity` Lambda (03:00 schedule) and by `npm run similarity`.
 *
 * Products deactivated since the last run keep their old SIMILAR item (it is never shown: the product is
 * hidden, and Product.similar drops inactive products it points to).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ALL_ACTIVE_PRODUCTS } from '../model/keys';
import { SIMILAR_PRODUCTS_STORED, similarProductsItem } from '../model/similar-products';
import { computeSimilarProducts, type SimilarityProduct } from './similarity';
import { batchWrite, putRequest, type WriteStats } from './table-batches';

export interface SimilarityJobOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Similar products kept per product. Default 8. */
  readonly k?: number;
  readonly now?: () => Date;
  /** BatchWriteItem requests in flight. Default 4. */
  readonly parallelRequests?: number;
}

export interface SimilarityJobReport {
  readonly computedAt: string;
  /** Active products read (and SIMILAR items written, one each). */
  readonly products: number;
  readonly readMs: number;
  readonly computeMs: number;
  readonly writeMs: number;
  readonly writes: WriteStats;
}

/** Every active product with the fields similarity needs. */
export async function readActiveProducts(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): Promise<SimilarityProduct[]> {
  const products: SimilarityProduct[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS },
        ProjectionExpression: 'id, #name, activeIngredients, lab, categoryId',
        ExpressionAttributeNames: { '#name': 'name' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      products.push({
        id: String(item.id),
        name: String(item.name ?? ''),
        activeIngredients: Array.isArray(item.activeIngredients) ? item.activeIngredients.map(String) : [],
        lab: String(item.lab ?? ''),
        categoryId: String(item.categoryId ?? ''),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return products;
}

export async function runSimilarityJob(options: SimilarityJobOptions): Promise<SimilarityJobReport> {
  const computedAt = (options.now ?? (() => new Date()))().toISOString();
  const readStarted = performance.now();
  const products = await readActiveProducts(options.documentClient, options.tableName);
  const computeStarted = performance.now();
  const similar = computeSimilarProducts(products, { k: options.k ?? SIMILAR_PRODUCTS_STORED });
  const writeStarted = performance.now();
  const requests = [...similar].map(([productId, list]) =>
    putRequest(similarProductsItem(productId, list.map((entry) => ({ ...entry })), computedAt)),
  );
  const writes = await batchWrite(
    { documentClient: options.documentClient, tableName: options.tableName, parallel: options.parallelRequests ?? 4 },
    requests,
  );
  const finished = performance.now();
  return {
    computedAt,
    products: products.length,
    readMs: Math.round(computeStarted - readStarted),
    computeMs: Math.round(writeStarted - computeStarted),
    writeMs: Math.round(finished - writeStarted),
    writes,
  };
}
