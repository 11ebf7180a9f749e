/**
 * stripe-webhook Lambda, behind a Function URL (Stripe POSTs its events there; the URL is a stack output, see
 * docs/deploy.md). Thin: verify, apply, answer.
 *   - The signature is verified by the official SDK (`stripe.webhooks.constructEvent`) against the raw body,
 *     with the endpoint's signing secret and Stripe's 5-minute tolerance: a forged, altered or stale (replayed
 *     later) request is refused with 400 and changes nothing.
 *   - The event is applied by apply-payment.ts, idempotent by event id.
 *   - 200 tells Stripe it is done (also for events we ignore); 500 (a thrown error) makes Stripe deliver it
 *     again later, which is safe for the same reason.
 * Locally the same handler serves the local Function URL (local/function-url.ts) that the Stripe stand-in posts to.
 */
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { Stripe, stripeClientLoader } from '../shared/stripe';
import { stripeRefunder } from '../shared/stripe-refund';
import { applyStripeEvent, type PaymentResult } from './apply-payment';

export interface StripeWebhookDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

export type StripeWebhookHandler = (event: LambdaFunctionURLEvent, context?: Context) => Promise<LambdaFunctionURLResult>;

/** Stripe's own default: a signature older than this is refused (a captured request replayed later). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function answer(statusCode: number, body: Record<string, unknown>): LambdaFunctionURLResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function createStripeWebhookHandler(deps: StripeWebhookDeps): StripeWebhookHandler {
  const { settings, clients } = deps;
  const logger = createLogger('stripe-webhook', settings.logLevel);
  const stripeClient = stripeClientLoader(settings.stripe, settings.aws.region);
  const now = deps.now ?? (() => new Date());
  return async (request) => {
    if (request.requestContext?.http?.method !== 'POST') return answer(405, { error: 'POST only' });
    const signature = request.headers?.['stripe-signature'];
    if (!signature) return answer(400, { error: 'No Stripe-Signature header' });
    // The signature covers the exact bytes Stripe sent: verify the raw body, never a re-serialised one.
    const rawBody = request.isBase64Encoded ? Buffer.from(request.body ?? '', 'base64') : Buffer.from(request.body ?? '', 'utf8');
    const { stripe, secrets } = await stripeClient();
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(rawBody, signature, secrets.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      logger.warn('Refused a webhook request: signature not valid', { reason: error instanceof Error ? error.message : String(error) });
      return answer(400, { error: 'Invalid signature' });
    }
    const result: PaymentResult = await applyStripeEvent(event, {
      documentClient: clients.documentClient,
      tableName: settings.tableName,
      now,
      refund: stripeRefunder(stripe),
    });
    if (result.outcome === 'refunded') {
      logger.warn('A card payment could not pay its order and was refunded', { eventId: event.id, orderId: result.orderId });
    } else if (result.outcome !== 'ignored') {
      logger.info('Stripe event applied', { eventId: event.id, type: event.type, outcome: result.outcome, orderId: result.orderId });
    }
    return answer(200, { received: true, outcome: result.outcome });
  };
}

let deployed: StripeWebhookHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment; the Stripe secret is read at the first call. */
export const handler: StripeWebhookHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('stripe-webhook');
    return createStripeWebhookHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
