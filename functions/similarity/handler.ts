/**
 * similarity Lambda: run nightly at 03:00 (shop time) by EventBridge Scheduler, see wiring/events.ts.
 * Thin: the job (catalog/similarity-job.ts) does the work; this logs what it did. The job recomputes every
 * list and writes those that differ from the stored ones, so a retried or doubled run writes nothing more.
 */
import type { Context } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { runSimilarityJob, type SimilarityJobReport } from '../../catalog/similarity-job';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';

export interface SimilarityDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

/** The scheduler's payload is not used: every run recomputes the whole catalog. */
export type SimilarityHandler = (event: unknown, context?: Context) => Promise<SimilarityJobReport>;

export function createSimilarityHandler({ settings, clients, now }: SimilarityDeps): SimilarityHandler {
  const logger = createLogger('similarity', settings.logLevel);
  return async () => {
    const report = await runSimilarityJob({
      documentClient: clients.documentClient,
      tableName: settings.tableName,
      ...(now ? { now } : {}),
    });
    logger.info('Similar products recomputed', { ...report });
    return report;
  };
}

let deployed: SimilarityHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: SimilarityHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('similarity');
    return createSimilarityHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
