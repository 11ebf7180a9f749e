/** Deploy settings: defaults, sources and their precedence, validation. Pure: no synth. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeployEnvironment } from '../config/settings';
import { DEPLOY_SETTING_NAMES, resolveDeploySettings, settingContextKey, settingEnvName } from './settings';

describe('deploy settings', () => {
  it('have documented defaults that need no input', () => {
    const s = resolveDeploySettings();
    expect(s).toMatchObject({
      stackPrefix: 'FarmaCruz',
      region: 'us-east-1',
      replicaRegion: 'us-east-2',
      shopTimeZone: 'America/Mexico_City',
      emailsGlacierAfterDays: 90,
      emailsExpireAfterDays: 365,
      logsExpireAfterDays: 30,
      vpc: false,
      natGateways: 3,
      apiCache: 'NONE',
      fieldLogLevel: 'ERROR',
      lakeStreamMode: 'PROVISIONED',
      lakeShards: 1,
      lakeGlueTable: true,
      analyticsScanLimitMb: 10_240,
      analyticsResultsExpireAfterDays: 7,
      apiKeyExpiryDays: 360,
    });
    expect(s.alarmEmail).toBeUndefined();
    expect(s.domainName).toBeUndefined();
    expect(s.senderEmail).toBeUndefined();
    expect(s.account).toBeUndefined();
  });

  it('are read from CDK context keys farmacruz:<name>, strings coerced', () => {
    const s = resolveDeploySettings({
      context: { 'farmacruz:vpc': 'true', 'farmacruz:natGateways': '1', 'farmacruz:emailsGlacierAfterDays': 30, other: 'ignored' },
    });
    expect(s.vpc).toBe(true);
    expect(s.natGateways).toBe(1);
    expect(s.emailsGlacierAfterDays).toBe(30);
  });

  it('are read from FARMACRUZ_DEPLOY_* environment variables, and context wins over the environment', () => {
    const env = loadDeployEnvironment({ FARMACRUZ_DEPLOY_SHOP_TIME_ZONE: 'America/Monterrey', FARMACRUZ_DEPLOY_VPC: 'true', HOME: '/root' });
    expect(env).toEqual({ FARMACRUZ_DEPLOY_SHOP_TIME_ZONE: 'America/Monterrey', FARMACRUZ_DEPLOY_VPC: 'true' });
    const s = resolveDeploySettings({ env, context: { 'farmacruz:vpc': false } });
    expect(s.shopTimeZone).toBe('America/Monterrey');
    expect(s.vpc).toBe(false);
  });

  it('name environment variables after the setting', () => {
    expect(settingEnvName('emailsGlacierAfterDays')).toBe('FARMACRUZ_DEPLOY_EMAILS_GLACIER_AFTER_DAYS');
    expect(settingContextKey('vpc')).toBe('farmacruz:vpc');
  });

  it('refuse unknown setting names (typos) from either source', () => {
    expect(() => resolveDeploySettings({ context: { 'farmacruz:vcp': true } })).toThrow(/Unknown deploy setting farmacruz:vcp/);
    expect(() => resolveDeploySettings({ env: { FARMACRUZ_DEPLOY_VCP: 'true' } })).toThrow(/Unknown deploy setting FARMACRUZ_DEPLOY_VCP/);
  });

  it('refuse an expiry that is not later than the Glacier transition', () => {
    expect(() =>
      resolveDeploySettings({ context: { 'farmacruz:emailsGlacierAfterDays': 365, 'farmacruz:emailsExpireAfterDays': 365 } }),
    ).toThrow(/emailsExpireAfterDays/);
  });

  it('refuse an invalid time zone, a replica in the main region, and a domain without its hosted zone', () => {
    expect(() => resolveDeploySettings({ context: { 'farmacruz:shopTimeZone': 'Mars/Olympus' } })).toThrow(/IANA time zone/);
    expect(() => resolveDeploySettings({ context: { 'farmacruz:replicaRegion': 'us-east-1' } })).toThrow(/replicaRegion/);
    expect(() => resolveDeploySettings({ context: { 'farmacruz:domainName': 'farmacruz.com.mx' } })).toThrow(/hostedZoneId/);
  });

  it('refuse boolean words other than true/false/1/0', () => {
    expect(() => resolveDeploySettings({ context: { 'farmacruz:vpc': 'yes' } })).toThrow(/vpc/);
  });

  it('derive the sender address from the domain unless one is given', () => {
    const domain = { 'farmacruz:domainName': 'farmacruz.com.mx', 'farmacruz:hostedZoneId': 'Z0123456789ABC' };
    expect(resolveDeploySettings({ context: domain }).senderEmail).toBe('pedidos@farmacruz.com.mx');
    expect(resolveDeploySettings({ context: { ...domain, 'farmacruz:senderEmail': 'ventas@farmacruz.com.mx' } }).senderEmail).toBe(
      'ventas@farmacruz.com.mx',
    );
  });

  it('are all documented in docs/deploy.md', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../docs/deploy.md'), 'utf8');
    for (const name of DEPLOY_SETTING_NAMES) {
      expect(doc, name).toContain(`\`${name}\``);
    }
  });
});
