/**
 * The automatic refund of a cancelled card-paid order in the CDK stack (issue 13): the orders-refund queue
 * subscribed to the orders topic with a filter (cancellations of orders holding a card payment only), its
 * dead-letter queue and that queue's depth alarm, the order-refund Lambda reading it with partial batch
 * responses, its narrow permissions, and the idle cost still within budget.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ENV } from '../config/environment';
import { ORDER_EVENT_ATTRIBUTE } from '../model/order-events';
import { deadLetterQueueName, queues } from '../wiring/events';
import { idleMonthlyCost, type TemplateJson } from './idle-cost';
import { logicalIdOf } from './nag';
import { resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

let synth: SynthesizedApp;
let main: Template;

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: 'pedidos@example.com' }, { skipLambdaBundling: true });
  main = synth.mainTemplate;
}, 240_000);

type Properties = Record<string, unknown>;
const propertiesOf = (resources: Record<string, { Properties?: unknown }>) => Object.entries(resources).map(([id, r]) => [id, (r.Properties ?? {}) as Properties] as const);

describe('order-refund in AWS', () => {
  it('subscribes the orders-refund queue to the orders topic for cancellations of card-paid orders only', () => {
    const queueId = logicalIdOf(synth.main.messaging.queue('orders-refund'));
    const subscriptions = propertiesOf(resourcesOfType(main, 'AWS::SNS::Subscription')).filter(([, p]) => JSON.stringify(p.Endpoint).includes(queueId));
    expect(subscriptions).toHaveLength(1);
    const [, subscription] = subscriptions[0]!;
    expect(subscription.Protocol).toBe('sqs');
    expect(subscription.RawMessageDelivery).toBe(true);
    expect(subscription.FilterPolicy).toEqual({ [ORDER_EVENT_ATTRIBUTE.eventType]: ['OrderCancelled'], [ORDER_EVENT_ATTRIBUTE.cardPayment]: ['held'] });
    expect(JSON.stringify(subscription.TopicArn)).toContain(logicalIdOf(synth.main.messaging.topic('orders')));
  });

  it('retries a failing refund, then keeps it in a dead-letter queue whose depth alarms', () => {
    const definition = queues.find((q) => q.name === 'orders-refund')!;
    const queue = resourcesOfType(main, 'AWS::SQS::Queue')[logicalIdOf(synth.main.messaging.queue('orders-refund'))]!.Properties as Properties;
    const dlqId = logicalIdOf(synth.main.messaging.deadLetterQueues.get('orders-refund')!);
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: definition.maxReceiveCount });
    expect(queue.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);

    const fnId = logicalIdOf(synth.main.functions.functions.get('order-refund')!);
    const mappings = propertiesOf(resourcesOfType(main, 'AWS::Lambda::EventSourceMapping')).filter(([, p]) => JSON.stringify(p.FunctionName).includes(fnId));
    expect(mappings).toHaveLength(1);
    expect(JSON.stringify(mappings[0]![1].EventSourceArn)).toContain(logicalIdOf(synth.main.messaging.queue('orders-refund')));
    expect(mappings[0]![1].FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);

    const alarms = propertiesOf(resourcesOfType(main, 'AWS::CloudWatch::Alarm'));
    const depth = alarms.filter(([, p]) => JSON.stringify(p.Dimensions ?? []).includes(dlqId));
    expect(depth).toHaveLength(1);
    expect(depth[0]![1]).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(depth[0]![1].AlarmDescription).toContain(deadLetterQueueName('orders-refund'));
    // No second alarm on its errors: the DLQ's depth says when retries are spent (each alarm metric is paid).
    expect(alarms.filter(([, p]) => p.MetricName === 'Errors' && JSON.stringify(p.Dimensions ?? []).includes(fnId))).toHaveLength(0);
  });

  it('lets order-refund read the Stripe parameter and touch only order partitions, without deleting', () => {
    const fn = synth.main.functions.functions.get('order-refund')!;
    const env = ((resourcesOfType(main, 'AWS::Lambda::Function')[logicalIdOf(fn)]!.Properties as Properties).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[LAMBDA_ENV.stripeParameterName]).toBe(synth.main.paymentParameter.name);
    const roleId = logicalIdOf(fn.role!);
    const policies = JSON.stringify(
      Object.values(resourcesOfType(main, 'AWS::IAM::Policy')).filter((p) => JSON.stringify((p.Properties as { Roles: unknown }).Roles).includes(`"${roleId}"`)),
    );
    expect(policies).toContain('ssm:GetParameter');
    expect(policies).toContain(`:parameter${synth.main.paymentParameter.name}`);
    expect(policies).toContain('"dynamodb:LeadingKeys":["ORDER#*"]');
    expect(policies).not.toContain('dynamodb:DeleteItem');
    expect(policies).not.toContain('dynamodb:Scan');
  });

  it('keeps the idle cost within 30 USD a month with the new queue and its alarm', () => {
    const report = idleMonthlyCost([main.toJSON() as TemplateJson, synth.replicaTemplate.toJSON() as TemplateJson]);
    expect(report.totalUsd).toBeLessThanOrEqual(30);
  });
});
