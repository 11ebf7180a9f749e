/**
 * Sales analytics in the synthesized template: the Glue table on by default, the Athena workgroup with its
 * expiring results bucket and enforced scan limit, the hourly analytics Lambda with its SQL bundled and
 * only the rights it needs; and no analytics job when the Glue table is switched off.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdas } from '../wiring/events';
import { ATHENA_RESULTS_PREFIX } from './constructs/analytics';
import { logicalIdOf } from './nag';
import { resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

let synth: SynthesizedApp;
let main: Template;

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example' });
  main = synth.mainTemplate;
}, 240_000);

function policyStatementsOf(functionName: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const fn = synth.main.functions.functions.get(functionName)!;
  const roleId = logicalIdOf(fn.role!.node.defaultChild as never);
  return Object.values(resourcesOfType(main, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify((policy.Properties as any).Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties as any).PolicyDocument.Statement);
}

describe('sales analytics infrastructure (default settings)', () => {
  it('catalogs the lake in Glue by default', () => {
    expect(synth.settings.lakeGlueTable).toBe(true);
    main.resourceCountIs('AWS::Glue::Table', 1);
  });

  it('has an Athena workgroup that enforces its result location, encryption and a per-query scan limit', () => {
    main.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: synth.settings.analyticsScanLimitMb * 1024 * 1024,
        ResultConfiguration: {
          OutputLocation: Match.anyValue(),
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      }),
    });
    const bucketId = logicalIdOf(synth.main.salesAnalytics!.resultsBucket.node.defaultChild as never);
    const bucket = resourcesOfType(main, 'AWS::S3::Bucket')[bucketId]!;
    expect(JSON.stringify((bucket.Properties as any).LifecycleConfiguration)).toContain(`"ExpirationInDays":${synth.settings.analyticsResultsExpireAfterDays}`);
    const workGroup = Object.values(resourcesOfType(main, 'AWS::Athena::WorkGroup'))[0]!;
    expect(JSON.stringify((workGroup.Properties as any).WorkGroupConfiguration.ResultConfiguration.OutputLocation)).toContain(ATHENA_RESULTS_PREFIX);
  });

  it('runs the analytics Lambda every hour with Athena, its workgroup and Glue database', () => {
    const definition = lambdas.find((l) => l.name === 'analytics')!;
    expect(definition.trigger).toMatchObject({ kind: 'schedule' });
    main.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `cron(${(definition.trigger as { cron: string }).cron})`,
      ScheduleExpressionTimezone: synth.settings.shopTimeZone,
    });
    main.hasResourceProperties('AWS::Lambda::Function', {
      Description: definition.description,
      Environment: {
        Variables: Match.objectLike({
          ANALYTICS_QUERY_ENGINE: 'athena',
          ANALYTICS_ATHENA_WORKGROUP: Match.anyValue(),
          ANALYTICS_ATHENA_DATABASE: Match.anyValue(),
          SHOP_TIME_ZONE: synth.settings.shopTimeZone,
          TABLE_NAME: Match.anyValue(),
        }),
      },
    });
  });

  it('lets the job query through its workgroup, read the lake and write only the analytics items', () => {
    const statements = policyStatementsOf('analytics');
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryResults', 'glue:GetTable', 's3:GetObject', 'dynamodb:PutItem']));
    // Every table action is held to the two analytics partitions: ANALYTICS (periods, series, the day items'
    // pointer) and ANALYTICS_DAYS (the per-day items of the free date range).
    const tableStatements = statements.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a) => a.startsWith('dynamodb:')));
    expect(tableStatements.map((s) => s.Condition)).toEqual([
      { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ANALYTICS'] } },
      { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['ANALYTICS_DAYS'] } },
    ]);
    expect(tableStatements.map((s) => [...(s.Action as string[])].sort())).toEqual([
      ['dynamodb:GetItem', 'dynamodb:PutItem'],
      ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query'],
    ]);
    expect(actions).not.toContain('s3:PutObject*');
    // Only X-Ray (active tracing) has no resource-level permissions.
    const unscoped = statements.filter((s) => s.Resource === '*').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(unscoped.every((a) => a.startsWith('xray:'))).toBe(true);
  });

  it('bundles the metric SQL next to the handler', () => {
    const fn = synth.main.functions.functions.get('analytics')!;
    const code = (fn.node.defaultChild as any).code as { s3Key?: string };
    expect(code).toBeDefined();
    const assetDirs = readdirSync(synth.outdir).filter((d) => d.startsWith('asset.'));
    const withSql = assetDirs.filter((d) => existsSync(path.join(synth.outdir, d, 'sql', 'period_summary.sql')));
    expect(withSql).toHaveLength(1);
    expect(existsSync(path.join(synth.outdir, withSql[0]!, 'sql', 'relations', 'orders.sql'))).toBe(true);
    expect(existsSync(path.join(synth.outdir, withSql[0]!, 'index.mjs'))).toBe(true);
  });
});

describe('sales analytics infrastructure without the Glue table', () => {
  it('has no workgroup and no analytics job', async () => {
    const off = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example', lakeGlueTable: false }, { skipLambdaBundling: true });
    off.mainTemplate.resourceCountIs('AWS::Athena::WorkGroup', 0);
    off.mainTemplate.resourceCountIs('AWS::Glue::Table', 0);
    expect(off.main.functions.functions.has('analytics')).toBe(false);
  }, 240_000);
});
