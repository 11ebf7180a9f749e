/**
 * Query and Scan. Result as AppSync gives it: { items, nextToken, scannedCount } with items in plain JSON,
 * nextToken null on the last page and otherwise an opaque token (see next-token.ts) that only the same kind
 * of request (operation, table, index) accepts back.
 */
import { QueryCommand, ScanCommand, type Select } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../contracts';
import { toPlainItem, type Item } from './attribute-values';
import { RequestObjectError } from './errors';
import {
  mergePlaceholders,
  optionalBoolean,
  optionalExpression,
  optionalInteger,
  optionalProjection,
  optionalString,
  readExpression,
  type Expression,
  type OperationContext,
  type RequestObject,
} from './request-object';

export interface ListingResult {
  readonly items: Record<string, unknown>[];
  readonly nextToken: string | null;
  readonly scannedCount: number;
}

const SELECT_VALUES = new Set(['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT']);

export async function query(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const keyCondition = readExpression(request.query, 'query');
  const filter = optionalExpression(request.filter, 'filter');
  const projection = optionalProjection(request.projection, 'projection');
  const index = optionalString(request.index, 'index');
  const scope = tokenScope('Query', context.tableName, index);
  const output = await context.client.send(
    new QueryCommand({
      TableName: context.tableName,
      IndexName: index,
      KeyConditionExpression: keyCondition.expression,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      Select: readSelect(request.select, projection),
      Limit: optionalInteger(request.limit, 'limit'),
      ScanIndexForward: optionalBoolean(request.scanIndexForward, 'scanIndexForward'),
      ConsistentRead: optionalBoolean(request.consistentRead, 'consistentRead'),
      ExclusiveStartKey: startKey(context, request.nextToken, scope),
      ...mergePlaceholders(keyCondition, filter, projection),
    }),
  );
  return { result: listingResult(context, output.Items, output.LastEvaluatedKey, output.ScannedCount, scope) };
}

export async function scan(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const filter = optionalExpression(request.filter, 'filter');
  const projection = optionalProjection(request.projection, 'projection');
  const index = optionalString(request.index, 'index');
  const scope = tokenScope('Scan', context.tableName, index);
  const output = await context.client.send(
    new ScanCommand({
      TableName: context.tableName,
      IndexName: index,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      Select: readSelect(request.select, projection),
      Limit: optionalInteger(request.limit, 'limit'),
      ConsistentRead: optionalBoolean(request.consistentRead, 'consistentRead'),
      Segment: optionalInteger(request.segment, 'segment'),
      TotalSegments: optionalInteger(request.totalSegments, 'totalSegments'),
      ExclusiveStartKey: startKey(context, request.nextToken, scope),
      ...mergePlaceholders(filter, projection),
    }),
  );
  return { result: listingResult(context, output.Items, output.LastEvaluatedKey, output.ScannedCount, scope) };
}

/** Tokens are bound to the kind of listing; AppSync binds them to the resolver, which implies the same. */
function tokenScope(operation: string, tableName: string, index: string | undefined): string {
  return `${operation}\u0000${tableName}\u0000${index ?? ''}`;
}

function startKey(context: OperationContext, nextToken: unknown, scope: string): Item | undefined {
  if (nextToken === undefined || nextToken === null) return undefined;
  return context.tokens.decode(nextToken as string, scope);
}

/** AppSync: SPECIFIC_ATTRIBUTES means "the projection's attributes", which DynamoDB expresses by leaving Select out. */
function readSelect(value: unknown, projection: Expression | undefined): Select | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !SELECT_VALUES.has(value)) {
    throw new RequestObjectError(
      `select must be one of ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, got ${JSON.stringify(value)}.`,
    );
  }
  if (value === 'SPECIFIC_ATTRIBUTES' && projection !== undefined) return undefined;
  return value as Select;
}

function listingResult(
  context: OperationContext,
  items: Item[] | undefined,
  lastEvaluatedKey: Item | undefined,
  scannedCount: number | undefined,
  scope: string,
): ListingResult {
  return {
    items: items === undefined ? [] : items.map(toPlainItem),
    nextToken: lastEvaluatedKey === undefined ? null : context.tokens.encode(lastEvaluatedKey, scope),
    scannedCount: scannedCount ?? 0,
  };
}
