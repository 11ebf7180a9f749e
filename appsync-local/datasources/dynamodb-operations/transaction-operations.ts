/**
 * TransactGetItems and TransactWriteItems, all-or-nothing across the tables they name. Results as AppSync:
 *   TransactGetItems   success { items: [item | null], cancellationReasons: null }
 *   TransactWriteItems success { keys: [key],          cancellationReasons: null }   (request order)
 * On TransactionCanceledException, `ctx.error` is DynamoDB:TransactionCanceledException and `ctx.result` is
 *   { items | keys: null, cancellationReasons: [{ type, message, item? }] }, one reason per request item in
 * request order ("None" for items that did not fail). For a failed write condition the current item is in
 * `item` unless the condition set `returnValuesOnConditionCheckFailure: false`.
 */
import {
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type CancellationReason,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../contracts';
import { toPlainItem, toSdkMap, type Item } from './attribute-values';
import { describeSdkError, RequestObjectError } from './errors';
import {
  mergePlaceholders,
  optionalBoolean,
  optionalExpression,
  optionalProjection,
  readExpression,
  requireKey,
  requireList,
  requireRecord,
  requireString,
  type Expression,
  type OperationContext,
  type RequestObject,
} from './request-object';

export interface CancellationReasonResult {
  readonly type: string;
  readonly message: string;
  readonly item?: Record<string, unknown>;
}

function readTransactItems(request: RequestObject): Record<string, unknown>[] {
  const list = requireList(request.transactItems, 'transactItems');
  if (list.length === 0) throw new RequestObjectError('transactItems must hold at least one request item.');
  return list.map((entry, i) => requireRecord(entry, `transactItems[${i}]`));
}

export async function transactGetItems(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const transactItems = readTransactItems(request).map((entry, i) => {
    const path = `transactItems[${i}]`;
    const projection = optionalProjection(entry.projection, `${path}.projection`);
    return {
      Get: {
        TableName: requireString(entry.table, `${path}.table`),
        Key: requireKey(entry.key, `${path}.key`),
        ProjectionExpression: projection?.expression,
        ExpressionAttributeNames: projection?.names,
      },
    };
  });
  try {
    const output = await context.client.send(new TransactGetItemsCommand({ TransactItems: transactItems }));
    const items = transactItems.map((_, i) => {
      const item = output.Responses?.[i]?.Item;
      return item === undefined ? null : toPlainItem(item);
    });
    return { result: { items, cancellationReasons: null } };
  } catch (error) {
    const reasons = cancellationReasonsOf(error);
    if (reasons === undefined) throw error;
    return { result: { items: null, cancellationReasons: reasons }, error: describeSdkError(error) };
  }
}

export async function transactWriteItems(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const keys: Item[] = [];
  const transactItems = readTransactItems(request).map((entry, i): TransactWriteItem => {
    const path = `transactItems[${i}]`;
    const TableName = requireString(entry.table, `${path}.table`);
    const Key = requireKey(entry.key, `${path}.key`);
    keys.push(Key);
    const condition = optionalExpression(entry.condition, `${path}.condition`);
    const conditionFields = {
      ConditionExpression: condition?.expression,
      // AppSync returns the current item unless the condition explicitly says false.
      ReturnValuesOnConditionCheckFailure: returnsItemOnFailure(entry.condition, path) ? ('ALL_OLD' as const) : undefined,
    };
    switch (entry.operation) {
      case 'PutItem': {
        const attributes =
          entry.attributeValues === undefined || entry.attributeValues === null
            ? {}
            : toSdkMap(entry.attributeValues, `${path}.attributeValues`);
        return { Put: { TableName, Item: { ...attributes, ...Key }, ...conditionFields, ...mergePlaceholders(condition) } };
      }
      case 'UpdateItem': {
        const update: Expression = readExpression(entry.update, `${path}.update`);
        return {
          Update: {
            TableName,
            Key,
            UpdateExpression: update.expression,
            ...conditionFields,
            ...mergePlaceholders(update, condition),
          },
        };
      }
      case 'DeleteItem':
        return { Delete: { TableName, Key, ...conditionFields, ...mergePlaceholders(condition) } };
      case 'ConditionCheck':
        if (condition === undefined) throw new RequestObjectError(`${path}.condition is required for ConditionCheck.`);
        return {
          ConditionCheck: {
            TableName,
            Key,
            ConditionExpression: condition.expression,
            ReturnValuesOnConditionCheckFailure: conditionFields.ReturnValuesOnConditionCheckFailure,
            ...mergePlaceholders(condition),
          },
        };
      default:
        throw new RequestObjectError(
          `${path}.operation must be PutItem, UpdateItem, DeleteItem or ConditionCheck, got ${JSON.stringify(entry.operation)}.`,
        );
    }
  });
  try {
    await context.client.send(new TransactWriteItemsCommand({ TransactItems: transactItems }));
    return { result: { keys: keys.map(toPlainItem), cancellationReasons: null } };
  } catch (error) {
    const reasons = cancellationReasonsOf(error);
    if (reasons === undefined) throw error;
    return { result: { keys: null, cancellationReasons: reasons }, error: describeSdkError(error) };
  }
}

function returnsItemOnFailure(condition: unknown, path: string): boolean {
  if (condition === undefined || condition === null) return false;
  const flag = optionalBoolean(
    (condition as Record<string, unknown>).returnValuesOnConditionCheckFailure,
    `${path}.condition.returnValuesOnConditionCheckFailure`,
  );
  return flag !== false;
}

function cancellationReasonsOf(error: unknown): CancellationReasonResult[] | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'TransactionCanceledException') {
    return undefined;
  }
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => {
    const type = reason.Code ?? 'None';
    return {
      type,
      message: reason.Message ?? type,
      ...(reason.Item === undefined ? {} : { item: toPlainItem(reason.Item) }),
    };
  });
}
