/**
 * A local stand-in for Stripe (no network, test mode only): the part of Stripe's API the shop uses, its hosted
 * Checkout page, and its webhook deliveries.
 *
 *   API (what the official `stripe` SDK calls when pointed here through its host/port/protocol options):
 *     POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/checkout/sessions/:id/expire,
 *     POST /v1/refunds — form-encoded bodies as the SDK sends them, `Authorization: Bearer <sk_test_…>`,
 *     `Idempotency-Key` honoured (the same key answers the first response), errors in Stripe's shape.
 *   Hosted page: GET /c/pay/:session (Spanish): pay with a test card (4242 4242 4242 4242 approves,
 *     4000 0000 0000 0002 is declined, as at Stripe), or go back to the shop (abandon). Paying redirects to the
 *     session's success_url; going back to its cancel_url.
 *   Webhooks: `checkout.session.completed`, `payment_intent.succeeded`, `payment_intent.payment_failed`,
 *     `checkout.session.expired`, `charge.refunded`, POSTed to the webhook URL and signed with the endpoint's
 *     secret exactly as Stripe signs them: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 *     "<t>.<raw body>")>`. A delivery that does not get a 2xx is retried a few times (Stripe keeps trying for
 *     days; here, a bounded number of attempts).
 *
 *   OXXO (a session created with payment_method_types ['oxxo']): the hosted page issues a voucher (the session
 *     completes unpaid: `checkout.session.completed` with payment_status `unpaid`), shown at GET /c/oxxo/:intent
 *     in Spanish (reference number, barcode, amount, expiry at 23:59 Mexico City time `expires_after_days` days
 *     later) with two simulations: "pagado en tienda" → `checkout.session.async_payment_succeeded`, "vencido" →
 *     `checkout.session.async_payment_failed`.
 *
 * What it does not do: real cards, 3-D Secure, customers, prices, disputes. It accepts only its own test key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import qs from 'qs';
import type { StripeSecrets } from '../../config/settings';
import { listenLocally, readRequestBody } from '../http-endpoint';

/** The API version the stand-in's objects follow (the SDK's pinned version). */
export const STAND_IN_API_VERSION = '2026-10-28.endive';

/** Stripe's test card numbers the hosted page knows. */
export const TEST_CARDS = { approved: '4242424242424242', declined: '4000000000000002' } as const;

export interface StandInLineItem {
  readonly name: string;
  readonly quantity: number;
  readonly unitAmount: number;
  readonly amountTotal: number;
}

export interface StandInSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  cancel_url: string;
  url: string | null;
  allowed_payment_method_types: string[];
  /** Explicit payment method types (['oxxo'] for an OXXO session); empty when not given. */
  payment_method_types: string[];
  payment_method_options: { oxxo?: { expires_after_days: number } };
  /** Not part of Stripe's session object: what the hosted page lists. */
  readonly lineItems: readonly StandInLineItem[];
}

export interface StandInPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'succeeded' | 'requires_payment_method' | 'requires_action' | 'canceled';
  /** OXXO: the voucher while it waits for the cash payment. */
  next_action: { type: 'oxxo_display_details'; oxxo_display_details: { number: string; expires_after: number; hosted_voucher_url: string } } | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
  last_payment_error: { code: string; decline_code: string; message: string } | null;
}

export interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  metadata: Record<string, string>;
  created: number;
}

export interface StandInEvent {
  readonly id: string;
  readonly object: 'event';
  readonly api_version: string;
  readonly created: number;
  readonly data: { readonly object: unknown };
  readonly livemode: false;
  readonly pending_webhooks: number;
  readonly request: { readonly id: null; readonly idempotency_key: null };
  readonly type: string;
}

export interface StandInDelivery {
  readonly eventId: string;
  readonly type: string;
  readonly attempt: number;
  /** The webhook's HTTP status, or 0 when it could not be reached. */
  readonly status: number;
}

export interface StripeStandInOptions {
  readonly host: string;
  /** A free port when omitted. */
  readonly port?: number;
  /** The key it accepts and the webhook endpoint's signing secret. */
  readonly secrets: StripeSecrets;
  /** Where events are POSTed (the webhook's Function URL); none until set. */
  readonly webhookUrl?: string;
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
  /** Delivery attempts per event (the first included) and the pause before each retry. */
  readonly deliveryAttempts?: number;
  readonly retryDelayMs?: number;
}

export interface StripeStandIn {
  /** Base URL of the API and the hosted pages, e.g. http://127.0.0.1:8010 (the SDK's host/port/protocol). */
  readonly url: string;
  readonly sessions: ReadonlyMap<string, StandInSession>;
  readonly paymentIntents: ReadonlyMap<string, StandInPaymentIntent>;
  readonly refunds: readonly StandInRefund[];
  readonly events: readonly StandInEvent[];
  readonly deliveries: readonly StandInDelivery[];
  setWebhookUrl(url: string): void;
  /** What the hosted page's "Pagar" does with `card`: approves or declines; resolves when the webhook has answered. */
  pay(sessionId: string, card?: string): Promise<{ approved: boolean; redirect: string | null }>;
  /** Expires an open session now, as Stripe does when its time runs out (`checkout.session.expired`). */
  expire(sessionId: string): Promise<void>;
  /** What the hosted page of an OXXO session does: issues the voucher (the session completes, unpaid); its PaymentIntent. */
  issueOxxoVoucher(sessionId: string): Promise<StandInPaymentIntent>;
  /** The voucher paid in cash at a store: `checkout.session.async_payment_succeeded`; resolves when delivered. */
  payOxxoVoucher(paymentIntentId: string): Promise<void>;
  /** The voucher expired unpaid: `checkout.session.async_payment_failed`; resolves when delivered. */
  expireOxxoVoucher(paymentIntentId: string): Promise<void>;
  /** Sends an event already sent once more, signed now (what "Resend" in Stripe's dashboard does). */
  resend(eventId: string): Promise<number>;
  /** The Stripe-Signature header Stripe would send for `payload` at `timestampSeconds` with `secret`. */
  sign(payload: string, timestampSeconds: number, secret?: string): string;
  stop(): Promise<void>;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('es-MX', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

/** Stripe's signature: `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed by the endpoint secret>`. */
export function stripeSignatureHeader(payload: string, timestampSeconds: number, secret: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  // qs turns `a[0]…a[20]` past its arrayLimit into an object keyed by index.
  if (value && typeof value === 'object') return Object.keys(value).sort((a, b) => Number(a) - Number(b)).map((k) => (value as Record<string, unknown>)[k]);
  return [];
}

function integerParam(value: unknown, param: string, min: number): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min) {
    throw new StripeApiError(400, 'invalid_request_error', `Invalid integer: ${String(value)}`, 'parameter_invalid_integer', param);
  }
  return number;
}

function textParam(value: unknown, param: string, required = true): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (!required) return null;
  throw new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(asRecord(value))) if (typeof entry === 'string') out[key] = entry;
  return out;
}

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const now = options.now ?? (() => new Date());
  const seconds = () => Math.floor(now().getTime() / 1000);
  const log = options.log ?? (() => undefined);
  const attempts = options.deliveryAttempts ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const sessions = new Map<string, StandInSession>();
  const paymentIntents = new Map<string, StandInPaymentIntent>();
  const refunds: StandInRefund[] = [];
  const events: StandInEvent[] = [];
  const deliveries: StandInDelivery[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const inFlight = new Set<string>();
  const pendingDeliveries = new Set<Promise<unknown>>();
  let webhookUrl = options.webhookUrl;
  let baseUrl = '';
  let stopped = false;

  async function deliverOnce(event: StandInEvent, attempt: number): Promise<number> {
    if (!webhookUrl) return 0;
    const payload = JSON.stringify(event, null, 2);
    let status = 0;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': stripeSignatureHeader(payload, seconds(), options.secrets.webhookSecret),
        },
        body: payload,
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    deliveries.push({ eventId: event.id, type: event.type, attempt, status });
    return status;
  }

  /** Delivers with bounded retries; resolves with the last status. */
  function deliver(event: StandInEvent): Promise<number> {
    const run = (async () => {
      let status = 0;
      for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
        status = await deliverOnce(event, attempt);
        if (status >= 200 && status < 300) return status;
        if (!webhookUrl) return status;
        log(`[stripe] webhook ${event.type} ${event.id} answered ${status || 'nothing'} (attempt ${attempt} of ${attempts})`);
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, retryDelayMs * attempt));
      }
      return status;
    })();
    pendingDeliveries.add(run);
    void run.finally(() => pendingDeliveries.delete(run));
    return run;
  }

  function emit(type: string, object: unknown): Promise<number> {
    const event: StandInEvent = {
      id: randomId('evt_test_'),
      object: 'event',
      api_version: STAND_IN_API_VERSION,
      created: seconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(event);
    return deliver(event);
  }

  function publicSession(session: StandInSession): Omit<StandInSession, 'lineItems'> {
    const { lineItems: _lineItems, ...rest } = session;
    return rest;
  }

  function sessionOrThrow(id: string): StandInSession {
    const session = sessions.get(id);
    if (!session) throw new StripeApiError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing', 'id');
    return session;
  }

  function expireIfDue(session: StandInSession): void {
    if (session.status === 'open' && session.expires_at <= seconds()) {
      session.status = 'expired';
      session.url = null;
      void emit('checkout.session.expired', publicSession(session));
    }
  }

  function createSession(params: Record<string, unknown>): StandInSession {
    if (params.mode !== 'payment') throw new StripeApiError(400, 'invalid_request_error', 'The stand-in supports mode=payment only.', 'parameter_invalid', 'mode');
    const items = asList(params.line_items);
    if (items.length === 0) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: line_items.', 'parameter_missing', 'line_items');
    let currency: string | null = null;
    const lineItems = items.map((raw, index) => {
      const item = asRecord(raw);
      const priceData = asRecord(item.price_data);
      const itemCurrency = textParam(priceData.currency, `line_items[${index}][price_data][currency]`) as string;
      if (currency && itemCurrency !== currency) {
        throw new StripeApiError(400, 'invalid_request_error', 'All line items must use the same currency.', 'parameter_invalid', `line_items[${index}]`);
      }
      currency = itemCurrency;
      const quantity = integerParam(item.quantity, `line_items[${index}][quantity]`, 1);
      const unitAmount = integerParam(priceData.unit_amount, `line_items[${index}][price_data][unit_amount]`, 0);
      const name = textParam(asRecord(priceData.product_data).name, `line_items[${index}][price_data][product_data][name]`) as string;
      return { name, quantity, unitAmount, amountTotal: quantity * unitAmount };
    });
    const created = seconds();
    const expiresAt = params.expires_at === undefined ? created + 24 * 3600 : integerParam(params.expires_at, 'expires_at', 0);
    if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
      throw new StripeApiError(400, 'invalid_request_error', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'parameter_invalid', 'expires_at');
    }
    const amount = lineItems.reduce((sum, line) => sum + line.amountTotal, 0);
    const paymentMethodTypes = asList(params.payment_method_types).filter((t): t is string => typeof t === 'string');
    for (const type of paymentMethodTypes) {
      if (type !== 'card' && type !== 'oxxo') {
        throw new StripeApiError(400, 'invalid_request_error', `The stand-in supports payment_method_types card and oxxo, not ${type}.`, 'parameter_invalid', 'payment_method_types');
      }
    }
    const oxxoOptions = asRecord(asRecord(params.payment_method_options).oxxo);
    // Stripe's default is 3 days; it accepts 1 to 7.
    const oxxoDays = oxxoOptions.expires_after_days === undefined ? 3 : integerParam(oxxoOptions.expires_after_days, 'payment_method_options[oxxo][expires_after_days]', 1);
    if (oxxoDays > 7) {
      throw new StripeApiError(400, 'invalid_request_error', 'expires_after_days must be between 1 and 7.', 'parameter_invalid', 'payment_method_options[oxxo][expires_after_days]');
    }
    if (paymentMethodTypes.includes('oxxo') && currency !== 'mxn') {
      throw new StripeApiError(400, 'invalid_request_error', 'OXXO accepts MXN only.', 'parameter_invalid', 'payment_method_types');
    }
    const id = randomId('cs_test_');
    const session: StandInSession = {
      id,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      currency: currency as unknown as string,
      client_reference_id: textParam(params.client_reference_id, 'client_reference_id', false),
      customer_email: textParam(params.customer_email, 'customer_email', false),
      created,
      expires_at: expiresAt,
      livemode: false,
      locale: textParam(params.locale, 'locale', false),
      metadata: stringMap(params.metadata),
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: textParam(params.success_url, 'success_url') as string,
      cancel_url: textParam(params.cancel_url, 'cancel_url') as string,
      url: `${baseUrl}/c/pay/${id}`,
      allowed_payment_method_types: asList(params.allowed_payment_method_types).filter((t): t is string => typeof t === 'string'),
      payment_method_types: paymentMethodTypes,
      payment_method_options: paymentMethodTypes.includes('oxxo') ? { oxxo: { expires_after_days: oxxoDays } } : {},
      lineItems,
    };
    sessions.set(id, session);
    // Kept for the PaymentIntent this session makes when paid.
    intentMetadata.set(id, stringMap(asRecord(params.payment_intent_data).metadata));
    return session;
  }
  const intentMetadata = new Map<string, Record<string, string>>();

  function createRefund(params: Record<string, unknown>): StandInRefund {
    const intentId = textParam(params.payment_intent, 'payment_intent') as string;
    const intent = paymentIntents.get(intentId);
    if (!intent) throw new StripeApiError(404, 'invalid_request_error', `No such payment_intent: '${intentId}'`, 'resource_missing', 'payment_intent');
    if (intent.status !== 'succeeded') {
      throw new StripeApiError(400, 'invalid_request_error', `PaymentIntent ${intentId} has no successful charge to refund.`, 'charge_not_refundable');
    }
    const refunded = refunds.filter((r) => r.payment_intent === intentId).reduce((sum, r) => sum + r.amount, 0);
    const amount = params.amount === undefined ? intent.amount_received - refunded : integerParam(params.amount, 'amount', 1);
    if (amount <= 0 || refunded + amount > intent.amount_received) {
      throw new StripeApiError(400, 'invalid_request_error', `Charge for ${intentId} has already been refunded.`, 'charge_already_refunded');
    }
    const refund: StandInRefund = {
      id: randomId('re_test_'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intentId,
      status: 'succeeded',
      metadata: stringMap(params.metadata),
      created: seconds(),
    };
    refunds.push(refund);
    void emit('charge.refunded', { object: 'charge', payment_intent: intentId, amount: intent.amount_received, amount_refunded: refunded + amount, currency: intent.currency });
    return refund;
  }

  async function pay(sessionId: string, card: string = TEST_CARDS.approved): Promise<{ approved: boolean; redirect: string | null }> {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No session ${sessionId}`);
    expireIfDue(session);
    if (session.status !== 'open') return { approved: false, redirect: null };
    const number = card.replace(/[\s-]/g, '');
    const approved = number !== TEST_CARDS.declined;
    const intent: StandInPaymentIntent = {
      id: randomId('pi_test_'),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: approved ? session.amount_total : 0,
      currency: session.currency,
      status: approved ? 'succeeded' : 'requires_payment_method',
      metadata: intentMetadata.get(session.id) ?? {},
      created: seconds(),
      livemode: false,
      last_payment_error: approved ? null : { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      next_action: null,
    };
    paymentIntents.set(intent.id, intent);
    if (!approved) {
      await emit('payment_intent.payment_failed', intent);
      return { approved: false, redirect: null };
    }
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = intent.id;
    session.url = null;
    const completed = emit('checkout.session.completed', publicSession(session));
    await Promise.all([emit('payment_intent.succeeded', intent), completed]);
    return { approved: true, redirect: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) };
  }

  const isOxxo = (session: StandInSession) => session.payment_method_types.includes('oxxo');
  /** The session an OXXO PaymentIntent belongs to. */
  const sessionOfIntent = (intentId: string) => [...sessions.values()].find((s) => s.payment_intent === intentId);

  function intentOrThrow(intentId: string): StandInPaymentIntent {
    const intent = paymentIntents.get(intentId);
    if (!intent) throw new Error(`No PaymentIntent ${intentId}`);
    return intent;
  }

  /** 23:59:59 Mexico City time (UTC−6 all year), `days` calendar days after `at`: when Stripe makes a voucher expire. */
  function oxxoExpiry(atSeconds: number, days: number): number {
    const local = new Date((atSeconds - 6 * 3600) * 1000);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 23, 59, 59) / 1000 + 6 * 3600;
  }

  async function issueOxxoVoucher(sessionId: string): Promise<StandInPaymentIntent> {
    const session = sessions.get(sessionId);
    if (!session || !isOxxo(session)) throw new Error(`No OXXO session ${sessionId}`);
    expireIfDue(session);
    if (session.status !== 'open') throw new Error(`Session ${sessionId} is ${session.status}`);
    const id = randomId('pi_test_');
    const digits = Array.from(randomBytes(14), (b) => String(b % 10)).join('');
    const intent: StandInPaymentIntent = {
      id,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: 0,
      currency: session.currency,
      status: 'requires_action',
      next_action: {
        type: 'oxxo_display_details',
        oxxo_display_details: {
          number: digits,
          expires_after: oxxoExpiry(seconds(), session.payment_method_options.oxxo?.expires_after_days ?? 3),
          hosted_voucher_url: `${baseUrl}/c/oxxo/${id}`,
        },
      },
      metadata: intentMetadata.get(session.id) ?? {},
      created: seconds(),
      livemode: false,
      last_payment_error: null,
    };
    paymentIntents.set(id, intent);
    // As at Stripe: the session completes when the voucher is issued; the money comes later (or never).
    session.status = 'complete';
    session.payment_status = 'unpaid';
    session.payment_intent = id;
    session.url = null;
    await Promise.all([emit('payment_intent.requires_action', intent), emit('checkout.session.completed', publicSession(session))]);
    return intent;
  }

  async function payOxxoVoucher(intentId: string): Promise<void> {
    const intent = intentOrThrow(intentId);
    const session = sessionOfIntent(intentId);
    if (intent.status !== 'requires_action' || !session) return;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.next_action = null;
    session.payment_status = 'paid';
    await Promise.all([emit('payment_intent.succeeded', intent), emit('checkout.session.async_payment_succeeded', publicSession(session))]);
  }

  async function expireOxxoVoucher(intentId: string): Promise<void> {
    const intent = intentOrThrow(intentId);
    const session = sessionOfIntent(intentId);
    if (intent.status !== 'requires_action' || !session) return;
    intent.status = 'requires_payment_method';
    intent.next_action = null;
    intent.last_payment_error = { code: 'payment_intent_payment_attempt_expired', decline_code: '', message: 'The OXXO voucher expired without being paid.' };
    await Promise.all([emit('payment_intent.payment_failed', intent), emit('checkout.session.async_payment_failed', publicSession(session))]);
  }

  function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': randomId('req_'), 'stripe-version': STAND_IN_API_VERSION, ...headers });
    response.end(JSON.stringify(body));
  }

  function sendHtml(response: ServerResponse, status: number, html: string): void {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  }

  function redirect(response: ServerResponse, location: string): void {
    response.writeHead(303, { location });
    response.end();
  }

  function page(title: string, body: string): string {
    return `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0;padding:24px 16px}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001;padding:24px}
.banner{background:#fff4e5;border:1px solid #f5c37a;border-radius:8px;padding:8px 12px;font-size:14px;margin-bottom:16px}
h1{font-size:20px;margin:0 0 16px} table{width:100%;border-collapse:collapse;margin-bottom:16px}
td{padding:6px 0;border-bottom:1px solid #e3e8ee} td.n{text-align:right;white-space:nowrap}
tr.total td{font-weight:700;border-bottom:none}
label{display:block;font-size:14px;margin:12px 0 4px} input{width:100%;box-sizing:border-box;font-size:18px;padding:10px;border:1px solid #cfd7df;border-radius:6px}
button{width:100%;margin-top:16px;font-size:18px;padding:12px;border:0;border-radius:6px;background:#635bff;color:#fff;cursor:pointer}
.error{color:#b3261e;font-weight:600;margin-top:12px} .hint{font-size:13px;color:#556}
a.back{display:block;text-align:center;margin-top:16px;color:#635bff}
</style></head><body><main><p class="banner">Simulador local de Stripe (modo de prueba): ningún cargo es real.</p>${body}</main></body></html>`;
  }

  function oxxoCheckoutPage(session: StandInSession): string {
    const rows = session.lineItems
      .map((line) => `<tr><td>${escapeHtml(line.name)} × ${line.quantity}</td><td class="n">${money(line.amountTotal, session.currency)}</td></tr>`)
      .join('');
    const total = money(session.amount_total, session.currency);
    const days = session.payment_method_options.oxxo?.expires_after_days ?? 3;
    return page(
      `Pagar ${total} en OXXO — FarmaCruz`,
      `<h1>FarmaCruz</h1><table>${rows}<tr class="total"><td>Total a pagar</td><td class="n">${total}</td></tr></table>
<p>Paga en efectivo en cualquier tienda OXXO. Genera tu ficha de pago y preséntala en la caja; vence en ${days} ${days === 1 ? 'día' : 'días'}.</p>
<form method="post" action="/c/pay/${encodeURIComponent(session.id)}"><button type="submit">Generar ficha OXXO</button></form>
<a class="back" href="${escapeHtml(session.cancel_url)}">← Volver a la tienda sin generar la ficha</a>`,
    );
  }

  function formatExpiry(unixSeconds: number): string {
    return new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Mexico_City' }).format(new Date(unixSeconds * 1000));
  }

  /** A Code 128-looking barcode drawn from the reference digits (a picture for the page, not a scannable code). */
  function barcode(digits: string): string {
    const bars = digits
      .split('')
      .map((digit, index) => `<span style="flex:${1 + (Number(digit) % 3)} 0 0;margin-right:${2 + ((Number(digit) + index) % 3)}px"></span>`)
      .join('');
    return `<div class="barcode" role="img" aria-label="Código de barras de la referencia ${digits}">${bars}${bars}</div>`;
  }

  function voucherPage(intent: StandInPaymentIntent, session: StandInSession, note?: string): string {
    const total = money(intent.amount, intent.currency);
    const details = intent.next_action?.oxxo_display_details;
    if (intent.status === 'succeeded') {
      return page('Pago recibido en OXXO', `<h1>Pago recibido</h1><p role="status">OXXO confirmó el pago de ${total}. ${note ?? ''}</p>
<a class="back" href="${escapeHtml(session.success_url)}">Volver a la tienda</a>`);
    }
    if (!details) {
      return page('Ficha OXXO vencida', `<h1>Esta ficha OXXO venció</h1><p role="status">No se pagó a tiempo; ya no se puede pagar con ella.</p>
<a class="back" href="${escapeHtml(session.success_url)}">Volver a la tienda</a>`);
    }
    const reference = details.number.replace(/(\d{4})(?=\d)/g, '$1 ');
    return page(
      `Ficha de pago OXXO — ${total}`,
      `<h1>Ficha de pago OXXO</h1>
<style>.barcode{display:flex;height:64px;align-items:stretch;margin:8px 0 4px;overflow:hidden}.barcode span{background:#1a1f36;display:block}
dl.voucher{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:0 0 16px} dl.voucher dt{color:#556} dl.voucher dd{margin:0;font-weight:700}
.ref{font-family:Menlo,Consolas,monospace;font-size:20px;letter-spacing:1px} form.sim{margin:0} button.alt{background:#fff;color:#b3261e;border:1px solid #b3261e}</style>
<dl class="voucher">
<dt>Monto a pagar</dt><dd data-testid="oxxo-amount">${total}</dd>
<dt>Referencia</dt><dd class="ref" data-testid="oxxo-reference">${reference}</dd>
<dt>Vence el</dt><dd data-testid="oxxo-expiry">${formatExpiry(details.expires_after)}</dd>
</dl>
${barcode(details.number)}
<p class="hint">Presenta esta ficha en la caja de cualquier tienda OXXO y paga el monto exacto en efectivo. OXXO cobra una comisión al pagar.
Tu pago se confirma en cuanto OXXO nos avisa, a más tardar el siguiente día hábil.</p>
<p class="banner">Simulación (solo en este entorno local):</p>
<form class="sim" method="post" action="/c/oxxo/${encodeURIComponent(intent.id)}"><input type="hidden" name="action" value="pagado"><button type="submit">Simular: pagado en tienda</button></form>
<form class="sim" method="post" action="/c/oxxo/${encodeURIComponent(intent.id)}"><input type="hidden" name="action" value="vencido"><button type="submit" class="alt">Simular: ficha vencida sin pagar</button></form>
<a class="back" href="${escapeHtml(session.success_url)}">Volver a la tienda</a>`,
    );
  }

  async function handleVoucherPage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const intentId = decodeURIComponent(url.pathname.slice('/c/oxxo/'.length));
    const intent = paymentIntents.get(intentId);
    const session = sessionOfIntent(intentId);
    if (!intent || !session) return sendHtml(response, 404, page('No encontrado', '<h1>Esta ficha OXXO no existe</h1>'));
    if (request.method === 'GET') return sendHtml(response, 200, voucherPage(intent, session));
    if (request.method !== 'POST') return sendHtml(response, 405, page('Método no permitido', '<h1>Método no permitido</h1>'));
    const action = new URLSearchParams((await readRequestBody(request)).toString('utf8')).get('action');
    if (action === 'pagado') await payOxxoVoucher(intentId);
    else if (action === 'vencido') await expireOxxoVoucher(intentId);
    else return sendHtml(response, 400, page('Acción desconocida', '<h1>Acción desconocida</h1>'));
    return sendHtml(response, 200, voucherPage(intent, session, 'Tu pedido aparecerá como pagado en la tienda.'));
  }

  function checkoutPage(session: StandInSession, error?: string): string {
    if (isOxxo(session)) return oxxoCheckoutPage(session);
    const rows = session.lineItems
      .map((line) => `<tr><td>${escapeHtml(line.name)} × ${line.quantity}</td><td class="n">${money(line.amountTotal, session.currency)}</td></tr>`)
      .join('');
    const total = money(session.amount_total, session.currency);
    return page(
      `Pagar ${total} — FarmaCruz`,
      `<h1>FarmaCruz</h1><table>${rows}<tr class="total"><td>Total a pagar</td><td class="n">${total}</td></tr></table>
<form method="post" action="/c/pay/${encodeURIComponent(session.id)}">
<label for="card">Número de tarjeta</label>
<input id="card" name="card" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242">
<p class="hint">Tarjetas de prueba: 4242 4242 4242 4242 se aprueba; 4000 0000 0000 0002 se rechaza.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">Pagar ${total}</button></form>
<a class="back" href="${escapeHtml(session.cancel_url)}">← Volver a la tienda sin pagar</a>`,
    );
  }

  function closedPage(session: StandInSession): string {
    if (session.status === 'complete') {
      return page('Pago realizado', `<h1>Este pago ya se realizó</h1><a class="back" href="${escapeHtml(session.success_url)}">Volver a la tienda</a>`);
    }
    return page('Página de pago vencida', `<h1>Esta página de pago venció</h1><p>Ya no acepta pagos.</p><a class="back" href="${escapeHtml(session.cancel_url)}">Volver a la tienda</a>`);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const auth = request.headers.authorization ?? '';
    if (auth !== `Bearer ${options.secrets.apiKey}`) {
      throw new StripeApiError(401, 'invalid_request_error', 'Invalid API Key provided.', 'api_key_invalid');
    }
    const key = typeof request.headers['idempotency-key'] === 'string' ? `${request.method} ${url.pathname} ${request.headers['idempotency-key']}` : null;
    if (request.method === 'POST' && key && idempotent.has(key)) {
      const first = idempotent.get(key)!;
      sendJson(response, first.status, first.body, { 'idempotent-replayed': 'true' });
      return;
    }
    // As Stripe: a second request with a key whose first request is still running is refused with 409 (the SDK
    // retries it, and then gets the first request's answer).
    if (request.method === 'POST' && key && inFlight.has(key)) {
      throw new StripeApiError(409, 'idempotency_error', 'There is currently another in-progress request using this Idempotent Key. Please try again later.');
    }
    if (request.method === 'POST' && key) inFlight.add(key);
    try {
      await handleApiRequest(request, response, url, key);
    } finally {
      if (key) inFlight.delete(key);
    }
  }

  async function handleApiRequest(request: IncomingMessage, response: ServerResponse, url: URL, key: string | null): Promise<void> {
    const body = (await readRequestBody(request)).toString('utf8');
    const params = qs.parse(body, { depth: 10, arrayLimit: 200, parameterLimit: 2000 }) as Record<string, unknown>;
    const parts = url.pathname.split('/').filter(Boolean); // v1, checkout, sessions, id, expire
    let result: unknown;
    if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      result = publicSession(createSession(params));
    } else if (request.method === 'GET' && parts[1] === 'checkout' && parts[2] === 'sessions' && parts.length === 4) {
      const session = sessionOrThrow(parts[3] as string);
      expireIfDue(session);
      result = publicSession(session);
    } else if (request.method === 'POST' && parts[1] === 'checkout' && parts[2] === 'sessions' && parts[4] === 'expire' && parts.length === 5) {
      const session = sessionOrThrow(parts[3] as string);
      if (session.status !== 'open') {
        throw new StripeApiError(400, 'invalid_request_error', `Only Checkout Sessions with a status of \`open\` can be expired.`, 'checkout_session_not_open');
      }
      session.status = 'expired';
      session.url = null;
      void emit('checkout.session.expired', publicSession(session));
      result = publicSession(session);
    } else if (request.method === 'POST' && url.pathname === '/v1/refunds') {
      result = createRefund(params);
    } else {
      throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${url.pathname}).`);
    }
    if (key) idempotent.set(key, { status: 200, body: result });
    sendJson(response, 200, result);
  }

  async function handlePage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const sessionId = decodeURIComponent(url.pathname.slice('/c/pay/'.length));
    const session = sessions.get(sessionId);
    if (!session) return sendHtml(response, 404, page('No encontrado', '<h1>Esta página de pago no existe</h1>'));
    expireIfDue(session);
    if (session.status !== 'open') return sendHtml(response, 200, closedPage(session));
    if (request.method === 'GET') return sendHtml(response, 200, checkoutPage(session));
    if (request.method !== 'POST') return sendHtml(response, 405, page('Método no permitido', '<h1>Método no permitido</h1>'));
    if (isOxxo(session)) {
      const intent = await issueOxxoVoucher(session.id);
      return redirect(response, intent.next_action!.oxxo_display_details.hosted_voucher_url);
    }
    const form = new URLSearchParams((await readRequestBody(request)).toString('utf8'));
    const card = (form.get('card') ?? '').replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(card)) return sendHtml(response, 200, checkoutPage(session, 'Escribe el número de la tarjeta (solo dígitos).'));
    const outcome = await pay(session.id, card);
    if (!outcome.approved) return sendHtml(response, 200, checkoutPage(session, 'Tu tarjeta fue rechazada. Prueba con otra tarjeta.'));
    redirect(response, outcome.redirect as string);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const work = url.pathname.startsWith('/v1/')
      ? handleApi(request, response, url)
      : url.pathname.startsWith('/c/pay/')
        ? handlePage(request, response, url)
        : url.pathname.startsWith('/c/oxxo/')
          ? handleVoucherPage(request, response, url)
          : null;
    if (!work) {
      sendJson(response, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${url.pathname}).` } });
      return;
    }
    work.catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof StripeApiError) {
        sendJson(response, error.status, { error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.param ? { param: error.param } : {}) } });
      } else {
        log(`[stripe] stand-in error: ${String(error)}`);
        sendJson(response, 500, { error: { type: 'api_error', message: 'The local Stripe stand-in failed.' } });
      }
    });
  });
  const listening = await listenLocally(server, options.host, options.port);
  baseUrl = listening.endpoint;

  return {
    url: baseUrl,
    sessions,
    paymentIntents,
    refunds,
    events,
    deliveries,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    pay,
    issueOxxoVoucher,
    payOxxoVoucher,
    expireOxxoVoucher,
    async expire(sessionId) {
      const session = sessionOrThrow(sessionId);
      if (session.status !== 'open') return;
      session.status = 'expired';
      session.url = null;
      await emit('checkout.session.expired', publicSession(session));
    },
    async resend(eventId) {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`No event ${eventId}`);
      return deliverOnce(event, deliveries.filter((d) => d.eventId === eventId).length + 1);
    },
    sign(payload, timestampSeconds, secret = options.secrets.webhookSecret) {
      return stripeSignatureHeader(payload, timestampSeconds, secret);
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...pendingDeliveries]);
      await listening.close();
    },
  };
}
