import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../test/support/table';
import * as ddb from './dynamodb-module';

describe('get, put, remove', () => {
  it('get converts the key and keeps the read options', () => {
    expect(ddb.get({ key: { id: 'id' } })).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
    expect(ddb.get({ key: { PK: 'P#1', SK: 'P' }, consistentRead: true, projection: ['id', 'name', 'nested.object[1]'] })).toEqual({
      operation: 'GetItem',
      key: { PK: { S: 'P#1' }, SK: { S: 'P' } },
      consistentRead: true,
      projection: {
        expression: '#id, #name, #nested.#object[1]',
        expressionNames: { '#id': 'id', '#name': 'name', '#nested': 'nested', '#object': 'object' },
      },
    });
  });

  it('put converts key and item, and renders the condition like util.transform', () => {
    expect(ddb.put({ key: { id: '1' }, item: { title: 'New Task', done: false, priority: 2 }, condition: { id: { attributeExists: false } } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: '1' } },
      attributeValues: { title: { S: 'New Task' }, done: { BOOL: false }, priority: { N: 2 } },
      condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' }, expressionValues: {} },
    });
  });

  it('remove converts the key and the condition', () => {
    expect(ddb.remove({ key: { id: '1' }, condition: { owner: { eq: 'u1' } } })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: '1' } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'u1' } } },
    });
  });

  it('refuses a condition util.transform cannot read', () => {
    expect(() => ddb.remove({ key: { id: '1' }, condition: { owner: 'u1' } })).toThrow(/condition/);
  });
});

describe('update', () => {
  it('turns plain values into SET, operations into ADD / REMOVE / list_append', () => {
    const request = ddb.update({
      key: { id: 1 },
      update: {
        name: 'Paracetamol',
        stock: ddb.operations.decrement(2),
        views: ddb.operations.increment(),
        discontinued: ddb.operations.remove(),
        tags: ddb.operations.append(['otc']),
        history: ddb.operations.prepend(['created']),
      },
    });
    expect(request.operation).toBe('UpdateItem');
    expect(request.key).toEqual({ id: { N: 1 } });
    expect(request.update).toEqual({
      expression:
        'SET #name = :name, #tags = list_append(if_not_exists(#tags, :tags_empty), :tags), #history = list_append(:history, if_not_exists(#history, :history_empty)) ' +
        'ADD #stock :stock, #views :views REMOVE #discontinued',
      expressionNames: { '#name': 'name', '#stock': 'stock', '#views': 'views', '#discontinued': 'discontinued', '#tags': 'tags', '#history': 'history' },
      expressionValues: {
        ':name': { S: 'Paracetamol' },
        ':stock': { N: -2 },
        ':views': { N: 1 },
        ':tags': { L: [{ S: 'otc' }] },
        ':tags_empty': { L: [] },
        ':history': { L: [{ S: 'created' }] },
        ':history_empty': { L: [] },
      },
    });
  });

  it('updates the fields of a nested object one by one, but replaces it whole with replace or add', () => {
    expect(ddb.update({ key: { id: 1 }, update: { address: { city: 'Lima' } } }).update.expression).toBe('SET #address.#city = :address_city');
    expect(ddb.update({ key: { id: 1 }, update: { address: ddb.operations.replace({ city: 'Lima' }) } }).update).toEqual({
      expression: 'SET #address = :address',
      expressionNames: { '#address': 'address' },
      expressionValues: { ':address': { M: { city: { S: 'Lima' } } } },
    });
  });

  it('sets single list elements with updateListItem', () => {
    const request = ddb.update({ key: { id: 1 }, update: { friendsIds: [ddb.operations.updateListItem('102', 1), ddb.operations.updateListItem('112', 2)] } });
    expect(request.update.expression).toBe('SET #friendsIds[1] = :friendsIds_1, #friendsIds[2] = :friendsIds_2');
  });

  it('gives attribute names that are not plain words their own placeholders', () => {
    const request = ddb.update({ key: { id: 1 }, update: { 'unit-price': 100 } });
    expect(request.update.expressionNames).toEqual({ '#n0': 'unit-price' });
    expect(request.update.expression).toBe('SET #n0 = :unit_price');
  });

  it('carries the condition separately', () => {
    expect(ddb.update({ key: { id: 1 }, update: { name: 'x' }, condition: { version: { eq: 3 } } }).condition).toEqual({
      expression: '(#version = :version_eq)',
      expressionNames: { '#version': 'version' },
      expressionValues: { ':version_eq': { N: 3 } },
    });
  });
});

describe('query, scan, sync', () => {
  it('query renders the key condition and filter, and keeps the paging options', () => {
    expect(
      ddb.query({ query: { PK: { eq: 'CATEGORY#analgesicos' } }, index: 'GSI1', limit: 20, nextToken: 'abc', scanIndexForward: false, filter: { active: { eq: true } } }),
    ).toEqual({
      operation: 'Query',
      query: { expression: '(#PK = :PK_eq)', expressionNames: { '#PK': 'PK' }, expressionValues: { ':PK_eq': { S: 'CATEGORY#analgesicos' } } },
      index: 'GSI1',
      nextToken: 'abc',
      limit: 20,
      scanIndexForward: false,
      filter: { expression: '(#active = :active_eq)', expressionNames: { '#active': 'active' }, expressionValues: { ':active_eq': { BOOL: true } } },
    });
  });

  it('query needs a key condition', () => {
    expect(() => ddb.query({ query: {} })).toThrow(/key condition/);
  });

  it('scan and sync keep their options', () => {
    expect(ddb.scan({ limit: 10, nextToken: 'n', totalSegments: 4, segment: 1 })).toEqual({ operation: 'Scan', limit: 10, nextToken: 'n', totalSegments: 4, segment: 1 });
    expect(ddb.sync({ limit: 10, lastSync: 1700000000000 })).toEqual({ operation: 'Sync', limit: 10, lastSync: 1700000000000 });
  });
});

describe('batch and transaction helpers', () => {
  it('batchGet, batchPut, batchDelete convert keys and items per table', () => {
    expect(ddb.batchGet({ tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id'] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: { post: { keys: [{ id: { S: '1' } }, { id: { S: '2' } }], consistentRead: false, projection: { expression: '#id', expressionNames: { '#id': 'id' } } } },
    });
    expect(ddb.batchPut({ tables: { post: [{ id: 'one', value: 'x' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: { post: [{ id: { S: 'one' }, value: { S: 'x' } }] },
    });
    expect(ddb.batchDelete({ tables: { post: [{ id: 'one' }] } })).toEqual({ operation: 'BatchDeleteItem', tables: { post: [{ id: { S: 'one' } }] } });
  });

  it('transactGet lists table and key per item', () => {
    expect(ddb.transactGet({ items: [{ table: 'post', key: { id: '1' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'post', key: { id: { S: '1' } } }],
    });
  });

  it('transactWrite turns each item into its operation', () => {
    const request = ddb.transactWrite({
      items: [
        { putItem: { table: 't', key: { id: '1' }, item: { n: 1 }, condition: { id: { attributeExists: false } } } },
        { updateItem: { table: 't', key: { id: '2' }, update: { stock: ddb.operations.decrement(1) }, condition: { stock: { ge: 1 } } } },
        { deleteItem: { table: 't', key: { id: '3' } } },
        { conditionCheck: { table: 't', key: { id: '4' }, condition: { status: { eq: 'OPEN' } } } },
      ],
    });
    expect(request.transactItems.map((item) => item.operation)).toEqual(['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheck']);
    expect(request.transactItems[0]).toMatchObject({ table: 't', key: { id: { S: '1' } }, attributeValues: { n: { N: 1 } } });
    expect(request.transactItems[1]).toMatchObject({ update: { expression: 'ADD #stock :stock' }, condition: { expression: '(#stock >= :stock_ge)' } });
  });

  it('the module set helpers, as documented (number set members as strings)', () => {
    expect(ddb.toStringSet(['a', 'b'])).toEqual({ SS: ['a', 'b'] });
    expect(ddb.toNumberSet([1, 2, 3])).toEqual({ NS: ['1', '2', '3'] });
    expect(ddb.toBinarySet(['SGVsbG8='])).toEqual({ BS: ['SGVsbG8='] });
  });
});

// The expressions the module writes must be ones DynamoDB accepts and that do what the update says.
describe('the expressions against DynamoDB Local', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('ddb-module');
  });

  /** Request-object attribute values (numbers as numbers) to the wire format (numbers as strings). */
  function wire(value: unknown): AttributeValue {
    const v = value as Record<string, unknown>;
    if ('N' in v) return { N: String(v.N) };
    if ('L' in v) return { L: (v.L as unknown[]).map(wire) };
    if ('M' in v) return { M: wireMap(v.M as Record<string, unknown>) };
    return v as unknown as AttributeValue;
  }
  const wireMap = (map: Record<string, unknown>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, wire(v)]));

  it('an update with every operation and a condition is applied as described', async () => {
    const key = { PK: 'PRODUCT#1', SK: 'PRODUCT' };
    await table.client.send(
      new PutItemCommand({ TableName: table.tableName, Item: wireMap(ddb.put({ key, item: { ...key, stock: 5, tags: ['rx'], address: { city: 'Cusco' }, old: 1 } }).attributeValues) }),
    );
    const request = ddb.update({
      key,
      update: { stock: ddb.operations.decrement(2), tags: ddb.operations.append(['otc']), address: { city: 'Lima' }, old: ddb.operations.remove(), views: ddb.operations.increment() },
      condition: { stock: { ge: 2 } },
    });
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: wireMap(request.key),
        UpdateExpression: request.update.expression,
        ConditionExpression: request.condition!.expression,
        ExpressionAttributeNames: { ...request.update.expressionNames, ...request.condition!.expressionNames },
        ExpressionAttributeValues: wireMap({ ...request.update.expressionValues, ...request.condition!.expressionValues }),
      }),
    );
    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: wireMap(request.key) }));
    expect(Item).toEqual({
      PK: { S: 'PRODUCT#1' },
      SK: { S: 'PRODUCT' },
      stock: { N: '3' },
      views: { N: '1' },
      tags: { L: [{ S: 'rx' }, { S: 'otc' }] },
      address: { M: { city: { S: 'Lima' } } },
    });
  });

  it('a query with a begins_with key condition and a filter finds the matching items', async () => {
    for (const [sk, active] of [['ORDER#1', true], ['ORDER#2', false], ['PROFILE', true]] as const) {
      await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: wireMap(ddb.put({ key: { PK: 'USER#u1', SK: sk }, item: { PK: 'USER#u1', SK: sk, active } }).attributeValues) }));
    }
    const request = ddb.query({ query: { PK: { eq: 'USER#u1' }, SK: { beginsWith: 'ORDER#' } }, filter: { active: { eq: true } } });
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: request.query.expression,
        FilterExpression: request.filter!.expression,
        ExpressionAttributeNames: { ...request.query.expressionNames, ...request.filter!.expressionNames },
        ExpressionAttributeValues: wireMap({ ...request.query.expressionValues, ...request.filter!.expressionValues }),
      }),
    );
    expect(Items?.map((item) => item.SK?.S)).toEqual(['ORDER#1']);
  });
});
