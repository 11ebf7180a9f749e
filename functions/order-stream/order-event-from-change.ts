/**
 * Pure logic of order-stream: which order events a table change means. One event per order state
 * change: an inserted order is OrderPlaced; a modified order whose status moved is OrderStatusChanged,
 * or OrderCancelled when it moved to CANCELLED; a cancelled order that newly holds a card refund
 * (`cardRefund`, written by order-refund) is OrderRefunded. Anything else (other entities, edits that do not
 * move the status, deletions) means no event.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as StreamAttributeValue, DynamoDBRecord } from 'aws-lambda';
import {
  ORDER_EVENT_SCHEMA_VERSION,
  orderEventId,
  type OrderEvent,
  type OrderSnapshot,
} from '../../model/order-events';

export const ORDER_ENTITY_TYPE = 'Order';

const TABLE_ONLY_ATTRIBUTES = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'type']);

type Item = Record<string, unknown>;

function isOrderItem(item: Item | undefined): item is Item {
  return item !== undefined && item.type === ORDER_ENTITY_TYPE;
}

/** The Order item without its table keys and entity marker. */
export function orderSnapshotFromItem(item: Item): OrderSnapshot {
  const snapshot: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (!TABLE_ONLY_ATTRIBUTES.has(name)) snapshot[name] = value;
  }
  return snapshot as unknown as OrderSnapshot;
}

export type ChangeKind = 'INSERT' | 'MODIFY' | 'REMOVE';

/** `oldItem` / `newItem`: the item before and after the change, as plain values (unmarshalled). */
export function orderEventFromChange(kind: ChangeKind, oldValue: object | undefined, newValue: object | undefined): OrderEvent | null {
  const oldItem = oldValue as Item | undefined;
  const newItem = newValue as Item | undefined;
  if (kind === 'REMOVE' || !isOrderItem(newItem)) return null;
  const order = orderSnapshotFromItem(newItem);
  const base = {
    schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
    eventId: orderEventId(order.id, order.version),
    orderId: order.id,
    orderVersion: order.version,
    occurredAt: order.updatedAt,
    order,
  } as const;
  if (kind === 'INSERT' || !isOrderItem(oldItem)) {
    return { ...base, eventType: 'OrderPlaced', status: order.status };
  }
  const previousStatus = (oldItem.status as OrderSnapshot['status'] | undefined) ?? order.status;
  if (previousStatus === order.status) {
    const refunded = order.status === 'CANCELLED' && order.cardRefund !== undefined && oldItem.cardRefund === undefined;
    return refunded ? { ...base, eventType: 'OrderRefunded', previousStatus: 'CANCELLED', status: 'CANCELLED' } : null;
  }
  if (order.status === 'CANCELLED') {
    return { ...base, eventType: 'OrderCancelled', previousStatus, status: 'CANCELLED' };
  }
  return { ...base, eventType: 'OrderStatusChanged', previousStatus, status: order.status };
}

function imageToItem(image: Record<string, StreamAttributeValue> | undefined): Item | undefined {
  // The stream's attribute values have the SDK's wire shape; only the TypeScript types differ.
  return image ? (unmarshall(image as Record<string, AttributeValue>) as Item) : undefined;
}

/** The order event a DynamoDB stream record means, or null when it means none. */
export function orderEventFromStreamRecord(record: DynamoDBRecord): OrderEvent | null {
  const kind = record.eventName;
  if (!kind) return null;
  return orderEventFromChange(kind, imageToItem(record.dynamodb?.OldImage), imageToItem(record.dynamodb?.NewImage));
}
