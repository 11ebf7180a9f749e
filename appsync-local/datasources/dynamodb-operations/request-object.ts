/**
 * Reading the request object an APPSYNC_JS request handler returned: each field checked the way AppSync
 * checks it (required or not, which type), typed values converted for the SDK, and the expression parts
 * (`query`, `filter`, `condition`, `update`, `projection`) turned into DynamoDB's expression parameters.
 * Anything malformed raises RequestObjectError, which reaches the response handler as a `MappingTemplate` error.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, toSdkMap, type Item } from './attribute-values';
import { RequestObjectError } from './errors';
import type { NextTokenCodec } from './next-token';

/** What every operation needs: the SDK client, the table the data source is bound to, the token codec. */
export interface OperationContext {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly tokens: NextTokenCodec;
}

export type RequestObject = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new RequestObjectError(`Expected ${path} to be an object, got ${describe(value)}.`);
  return value;
}

export function requireList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestObjectError(`Expected ${path} to be a list, got ${describe(value)}.`);
  return value;
}

export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new RequestObjectError(`Expected ${path} to be a non-empty string, got ${describe(value)}.`);
  }
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, path);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new RequestObjectError(`Expected ${path} to be a boolean, got ${describe(value)}.`);
  return value;
}

export function optionalInteger(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RequestObjectError(`Expected ${path} to be an integer, got ${describe(value)}.`);
  }
  return value;
}

export function requireKey(value: unknown, path: string): Item {
  if (value === undefined || value === null) throw new RequestObjectError(`Value for field '${path}' not found.`);
  return toSdkMap(value, path);
}

/** An expression with its placeholders: `query`, `filter`, `update`, `condition`, `projection`. */
export interface Expression {
  readonly expression: string;
  readonly names: Record<string, string> | undefined;
  readonly values: Item | undefined;
}

export function readExpression(value: unknown, path: string): Expression {
  const section = requireRecord(value, path);
  return {
    expression: requireString(section.expression, `${path}.expression`),
    names: readNames(section.expressionNames, `${path}.expressionNames`),
    values:
      section.expressionValues === undefined || section.expressionValues === null
        ? undefined
        : toSdkMap(section.expressionValues, `${path}.expressionValues`),
  };
}

export function optionalExpression(value: unknown, path: string): Expression | undefined {
  return value === undefined || value === null ? undefined : readExpression(value, path);
}

function readNames(value: unknown, path: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const names = requireRecord(value, path);
  for (const placeholder in names) requireString(names[placeholder], `${path}.${placeholder}`);
  return names as Record<string, string>;
}

/** The `condition` of PutItem/UpdateItem/DeleteItem, with AppSync's condition-failure settings. */
export interface Condition extends Expression {
  readonly equalsIgnore: readonly string[];
  /** Read the current item strongly consistently after a failure (AppSync's default: true). */
  readonly consistentRead: boolean;
}

export function optionalCondition(value: unknown, path: string): Condition | undefined {
  if (value === undefined || value === null) return undefined;
  const expression = readExpression(value, path);
  const section = value as Record<string, unknown>;
  const equalsIgnore =
    section.equalsIgnore === undefined || section.equalsIgnore === null
      ? []
      : requireList(section.equalsIgnore, `${path}.equalsIgnore`).map((name, i) =>
          requireString(name, `${path}.equalsIgnore[${i}]`),
        );
  const handler = section.conditionalCheckFailedHandler;
  if (handler !== undefined && handler !== null) {
    const strategy = requireRecord(handler, `${path}.conditionalCheckFailedHandler`).strategy;
    if (strategy === 'Custom') {
      throw new RequestObjectError(
        'conditionalCheckFailedHandler strategy "Custom" invokes a Lambda function from inside AppSync; the local ' +
          'runtime does not support it. Use the default "Reject" strategy and handle ctx.error in the response handler.',
        'UnsupportedOperation',
      );
    }
    if (strategy !== 'Reject') {
      throw new RequestObjectError(`${path}.conditionalCheckFailedHandler.strategy must be "Reject" or "Custom".`);
    }
  }
  return {
    ...expression,
    equalsIgnore,
    consistentRead: optionalBoolean(section.consistentRead, `${path}.consistentRead`) ?? true,
  };
}

export function optionalProjection(value: unknown, path: string): Expression | undefined {
  if (value === undefined || value === null) return undefined;
  const section = requireRecord(value, path);
  return {
    expression: requireString(section.expression, `${path}.expression`),
    names: readNames(section.expressionNames, `${path}.expressionNames`),
    values: undefined,
  };
}

/** ExpressionAttributeNames / ExpressionAttributeValues for several expressions; left out when empty. */
export function mergePlaceholders(...expressions: ReadonlyArray<Expression | undefined>): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  const names = combine(expressions.map((expression) => expression?.names));
  const values = combine(expressions.map((expression) => expression?.values));
  return {
    ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
    ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
  };
}

/** One map from several (the same object when only one is given, so the common case copies nothing). */
function combine<T>(maps: ReadonlyArray<Record<string, T> | undefined>): Record<string, T> | undefined {
  const present = maps.filter((map): map is Record<string, T> => map !== undefined && Object.keys(map).length > 0);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return Object.assign({}, ...present) as Record<string, T>;
}
