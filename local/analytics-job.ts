/**
 * The analytics Lambda as the local fabric runs it (local/event-fabric/handlers.ts): the same handler as
 * deployed, with the query engine the settings choose: DuckDB over the local lake folder by default, Athena
 * when pointed at AWS.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { loadAnalyticsSettings, type AnalyticsSettings } from '../config/settings';
import { createAthenaRunner } from '../analytics/athena-runner';
import { createDuckDbRunner } from '../analytics/duckdb-runner';
import type { QueryRunner } from '../analytics/query-runner';
import { createAnalyticsHandler, type AnalyticsHandler } from '../functions/analytics/handler';
import type { HandlerDeps } from './event-fabric/handlers';

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

/** The local analytics settings: DuckDB over the fabric's lake folder, the shop's time zone. */
export function localAnalyticsSettings(deps: Pick<HandlerDeps, 'lakeDir' | 'shopTimeZone'>): AnalyticsSettings {
  if (!deps.lakeDir) throw new Error('The local analytics job needs the lake folder (HandlerDeps.lakeDir)');
  return {
    ...loadAnalyticsSettings({ ANALYTICS_QUERY_ENGINE: 'duckdb', ...(deps.shopTimeZone ? { SHOP_TIME_ZONE: deps.shopTimeZone } : {}) }),
    lakeDir: deps.lakeDir,
  };
}

export function createLocalAnalyticsHandler(deps: HandlerDeps & { readonly analytics?: AnalyticsSettings; readonly now?: () => Date }): AnalyticsHandler {
  const analytics = deps.analytics ?? localAnalyticsSettings(deps);
  return createAnalyticsHandler({
    settings: deps.settings,
    clients: deps.clients,
    analytics,
    ...(deps.now ? { now: deps.now } : {}),
    createRunner: () => createQueryRunner(analytics, deps.settings.aws.region),
  });
}
