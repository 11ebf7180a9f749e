/**
 * Order events fan-out from wiring/events.ts: the topics, and per queue its dead-letter queue, redrive
 * after `maxReceiveCount` receives, and an SNS subscription (raw delivery, optional filter policy).
 */
import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueName, queues, topics, type QueueDefinition, type TopicDefinition } from '../../wiring/events';
import { constructId } from '../naming';

export const SNS_AWS_MANAGED_KEY_ALIAS = 'alias/aws/sns';

export interface MessagingProps {
  readonly topics?: readonly TopicDefinition[];
  readonly queues?: readonly QueueDefinition[];
}

export class Messaging extends Construct {
  /**
   * Encrypts the topics (order events carry the customer's email address) with the AWS managed key of SNS:
   * free (a customer managed key is 1 USD a month), and its key policy lets SNS use it for any principal of
   * the account allowed to publish, so publishers need no KMS permission at all (no kms:Decrypt, no
   * GenerateDataKey). Only AWS services publishing by their service principal (CloudWatch alarms, S3, …)
   * cannot use it; none publishes to these topics.
   */
  readonly key: kms.IAlias;
  readonly topics = new Map<string, sns.Topic>();
  readonly queues = new Map<string, sqs.Queue>();
  readonly deadLetterQueues = new Map<string, sqs.Queue>();
  private readonly definitions = new Map<string, QueueDefinition>();

  constructor(scope: Construct, id: string, props: MessagingProps = {}) {
    super(scope, id);
    this.key = kms.Alias.fromAliasName(this, 'TopicKey', SNS_AWS_MANAGED_KEY_ALIAS);

    for (const definition of props.topics ?? topics) {
      const topic = new sns.Topic(this, `${constructId(definition.name)}Topic`, {
        displayName: definition.description.slice(0, 100),
        masterKey: this.key,
        enforceSSL: true,
      });
      // The alias name itself, as SNS documents it (the L2 would write the alias ARN).
      (topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId = SNS_AWS_MANAGED_KEY_ALIAS;
      this.topics.set(definition.name, topic);
    }

    for (const definition of props.queues ?? queues) {
      const topic = this.topics.get(definition.topic);
      if (!topic) throw new Error(`Queue ${definition.name} subscribes to unknown topic ${definition.topic}`);
      const dlqName = deadLetterQueueName(definition.name);
      const deadLetterQueue = new sqs.Queue(this, `${constructId(dlqName)}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new sqs.Queue(this, `${constructId(definition.name)}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      topic.addSubscription(
        new subscriptions.SqsSubscription(queue, {
          rawMessageDelivery: true,
          filterPolicy: definition.filterPolicy ? snsFilterPolicy(definition.filterPolicy) : undefined,
        }),
      );
      this.queues.set(definition.name, queue);
      this.deadLetterQueues.set(definition.name, deadLetterQueue);
      this.definitions.set(definition.name, definition);
    }
  }

  topic(name: string): sns.Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new Error(`No topic ${name} in wiring/events.ts`);
    return topic;
  }

  queue(name: string): sqs.Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue ${name} in wiring/events.ts`);
    return queue;
  }

  visibilityTimeoutSeconds(name: string): number {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No queue ${name} in wiring/events.ts`);
    return definition.visibilityTimeoutSeconds;
  }
}

function snsFilterPolicy(policy: Readonly<Record<string, readonly string[]>>): Record<string, sns.SubscriptionFilter> {
  return Object.fromEntries(
    Object.entries(policy).map(([attribute, allowlist]) => [attribute, sns.SubscriptionFilter.stringFilter({ allowlist: [...allowlist] })]),
  );
}
