/**
 * Pure logic of order-realtime: which order a table change publishes. Every change of an Order item does
 * (placed, paid, shipped, a reservation expiring, a tracking number added...), not only status moves: the
 * subscribers' pages show the whole order. Deletions and other entities publish nothing.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ORDER_ENTITY_TYPE, orderSnapshotFromItem } from '../order-stream/order-event-from-change';

/** The stored order (table keys left out) to publish for this stream record, or null. */
export function orderToPublish(record: DynamoDBRecord): Record<string, unknown> | null {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return null;
  const image = record.dynamodb?.NewImage;
  if (!image) return null;
  // The stream's attribute values have the SDK's wire shape; only the TypeScript types differ.
  const item = unmarshall(image as Record<string, AttributeValue>) as Record<string, unknown>;
  if (item.type !== ORDER_ENTITY_TYPE) return null;
  return orderSnapshotFromItem(item) as unknown as Record<string, unknown>;
}
