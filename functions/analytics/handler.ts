/**
 * analytics Lambda: run hourly by EventBridge Scheduler (wiring/events.ts), and locally by the local
 * scheduler. Runs every metric query of analytics/sql/ over the order lake (Athena in AWS, DuckDB over
 * `.data/lake/` locally, chosen by ANALYTICS_QUERY_ENGINE) and replaces the `ANALYTICS` items of the table
 * in one transaction, so the staff page reads a consistent set. A retried or doubled run is harmless.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { loadAnalyticsSettings, loadLambdaSettings, type AnalyticsSettings, type LambdaSettings } from '../../config/settings';
import { createAthenaRunner } from '../../analytics/athena-runner';
import type { QueryRunner } from '../../analytics/query-runner';
import { computeSalesReport } from '../../analytics/sales-report';
import { ANALYTICS_DAYS_PK, salesDayGenerationOf, salesDaysIndexKey, type SalesDaysIndexItem } from '../../analytics/sales-days';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';

export interface AnalyticsRunReport {
  readonly engine: QueryRunner['engine'];
  readonly generatedAt: string;
  readonly today: string;
  readonly items: number;
  /** Per-day and per-month items written (this run's generation) and old ones removed. */
  readonly dayItems: number;
  readonly monthItems: number;
  readonly removedDayItems: number;
  readonly timings: Readonly<Record<string, number>>;
}

export interface AnalyticsDeps {
  readonly settings: LambdaSettings;
  readonly analytics: AnalyticsSettings;
  readonly clients: AwsClients;
  /** A fresh query runner per run (closed afterwards). */
  readonly createRunner: () => Promise<QueryRunner>;
  readonly now?: () => Date;
}

export type AnalyticsHandler = (event: unknown, context?: Context) => Promise<AnalyticsRunReport>;

/** TransactWriteItems takes up to 100 items; the job writes 11. */
const MAX_TRANSACTION_ITEMS = 100;

export function createAnalyticsHandler({ settings, analytics, clients, createRunner, now }: AnalyticsDeps): AnalyticsHandler {
  const logger = createLogger('analytics', settings.logLevel);
  return async () => {
    const runner = await createRunner();
    try {
      const report = await computeSalesReport({
        runner,
        timeZone: analytics.timeZone,
        currency: analytics.currency,
        now: now ? now() : new Date(),
      });
      if (report.items.length > MAX_TRANSACTION_ITEMS) throw new Error(`${report.items.length} analytics items do not fit one transaction`);
      const { documentClient } = clients;
      const previous = (await documentClient.send(new GetCommand({ TableName: settings.tableName, Key: salesDaysIndexKey() }))).Item as SalesDaysIndexItem | undefined;
      // The new generation's day items first; the transaction then points the page at them with the periods.
      await batchWrite(documentClient, settings.tableName, [...report.dayItems, ...report.monthItems].map((item) => ({ PutRequest: { Item: { ...item } } })));
      await documentClient.send(
        new TransactWriteCommand({ TransactItems: report.items.map((item) => ({ Put: { TableName: settings.tableName, Item: item } })) }),
      );
      // Generations older than the one just replaced go; that one stays until the next run (a reader may be
      // summing it). Only older ones: a run overlapping this one (a retry, a run by hand) keeps its own.
      const cutoff = previous && previous.generation < report.generatedAt ? previous.generation : report.generatedAt;
      const stale = (await dayItemKeys(documentClient, settings.tableName)).filter((key) => salesDayGenerationOf(key.SK) < cutoff);
      await batchWrite(documentClient, settings.tableName, stale.map((key) => ({ DeleteRequest: { Key: key } })));
      const result: AnalyticsRunReport = {
        engine: runner.engine,
        generatedAt: report.generatedAt,
        today: report.today,
        items: report.items.length,
        dayItems: report.dayItems.length,
        monthItems: report.monthItems.length,
        removedDayItems: stale.length,
        timings: report.timings,
      };
      logger.info('Sales analytics written', { ...result });
      return result;
    } finally {
      await runner.close();
    }
  };
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem in batches of 25, retrying what DynamoDB leaves unprocessed (bounded, with a back-off). */
async function batchWrite(documentClient: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 8) throw new Error(`DynamoDB left ${pending.length} analytics day writes unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

/** Keys of every day item, of every generation. */
async function dayItemKeys(documentClient: DynamoDBDocumentClient, tableName: string): Promise<{ PK: string; SK: string }[]> {
  const keys: { PK: string; SK: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': ANALYTICS_DAYS_PK },
        ProjectionExpression: 'PK, SK',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    keys.push(...((page.Items ?? []) as { PK: string; SK: string }[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

let deployed: AnalyticsHandler | undefined;

/**
 * The Lambda entry point in AWS: settings from the environment, Athena as the engine. (The local stack
 * builds the same handler with DuckDB: local/analytics-job.ts; DuckDB's native binary stays out of the
 * Lambda bundle.)
 */
export const handler: AnalyticsHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('analytics');
    const analytics = loadAnalyticsSettings();
    if (analytics.engine !== 'athena') throw new Error(`The deployed analytics Lambda queries with Athena; ANALYTICS_QUERY_ENGINE is ${analytics.engine}`);
    return createAnalyticsHandler({
      settings,
      analytics,
      clients: createAwsClients(settings),
      createRunner: async () =>
        createAthenaRunner({
          client: new AthenaClient({ region: settings.aws.region }),
          workGroup: analytics.athena.workGroup,
          database: analytics.athena.database,
          queryTimeoutMs: analytics.athena.queryTimeoutSeconds * 1000,
        }),
    });
  })();
  return deployed(event, context);
};
