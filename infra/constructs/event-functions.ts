/**
 * Every Lambda of wiring/events.ts, built by createNodeFunction (node-function.ts), and its trigger:
 *   table-stream → DynamoDB stream event source filtered on the entity `type`, partial batch responses,
 *                  failed batches (after retries) recorded in a dead-letter queue;
 *   queue        → SQS event source with partial batch responses (the queue's DLQ takes poison messages);
 *   schedule     → EventBridge Scheduler in the shop's time zone;
 *   s3-upload    → S3 object-created notification filtered by prefix and suffix;
 *   function-url → a Lambda Function URL without AWS auth (the caller, e.g. Stripe, signs each request and the
 *                  handler verifies it).
 * What a function may touch is not generic: infra/constructs/function-access.ts grants it, per function.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT,
  lambdas as wiredLambdas,
  type LambdaDefinition,
  type LambdaTrigger,
} from '../../wiring/events';
import { acknowledge, arnRef } from '../nag';
import { constructId } from '../naming';
import { grantFunctionAccess, type FunctionResources } from './function-access';
import { allowNetworkInterfaces, createNodeFunction } from './node-function';

export interface EventFunctionsProps {
  readonly rootDir: string;
  readonly resources: FunctionResources;
  readonly shopTimeZone: string;
  readonly logRetention: logs.RetentionDays;
  /** Private subnets to run in (the opt-in VPC); none by default. */
  readonly vpc?: ec2.IVpc;
  readonly lambdas?: readonly LambdaDefinition[];
}

export class EventFunctions extends Construct {
  readonly functions = new Map<string, nodejs.NodejsFunction>();
  /** Records of the table stream a function failed on after every retry. */
  readonly streamFailureQueues = new Map<string, sqs.Queue>();
  /** Events of asynchronously invoked functions (schedule, S3 upload) that failed after every retry: one shared queue. */
  readonly invocationFailureQueues = new Map<string, sqs.Queue>();
  /** The HTTPS endpoints of the function-url functions (stack outputs). */
  readonly functionUrls = new Map<string, lambda.FunctionUrl>();

  constructor(scope: Construct, id: string, props: EventFunctionsProps) {
    super(scope, id);
    for (const definition of props.lambdas ?? wiredLambdas) {
      const { fn, role } = createNodeFunction(this, definition, {
        rootDir: props.rootDir,
        logRetention: props.logRetention,
        vpc: props.vpc,
        untargetedActions:
          definition.trigger.kind === 'table-stream'
            ? 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams (stream event source) have no resource-level permissions.'
            : undefined,
      });
      if (props.vpc) allowNetworkInterfaces(this, fn, role, props.vpc);
      this.functions.set(definition.name, fn);
      this.addTrigger(fn, definition, props);
      grantFunctionAccess(definition.name, fn, props.resources);
    }
  }

  /** The one queue every asynchronously invoked function's failed events land in (see below). */
  private asyncFailures?: sqs.Queue;

  /**
   * Failure destination of an asynchronously invoked function: after Lambda's retries the event (with the
   * error) goes to this queue, where an alarm sees it, instead of vanishing. All of them share one queue:
   * each message names its function (requestContext.functionArn) and carries the error, and one depth alarm
   * (0.10 USD a month) stands for all of them instead of one per function under the idle budget.
   */
  private addInvocationFailureQueue(fn: nodejs.NodejsFunction, definition: LambdaDefinition): sqs.Queue {
    if (!this.asyncFailures) {
      this.asyncFailures = new sqs.Queue(this, 'AsyncInvocationFailures', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(this.asyncFailures, 'AwsSolutions-SQS3', 'This queue is itself the failure destination of the asynchronously invoked functions.');
    }
    const failures = this.asyncFailures;
    fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failures), retryAttempts: 2, maxEventAge: Duration.hours(6) });
    this.invocationFailureQueues.set(definition.name, failures);
    return failures;
  }

  private addTrigger(fn: nodejs.NodejsFunction, definition: LambdaDefinition, props: EventFunctionsProps): void {
    const trigger: LambdaTrigger = definition.trigger;
    const { resources } = props;
    switch (trigger.kind) {
      case 'table-stream': {
        // A consumer whose records are superseded by the next change (wiring/events.ts) keeps no failure queue.
        const failures = trigger.superseded
          ? undefined
          : new sqs.Queue(this, `${constructId(definition.name)}StreamFailures`, {
              encryption: sqs.QueueEncryption.SQS_MANAGED,
              enforceSSL: true,
              retentionPeriod: Duration.days(14),
            });
        if (failures) {
          acknowledge(failures, 'AwsSolutions-SQS3', `This queue is itself the failure destination of ${definition.name}'s stream event source.`);
          this.streamFailureQueues.set(definition.name, failures);
        }
        fn.addEventSource(
          new sources.DynamoEventSource(resources.table, {
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            reportBatchItemFailures: true,
            bisectBatchOnError: true,
            retryAttempts: 10,
            maxRecordAge: Duration.hours(24),
            ...(failures ? { onFailure: new sources.SqsDlq(failures) } : {}),
            filters: [
              lambda.FilterCriteria.filter({
                dynamodb: { NewImage: { type: { S: lambda.FilterRule.or(...trigger.filterEntityTypes) } } },
              }),
            ],
          }),
        );
        return;
      }
      case 'queue': {
        const queue = resources.messaging.queue(trigger.queue);
        const visibility = resources.messaging.visibilityTimeoutSeconds(trigger.queue);
        if (visibility < VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT * definition.timeoutSeconds) {
          throw new Error(
            `${trigger.queue} hides a message for ${visibility} s but ${definition.name} may run ${definition.timeoutSeconds} s: ` +
              `AWS asks for at least ${VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT}× the function timeout (wiring/events.ts)`,
          );
        }
        fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: trigger.batchSize, reportBatchItemFailures: true }));
        return;
      }
      case 'schedule': {
        const invokeRole = new iam.Role(this, `${constructId(definition.name)}ScheduleRole`, {
          assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
          description: `EventBridge Scheduler: invoke ${definition.name}`,
        });
        const failures = this.addInvocationFailureQueue(fn, definition);
        new scheduler.Schedule(this, `${constructId(definition.name)}Schedule`, {
          description: trigger.description,
          schedule: scheduler.ScheduleExpression.expression(`cron(${trigger.cron})`, TimeZone.of(props.shopTimeZone)),
          // Runs the scheduler could not deliver (e.g. throttled past an hour) land in the same failure queue.
          target: new targets.LambdaInvoke(fn, { role: invokeRole, retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: failures }),
        });
        acknowledge(
          invokeRole,
          `AwsSolutions-IAM5[Resource::${arnRef(fn)}:*]`,
          `lambda:InvokeFunction on ${definition.name} and its versions/aliases (the \`:*\` suffix), nothing else.`,
        );
        return;
      }
      case 'function-url': {
        // No AWS auth: Stripe cannot sign AWS requests. The handler refuses anything without Stripe's signature.
        this.functionUrls.set(definition.name, fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }));
        return;
      }
      case 's3-upload': {
        this.addInvocationFailureQueue(fn, definition);
        const bucket: s3.IBucket = resources.storage.bucketByWiringName(trigger.bucket);
        // S3 suffix filters are case-sensitive, and point-of-sale systems write PRODUCTOS.DBF: register the
        // suffix as written and in upper case (two non-overlapping filters).
        for (const suffix of new Set([trigger.suffix, trigger.suffix.toUpperCase()])) {
          bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: trigger.prefix, suffix });
        }
        return;
      }
    }
  }
}
