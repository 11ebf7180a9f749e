/** What the analytics job needs from a SQL engine: run one query over the lake table, get its rows. */
export interface QueryRunner {
  /** Which engine answers (for logs and reports). */
  readonly engine: 'athena' | 'duckdb';
  run(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
