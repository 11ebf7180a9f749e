/**
 * The aviso de privacidad's version and how a shopper's consent to it is recorded: a custom attribute of their
 * Cognito user, written at sign-up, `<version>@<ISO-8601 UTC time>` (e.g. "2026-12-01@2026-12-01T18:40:00.000Z"),
 * so each account says which text it accepted and when. Plain data: the web app, the CDK stack (the pool's
 * custom attribute) and the tests read it.
 */

/** Bump when the aviso's text changes in substance (web/src/pages/PrivacyNotice.tsx shows this date). */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

/** The custom attribute's name without Cognito's `custom:` prefix (what the CDK declares). */
export const PRIVACY_CONSENT_ATTRIBUTE_NAME = 'privacy_consent';
/** As the Cognito APIs and ID tokens name it. */
export const PRIVACY_CONSENT_ATTRIBUTE = `custom:${PRIVACY_CONSENT_ATTRIBUTE_NAME}`;

export interface PrivacyConsent {
  readonly version: string;
  /** When it was given, ISO-8601 UTC. */
  readonly at: string;
}

export function privacyConsentValue(consent: PrivacyConsent): string {
  return `${consent.version}@${consent.at}`;
}

export function parsePrivacyConsent(value: unknown): PrivacyConsent | null {
  if (typeof value !== 'string') return null;
  const at = value.indexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  return { version: value.slice(0, at), at: value.slice(at + 1) };
}
