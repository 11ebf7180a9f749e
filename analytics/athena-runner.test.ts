/**
 * The Athena runner through the real SDK client against a local stand-in of Athena's HTTP API (JSON 1.1:
 * StartQueryExecution, GetQueryExecution, GetQueryResults, StopQueryExecution). The stand-in answers the
 * way Athena does — a query goes QUEUED → RUNNING → SUCCEEDED over polls, every value comes back as text
 * (NULL as no value), the first row of the first page repeats the column names, results come in pages with
 * a NextToken — and computes the rows with DuckDB over a generated lake. So the whole sales report computed
 * through Athena's protocol must equal the one DuckDB computes directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { createAthenaRunner } from './athena-runner';
import { createDuckDbRunner } from './duckdb-runner';
import { generateLake } from './lake-generator';
import type { QueryRunner } from './query-runner';
import { computeSalesReport } from './sales-report';

interface StandInQuery {
  readonly sql: string;
  readonly workGroup: string | undefined;
  readonly database: string | undefined;
  polls: number;
  /** Polls answered QUEUED/RUNNING before the outcome shows. */
  readonly pollsBeforeDone: number;
  outcome?: { rows: Record<string, unknown>[]; columns: string[] } | { error: string };
  stopped: boolean;
}

/** Athena's JSON 1.1 API, enough for the runner; queries run on `engine`. */
function athenaStandIn(engine: QueryRunner, pageSize: number) {
  const queries = new Map<string, StandInQuery>();
  const calls: string[] = [];
  let ids = 0;
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };
  const fail = (response: ServerResponse, type: string, message: string) => answer(response, 400, { __type: type, Message: message });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^AmazonAthena\./, '');
    calls.push(operation);
    if (request.method !== 'POST' || !target.startsWith('AmazonAthena.') || !/^AWS4-HMAC-SHA256 /.test(String(request.headers.authorization))) {
      return fail(response, 'InvalidRequestException', 'not a signed Athena request');
    }
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      QueryString?: string;
      WorkGroup?: string;
      QueryExecutionContext?: { Database?: string };
      QueryExecutionId?: string;
      NextToken?: string;
      MaxResults?: number;
    };
    if (operation === 'StartQueryExecution') {
      const id = `q-${(ids += 1)}`;
      const query: StandInQuery = {
        sql: input.QueryString ?? '',
        workGroup: input.WorkGroup,
        database: input.QueryExecutionContext?.Database,
        polls: 0,
        pollsBeforeDone: /never-ends/.test(input.QueryString ?? '') ? Number.POSITIVE_INFINITY : 2,
        stopped: false,
      };
      queries.set(id, query);
      if (Number.isFinite(query.pollsBeforeDone)) {
        engine.run(query.sql).then(
          (rows) => (query.outcome = { rows, columns: rows.length > 0 ? Object.keys(rows[0]!) : [] }),
          (error: unknown) => (query.outcome = { error: error instanceof Error ? error.message : String(error) }),
        );
      }
      return answer(response, 200, { QueryExecutionId: id });
    }
    const query = queries.get(input.QueryExecutionId ?? '');
    if (!query) return fail(response, 'InvalidRequestException', `QueryExecution ${String(input.QueryExecutionId)} was not found`);
    if (operation === 'StopQueryExecution') {
      query.stopped = true;
      return answer(response, 200, {});
    }
    if (operation === 'GetQueryExecution') {
      query.polls += 1;
      let state = query.polls === 1 ? 'QUEUED' : 'RUNNING';
      let reason: string | undefined;
      if (query.stopped) state = 'CANCELLED';
      else if (query.polls > query.pollsBeforeDone && query.outcome) {
        state = 'error' in query.outcome ? 'FAILED' : 'SUCCEEDED';
        if ('error' in query.outcome) reason = `INVALID_QUERY: ${query.outcome.error}`;
      }
      return answer(response, 200, {
        QueryExecution: { QueryExecutionId: input.QueryExecutionId, Query: query.sql, Status: { State: state, ...(reason ? { StateChangeReason: reason } : {}) } },
      });
    }
    if (operation === 'GetQueryResults') {
      if (!query.outcome || 'error' in query.outcome) return fail(response, 'InvalidRequestException', 'Query has not yet finished');
      const { rows, columns } = query.outcome;
      const text = (value: unknown) => (value === null || value === undefined ? {} : { VarCharValue: typeof value === 'object' ? JSON.stringify(value) : String(value) });
      const all = [{ Data: columns.map((name) => ({ VarCharValue: name })) }, ...rows.map((row) => ({ Data: columns.map((name) => text(row[name])) }))];
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const size = Math.min(pageSize, Number(input.MaxResults ?? 1000));
      const next = start + size < all.length ? String(start + size) : undefined;
      return answer(response, 200, {
        ResultSet: { Rows: all.slice(start, start + size), ResultSetMetadata: { ColumnInfo: columns.map((name) => ({ Name: name, Type: 'varchar' })) } },
        ...(next ? { NextToken: next } : {}),
      });
    }
    return fail(response, 'UnknownOperationException', operation);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => fail(response, 'InternalServerException', String(error)));
  });
  return { server, queries, calls };
}

const NOW = new Date('2026-12-01T18:00:00.000Z');
let root: string;
let duckdb: QueryRunner;
let standIn: ReturnType<typeof athenaStandIn>;
let client: AthenaClient;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'farmacruz-athena-'));
  generateLake({ lakeDir: path.join(root, 'lake'), records: 3_000, lastDay: '2026-12-01', days: 400, recordsPerObject: 500 });
  duckdb = await createDuckDbRunner({ lakeDir: path.join(root, 'lake') });
  // Pages of 7 rows: every result longer than that is read through NextToken.
  standIn = athenaStandIn(duckdb, 7);
  await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.server.address() as { port: number };
  client = new AthenaClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await duckdb?.close();
  await new Promise<void>((resolve) => standIn.server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

const runnerOptions = (more: Partial<Parameters<typeof createAthenaRunner>[0]> = {}) => ({
  client,
  workGroup: 'farmacruz-analytics',
  database: 'farmacruz_lake',
  queryTimeoutMs: 60_000,
  pollIntervalMs: 5,
  ...more,
});

describe('the Athena runner against a stand-in of Athena', () => {
  it('computes the same sales report as DuckDB reading the lake directly', async () => {
    const athena = createAthenaRunner(runnerOptions());
    const viaAthena = await computeSalesReport({ runner: athena, timeZone: 'America/Mexico_City', currency: 'MXN', now: NOW });
    const direct = await computeSalesReport({ runner: duckdb, timeZone: 'America/Mexico_City', currency: 'MXN', now: NOW });
    // A series per granularity (day, week, month), the index of the per-day items, one item per reporting period.
    expect(viaAthena.items.length).toBe(3 + 1 + viaAthena.periods.length);
    expect(viaAthena.items).toEqual(direct.items);
    // The lake is not empty, and the day series needed several pages.
    const days = direct.items.find((item) => item.type === 'SalesSeries' && item.granularity === 'DAY');
    expect(days && 'points' in days ? days.points.length : 0).toBeGreaterThan(100);
    // Every query ran in the workgroup and database it was told, and was polled until it ended.
    const queries = [...standIn.queries.values()];
    // One query per metric the report ran (each timed under its own label).
    expect(queries).toHaveLength(Object.keys(viaAthena.timings).length);
    expect(queries.length).toBeGreaterThan(10);
    for (const query of queries) {
      expect(query).toMatchObject({ workGroup: 'farmacruz-analytics', database: 'farmacruz_lake', stopped: false });
      expect(query.polls).toBeGreaterThanOrEqual(3);
    }
    expect(standIn.calls.filter((call) => call === 'GetQueryResults').length).toBeGreaterThan(10);
    // Two whole reports in DuckDB: CPU-bound, so a generous deadline on a loaded machine.
  }, 120_000);

  it('fails with the reason Athena gives for a failed query', async () => {
    const athena = createAthenaRunner(runnerOptions());
    await expect(athena.run('SELECT no_such_column FROM order_events')).rejects.toThrow(/Athena query q-\d+ FAILED: INVALID_QUERY: .*no_such_column/);
  });

  it('stops a query that runs past its time and says so', async () => {
    let clock = 0;
    const athena = createAthenaRunner(runnerOptions({ queryTimeoutMs: 1_000, now: () => (clock += 400) }));
    await expect(athena.run('SELECT 1 AS never-ends')).rejects.toThrow(/did not finish within 1000 ms/);
    const last = [...standIn.queries.values()].at(-1)!;
    expect(last.stopped).toBe(true);
  });
});
