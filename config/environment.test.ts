import { describe, expect, it } from 'vitest';
import { lambdaHandlerPath, lambdas } from '../wiring/events';
import { resolverFunctions } from '../wiring/resolver-functions';
import { LAMBDA_ENV, REQUIRED_LAMBDA_ENV, requiredLambdaEnv } from './environment';
import { loadLambdaSettings, localLambdaSettings } from './settings';

/** A complete deployed environment of order-email. */
const orderEmailEnv: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'FarmaCruz-TableCD117FA1-ABC',
  EMAILS_BUCKET: 'farmacruz-emailsbucket-abc',
  ORDER_EMAIL_FROM: 'FarmaCruz <pedidos@farmacruz.com.mx>',
  ORDER_EMAIL_CONFIGURATION_SET: 'ConfigurationSet123',
  ORDER_EMAIL_TEMPLATE_PLACED: 'shop-order-placed',
  ORDER_EMAIL_TEMPLATE_STATUS_CHANGED: 'shop-order-status-changed',
  ORDER_EMAIL_TEMPLATE_CANCELLED: 'shop-order-cancelled',
  ORDER_EMAIL_SHOP_URL: 'https://finalweb.farmacruz.com.mx',
  USER_POOL_ID: 'us-east-1_AbCdEf123',
};

describe('environment variables of the Lambdas', () => {
  it('lists the required variables of exactly the Lambdas of wiring/events.ts and wiring/resolver-functions.ts', () => {
    expect(Object.keys(REQUIRED_LAMBDA_ENV).sort()).toEqual([...lambdas, ...resolverFunctions].map((l) => l.name).sort());
    expect(() => requiredLambdaEnv('nope')).toThrow(/no environment for Lambda nope/);
  });

  it('names every variable once', () => {
    const names = Object.values(LAMBDA_ENV);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses to start a deployed Lambda without its variables, naming each missing one', () => {
    expect(() => loadLambdaSettings('order-stream', { AWS_REGION: 'us-east-1' })).toThrow(/order-stream cannot start: .*ORDERS_TOPIC_ARN/);
    const { ORDER_EMAIL_SHOP_URL: _url, EMAILS_BUCKET: _bucket, ...withoutTwo } = orderEmailEnv;
    expect(() => loadLambdaSettings('order-email', withoutTwo)).toThrow(/EMAILS_BUCKET, ORDER_EMAIL_SHOP_URL not set/);
    expect(() => loadLambdaSettings('order-email', { ...orderEmailEnv, ORDER_EMAIL_FROM: '  ' })).toThrow(/ORDER_EMAIL_FROM not set/);
    expect(() => loadLambdaSettings('catalog-import', {})).toThrow(/TABLE_NAME, CATALOG_REPORT_PREFIX not set/);
  });

  it('refuses to start the analytics Lambda without its table, Athena workgroup, database and time zone', () => {
    expect(() => loadLambdaSettings('analytics', { AWS_REGION: 'us-east-1' })).toThrow(
      /analytics cannot start: environment variable\(s\) TABLE_NAME, ANALYTICS_ATHENA_WORKGROUP, ANALYTICS_ATHENA_DATABASE, SHOP_TIME_ZONE not set/,
    );
    // The analytics settings have defaults (the local stack's names); in AWS none may stand in for a missing one.
    const analyticsEnv = { AWS_REGION: 'us-east-1', TABLE_NAME: 'FarmaCruz-Table', ANALYTICS_ATHENA_DATABASE: 'farmacruz_lake', SHOP_TIME_ZONE: 'America/Mexico_City' };
    expect(() => loadLambdaSettings('analytics', analyticsEnv)).toThrow(/analytics cannot start: environment variable\(s\) ANALYTICS_ATHENA_WORKGROUP not set/);
    expect(loadLambdaSettings('analytics', { ...analyticsEnv, ANALYTICS_ATHENA_WORKGROUP: 'farmacruz-analytics' }).tableName).toBe('FarmaCruz-Table');
  });

  it('gives a deployed Lambda what it was told and no made-up resource names', () => {
    const settings = loadLambdaSettings('order-email', orderEmailEnv);
    expect(settings.email.shopUrl).toBe('https://finalweb.farmacruz.com.mx');
    expect(settings.email.templates.orderPlaced).toBe('shop-order-placed');
    expect(settings.idempotency.tableName).toBe(orderEmailEnv.TABLE_NAME);
    // Not order-email's business, so not set: empty, never the local stand-in's names.
    expect(settings.ordersTopicArn).toBe('');
    expect(settings.lakeStreamName).toBe('');
  });

  it('refuses an invalid value in AWS too', () => {
    expect(() => loadLambdaSettings('order-email', { ...orderEmailEnv, ORDER_EMAIL_SHOP_URL: 'not a url' })).toThrow(/invalid settings/);
  });

  it('fills in local stand-ins only in local mode', () => {
    const local = localLambdaSettings({ TABLE_NAME: 'test-table' });
    expect(local.tableName).toBe('test-table');
    expect(local.ordersTopicArn).toMatch(/^arn:aws:sns:/);
    expect(local.email.shopUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
  });

  it.each(lambdas.map((l) => l.name))('%s: its AWS entry point fails at start without its variables', async (name) => {
    for (const variable of requiredLambdaEnv(name)) expect(process.env[variable]).toBeUndefined();
    const module = (await import(`../${lambdaHandlerPath(name)}`)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
    await expect(async () => module.handler({ Records: [] }, {})).rejects.toThrow(new RegExp(`${name} cannot start`));
  });
});
