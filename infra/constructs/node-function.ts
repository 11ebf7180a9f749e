/**
 * One Node.js Lambda of the app, built the same way for event functions (wiring/events.ts) and resolver
 * functions (wiring/resolver-functions.ts): bundled from functions/<name>/handler.ts by the local esbuild (no
 * Docker), Node.js 22 on ARM64, X-Ray active, JSON logs in its own log group, its own role.
 */
import path from 'node:path';
import { ArnFormat, CfnResource, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { lambdaHandlerPath } from '../../wiring/events';
import { acknowledge } from '../nag';
import { constructId } from '../naming';

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

export interface NodeFunctionDefinition {
  /** Folder under functions/ holding handler.ts (export `handler`). */
  readonly name: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Repository folders copied into the bundle (wiring/events.ts `bundledFolders`). */
  readonly bundledFolders?: readonly string[];
  /** Packages installed into the bundle, for Linux ARM64, instead of bundled (wiring/events.ts `nodeModules`). */
  readonly nodeModules?: readonly string[];
}

export interface NodeFunctionOptions {
  readonly rootDir: string;
  readonly logRetention: logs.RetentionDays;
  /** Private subnets to run in (the opt-in VPC); the caller grants the network interfaces (allowNetworkInterfaces). */
  readonly vpc?: ec2.IVpc;
  /** Why the role's `Resource::*` is fine, when the function needs more than X-Ray's untargeted actions. */
  readonly untargetedActions?: string;
}

/** The function, its role and its log group, with ids `<Name>`, `<Name>Role`, `<Name>Logs` in `scope`. */
export function createNodeFunction(
  scope: Construct,
  definition: NodeFunctionDefinition,
  props: NodeFunctionOptions,
): { readonly fn: nodejs.NodejsFunction; readonly role: iam.Role; readonly logGroup: logs.LogGroup } {
  const fnId = constructId(definition.name);
  const logGroup = new logs.LogGroup(scope, `${fnId}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, `${fnId}Role`, {
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

  const fn = new nodejs.NodejsFunction(scope, fnId, {
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
      ...(definition.nodeModules?.length
        ? {
            nodeModules: [...definition.nodeModules],
            // npm picks the optional native packages (sharp's @img/sharp-linux-arm64) for the Lambda, not the deploying machine.
            environment: { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' },
          }
        : {}),
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
    props.untargetedActions ?? 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) have no resource-level permissions.',
  );
  return { fn, role, logGroup };
}

/**
 * What Lambda does with the execution role to run a function in a VPC (the statements of
 * AWSLambdaVPCAccessExecutionRole, narrowed): create its ENIs in the VPC's private subnets with its own
 * security groups, and manage them. The function waits for this policy: Lambda checks it on create.
 */
export function allowNetworkInterfaces(scope: Construct, fn: nodejs.NodejsFunction, role: iam.Role, vpc: ec2.IVpc): void {
  const stack = Stack.of(scope);
  const ec2Arn = (resource: string) => stack.formatArn({ service: 'ec2', resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, resourceName: '*' });
  const subnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
  const policy = new iam.Policy(scope, `${fn.node.id}NetworkInterfaces`, {
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

/** How cdk-nag writes `arn:<partition>:<service>:<region>:<account>` of this stack in a finding id. */
function nagArnPrefix(stack: Stack, service: string): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:${partition}:${service}:${region}:${account}`;
}
