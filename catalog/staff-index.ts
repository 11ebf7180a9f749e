/**
 * Gives products and orders written before GSI3 existed their staff index keys (model/keys.ts): every product
 * `STAFFPRODUCTS / <name>#<id>` (the staff product list), every order with an email
 * `CUSTOMER#<email> / <createdAt>#<id>` (staff finding orders by email). New items get them from their
 * builders (productItem, newOrderItem). Each item is updated with `attribute_not_exists(GSI3PK)`, so a
 * concurrent writer's keys are never overwritten; then the marker `CATALOG / STAFFINDEX` records it is done.
 *
 * Run by `npm start` (after the table has GSI3) and by `npm run staff:backfill` against a deployed table.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerOrderIndexKeys, STAFF_INDEX_MARKER_KEY, staffProductIndexKeys } from '../model/keys';
import { isEmailAddress } from '../model/input-text';
import { staffSearchText } from '../model/product-items';

export const STAFF_INDEX_VERSION = 1;

export interface StaffIndexOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly log?: (line: string) => void;
  /** Scan again even when the marker says the table was done (items with keys are left alone either way). */
  readonly force?: boolean;
}

export interface StaffIndexResult {
  readonly state: 'current' | 'indexed';
  readonly products: number;
  readonly orders: number;
}

/** The GSI3 attributes an item should have, or null for items outside the staff index. */
export function staffIndexKeysOf(item: Record<string, unknown>): Record<string, string> | null {
  if (item.type === 'Product' && typeof item.name === 'string' && typeof item.id === 'string' && typeof item.sku === 'string') {
    const barcode = typeof item.barcode === 'string' ? item.barcode : undefined;
    return { ...staffProductIndexKeys(item.name, item.id), staffText: staffSearchText({ name: item.name, sku: item.sku, barcode }) };
  }
  if (item.type === 'Order' && isEmailAddress(item.customerEmail) && typeof item.createdAt === 'string' && typeof item.id === 'string') {
    return customerOrderIndexKeys(item.customerEmail as string, item.createdAt, item.id);
  }
  return null;
}

export async function ensureStaffIndex(options: StaffIndexOptions): Promise<StaffIndexResult> {
  const docs = options.documentClient;
  const marker = await docs.send(new GetCommand({ TableName: options.tableName, Key: STAFF_INDEX_MARKER_KEY, ConsistentRead: true }));
  if (!options.force && typeof marker.Item?.version === 'number' && marker.Item.version >= STAFF_INDEX_VERSION) return { state: 'current', products: 0, orders: 0 };
  let products = 0;
  let orders = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(
      new ScanCommand({
        TableName: options.tableName,
        FilterExpression: '(#type = :product OR #type = :order) AND attribute_not_exists(GSI3PK)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':product': 'Product', ':order': 'Order' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const keys = staffIndexKeysOf(item);
      if (!keys) continue;
      try {
        await docs.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: `SET ${Object.keys(keys).map((name) => `${name} = :${name}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI3PK)',
            ExpressionAttributeValues: Object.fromEntries(Object.entries(keys).map(([name, value]) => [`:${name}`, value])),
          }),
        );
        if (item.type === 'Product') products += 1;
        else orders += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (products + orders > 0) options.log?.(`staff index keys added to ${products} products and ${orders} orders`);
  await docs.send(
    new PutCommand({ TableName: options.tableName, Item: { ...STAFF_INDEX_MARKER_KEY, type: 'StaffIndex', version: STAFF_INDEX_VERSION, at: new Date().toISOString() } }),
  );
  return { state: 'indexed', products, orders };
}
