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
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SIMILARITY_REQUEST_KEY, SIMILARITY_REQUEST_SOURCE, type SimilarityRequestEvent } from '../../model/similarity-request';

export interface SimilarityDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

/** The scheduler's payload is not used: every run recomputes the whole catalog. */
export type SimilarityHandler = (event: unknown, context?: Context) => Promise<SimilarityJobReport>;

/** The back office's "recompute now" (Mutation.recomputeSimilarProducts invokes with this payload). */
function backOfficeRequestOf(event: unknown): SimilarityRequestEvent | null {
  const candidate = event as Partial<SimilarityRequestEvent> | null;
  return candidate && candidate.source === SIMILARITY_REQUEST_SOURCE && typeof candidate.requestId === 'string' ? (candidate as SimilarityRequestEvent) : null;
}

export function createSimilarityHandler({ settings, clients, now }: SimilarityDeps): SimilarityHandler {
  const logger = createLogger('similarity', settings.logLevel);
  const clock = now ?? (() => new Date());
  /** Updates the back office's request, only while it is still this one (a newer request replaces it). */
  const mark = async (requestId: string, values: Record<string, unknown>) => {
    const names: Record<string, string> = {};
    const expressionValues: Record<string, unknown> = { ':id': requestId };
    const sets = Object.entries(values).map(([name, value], index) => {
      names[`#f${index}`] = name;
      expressionValues[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
    try {
      await clients.documentClient.send(
        new UpdateCommand({
          TableName: settings.tableName,
          Key: SIMILARITY_REQUEST_KEY,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'id = :id',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: expressionValues,
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  };
  return async (event) => {
    const request = backOfficeRequestOf(event);
    if (request) await mark(request.requestId, { status: 'RUNNING', startedAt: clock().toISOString() });
    let report: SimilarityJobReport;
    try {
      report = await runSimilarityJob({
        documentClient: clients.documentClient,
        tableName: settings.tableName,
        ...(now ? { now } : {}),
      });
    } catch (error) {
      if (request) {
        await mark(request.requestId, {
          status: 'FAILED',
          finishedAt: clock().toISOString(),
          failure: 'El cálculo se interrumpió por un error del servidor. Inténtalo de nuevo; la ejecución nocturna sigue programada.',
        }).catch(() => undefined);
      }
      throw error;
    }
    if (request) {
      await mark(request.requestId, { status: 'DONE', finishedAt: clock().toISOString(), products: report.products, changed: report.changed });
    }
    logger.info('Similar products recomputed', { ...report, ...(request ? { requestId: request.requestId } : {}) });
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
