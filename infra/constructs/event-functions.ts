/**
 * Every Lambda of wiring/events.ts: bundled from functions/<name>/handler.ts by the local esbuild (no
 * Docker), Node.js 22 on ARM64, X-Ray active, its own log group and role, and its trigger:
 *   table-stream → DynamoDB stream event source filtered on the entity `type`, partial batch responses,
 *                  failed batches (after retries) recorded in a dead-letter queue;
 *   queue        → SQS event source with partial batch responses (the queue's DLQ takes poison messages);
 *   schedule     → EventBridge Scheduler in the shop's time zone;
 *   s3-upload    → S3 object-created notification filtered by prefix and suffix.
 * What a function may touch is not generic: infra/constructs/function-access.ts grants it, per function.
 */
import path from 'node:path';
import { ArnFormat, CfnResource, Duration, RemovalPolicy, Stack, TimeZone, Token } from 'aws-cdk-lib';
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
  lambdaHandlerPath,
  lambdas as wiredLambdas,
  type LambdaDefinition,
  type LambdaTrigger,
} from '../../wiring/events';
import { acknowledge, arnRef } from '../nag';
import { constructId } from '../naming';
import { grantFunctionAccess, type FunctionResources } from './function-access';

/** Loads `require` for bundled CommonJS dependencies (e.g. the X-Ray SDK) inside an ESM bundle. */
const ESM_REQUIRE_SHIM = "import { createRequire as __farmacruzCreateRequire } from 'node:module'; const require = __farmacruzCreateRequire(import.meta.url);";

/** Copies each folder into the bundle under its last path part (wiring's `bundledFolders`). */
function bundledFolderHooks(folders: readonly string[]): nodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      folders.map((folder) => `cp -R "${path.join(inputDir, folder)}" "${path.join(outputDir, path.basename(folder))}"`),
  };
}

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
  /** Events of asynchronously invoked functions (schedule, S3 upload) that failed after every retry. */
  readonly invocationFailureQueues = new Map<string, sqs.Queue>();

  constructor(scope: Construct, id: string, props: EventFunctionsProps) {
    super(scope, id);
    for (const definition of props.lambdas ?? wiredLambdas) {
      const fnId = constructId(definition.name);
      const logGroup = new logs.LogGroup(this, `${fnId}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const role = new iam.Role(this, `${fnId}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `FarmaCruz ${definition.name} Lambda`,
      });
      // Write its own log group only (instead of the managed policy's logs:* on every group).
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      );

      const fn = new nodejs.NodejsFunction(this, fnId, {
        description: definition.description,
        entry: path.join(props.rootDir, lambdaHandlerPath(definition.name)),
        handler: 'handler',
        projectRoot: props.rootDir,
        depsLockFilePath: path.join(props.rootDir, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        tracing: lambda.Tracing.ACTIVE,
        timeout: Duration.seconds(definition.timeoutSeconds),
        memorySize: definition.memoryMb,
        role,
        logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        environment: { NODE_OPTIONS: '--enable-source-maps' },
        vpc: props.vpc,
        vpcSubnets: props.vpc ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : undefined,
        bundling: {
          forceDockerBundling: false,
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          target: 'node22',
          format: nodejs.OutputFormat.ESM,
          mainFields: ['module', 'main'],
          banner: ESM_REQUIRE_SHIM,
          // The Node.js 22 runtime ships AWS SDK v3; bundling it would multiply each bundle's size.
          externalModules: ['@aws-sdk/*', '@smithy/*'],
          logLevel: nodejs.LogLevel.WARNING,
          ...(definition.bundledFolders?.length ? { commandHooks: bundledFolderHooks(definition.bundledFolders) } : {}),
        },
      });
      acknowledge(
        fn,
        'AwsSolutions-L1',
        'Node.js 22 is the runtime chosen in ARCHITECTURE.md (supported into 2027, what AWS SDK v3 requires from 2027); moving to Node.js 24 is a deliberate upgrade of the handlers, not a synth-time default.',
      );
      acknowledge(
        role,
        'AwsSolutions-IAM5[Resource::*]',
        definition.trigger.kind === 'table-stream'
          ? 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and dynamodb:ListStreams (stream event source) have no resource-level permissions.'
          : 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) have no resource-level permissions.',
      );
      if (props.vpc) this.allowNetworkInterfaces(fn, role, props.vpc);
      this.functions.set(definition.name, fn);
      this.addTrigger(fn, definition, props);
      grantFunctionAccess(definition.name, fn, props.resources);
    }
  }

  /**
   * Failure destination of an asynchronously invoked function: after Lambda's retries the event (with the
   * error) goes to this queue, where an alarm sees it, instead of vanishing.
   */
  private addInvocationFailureQueue(fn: nodejs.NodejsFunction, definition: LambdaDefinition): sqs.Queue {
    const failures = new sqs.Queue(this, `${constructId(definition.name)}InvocationFailures`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(failures, 'AwsSolutions-SQS3', `This queue is itself the failure destination of ${definition.name}'s asynchronous invocations.`);
    fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failures), retryAttempts: 2, maxEventAge: Duration.hours(6) });
    this.invocationFailureQueues.set(definition.name, failures);
    return failures;
  }

  /**
   * What Lambda does with the execution role to run a function in a VPC (the statements of
   * AWSLambdaVPCAccessExecutionRole, narrowed): create its ENIs in the VPC's private subnets with its own
   * security groups, and manage them. The function waits for this policy: Lambda checks it on create.
   */
  private allowNetworkInterfaces(fn: nodejs.NodejsFunction, role: iam.Role, vpc: ec2.IVpc): void {
    const stack = Stack.of(this);
    const ec2Arn = (resource: string) => stack.formatArn({ service: 'ec2', resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: '*' });
    const subnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
    const policy = new iam.Policy(this, `${fn.node.id}NetworkInterfaces`, {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['ec2:CreateNetworkInterface'],
          resources: [
            ec2Arn('network-interface'),
            ...subnets.map((subnet) => stack.formatArn({ service: 'ec2', resource: 'subnet', resourceName: subnet.subnetId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })),
            ...fn.connections.securityGroups.map((group) =>
              stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: group.securityGroupId, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
            ),
          ],
        }),
        new iam.PolicyStatement({
          actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          resources: [ec2Arn('network-interface')],
        }),
        // Describe* calls have no resource-level permissions.
        new iam.PolicyStatement({ actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], resources: ['*'] }),
      ],
    });
    // The function resource only (its security group, also a child, is referenced by the policy).
    (fn.node.defaultChild as CfnResource).addResourceDependency(policy.node.defaultChild as CfnResource);
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::${nagArnPrefix(stack, 'ec2')}:network-interface/*]`,
      'Lambda names the network interfaces it creates for the function in the VPC; they cannot be known when the policy is written.',
    );
    acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]', 'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets have no resource-level permissions.');
  }

  private addTrigger(fn: nodejs.NodejsFunction, definition: LambdaDefinition, props: EventFunctionsProps): void {
    const trigger: LambdaTrigger = definition.trigger;
    const { resources } = props;
    switch (trigger.kind) {
      case 'table-stream': {
        const failures = new sqs.Queue(this, `${constructId(definition.name)}StreamFailures`, {
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        });
        acknowledge(failures, 'AwsSolutions-SQS3', `This queue is itself the failure destination of ${definition.name}'s stream event source.`);
        this.streamFailureQueues.set(definition.name, failures);
        fn.addEventSource(
          new sources.DynamoEventSource(resources.table, {
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            reportBatchItemFailures: true,
            bisectBatchOnError: true,
            retryAttempts: 10,
            maxRecordAge: Duration.hours(24),
            onFailure: new sources.SqsDlq(failures),
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

/** How cdk-nag writes `arn:<partition>:<service>:<region>:<account>` of this stack in a finding id. */
function nagArnPrefix(stack: Stack, service: string): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:${partition}:${service}:${region}:${account}`;
}
