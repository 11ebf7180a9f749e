/**
 * analytics Lambda: run hourly by EventBridge Scheduler (wiring/events.ts), and locally by the local
 * scheduler. Runs every metric query of analytics/sql/ over the order lake (Athena in AWS, DuckDB over
 * `.data/lake/` locally, chosen by ANALYTICS_QUERY_ENGINE) and replaces the `ANALYTICS` items of the table
 * in one transaction, so the staff page reads a consistent set. A retried or doubled run is harmless.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { loadAnalyticsSettings, loadLambdaSettings, type AnalyticsSettings, type LambdaSettings } from '../../config/settings';
import { createAthenaRunner } from '../../analytics/athena-runner';
import type { QueryRunner } from '../../analytics/query-runner';
import { computeSalesReport } from '../../analytics/sales-report';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';

export interface AnalyticsRunReport {
  readonly engine: QueryRunner['engine'];
  readonly generatedAt: string;
  readonly today: string;
  readonly items: number;
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

/** TransactWriteItems takes up to 100 items; the job writes 10. */
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
      await clients.documentClient.send(
        new TransactWriteCommand({ TransactItems: report.items.map((item) => ({ Put: { TableName: settings.tableName, Item: item } })) }),
      );
      const result: AnalyticsRunReport = {
        engine: runner.engine,
        generatedAt: report.generatedAt,
        today: report.today,
        items: report.items.length,
        timings: report.timings,
      };
      logger.info('Sales analytics written', { ...result });
      return result;
    } finally {
      await runner.close();
    }
  };
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
