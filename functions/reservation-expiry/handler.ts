/**
 * reservation-expiry Lambda: run every minute by EventBridge Scheduler (locally by the local scheduler), see
 * wiring/events.ts. Thin: the job (release-expired.ts) cancels the unpaid orders whose reservation ended and
 * returns their stock, each exactly once; this logs what it did. A doubled or retried run releases nothing
 * twice: every release is conditional on the order still being PENDING at the version read.
 */
import type { Context } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { releaseExpiredReservations, type ReleaseExpiredReport } from './release-expired';

export interface ReservationExpiryDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

/** The scheduler's payload is not used: each run releases whatever is due at its own clock. */
export type ReservationExpiryHandler = (event: unknown, context?: Context) => Promise<ReleaseExpiredReport>;

export function createReservationExpiryHandler({ settings, clients, now }: ReservationExpiryDeps): ReservationExpiryHandler {
  const logger = createLogger('reservation-expiry', settings.logLevel);
  return async () => {
    const report = await releaseExpiredReservations({
      documentClient: clients.documentClient,
      tableName: settings.tableName,
      now: now ? now() : new Date(),
    });
    if (report.released.length > 0 || report.skipped.length > 0) {
      logger.info('Expired reservations released', { released: report.released, skipped: report.skipped });
    }
    return report;
  };
}

let deployed: ReservationExpiryHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ReservationExpiryHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('reservation-expiry');
    return createReservationExpiryHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
