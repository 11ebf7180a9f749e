/**
 * Alarms and the shop's CloudWatch dashboard. Every alarm notifies one alarm topic (with an optional email
 * subscription, setting `alarmEmail`):
 *   - a message in any dead-letter or failure queue (SQS DLQs, the stream failure queue, the failure
 *     destinations of the scheduled and S3-triggered functions): depth > 0;
 *   - any Lambda error of a function whose failures no failure queue catches (the API's resolver Lambdas);
 *     a function with a failure queue alarms through that queue's depth once its retries are spent, so a
 *     transient error that a retry fixed pages nobody and each alarm metric (0.10 USD a month) is not paid twice;
 *   - any Lambda throttle (one region-wide alarm);
 *   - the table stream consumer falling behind (iterator age);
 *   - Firehose failing to deliver to S3;
 *   - AppSync answering 5xx, or its p99 latency above a second.
 * Missing data (an idle shop) is "not breaching" everywhere: silence means no traffic, not trouble.
 */
import { Duration } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { constructId } from '../naming';

/** Thresholds, in one place (docs/deploy.md quotes them). */
export const ALARM_THRESHOLDS = {
  /** Stream consumer behind by more than this (ms, maximum over 5 minutes). */
  iteratorAgeMs: 60_000,
  /** AppSync p99 latency above this (ms) for 3 consecutive 5-minute periods. */
  apiP99LatencyMs: 1_000,
} as const;

export interface MonitoringProps {
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /**
   * Functions whose final failures land in one of `failureQueues` (stream failure queue, async invocation
   * failure destination, their SQS queue's dead-letter queue): their depth alarm stands for the Errors alarm.
   */
  readonly functionsWithFailureQueue: ReadonlySet<string>;
  /** Names of the functions reading the table stream (iterator age). */
  readonly streamConsumers: readonly string[];
  /** Every queue that only holds failures, by a readable name (`orders-email-dlq`, …). */
  readonly failureQueues: ReadonlyMap<string, sqs.IQueue>;
  /** Working queues, for the dashboard's depths. */
  readonly workQueues: ReadonlyMap<string, sqs.IQueue>;
  readonly api: appsync.IGraphqlApi;
  readonly deliveryStreamName: string;
  readonly ordersTopic: sns.ITopic;
  readonly alarmEmail?: string;
  readonly dashboardName: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'FarmaCruz alarms', enforceSSL: true });
    // Not encrypted: CloudWatch alarms cannot publish to a topic under SNS's AWS managed key, and the
    // notifications carry only alarm names and metric values (no customer data): not worth a 1 USD/month key.
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.alarmTopic);

    const alarm = (alarmId: string, metric: cloudwatch.IMetric, options: { threshold: number; description: string; evaluationPeriods?: number }) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: options.description,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of props.failureQueues) {
      alarm(`${constructId(name)}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), {
        threshold: 0,
        description: `${name} holds a message that failed every retry: read it (npm run queues in local, the SQS console in AWS) and redrive it once fixed.`,
      });
    }
    for (const [name, fn] of props.functions) {
      if (props.functionsWithFailureQueue.has(name)) continue;
      alarm(`${constructId(name)}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), {
        threshold: 0,
        description: `Lambda ${name} failed (its log group says why).`,
      });
    }
    // One alarm on the region-wide Throttles metric instead of one per function: no function reserves
    // concurrency, so a throttle means the account's concurrency is exhausted, whichever function it hit
    // (each alarm metric costs 0.10 USD a month; the dashboard shows which function).
    alarm('LambdaThrottles', new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: FIVE_MINUTES }), {
      threshold: 0,
      description: "A Lambda function was throttled: the account's concurrency in this region is exhausted (the dashboard's Lambda throttles graph says which).",
    });
    for (const name of props.streamConsumers) {
      const fn = props.functions.get(name);
      if (!fn) throw new Error(`No function ${name} to watch the stream iterator age of`);
      alarm(`${constructId(name)}IteratorAge`, fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }), {
        threshold: ALARM_THRESHOLDS.iteratorAgeMs,
        description: `${name} is more than ${ALARM_THRESHOLDS.iteratorAgeMs / 1000} s behind the table stream: order events are late.`,
      });
    }
    const firehoseFailures = new cloudwatch.MathExpression({
      // Success is the share of records delivered per flush (1 = all); alarm on any shortfall.
      expression: '1 - success',
      usingMetrics: {
        success: new cloudwatch.Metric({
          namespace: 'AWS/Firehose',
          metricName: 'DeliveryToS3.Success',
          dimensionsMap: { DeliveryStreamName: props.deliveryStreamName },
          statistic: 'Minimum',
          period: FIVE_MINUTES,
        }),
      },
      label: 'Firehose records not delivered (share)',
      period: FIVE_MINUTES,
    });
    alarm('LakeDeliveryFailures', firehoseFailures, {
      threshold: 0,
      description: `Firehose ${props.deliveryStreamName} failed to deliver lake records to S3 (see its S3Delivery log stream; failed records land under the error prefix).`,
    });
    const apiMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/AppSync', metricName, dimensionsMap: { GraphQLAPIId: props.api.apiId }, statistic, period: FIVE_MINUTES });
    alarm('Api5xxErrors', apiMetric('5XXError', 'Sum'), { threshold: 0, description: 'The GraphQL API answered with server errors (5xx).' });
    alarm('ApiP99Latency', apiMetric('Latency', 'p99'), {
      threshold: ALARM_THRESHOLDS.apiP99LatencyMs,
      evaluationPeriods: 3,
      description: `The GraphQL API's p99 latency stayed above ${ALARM_THRESHOLDS.apiP99LatencyMs} ms for 15 minutes.`,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName, defaultInterval: Duration.days(1) });
    const hourly = Duration.hours(1);
    const ordersTopicMetric = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfMessagesPublished',
      dimensionsMap: { TopicName: props.ordersTopic.topicName },
      statistic: 'Sum',
      period: hourly,
      label: 'Order events (placed, status changed, cancelled)',
    });
    const emailsSent = new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Send', statistic: 'Sum', period: hourly, label: 'Emails sent (SES, account)' });
    const bounces = new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: 'Bounce', statistic: 'Sum', period: hourly, label: 'Bounces' });
    const depth = (name: string, queue: sqs.IQueue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: name });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Orders (events per hour)', left: [ordersTopicMetric], width: 12 }),
      new cloudwatch.GraphWidget({ title: 'Emails sent per hour', left: [emailsSent, bounces], width: 12 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Queue depths', left: [...props.workQueues].map(([name, queue]) => depth(name, queue)), width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'Failures waiting (dead-letter and failure queues)',
        left: [...props.failureQueues].map(([name, queue]) => depth(name, queue)),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        left: [apiMetric('Latency', 'p50'), apiMetric('Latency', 'p99')],
        right: [apiMetric('4XXError', 'Sum'), apiMetric('5XXError', 'Sum')],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors',
        left: [...props.functions].map(([name, fn]) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: name })),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles',
        left: [...props.functions].map(([name, fn]) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum', label: name })),
        width: 24,
      }),
    );
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }
}
