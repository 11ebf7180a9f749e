/**
 * DuckDB over the local lake folder (`.data/lake/` locally, a temporary folder in tests): the engine of
 * the analytics job on `npm start`, of `npm run lake:query` and of the tests. An in-memory database with
 * the view `order_events` over the gzip JSON-lines files; the files are read on every query, so new lake
 * objects count without a restart.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckDbLakeViewSql } from './lake-table';
import type { QueryRunner } from './query-runner';

function hasLakeObjects(lakeDir: string): boolean {
  const orders = path.join(lakeDir, 'orders');
  if (!existsSync(orders)) return false;
  return readdirSync(orders, { withFileTypes: true }).some(
    (entry) => entry.isDirectory() && entry.name.startsWith('dt=') && readdirSync(path.join(orders, entry.name)).some((f) => f.endsWith('.gz')),
  );
}

export interface DuckDbRunnerOptions {
  readonly lakeDir: string;
  /** DuckDB's memory_limit, e.g. '1GB' (DuckDB spills to disk beyond it). */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

export async function createDuckDbRunner(options: DuckDbRunnerOptions): Promise<QueryRunner> {
  const instance = await DuckDBInstance.create(':memory:', {
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection: DuckDBConnection = await instance.connect();
  let viewHasFiles: boolean | undefined;
  const ensureView = async () => {
    // read_json fails on a glob matching nothing: until the lake has objects the view is an empty table.
    const hasFiles = hasLakeObjects(options.lakeDir);
    if (hasFiles === viewHasFiles) return;
    await connection.run(duckDbLakeViewSql(hasFiles ? options.lakeDir : null));
    viewHasFiles = hasFiles;
  };
  return {
    engine: 'duckdb',
    async run(sql) {
      await ensureView();
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
