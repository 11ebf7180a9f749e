/**
 * The `@aws-appsync/utils/dynamodb` built-in module: helpers that build the DynamoDB request objects a
 * DynamoDB data source performs (`{ operation: 'GetItem', key, ... }`), with keys and items converted by
 * `util.dynamodb.toMapValues` and filters/conditions/key conditions rendered by `util.transform`.
 *
 * Where AppSync documents only the request shape and not the exact expression text (projections, update
 * expressions), the text here is a valid DynamoDB expression with readable placeholders (`#price`,
 * `:price`); resolver code only passes these objects on, it does not read them.
 *
 * Update operations: a plain value SETs the attribute, a nested plain object updates its fields one by
 * one, `add`/`replace` SET the whole value, `remove` REMOVEs, `increment`/`decrement` ADD (so a missing
 * counter starts at 0), `append`/`prepend` use list_append (a missing list counts as empty), and
 * `updateListItem` SETs one list element.
 *
 * Runs inside the sandbox realm.
 */
import { type AttributeValue, toDynamoDB, toMapValues } from './util-dynamodb';
import { type DynamoDBExpression, filterExpression } from './transform';

type Plain = Record<string, unknown>;

function isMap(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly<T extends Plain>(object: T): T {
  const out: Plain = {};
  for (const key of Object.keys(object)) if (object[key] !== undefined && object[key] !== null) out[key] = object[key];
  return out as T;
}

function keyOf(key: unknown): Record<string, AttributeValue> {
  const converted = toMapValues(key);
  if (converted === null) throw new TypeError('A DynamoDB key must be an object of attribute values, e.g. { id: "1" }');
  return converted;
}

function itemOf(item: unknown): Record<string, AttributeValue> {
  const converted = toMapValues(item);
  if (converted === null) throw new TypeError('A DynamoDB item must be an object of attribute values');
  return converted;
}

function expressionOf(filter: unknown, what: string): DynamoDBExpression | undefined {
  if (filter === undefined || filter === null) return undefined;
  const expression = filterExpression(filter);
  if (expression === null) throw new TypeError(`The ${what} object cannot be turned into a DynamoDB expression: ${JSON.stringify(filter)}`);
  return expression;
}

/** Hands out `#name` / `:name` placeholders, readable where the name allows it and unique. */
class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameOf = new Map<string, string>();

  name(attribute: string): string {
    const known = this.nameOf.get(attribute);
    if (known) return known;
    const base = /^[A-Za-z0-9_]+$/.test(attribute) ? attribute : `n${this.nameOf.size}`;
    let placeholder = `#${base}`;
    for (let i = 1; Object.hasOwn(this.names, placeholder); i += 1) placeholder = `#${base}_${i}`;
    this.nameOf.set(attribute, placeholder);
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(hint: string, value: AttributeValue): string {
    const base = hint.replace(/[^A-Za-z0-9_]/g, '_') || 'v';
    let placeholder = `:${base}`;
    for (let i = 1; Object.hasOwn(this.values, placeholder); i += 1) placeholder = `:${base}_${i}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}

/** `['id', 'nested.list[1]']` → `#id, #nested.#list[1]`. */
function projectionOf(projection: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (!Array.isArray(projection) || projection.length === 0) return undefined;
  const placeholders = new Placeholders();
  const paths = projection.map((path) =>
    String(path)
      .split('.')
      .map((segment) => {
        const m = /^(.*?)((?:\[\d+\])*)$/.exec(segment) as RegExpExecArray;
        return placeholders.name(m[1] as string) + m[2];
      })
      .join('.'),
  );
  return { expression: paths.join(', '), expressionNames: placeholders.names };
}

// ----------------------------------------------------------------------------------------- operations

const OPERATION_TYPES = ['add', 'remove', 'replace', 'increment', 'decrement', 'append', 'prepend', 'updateListItem'];

type Operation = { readonly _type: string } & Plain;

function isOperation(value: unknown): value is Operation {
  return isMap(value) && typeof value._type === 'string' && OPERATION_TYPES.indexOf(value._type) >= 0;
}

export const operations = {
  add: (payload: unknown) => ({ _type: 'add', value: payload }),
  remove: () => ({ _type: 'remove' }),
  replace: (payload: unknown) => ({ _type: 'replace', value: payload }),
  increment: (by?: number) => ({ _type: 'increment', by: by ?? 1 }),
  decrement: (by?: number) => ({ _type: 'decrement', by: by ?? 1 }),
  append: (payload: unknown[]) => ({ _type: 'append', items: payload }),
  prepend: (payload: unknown[]) => ({ _type: 'prepend', items: payload }),
  updateListItem: (payload: unknown, index: number) => ({ _type: 'updateListItem', value: payload, index }),
};

interface UpdateActions {
  readonly set: string[];
  readonly add: string[];
  readonly remove: string[];
}

function valueOf(value: unknown): AttributeValue {
  return toDynamoDB(value) ?? { NULL: null };
}

function collectUpdates(update: Plain, pathPrefix: string, hintPrefix: string, p: Placeholders, actions: UpdateActions): void {
  for (const attribute of Object.keys(update)) {
    const change = update[attribute];
    if (change === undefined) continue;
    const path = `${pathPrefix}${p.name(attribute)}`;
    const hint = `${hintPrefix}${attribute}`;
    if (isOperation(change)) {
      switch (change._type) {
        case 'add':
        case 'replace':
          actions.set.push(`${path} = ${p.value(hint, valueOf(change.value))}`);
          break;
        case 'remove':
          actions.remove.push(path);
          break;
        case 'increment':
        case 'decrement': {
          const by = Number(change.by ?? 1);
          actions.add.push(`${path} ${p.value(hint, { N: change._type === 'increment' ? by : -by })}`);
          break;
        }
        case 'append':
        case 'prepend': {
          const items = p.value(hint, valueOf(change.items ?? []));
          const existing = `if_not_exists(${path}, ${p.value(`${hint}_empty`, { L: [] })})`;
          actions.set.push(`${path} = list_append(${change._type === 'append' ? `${existing}, ${items}` : `${items}, ${existing}`})`);
          break;
        }
        case 'updateListItem':
          actions.set.push(`${path}[${Number(change.index)}] = ${p.value(`${hint}_${Number(change.index)}`, valueOf(change.value))}`);
          break;
      }
    } else if (Array.isArray(change) && change.length > 0 && change.every((item) => isOperation(item) && item._type === 'updateListItem')) {
      for (const item of change as Operation[]) {
        actions.set.push(`${path}[${Number(item.index)}] = ${p.value(`${hint}_${Number(item.index)}`, valueOf(item.value))}`);
      }
    } else if (isMap(change)) {
      collectUpdates(change, `${path}.`, `${hint}_`, p, actions);
    } else {
      actions.set.push(`${path} = ${p.value(hint, valueOf(change))}`);
    }
  }
}

function updateExpressionOf(update: unknown): DynamoDBExpression {
  if (!isMap(update)) throw new TypeError('update must be an object describing the changes, e.g. { stock: operations.decrement(1) }');
  const p = new Placeholders();
  const actions: UpdateActions = { set: [], add: [], remove: [] };
  collectUpdates(update, '', '', p, actions);
  const clauses: string[] = [];
  if (actions.set.length > 0) clauses.push(`SET ${actions.set.join(', ')}`);
  if (actions.add.length > 0) clauses.push(`ADD ${actions.add.join(', ')}`);
  if (actions.remove.length > 0) clauses.push(`REMOVE ${actions.remove.join(', ')}`);
  if (clauses.length === 0) throw new TypeError('update must change at least one attribute');
  return { expression: clauses.join(' '), expressionNames: p.names, expressionValues: p.values };
}

// -------------------------------------------------------------------------------------------- helpers

interface WriteOptions {
  readonly condition?: unknown;
  readonly customPartitionKey?: string;
  readonly populateIndexFields?: boolean;
  readonly _version?: number;
}

interface WriteExtras {
  readonly condition?: DynamoDBExpression;
  readonly customPartitionKey?: string;
  readonly populateIndexFields?: boolean;
  readonly _version?: number;
}

function writeExtras(payload: WriteOptions): WriteExtras {
  return definedOnly({
    condition: expressionOf(payload.condition, 'condition'),
    customPartitionKey: payload.customPartitionKey,
    populateIndexFields: payload.populateIndexFields,
    _version: payload._version,
  });
}

export function get(payload: { key: unknown; consistentRead?: boolean; projection?: unknown }) {
  return definedOnly({
    operation: 'GetItem',
    key: keyOf(payload.key),
    consistentRead: payload.consistentRead,
    projection: projectionOf(payload.projection),
  });
}

export function put(payload: { key: unknown; item: unknown } & WriteOptions) {
  return { operation: 'PutItem', key: keyOf(payload.key), attributeValues: itemOf(payload.item ?? {}), ...writeExtras(payload) };
}

export function remove(payload: { key: unknown } & WriteOptions) {
  return { operation: 'DeleteItem', key: keyOf(payload.key), ...writeExtras(payload) };
}

export function update(payload: { key: unknown; update: unknown } & WriteOptions) {
  return { operation: 'UpdateItem', key: keyOf(payload.key), update: updateExpressionOf(payload.update), ...writeExtras(payload) };
}

interface ReadOptions {
  readonly index?: string | null;
  readonly limit?: number | null;
  readonly filter?: unknown;
  readonly nextToken?: string | null;
  readonly consistentRead?: boolean | null;
  readonly projection?: unknown;
  readonly select?: string;
  readonly scanIndexForward?: boolean | null;
}

export function query(payload: { query: unknown } & ReadOptions) {
  const keyCondition = expressionOf(payload.query, 'query');
  if (!keyCondition || keyCondition.expression === '') throw new TypeError('query needs a key condition, e.g. { query: { id: { eq: ctx.args.id } } }');
  return definedOnly({
    operation: 'Query',
    query: keyCondition,
    index: payload.index,
    nextToken: payload.nextToken,
    limit: payload.limit,
    scanIndexForward: payload.scanIndexForward,
    consistentRead: payload.consistentRead,
    select: payload.select,
    filter: expressionOf(payload.filter, 'filter'),
    projection: projectionOf(payload.projection),
  });
}

export function scan(payload: ReadOptions & { totalSegments?: number; segment?: number }) {
  return definedOnly({
    operation: 'Scan',
    index: payload.index,
    limit: payload.limit,
    consistentRead: payload.consistentRead,
    nextToken: payload.nextToken,
    totalSegments: payload.totalSegments,
    segment: payload.segment,
    select: payload.select,
    filter: expressionOf(payload.filter, 'filter'),
    projection: projectionOf(payload.projection),
  });
}

export function sync(payload: {
  basePartitionKey?: string;
  deltaIndexName?: string;
  limit?: number | null;
  nextToken?: string | null;
  lastSync?: number;
  filter?: unknown;
}) {
  return definedOnly({
    operation: 'Sync',
    basePartitionKey: payload.basePartitionKey,
    deltaIndexName: payload.deltaIndexName,
    limit: payload.limit,
    nextToken: payload.nextToken,
    lastSync: payload.lastSync,
    filter: expressionOf(payload.filter, 'filter'),
  });
}

function tablesOf(payload: { tables?: unknown }): Plain {
  if (!isMap(payload.tables)) throw new TypeError('tables must map each table name to its entries');
  return payload.tables;
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be a list`);
  return value;
}

export function batchGet(payload: { tables: unknown }) {
  const tables: Plain = {};
  const source = tablesOf(payload);
  for (const table of Object.keys(source)) {
    const entry = source[table];
    if (!isMap(entry)) throw new TypeError(`tables.${table} must be { keys, consistentRead?, projection? }`);
    tables[table] = definedOnly({
      keys: listOf(entry.keys, `tables.${table}.keys`).map(keyOf),
      consistentRead: entry.consistentRead,
      projection: projectionOf(entry.projection),
    });
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(payload: { tables: unknown }) {
  const tables: Plain = {};
  const source = tablesOf(payload);
  for (const table of Object.keys(source)) tables[table] = listOf(source[table], `tables.${table}`).map(itemOf);
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(payload: { tables: unknown }) {
  const tables: Plain = {};
  const source = tablesOf(payload);
  for (const table of Object.keys(source)) tables[table] = listOf(source[table], `tables.${table}`).map(keyOf);
  return { operation: 'BatchDeleteItem', tables };
}

export function transactGet(payload: { items: unknown }) {
  return {
    operation: 'TransactGetItems',
    transactItems: listOf(payload.items, 'items').map((item) => {
      if (!isMap(item)) throw new TypeError('each transactGet item must be { table, key, projection? }');
      return definedOnly({ table: String(item.table), key: keyOf(item.key), projection: projectionOf(item.projection) });
    }),
  };
}

export function transactWrite(payload: { items: unknown }) {
  return {
    operation: 'TransactWriteItems',
    transactItems: listOf(payload.items, 'items').map((item) => {
      if (!isMap(item)) throw new TypeError('each transactWrite item must hold putItem, updateItem, deleteItem or conditionCheck');
      const { putItem, updateItem, deleteItem, conditionCheck } = item;
      if (isMap(putItem)) {
        return definedOnly({
          table: String(putItem.table),
          operation: 'PutItem',
          key: keyOf(putItem.key),
          attributeValues: itemOf(putItem.item ?? {}),
          condition: expressionOf(putItem.condition, 'condition'),
        });
      }
      if (isMap(updateItem)) {
        return definedOnly({
          table: String(updateItem.table),
          operation: 'UpdateItem',
          key: keyOf(updateItem.key),
          update: updateExpressionOf(updateItem.update),
          condition: expressionOf(updateItem.condition, 'condition'),
        });
      }
      if (isMap(deleteItem)) {
        return definedOnly({
          table: String(deleteItem.table),
          operation: 'DeleteItem',
          key: keyOf(deleteItem.key),
          condition: expressionOf(deleteItem.condition, 'condition'),
        });
      }
      if (isMap(conditionCheck)) {
        return definedOnly({
          table: String(conditionCheck.table),
          operation: 'ConditionCheck',
          key: keyOf(conditionCheck.key),
          condition: expressionOf(conditionCheck.condition, 'condition'),
        });
      }
      throw new TypeError('each transactWrite item must hold putItem, updateItem, deleteItem or conditionCheck');
    }),
  };
}

// The module's own set helpers. Unlike util.dynamodb.toNumberSet, the module documents its number set with
// string members (`toNumberSet([1, 2, 3])` → `{ NS: ["1", "2", "3"] }`).
export const toStringSet = (list: string[]) => ({ SS: listOf(list, 'toStringSet input').map(String) });
export const toNumberSet = (numbers: number[]) => ({ NS: listOf(numbers, 'toNumberSet input').map((n) => String(n)) });
export const toBinarySet = (values: string[]) => ({ BS: listOf(values, 'toBinarySet input').map(String) });

/** Everything `import * as ddb from '@aws-appsync/utils/dynamodb'` sees. */
export function createDynamoDBModule() {
  return {
    get,
    put,
    remove,
    update,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    operations,
    toStringSet,
    toNumberSet,
    toBinarySet,
  };
}
