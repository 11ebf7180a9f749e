/**
 * Issue 9, "deployable as-is": what a first `cdk deploy` into a fresh account needs beyond synthesizing.
 * Default settings plus a sender address; Lambda code is not bundled here (farmacruz-stack.test.ts does).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiredLambdaEnv } from '../config/environment';
import { lambdas } from '../wiring/events';
import { idleMonthlyCost, type TemplateJson } from './idle-cost';
import { logicalIdOf } from './nag';
import { synthesizeApp, type SynthesizedApp } from './test-support/synth';

const SENDER = 'pedidos@farmacruz.example';

let synth: SynthesizedApp;
let main: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: SENDER }, { skipLambdaBundling: true });
  main = synth.mainTemplate;
  json = main.toJSON() as typeof json;
}, 240_000);

const resource = (construct: Parameters<typeof logicalIdOf>[0]) => json.Resources[logicalIdOf(construct)]!;
const fnOf = (name: string) => {
  const fn = synth.main.functions.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};

describe('Lambda environment', () => {
  it.each(lambdas.map((l) => l.name))('%s gets every variable it refuses to start without', (name) => {
    const variables = resource(fnOf(name)).Properties.Environment.Variables as Record<string, unknown>;
    for (const variable of requiredLambdaEnv(name)) expect(variables[variable], variable).toBeTruthy();
  });
});

describe('order emails', () => {
  it('refuses to synthesize without a sender or a domain, saying what to set', async () => {
    await expect(synthesizeApp({}, { skipLambdaBundling: true })).rejects.toThrow(/No sender for the order emails: set farmacruz:senderEmail/);
  });
});

const statementsOf = (roleLogicalId: string) =>
  Object.values(json.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: any }[]);
const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();
const ofType = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const roleIdOf = (name: string) => (resource(fnOf(name)).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

describe('SQS visibility timeout', () => {
  it('is at least 6× the timeout of the function each queue triggers', () => {
    const consumers = lambdas.filter((l) => l.trigger.kind === 'queue');
    expect(consumers.length).toBeGreaterThan(0);
    for (const definition of consumers) {
      if (definition.trigger.kind !== 'queue') continue;
      const queue = resource(synth.main.messaging.queue(definition.trigger.queue));
      const fn = resource(fnOf(definition.name));
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    }
  });
});

describe('alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
  const topicRef = () => ({ Ref: logicalIdOf(synth.main.monitoring.alarmTopic) });
  const metricAlarms = (namespace: string, metricName: string) => alarms().filter((a) => a.Namespace === namespace && a.MetricName === metricName);

  it('every alarm notifies the alarm topic', () => {
    expect(alarms().length).toBeGreaterThan(10);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([topicRef()]);
  });

  it('fires on any message in every dead-letter and failure queue', () => {
    const queues = [
      ...synth.main.messaging.deadLetterQueues.values(),
      ...synth.main.functions.streamFailureQueues.values(),
      ...new Set(synth.main.functions.invocationFailureQueues.values()),
    ];
    // 3 queue DLQs (orders-email, orders-lake, orders-refund), the stream failures of order-stream and prerender (order-realtime's records are superseded,
    // wiring/events.ts), and one queue shared by the async-invocation failures of similarity, catalog-import,
    // analytics, reservation-expiry and product-image.
    expect(queues).toHaveLength(6);
    expect(synth.main.functions.invocationFailureQueues.size).toBe(5);
    const depthAlarms = metricAlarms('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    for (const queue of queues) {
      const name = { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] };
      const alarm = depthAlarms.find((a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: name }]));
      expect(alarm, queue.node.path).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    }
  });

  it('fires on every Lambda failure: through its alarmed failure queue, or an Errors alarm where it has none', () => {
    const { functions, resolverFunctions, monitoring } = synth.main;
    const allFunctions = new Map([...functions.functions, ...resolverFunctions.functions]);
    expect(allFunctions.size).toBeGreaterThanOrEqual(lambdas.length);
    const queueDepthAlarmed = (queue: IConstruct) =>
      metricAlarms('AWS/SQS', 'ApproximateNumberOfMessagesVisible').some(
        (a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(queue as IConstruct), 'QueueName'] } }]),
      );
    for (const [name, fn] of allFunctions) {
      const dimensions = JSON.stringify([{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn) } }]);
      const errorsAlarm = metricAlarms('AWS/Lambda', 'Errors').find((a) => JSON.stringify(a.Dimensions) === dimensions);
      const definition = lambdas.find((l) => l.name === name);
      const failureQueue =
        functions.streamFailureQueues.get(name) ??
        functions.invocationFailureQueues.get(name) ??
        (definition?.trigger.kind === 'queue' ? synth.main.messaging.deadLetterQueues.get(definition.trigger.queue) : undefined);
      if (failureQueue) {
        expect(queueDepthAlarmed(failureQueue), `${name}'s failure queue has a depth alarm`).toBe(true);
        expect(errorsAlarm, `${name} alarms through its failure queue, not twice`).toBeUndefined();
      } else {
        expect(errorsAlarm, `${name} Errors`).toMatchObject({ Threshold: 0, Statistic: 'Sum' });
      }
    }
    expect(monitoring.alarms.length).toBeGreaterThan(10);
  });

  it('fires on any throttle of any Lambda with one alarm on the region-wide metric', () => {
    const throttles = metricAlarms('AWS/Lambda', 'Throttles');
    expect(throttles).toHaveLength(1);
    expect(throttles[0]).toMatchObject({ Threshold: 0, Statistic: 'Sum', ComparisonOperator: 'GreaterThanThreshold' });
    expect(throttles[0]!.Dimensions ?? []).toEqual([]);
  });

  it('fires when the stream consumer falls behind, Firehose fails to deliver, or AppSync errs or slows', () => {
    // Consumers whose records are superseded by the next change (order-realtime) have their errors alarm only.
    expect(metricAlarms('AWS/Lambda', 'IteratorAge')).toHaveLength(lambdas.filter((l) => l.trigger.kind === 'table-stream' && !l.trigger.superseded).length);
    const firehose = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes('DeliveryToS3.Success'));
    expect(firehose).toBeDefined();
    expect(metricAlarms('AWS/AppSync', '5XXError')).toHaveLength(1);
    expect(metricAlarms('AWS/AppSync', 'Latency')[0]).toMatchObject({ ExtendedStatistic: 'p99', EvaluationPeriods: 3 });
  });

  it('has no email subscription unless alarmEmail is set', () => {
    expect(ofType('AWS::SNS::Subscription').filter(([, r]) => r.Properties.Protocol === 'email')).toHaveLength(0);
  });

  it('has a dashboard with orders, emails sent, queue depths and API latency', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const title of ['Orders', 'Emails sent', 'Queue depths', 'API latency']) expect(body).toContain(title);
    for (const metric of ['NumberOfMessagesPublished', '\\"Send\\"', 'ApproximateNumberOfMessagesVisible', 'Latency']) expect(body).toContain(metric);
  });
});

describe('failure destinations', () => {
  it.each(['similarity', 'catalog-import'])('%s sends failed invocations to a queue', (name) => {
    const queue = synth.main.functions.invocationFailureQueues.get(name)!;
    const config = ofType('AWS::Lambda::EventInvokeConfig').find(([, r]) => JSON.stringify(r.Properties.FunctionName).includes(logicalIdOf(fnOf(name))));
    expect(config?.[1].Properties.DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] } } });
    expect(statementsOf(roleIdOf(name)).some((s) => actionsOf(s).includes('sqs:SendMessage'))).toBe(true);
  });

  it('the nightly schedule keeps runs it could not deliver in the same queue', () => {
    const schedule = ofType('AWS::Scheduler::Schedule')[0]![1];
    const queue = synth.main.functions.invocationFailureQueues.get('similarity')!;
    expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] } });
  });
});

describe('emails reach Glacier', () => {
  it('lets objects under 128 KB transition (order emails are 10–30 KB), in both emails buckets', () => {
    expect(resource(synth.main.storage.emailsBucket).Properties.LifecycleConfiguration.TransitionDefaultMinimumObjectSize).toBe('varies_by_storage_class');
    synth.replicaTemplate.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { TransitionDefaultMinimumObjectSize: 'varies_by_storage_class' },
    });
  });
});

describe('least privilege', () => {
  it('the AppSync table data source role grants only the DynamoDB actions its resolvers use', () => {
    const dataSource = ofType('AWS::AppSync::DataSource').find(([, r]) => r.Properties.Type === 'AMAZON_DYNAMODB')![1];
    const roleId = dataSource.Properties.ServiceRoleArn['Fn::GetAtt'][0] as string;
    const actions = [...new Set(statementsOf(roleId).flatMap(actionsOf))].sort();
    expect(actions).toEqual([...synth.main.api.dataSourceActions.get('table')!].sort());
    expect(actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(statementsOf(roleId))).not.toMatch(/Scan|BatchWriteItem|GetRecords|GetShardIterator|DescribeStream/);
  });

  it('catalog-import reads and writes only the items of products, and the records of back-office imports', () => {
    const writes = statementsOf(roleIdOf('catalog-import')).filter((s) => actionsOf(s).some((a) => /PutItem|BatchWriteItem|UpdateItem/.test(a)));
    expect(writes.map((s) => s.Condition)).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PRODUCT#*', 'SKU#*', 'SEARCH#*', 'CATALOG'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CATALOGIMPORT#*'] } },
    ]);
    expect(actionsOf(writes[1]!).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('order-realtime may call the publishing mutation only: appsync:GraphQL on Mutation.publishOrderChange', () => {
    const statements = statementsOf(roleIdOf('order-realtime')).filter((s) => actionsOf(s).some((a) => a.startsWith('appsync:')));
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]!)).toEqual(['appsync:GraphQL']);
    const resources = JSON.stringify(statements[0]!.Resource);
    expect(resources).toContain('/types/Mutation/fields/publishOrderChange');
    expect(resources).not.toMatch(/\*|Query|Subscription/);
    expect(resource(fnOf('order-realtime')).Properties.Environment.Variables).toHaveProperty('APPSYNC_GRAPHQL_URL');
  });

  it('order-stream may publish to the orders topic and holds no KMS permission', () => {
    const actions = statementsOf(roleIdOf('order-stream')).flatMap(actionsOf);
    expect(actions).toContain('sns:Publish');
    expect(actions.filter((a) => a.startsWith('kms:'))).toEqual([]);
  });
});

describe('Cognito', () => {
  it('the web client has no OAuth flows or callback URLs', () => {
    const client = ofType('AWS::Cognito::UserPoolClient')[0]![1];
    expect(client!.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client!.Properties.CallbackURLs).toBeUndefined();
    expect(client!.Properties.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
  });

  it('sends verification, password-reset and invitation messages in Spanish', () => {
    const pool = ofType('AWS::Cognito::UserPool')[0]![1];
    const template = pool!.Properties.VerificationMessageTemplate;
    expect(template).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    expect(template.EmailMessage).toMatch(/código de verificación.*\{####\}/s);
    expect(template.EmailMessage).toMatch(/contraseña/);
    expect(pool!.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailSubject).toMatch(/Tu cuenta/);
  });

  it('offers TOTP multi-factor authentication (staff enrol it), never SMS', () => {
    const pool = ofType('AWS::Cognito::UserPool')[0]![1];
    expect(pool!.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(pool!.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('the public API key expires in less than 365 days', () => {
    const key = ofType('AWS::AppSync::ApiKey')[0]![1];
    const days = (key!.Properties.Expires - Date.now() / 1000) / 86_400;
    expect(days).toBeLessThan(365);
    expect(days).toBeGreaterThan(300);
  });
});

describe('WAF', () => {
  it('the API keeps the rate limit, IP reputation and common rules; the static web app only its rate limit', () => {
    const rules = (acl: { webAcl: { node: { path: string } } }) =>
      (resource(acl.webAcl as never).Properties.Rules as { Name: string }[]).map((r) => r.Name);
    expect(rules(synth.main.api.webAcl)).toEqual(['RateLimitPerIp', 'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet']);
    expect(rules(synth.main.web.webAcl)).toEqual(['RateLimitPerIp']);
  });
});

describe('vpc=true', () => {
  let vpcJson: typeof json;
  let vpcSynth: SynthesizedApp;
  beforeAll(async () => {
    vpcSynth = await synthesizeApp({ senderEmail: SENDER, vpc: true, alarmEmail: 'alarmas@farmacruz.example' }, { skipLambdaBundling: true });
    vpcJson = vpcSynth.mainTemplate.toJSON() as typeof json;
  }, 240_000);
  const vpcOfType = (type: string) => Object.entries(vpcJson.Resources).filter(([, r]) => r.Type === type);

  it('synthesizes the seed topology offline: 3 availability zones, 3 NAT gateways', () => {
    expect(vpcOfType('AWS::EC2::NatGateway')).toHaveLength(3);
    const zones = new Set(vpcOfType('AWS::EC2::Subnet').map(([, r]) => r.Properties.AvailabilityZone));
    expect([...zones].sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('lets every VPC function create, describe and delete its network interfaces before it is created', () => {
    for (const definition of lambdas) {
      const fnId = logicalIdOf(vpcSynth.main.functions.functions.get(definition.name)!);
      const fn = vpcJson.Resources[fnId]! as { Properties: Record<string, any>; DependsOn?: string[] };
      expect(fn.Properties.VpcConfig.SubnetIds).toHaveLength(3);
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const policies = Object.entries(vpcJson.Resources).filter(
        ([, r]) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`),
      );
      const eni = policies.find(([, r]) => JSON.stringify(r.Properties.PolicyDocument).includes('ec2:CreateNetworkInterface'));
      expect(eni, definition.name).toBeDefined();
      const actions = (eni![1].Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(actionsOf);
      for (const action of ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']) {
        expect(actions, `${definition.name} ${action}`).toContain(action);
      }
      expect(fn.DependsOn ?? []).toContain(eni![0]);
    }
  });

  it('subscribes the alarm email when alarmEmail is set', () => {
    const email = vpcOfType('AWS::SNS::Subscription').filter(([, r]) => r.Properties.Protocol === 'email');
    expect(email.map(([, r]) => r.Properties.Endpoint)).toEqual(['alarmas@farmacruz.example']);
  });
});

describe('idle cost', () => {
  it('is at most 30 USD a month with both WAF web ACLs and the Kinesis stream kept', () => {
    const report = idleMonthlyCost([json, synth.replicaTemplate.toJSON() as TemplateJson]);
    expect(report.lines.filter((l) => l.item.startsWith('WAF web ACL'))).toHaveLength(2);
    expect(report.lines.some((l) => l.item.startsWith('Kinesis stream'))).toBe(true);
    expect(report.totalUsd).toBeLessThanOrEqual(30);
    expect(report.totalUsd).toBeGreaterThan(20);
  });
});
