/** Loads the web app's runtime configuration from /config.json. */
import type { PharmacyContact, SpeiAccount, WebConfig } from './web-config';

export type { PharmacyContact, SpeiAccount, WebConfig } from './web-config';

/**
 * The account only when whole. Its CLABE's control digit is checked where it is shown (OrderPayment.tsx), so
 * the checker stays out of the code every page loads first.
 */
function speiAccountOf(raw: unknown): SpeiAccount | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const a = raw as Record<string, unknown>;
  if (typeof a.clabe !== 'string' || a.clabe === '') return undefined;
  if (typeof a.beneficiary !== 'string' || a.beneficiary === '' || typeof a.bank !== 'string' || a.bank === '') return undefined;
  return { clabe: a.clabe, beneficiary: a.beneficiary, bank: a.bank };
}

function pharmacyContactOf(raw: unknown): PharmacyContact | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const c = raw as Record<string, unknown>;
  const fields = [c.phone, c.phoneE164, c.email, c.hours];
  if (!fields.every((f) => typeof f === 'string' && f !== '')) return undefined;
  return { phone: c.phone as string, phoneE164: c.phoneE164 as string, email: c.email as string, hours: c.hours as string };
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`config.json: "${name}" is missing`);
  return value;
}

async function fetchConfig(): Promise<Record<string, unknown>> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function loadWebConfig(): Promise<WebConfig> {
  // index.html starts this request while the app's JavaScript downloads; fall back to our own request.
  const early = (window as { __farmacruzConfig?: Promise<Record<string, unknown>> }).__farmacruzConfig;
  const raw = early ? await early.catch(fetchConfig) : await fetchConfig();
  return {
    graphqlUrl: requireString(raw.graphqlUrl, 'graphqlUrl'),
    realtimeUrl: typeof raw.realtimeUrl === 'string' && raw.realtimeUrl !== '' ? raw.realtimeUrl : undefined,
    apiKey: requireString(raw.apiKey, 'apiKey'),
    region: requireString(raw.region, 'region'),
    cognitoEndpoint: typeof raw.cognitoEndpoint === 'string' ? raw.cognitoEndpoint : undefined,
    userPoolClientId: requireString(raw.userPoolClientId, 'userPoolClientId'),
    pharmacyContact: pharmacyContactOf(raw.pharmacyContact),
    speiAccount: speiAccountOf(raw.speiAccount),
  };
}
