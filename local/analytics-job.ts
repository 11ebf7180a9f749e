/**
 * The analytics Lambda as the local stack runs it: the same handler as deployed, with the query engine its
 * settings choose (DuckDB over the local lake folder by default; Athena when pointed at AWS).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import type { AnalyticsSettings, LambdaSettings } from '../config/settings';
import { createAthenaRunner } from '../analytics/athena-runner';
import { createDuckDbRunner } from '../analytics/duckdb-runner';
import type { QueryRunner } from '../analytics/query-runner';
import { createAnalyticsHandler, type AnalyticsHandler } from '../functions/analytics/handler';
import type { AwsClients } from '../functions/shared/aws-clients';

export function createQueryRunner(analytics: AnalyticsSettings, region: string): Promise<QueryRunner> {
  if (analytics.engine === 'duckdb') return createDuckDbRunner({ lakeDir: analytics.lakeDir });
  return Promise.resolve(
    createAthenaRunner({
      client: new AthenaClient({ region }),
      workGroup: analytics.athena.workGroup,
      database: analytics.athena.database,
      queryTimeoutMs: analytics.athena.queryTimeoutSeconds * 1000,
    }),
  );
}

export function createLocalAnalyticsHandler(options: {
  readonly settings: LambdaSettings;
  readonly analytics: AnalyticsSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}): AnalyticsHandler {
  return createAnalyticsHandler({
    ...options,
    createRunner: () => createQueryRunner(options.analytics, options.settings.aws.region),
  });
}
