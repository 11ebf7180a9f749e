/**
 * The Lambda handlers the local fabric runs, by their wiring name: the same factories the deployed entry
 * points use, given the local settings and clients.
 */
import type { LambdaSettings } from '../../config/settings';
import type { AwsClients } from '../../functions/shared/aws-clients';
import { createOrderEmailHandler } from '../../functions/order-email/handler';
import { createOrderLakeHandler } from '../../functions/order-lake/handler';
import { createOrderStreamHandler } from '../../functions/order-stream/handler';
import type { SqsLambdaHandler } from './queue-event-source';
import type { StreamLambdaHandler } from './stream-event-source';

export interface HandlerDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
}

export const streamHandlers: Readonly<Record<string, (deps: HandlerDeps) => StreamLambdaHandler>> = {
  'order-stream': createOrderStreamHandler,
};

export const queueHandlers: Readonly<Record<string, (deps: HandlerDeps) => SqsLambdaHandler>> = {
  'order-email': createOrderEmailHandler,
  'order-lake': createOrderLakeHandler,
};
