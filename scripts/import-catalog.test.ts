/**
 * `npm run import:catalog` as a user runs it: the real script in its own process against DynamoDB Local,
 * real files on disk. Bad arguments and missing files get a message and the usage, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTestTable, type TestTable } from '../test/support/table';
import { writePosFile } from '../catalog/pos-sample';

let table: TestTable;
let dir: string;

beforeAll(async () => {
  table = await createTestTable('import-cli');
  dir = await mkdtemp(path.join(os.tmpdir(), 'farmacruz-import-cli-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[]): Promise<Run> {
  const port = new URL(table.endpoint).port;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import-catalog.ts', ...args], {
      env: { ...process.env, FARMACRUZ_DYNAMODB_PORT: port, FARMACRUZ_TABLE: table.tableName, FARMACRUZ_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const product = (sku: string, priceCents: number) => ({
  sku,
  name: `PARACETAMOL NIÑOS ${sku}`,
  activeIngredients: ['PARACETAMOL'],
  lab: 'PISA',
  presentation: 'GOTAS 15 ML',
  categoryName: 'ANALGÉSICOS',
  priceCents,
  currency: 'MXN',
  stock: 4,
  prescriptionRequired: false,
  active: true,
});

async function itemCount(): Promise<number> {
  const page = await table.documentClient.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }));
  return page.Count ?? 0;
}

describe('npm run import:catalog', () => {
  it('answers an unknown option with the usage, not a stack trace', async () => {
    const result = await run(['PRODUCTOS.DBF', '--dryrun']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--dryrun'/);
    expect(result.stderr).toMatch(/Usage: npm run import:catalog/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('answers a missing file plainly', async () => {
    const result = await run([path.join(dir, 'NO-EXISTE.DBF')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No such file: .*NO-EXISTE\.DBF/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('previews with --dry-run, then imports, then refuses a damaged file writing nothing', async () => {
    const file = path.join(dir, 'PRODUCTOS.DBF');
    await writeFile(file, writePosFile([product('CLI-1', 4500), product('CLI-2', 5000)]));

    const preview = await run([file, '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Dry run of .* nothing was written/);
    expect(preview.stdout).toMatch(/would be created 2/);
    expect(preview.stdout).toMatch(/new: record 1, CLAVE CLI-1: PARACETAMOL NIÑOS CLI-1/);
    expect(preview.stderr).toMatch(/100\.0% importing/);
    expect(await itemCount()).toBe(0);

    const imported = await run([file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/written: 2 products created, 0 updated/);
    const stored = await itemCount();
    expect(stored).toBeGreaterThan(0);

    await writeFile(file, writePosFile([product('CLI-1', 4900), product('CLI-3', 100)]));
    const changes = await run([file, '--dry-run']);
    expect(changes.stdout).toMatch(/changed: record 1, CLAVE CLI-1: priceCents 4500 → 4900/);
    expect(changes.stdout).toMatch(/not in file: 1 active products .*CLI-2/);

    const bytes = writePosFile([product('CLI-4', 4900), product('CLI-5', 100), product('CLI-6', 100)]);
    await writeFile(file, bytes.subarray(0, bytes.length - 40));
    const refused = await run([file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refused .*PRODUCTOS\.DBF: the \.DBF file is damaged/);
    expect(refused.stderr).toMatch(/Nothing was written\./);
    expect(await itemCount()).toBe(stored);
  }, 120_000);
});
