/**
 * The AWS_LAMBDA data source kind of wiring/api.ts in the CDK: a resolver function of the registry
 * (wiring/resolver-functions.ts) becomes a Lambda with its own role, an AppSync LambdaDataSource whose role may
 * invoke that function only, and the resolvers wired to it. Fixture wiring on a minimal stack; the deployed
 * functions of the real wiring are checked in farmacruz-stack.test.ts and deployable.test.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import type { DataSourceDefinition, DataSourceName, ResolverDefinition } from '../wiring/api';
import { GraphqlApi } from './constructs/graphql-api';
import { ResolverFunctions, type ResolverFunctionResources } from './constructs/resolver-functions';
import { logicalIdOf } from './nag';
import { ROOT_DIR } from './test-support/synth';

let template: Template;
let functionId: string;
let otherFunctionId: string;

const dataSources: Record<string, DataSourceDefinition> = {
  table: { kind: 'AMAZON_DYNAMODB', description: 'table' },
  paymentsFn: { kind: 'AWS_LAMBDA', description: 'Invokes the fixture payments function', function: 'similarity' },
};
// Any existing bundle serves as the resolver code here; what matters is the data source it is wired to.
const resolvers: ResolverDefinition[] = [
  { typeName: 'Query', fieldName: 'product', kind: 'UNIT', dataSource: 'paymentsFn' as DataSourceName },
  { typeName: 'Query', fieldName: 'products', kind: 'UNIT', dataSource: 'table' },
];

beforeAll(async () => {
  await bundleAppSyncCode(ROOT_DIR);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Fixture', { env: { region: 'us-east-1', account: '111111111111' } });
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING } });
  const userPool = new cognito.UserPool(stack, 'Pool');
  const resources = { table, userPool, storage: undefined as never, commonEnvironment: { LOG_LEVEL: 'INFO' } } satisfies ResolverFunctionResources;
  const functions = new ResolverFunctions(stack, 'ResolverFunctions', {
    rootDir: ROOT_DIR,
    logRetention: logs.RetentionDays.ONE_WEEK,
    resources,
    definitions: [
      { name: 'similarity', description: 'fixture resolver function', timeoutSeconds: 10, memoryMb: 256 },
      { name: 'order-lake', description: 'a second one, not wired to a data source', timeoutSeconds: 10, memoryMb: 256 },
    ],
    access: {
      similarity: (fn, r) => {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [r.table.tableArn] }));
        return { ...r.commonEnvironment, TABLE_NAME: r.table.tableName };
      },
      'order-lake': (_fn, r) => ({ ...r.commonEnvironment }),
    },
    requiredEnvironment: (name) => (name === 'similarity' ? ['TABLE_NAME'] : []),
  });
  new GraphqlApi(stack, 'GraphQL', {
    rootDir: ROOT_DIR,
    userPool,
    table,
    apiKeyExpiryDays: 30,
    fieldLogLevel: appsync.FieldLogLevel.ERROR,
    logRetention: logs.RetentionDays.ONE_WEEK,
    apiCache: 'NONE',
    rateLimitPer5Minutes: 1000,
    resolverFunctions: functions.functions,
    wiring: { dataSources, resolvers, pipelineFunctions: [] },
  });
  template = Template.fromStack(stack);
  functionId = logicalIdOf(functions.functions.get('similarity')!);
  otherFunctionId = logicalIdOf(functions.functions.get('order-lake')!);
}, 240_000);

describe('an AWS_LAMBDA data source', () => {
  it('is an AppSync Lambda data source on the function of the registry', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', {
      Type: 'AWS_LAMBDA',
      Name: 'paymentsFn',
      LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] } },
    });
  });

  it('has a role that may invoke that function (and its versions) and nothing else', () => {
    const dataSource = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Type: 'AWS_LAMBDA' } }))[0]!;
    const roleId = (dataSource.Properties.ServiceRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]);
    expect(statements.map((s) => s.Action)).toEqual(['lambda:InvokeFunction']);
    const targets = JSON.stringify(statements[0]!.Resource);
    expect(targets).toContain(functionId);
    expect(targets).not.toContain(otherFunctionId);
  });

  it('serves the fields wired to it with the bundled resolver code', () => {
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      FieldName: 'product',
      Kind: 'UNIT',
      DataSourceName: 'paymentsFn',
      Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
    });
  });
});

describe('a resolver function', () => {
  it('is a Node.js 22 ARM Lambda with its timeout, memory and the environment its access entry returns', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'fixture resolver function',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 10,
      MemorySize: 256,
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), LOG_LEVEL: 'INFO' }) },
    });
  });

  it('gets only what its access entry grants (and its own logs, X-Ray)', () => {
    const fn = template.toJSON().Resources[functionId];
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
    expect(actions.sort()).toEqual(['dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('refuses to synthesize without an access entry, or without a variable it requires', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Bad');
    const resources = { table: undefined as never, userPool: undefined as never, storage: undefined as never, commonEnvironment: {} };
    const definitions = [{ name: 'similarity', description: 'x', timeoutSeconds: 10, memoryMb: 128 }];
    expect(() => new ResolverFunctions(stack, 'A', { rootDir: ROOT_DIR, logRetention: 7, resources, definitions, access: {} })).toThrow(
      /no access entry/,
    );
    expect(
      () =>
        new ResolverFunctions(stack, 'B', {
          rootDir: ROOT_DIR,
          logRetention: 7,
          resources,
          definitions,
          access: { similarity: () => ({}) },
          requiredEnvironment: () => ['TABLE_NAME'],
        }),
    ).toThrow(/would start without TABLE_NAME/);
  });

  it('refuses a data source that invokes a function not in the registry', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Unknown');
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING } });
    expect(
      () =>
        new GraphqlApi(stack, 'GraphQL', {
          rootDir: ROOT_DIR,
          userPool: new cognito.UserPool(stack, 'Pool'),
          table,
          apiKeyExpiryDays: 30,
          fieldLogLevel: appsync.FieldLogLevel.ERROR,
          logRetention: logs.RetentionDays.ONE_WEEK,
          apiCache: 'NONE',
          rateLimitPer5Minutes: 1000,
          resolverFunctions: new Map(),
          wiring: { dataSources, resolvers, pipelineFunctions: [] },
        }),
    ).toThrow(/not a deployed resolver function/);
  });
});
