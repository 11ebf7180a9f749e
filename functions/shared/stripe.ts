/**
 * Stripe for the payment Lambdas (card-checkout, stripe-webhook): the official SDK, its secrets and where its
 * API is. In AWS the API key and the webhook signing secret are one SSM SecureString parameter
 * (`{"apiKey":"sk_…","webhookSecret":"whsec_…"}`, named by the CDK stack, put there by the operator: see
 * docs/deploy.md; CloudFormation cannot create SecureStrings, and a standard parameter costs nothing at idle,
 * unlike a Secrets Manager secret), read once per cold start; locally they are the stand-in's test values and the SDK talks to
 * the local stand-in (local/stripe/) through its host/port/protocol options. Same code either way.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import Stripe from 'stripe';
import type { StripeSecrets, StripeSettings } from '../../config/settings';

export type { StripeSecrets };
export { Stripe };

/** Parses the secret's JSON; names what is missing instead of failing later at Stripe. */
export function parseStripeSecrets(text: string | undefined): StripeSecrets {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new Error('The Stripe parameter is not JSON: store {"apiKey":"sk_…","webhookSecret":"whsec_…"} (docs/deploy.md)');
  }
  const { apiKey, webhookSecret } = (value ?? {}) as Record<string, unknown>;
  if (typeof apiKey !== 'string' || !/^(sk|rk)_(test|live)_/.test(apiKey)) {
    throw new Error('The Stripe secret has no apiKey (sk_test_… or sk_live_…, or a restricted rk_ key): see docs/deploy.md');
  }
  if (typeof webhookSecret !== 'string' || !webhookSecret.startsWith('whsec_')) {
    throw new Error('The Stripe secret has no webhookSecret (whsec_…, the webhook endpoint\'s signing secret): see docs/deploy.md');
  }
  return { apiKey, webhookSecret };
}

/**
 * The secrets as a once-per-process promise: the test values locally, otherwise the SSM SecureString
 * parameter (decrypted with the account's aws/ssm key). A failed read is not cached: the next invocation tries again.
 */
export function stripeSecretsLoader(settings: StripeSettings, region: string): () => Promise<StripeSecrets> {
  let loading: Promise<StripeSecrets> | undefined;
  return () => {
    if (settings.secrets) return Promise.resolve(settings.secrets);
    if (!settings.parameterName) return Promise.reject(new Error('No Stripe secret: STRIPE_PARAMETER_NAME is not set'));
    loading ??= (async () => {
      const client = new SSMClient({ region });
      try {
        const result = await client.send(new GetParameterCommand({ Name: settings.parameterName, WithDecryption: true }));
        return parseStripeSecrets(result.Parameter?.Value);
      } finally {
        client.destroy();
      }
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** The SDK client: Stripe's API, or the one at `apiUrl` (the local stand-in). */
export function createStripeClient(apiKey: string, apiUrl?: string): Stripe {
  const at = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(apiKey, {
    ...(at
      ? {
          host: at.hostname,
          port: at.port ? Number(at.port) : at.protocol === 'http:' ? 80 : 443,
          protocol: at.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
    // Safe to retry: every write we make carries an idempotency key (the SDK adds one to retried POSTs too).
    maxNetworkRetries: 2,
    // AppSync waits 30 s for the resolver Lambda; Stripe usually answers in well under a second.
    timeout: 10_000,
    appInfo: { name: 'FarmaCruz Commerce' },
  });
}

/** One Stripe client per process, built when first needed from the secrets. */
export function stripeClientLoader(settings: StripeSettings, region: string): () => Promise<{ stripe: Stripe; secrets: StripeSecrets }> {
  const secrets = stripeSecretsLoader(settings, region);
  let client: { stripe: Stripe; secrets: StripeSecrets } | undefined;
  return async () => {
    if (client) return client;
    const loaded = await secrets();
    client = { stripe: createStripeClient(loaded.apiKey, settings.apiUrl), secrets: loaded };
    return client;
  };
}
