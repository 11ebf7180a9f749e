/**
 * GetItem, PutItem, UpdateItem and DeleteItem against the data source's table, with AppSync's handling of a
 * failed condition ("Handling a condition check failure" in the AppSync JS reference for DynamoDB):
 *  1. read the current item (strongly consistent unless `condition.consistentRead` is false);
 *  2. PutItem: if the current item equals the item it tried to write (minus `equalsIgnore`), succeed with the
 *     current item; DeleteItem: if there is no current item, succeed with null; UpdateItem: never;
 *  3. otherwise reject: `ctx.error` DynamoDB:ConditionalCheckFailedException and `ctx.result` the current
 *     item (null when absent), which AppSync's documented response handlers read.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../contracts';
import { sameItem, toPlainItem, toSdkMap, type Item } from './attribute-values';
import { describeSdkError, isConditionalCheckFailed } from './errors';
import {
  mergePlaceholders,
  optionalBoolean,
  optionalCondition,
  optionalProjection,
  readExpression,
  requireKey,
  type Condition,
  type OperationContext,
  type RequestObject,
} from './request-object';

export async function getItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const key = requireKey(request.key, 'key');
  const projection = optionalProjection(request.projection, 'projection');
  const output = await context.client.send(
    new GetItemCommand({
      TableName: context.tableName,
      Key: key,
      ConsistentRead: optionalBoolean(request.consistentRead, 'consistentRead'),
      ProjectionExpression: projection?.expression,
      ExpressionAttributeNames: projection?.names,
    }),
  );
  return { result: output.Item === undefined ? null : toPlainItem(output.Item) };
}

export async function putItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const key = requireKey(request.key, 'key');
  const attributes =
    request.attributeValues === undefined || request.attributeValues === null
      ? {}
      : toSdkMap(request.attributeValues, 'attributeValues');
  // The key always wins over a same-named attribute value, as the key names the item being written.
  const item: Item = { ...attributes, ...key };
  const condition = optionalCondition(request.condition, 'condition');
  try {
    await context.client.send(
      new PutItemCommand({
        TableName: context.tableName,
        Item: item,
        ConditionExpression: condition?.expression,
        ...mergePlaceholders(condition),
      }),
    );
  } catch (error) {
    if (condition !== undefined && isConditionalCheckFailed(error)) {
      return afterConditionFailure(context, key, condition, error, (current) =>
        current !== undefined && sameItem(current, item, condition.equalsIgnore),
      );
    }
    throw error;
  }
  return { result: toPlainItem(item) };
}

export async function updateItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const key = requireKey(request.key, 'key');
  const update = readExpression(request.update, 'update');
  const condition = optionalCondition(request.condition, 'condition');
  try {
    const output = await context.client.send(
      new UpdateItemCommand({
        TableName: context.tableName,
        Key: key,
        UpdateExpression: update.expression,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_NEW',
        ...mergePlaceholders(update, condition),
      }),
    );
    return { result: output.Attributes === undefined ? null : toPlainItem(output.Attributes) };
  } catch (error) {
    if (condition !== undefined && isConditionalCheckFailed(error)) {
      return afterConditionFailure(context, key, condition, error, () => false);
    }
    throw error;
  }
}

export async function deleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const key = requireKey(request.key, 'key');
  const condition = optionalCondition(request.condition, 'condition');
  try {
    const output = await context.client.send(
      new DeleteItemCommand({
        TableName: context.tableName,
        Key: key,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_OLD',
        ...mergePlaceholders(condition),
      }),
    );
    return { result: output.Attributes === undefined ? null : toPlainItem(output.Attributes) };
  } catch (error) {
    if (condition !== undefined && isConditionalCheckFailed(error)) {
      return afterConditionFailure(context, key, condition, error, (current) => current === undefined);
    }
    throw error;
  }
}

async function afterConditionFailure(
  context: OperationContext,
  key: Item,
  condition: Condition,
  failure: unknown,
  alreadyAsDesired: (current: Item | undefined) => boolean,
): Promise<DataSourceOutcome> {
  const { Item: current } = await context.client.send(
    new GetItemCommand({ TableName: context.tableName, Key: key, ConsistentRead: condition.consistentRead }),
  );
  const result = current === undefined ? null : toPlainItem(current);
  if (alreadyAsDesired(current)) return { result };
  return { result, error: describeSdkError(failure) };
}
