/**
 * Athena over the Glue table of the lake: the engine of the analytics Lambda in AWS. Each query runs in
 * the analytics workgroup (its result bucket, result expiry and per-query scan limit are set there, not
 * here), is polled until it ends, and its rows are read page by page. Athena returns every value as text;
 * analytics/metric-queries.ts types them.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { QueryRunner } from './query-runner';

export interface AthenaRunnerOptions {
  readonly client: AthenaClient;
  readonly workGroup: string;
  readonly database: string;
  /** Give up on a query after this long (the Lambda's own timeout is the hard stop). */
  readonly queryTimeoutMs: number;
  readonly pollIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAthenaRunner(options: AthenaRunnerOptions): QueryRunner {
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  const pollMs = options.pollIntervalMs ?? 1000;
  return {
    engine: 'athena',
    async run(sql) {
      const started = await options.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: options.workGroup,
          QueryExecutionContext: { Database: options.database },
        }),
      );
      const id = started.QueryExecutionId;
      if (!id) throw new Error('Athena returned no query execution id');
      const deadline = now() + options.queryTimeoutMs;
      for (;;) {
        const { QueryExecution } = await options.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
        const state = QueryExecution?.Status?.State;
        if (state === 'SUCCEEDED') break;
        if (state === 'FAILED' || state === 'CANCELLED') {
          throw new Error(`Athena query ${id} ${state}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
        }
        if (now() > deadline) {
          await options.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
          throw new Error(`Athena query ${id} did not finish within ${options.queryTimeoutMs} ms`);
        }
        await sleep(pollMs);
      }
      const rows: Record<string, unknown>[] = [];
      let columns: string[] | undefined;
      let nextToken: string | undefined;
      let first = true;
      do {
        const page = await options.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: nextToken, MaxResults: 1000 }));
        columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
        const pageRows = page.ResultSet?.Rows ?? [];
        // The first row of the first page repeats the column names.
        for (const row of first ? pageRows.slice(1) : pageRows) {
          const values = row.Data ?? [];
          rows.push(Object.fromEntries(columns.map((name, i) => [name, values[i]?.VarCharValue ?? null])));
        }
        first = false;
        nextToken = page.NextToken;
      } while (nextToken);
      return rows;
    },
    async close() {
      // The client belongs to the caller.
    },
  };
}
