/**
 * Runtime configuration of the web app, fetched from /config.json (local stack or CDK deployment). A type only,
 * without browser code, so the local stack (Node) that serves config.json shares it.
 */
export interface WebConfig {
  readonly graphqlUrl: string;
  /** AppSync's real-time (WebSocket) endpoint; derived from graphqlUrl when absent (web/src/realtime/). */
  readonly realtimeUrl?: string;
  readonly apiKey: string;
  readonly region: string;
  /** Set locally (cognito-local); omitted in AWS, where the regional Cognito endpoint is used. */
  readonly cognitoEndpoint?: string;
  readonly userPoolClientId: string;
  /** How shoppers reach the pharmacy (config/settings.ts loadPharmacyContact, the one definition); absent in an old config.json. */
  readonly pharmacyContact?: PharmacyContact;
  /** The shop's account for bank transfers (config/settings.ts loadSpeiAccount, the one definition); absent in an old config.json. */
  readonly speiAccount?: SpeiAccount;
}

export interface SpeiAccount {
  /** 18 digits. */
  readonly clabe: string;
  readonly beneficiary: string;
  readonly bank: string;
}

export interface PharmacyContact {
  readonly phone: string;
  readonly phoneE164: string;
  readonly email: string;
  readonly hours: string;
}
