/**
 * BatchGetItem, BatchPutItem and BatchDeleteItem. These name their tables explicitly (local tables carry the
 * same names). Results as AppSync gives them, per table and in request order:
 *   BatchGetItem    { data: { T: [item | null] }, unprocessedKeys: { T: [key] } }
 *   BatchPutItem    { data: { T: [item | null] }, unprocessedItems: { T: [item] } }
 *   BatchDeleteItem { data: { T: [key | null] },  unprocessedKeys: { T: [key] } }
 * null marks a missing item (get) or an unprocessed request; every requested table appears in both maps.
 * Like AppSync, unprocessed requests are returned, not retried.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../contracts';
import { keyIdentity, toPlainItem, toSdkMap, type Item } from './attribute-values';
import { RequestObjectError } from './errors';
import {
  isRecord,
  optionalBoolean,
  optionalProjection,
  requireList,
  requireRecord,
  type OperationContext,
  type RequestObject,
} from './request-object';

type PlainItem = Record<string, unknown>;

function requireTables(request: RequestObject): Record<string, unknown> {
  const tables = requireRecord(request.tables, 'tables');
  if (Object.keys(tables).length === 0) throw new RequestObjectError('tables must name at least one table.');
  return tables;
}

function readItems(value: unknown, path: string): Item[] {
  return requireList(value, path).map((entry, i) => toSdkMap(entry, `${path}[${i}]`));
}

export async function batchGetItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const tables = requireTables(request);
  const requested = new Map<string, Item[]>();
  const requestItems: Record<string, KeysAndAttributes> = {};
  for (const tableName of Object.keys(tables)) {
    const entry = tables[tableName];
    // The reference's type says { keys, consistentRead?, projection? }; its example passes the key list itself.
    const section = isRecord(entry) ? entry : { keys: entry };
    const path = `tables.${tableName}`;
    const keys = readItems(section.keys, `${path}.keys`);
    const projection = optionalProjection(section.projection, `${path}.projection`);
    requested.set(tableName, keys);
    requestItems[tableName] = {
      Keys: keys,
      ConsistentRead: optionalBoolean(section.consistentRead, `${path}.consistentRead`),
      ProjectionExpression: projection?.expression,
      ExpressionAttributeNames: projection?.names,
    };
  }

  const output = await context.client.send(new BatchGetItemCommand({ RequestItems: requestItems }));

  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedKeys: Record<string, PlainItem[]> = {};
  for (const [tableName, keys] of requested) {
    const keyNames = Object.keys(keys[0] ?? {});
    const found = new Map<string, Item>();
    for (const item of output.Responses?.[tableName] ?? []) found.set(keyIdentity(item, keyNames), item);
    data[tableName] = keys.map((key) => {
      const item = found.get(keyIdentity(key, keyNames));
      return item === undefined ? null : toPlainItem(item);
    });
    unprocessedKeys[tableName] = (output.UnprocessedKeys?.[tableName]?.Keys ?? []).map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

export async function batchPutItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const tables = requireTables(request);
  const requested = new Map<string, Item[]>();
  for (const tableName of Object.keys(tables)) {
    requested.set(tableName, readItems(tables[tableName], `tables.${tableName}`));
  }
  const unprocessed = await batchWrite(context, requested, (Item) => ({ PutRequest: { Item } }));
  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedItems: Record<string, PlainItem[]> = {};
  for (const [tableName, items] of requested) {
    const left = (unprocessed[tableName] ?? []).flatMap((write) => (write.PutRequest?.Item ? [write.PutRequest.Item] : []));
    const leftIds = new Set(left.map(itemIdentity));
    data[tableName] = items.map((item) => (leftIds.has(itemIdentity(item)) ? null : toPlainItem(item)));
    unprocessedItems[tableName] = left.map(toPlainItem);
  }
  return { result: { data, unprocessedItems } };
}

export async function batchDeleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const tables = requireTables(request);
  const requested = new Map<string, Item[]>();
  for (const tableName of Object.keys(tables)) {
    requested.set(tableName, readItems(tables[tableName], `tables.${tableName}`));
  }
  const unprocessed = await batchWrite(context, requested, (Key) => ({ DeleteRequest: { Key } }));
  const data: Record<string, (PlainItem | null)[]> = {};
  const unprocessedKeys: Record<string, PlainItem[]> = {};
  for (const [tableName, keys] of requested) {
    const left = (unprocessed[tableName] ?? []).flatMap((write) => (write.DeleteRequest?.Key ? [write.DeleteRequest.Key] : []));
    const leftIds = new Set(left.map(itemIdentity));
    data[tableName] = keys.map((key) => (leftIds.has(itemIdentity(key)) ? null : toPlainItem(key)));
    unprocessedKeys[tableName] = left.map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

async function batchWrite(
  context: OperationContext,
  requested: ReadonlyMap<string, Item[]>,
  toWrite: (item: Item) => WriteRequest,
): Promise<Record<string, WriteRequest[]>> {
  const requestItems: Record<string, WriteRequest[]> = {};
  for (const [tableName, items] of requested) requestItems[tableName] = items.map(toWrite);
  const output = await context.client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
  return output.UnprocessedItems ?? {};
}

/** DynamoDB echoes unprocessed writes exactly as sent, so the whole item identifies them. */
function itemIdentity(item: Item): string {
  return keyIdentity(item, Object.keys(item).sort());
}
