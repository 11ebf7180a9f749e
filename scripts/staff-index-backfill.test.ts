/**
 * `npm run staff:backfill` against DynamoDB Local: products and orders of a table written before GSI3 get their
 * staff index keys (and are found through the index), a second run writes nothing, --force scans again, and a
 * table without GSI3 or a missing table gets a plain refusal. The entry point itself runs once as a process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productItem, type ProductInput } from '../model/product-items';
import { createTestTable, type TestTable } from '../test/support/table';
import { backfillStaffIndex, parseBackfillArgs, resolveBackfillTarget } from './staff-index-backfill';

const run = promisify(execFile);
let table: TestTable;
let outputsDir: string;

function oldProduct(id: string, name: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const input: ProductInput = {
    id, sku: `OLD-${id}`, name, activeIngredients: ['Paracetamol'], lab: 'Pisa', presentation: 'Caja', categoryName: 'Analgésicos',
    priceCents: 4550, currency: 'MXN', stock: 3, prescriptionRequired: false, active: id.endsWith('1'), createdAt: now, updatedAt: now,
  };
  const { GSI3PK: _pk, GSI3SK: _sk, staffText: _text, ...withoutIndex } = productItem(input) as unknown as Record<string, unknown>;
  return withoutIndex;
}

function oldOrder(id: string, email: string): Record<string, unknown> {
  const at = new Date().toISOString();
  return { PK: `ORDER#${id}`, SK: 'ORDER', type: 'Order', id, customerEmail: email, createdAt: at, status: 'PENDING', ownerSub: 'sub-1' };
}

async function seedOldItems(items: Record<string, unknown>[]): Promise<void> {
  await table.documentClient.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items.map((Item) => ({ PutRequest: { Item } })) } }));
}

beforeAll(async () => {
  table = await createTestTable('backfill');
  outputsDir = mkdtempSync(path.join(tmpdir(), 'backfill-'));
});

afterAll(() => {
  rmSync(outputsDir, { recursive: true, force: true });
});

describe('npm run staff:backfill', { timeout: 120_000 }, () => {
  it('gives older products and orders their GSI3 keys, once; --force scans again', async () => {
    await seedOldItems([oldProduct('P1', 'Paracetamol antiguo'), oldProduct('P2', 'Jarabe antiguo (inactivo)'), oldOrder('O1', 'Ana@Ejemplo.mx')]);
    const target = await resolveBackfillTarget(parseBackfillArgs(['--table', table.tableName, '--endpoint', table.endpoint]));
    expect(target).toEqual({ tableName: table.tableName, region: 'us-east-1', endpoint: table.endpoint, local: true });

    const first = await backfillStaffIndex({ target, force: false });
    expect(first).toMatchObject({ state: 'indexed', products: 2, orders: 1 });
    const staffProducts = await table.documentClient.send(
      new QueryCommand({ TableName: table.tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk', ExpressionAttributeValues: { ':pk': 'STAFFPRODUCTS' } }),
    );
    expect(staffProducts.Items?.map((item) => item.id).sort()).toEqual(['P1', 'P2']);
    const order = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'ORDER#O1', SK: 'ORDER' } }));
    expect(order.Item?.GSI3PK).toBe('CUSTOMER#ana@ejemplo.mx');

    expect(await backfillStaffIndex({ target, force: false })).toMatchObject({ state: 'current', products: 0, orders: 0 });
    await seedOldItems([oldProduct('P3', 'Producto restaurado de un respaldo')]);
    expect(await backfillStaffIndex({ target, force: true })).toMatchObject({ state: 'indexed', products: 1, orders: 0 });
  });

  it('reads the table and region from the deploy outputs', async () => {
    const file = path.join(outputsDir, 'cdk-outputs.json');
    writeFileSync(file, JSON.stringify({ FarmaCruzEmailsReplica: { BucketName: 'x' }, FarmaCruz: { TableName: 'FarmaCruz-Table-ABC', Region: 'us-east-2', GraphqlUrl: 'https://x' } }));
    expect(await resolveBackfillTarget(parseBackfillArgs(['--outputs', file]))).toEqual({ tableName: 'FarmaCruz-Table-ABC', region: 'us-east-2', local: false });
  });

  it('refuses a table without GSI3 (deploy first) and a missing table, plainly', async () => {
    const name = `${table.tableName}-nogsi3`;
    await table.client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }, { AttributeName: 'SK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
      }),
    );
    const local = { region: 'us-east-1', endpoint: table.endpoint, local: true };
    await expect(backfillStaffIndex({ target: { tableName: name, ...local }, force: false })).rejects.toThrow(/has no GSI3 yet: deploy the stack first/);
    await expect(backfillStaffIndex({ target: { tableName: 'no-such-table', ...local }, force: false })).rejects.toThrow(/Table no-such-table does not exist at/);
  });

  it('runs as the npm script entry point', async () => {
    await seedOldItems([oldProduct('P4', 'Otro producto antiguo')]);
    const { stdout } = await run('npx', ['tsx', 'scripts/backfill-staff-index.ts', '--table', table.tableName, '--endpoint', table.endpoint, '--force'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      timeout: 90_000,
    });
    expect(stdout).toContain(`Staff index (GSI3) backfill of table ${table.tableName}`);
    expect(stdout).toMatch(/Done: 1 products and 0 orders got their GSI3 keys\./);
  });
});
