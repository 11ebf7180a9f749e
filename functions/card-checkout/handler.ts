/**
 * Mutation.startCardPayment — the card-checkout resolver Lambda (wiring/resolver-functions.ts): the signed-in
 * shopper pays their own unpaid CARD order on Stripe's hosted Checkout page. Reads the order (consistent), checks
 * it is the caller's (someone else's order is NotFound, as if it did not exist), still PENDING, paid by card and
 * still reserved, then creates a Checkout Session for exactly the order's lines and shipping
 * (checkout-session.ts) and returns its URL. Nothing is written to the order: it becomes PAID only through
 * Stripe's signed webhook (functions/stripe-webhook), never because the shopper came back to the shop.
 * Each call makes a new session (a shopper who closed the tab can start again); should two of them be paid,
 * the webhook pays the order with the first and refunds the second.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { orderKey } from '../../model/keys';
import type { OrderItem } from '../../model/order-items';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { ResolverError, resolverHandler, type ResolverHandler } from '../shared/resolver-event';
import { Stripe, stripeClientLoader } from '../shared/stripe';
import { cardCheckoutRefusal, checkoutSessionParams, sessionExpiry } from './checkout-session';

export interface CardCheckoutDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

export interface CardCheckout {
  readonly url: string;
  readonly expiresAt: string;
}

export type StartCardPaymentArgs = { readonly orderId: string };

export function createCardCheckoutHandler(deps: CardCheckoutDeps): ResolverHandler<StartCardPaymentArgs, CardCheckout> {
  const { settings, clients } = deps;
  const logger = createLogger('card-checkout', settings.logLevel);
  const stripeClient = stripeClientLoader(settings.stripe, settings.aws.region);
  return resolverHandler(async (event) => {
    const identity = event.identity;
    if (!identity) throw new ResolverError('Unauthorized', 'Only a signed-in shopper can pay an order.');
    const orderId = typeof event.arguments.orderId === 'string' ? event.arguments.orderId : '';
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(orderId)) {
      throw new ResolverError('ValidationError', 'orderId is not an order id.', { field: 'orderId' });
    }
    const read = await clients.documentClient.send(
      new GetCommand({ TableName: settings.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    const order = read.Item as OrderItem | undefined;
    if (!order || order.type !== 'Order' || order.ownerId !== identity.sub) {
      throw new ResolverError('NotFound', `No order ${orderId}.`);
    }
    const now = deps.now ? deps.now() : new Date();
    const refusal = cardCheckoutRefusal(order, now);
    if (refusal) {
      throw new ResolverError('Conflict', `Order ${orderId} cannot be paid by card now (${refusal}).`, { reason: refusal, status: order.status });
    }
    const expiresAt = sessionExpiry(order.reservationExpiresAt, now);
    const { stripe } = await stripeClient();
    let session: Stripe.Checkout.Session;
    try {
      session = await stripe.checkout.sessions.create(checkoutSessionParams(order, { shopUrl: settings.email.shopUrl, expiresAt, now }));
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        // Logged with Stripe's request id (never the key); the shopper sees "try again".
        logger.error('Stripe refused or did not answer the Checkout Session', { orderId, type: error.type, code: error.code, requestId: error.requestId });
        throw new ResolverError('PaymentProviderError', 'The payment provider did not answer; try again.');
      }
      throw error;
    }
    if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);
    logger.info('Checkout Session created', { orderId, sessionId: session.id });
    return { url: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() };
  });
}

let deployed: ResolverHandler<StartCardPaymentArgs, CardCheckout> | undefined;

/** The Lambda entry point in AWS: settings from the environment; the Stripe secret is read at the first call. */
export const handler: ResolverHandler<StartCardPaymentArgs, CardCheckout> = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('card-checkout');
    return createCardCheckoutHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
