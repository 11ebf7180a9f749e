/**
 * The synthesized CloudFormation of the FarmaCruz app with default settings (plus a sender address, so
 * email sending is wired): resources, key properties, least-privilege IAM, agreement with the wiring and
 * the schema, and cdk-nag. One synth for the whole file.
 */
import { isDemoSpeiAccount, loadPharmacyContact, loadSpeiAccount } from '../config/settings';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_POOL_SETTINGS } from '../auth/user-pool-settings';
import { DEFAULT_ORDER_EMAIL_TEMPLATES, loadCatalogSettings } from '../config/settings';
import { orderEmailTemplates as templatesNamed } from '../functions/order-email/templates';
import { IDEMPOTENCY_EXPIRY_ATTRIBUTE } from '../functions/shared/idempotency';
import { mainTable } from '../model/table';
import { TABLE_NAME_VARIABLE } from '../model/api-environment';
import {
  dataSources,
  pipelineFunctionBundlePath,
  pipelineFunctions,
  resolverBundlePath,
  resolvers,
} from '../wiring/api';
import { apiLimits } from '../wiring/api-limits';
import { deadLetterQueueName, lakeDelivery, lambdas, queues, type LambdaDefinition } from '../wiring/events';
import { appsyncFunctionName } from './constructs/graphql-api';
import { SNS_AWS_MANAGED_KEY_ALIAS } from './constructs/messaging';
import { staticPrefix } from './constructs/lake';
import { RATE_LIMIT_RULE } from './constructs/rate-limited-web-acl';
import { logicalIdOf } from './nag';
import { auditNag, type NagAudit } from './test-support/nag-audit';
import { ROOT_DIR, resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

const SENDER = 'pedidos@farmacruz.example';

let synth: SynthesizedApp;
let main: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }> };
let nag: NagAudit;

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: SENDER });
  main = synth.mainTemplate;
  json = main.toJSON() as typeof json;
  nag = auditNag(synth.app);
}, 240_000);

const ref = (construct: Parameters<typeof logicalIdOf>[0]) => logicalIdOf(construct);
const getAtt = (construct: Parameters<typeof logicalIdOf>[0], attribute: string) => ({ 'Fn::GetAtt': [ref(construct), attribute] });
const resource = (construct: Parameters<typeof logicalIdOf>[0]) => json.Resources[ref(construct)]!;
const fnOf = (name: string) => {
  const fn = synth.main.functions.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};

/** Every IAM policy statement attached to a role, flattened. */
function statementsOfRole(roleLogicalId: string): { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  return Object.values(resourcesOfType(main, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify((policy.Properties as any).Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => (policy.Properties as any).PolicyDocument.Statement);
}
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();

describe('DynamoDB table', () => {
  const table = () => Object.values(resourcesOfType(main, 'AWS::DynamoDB::Table'))[0]!;

  it('is the only table, with the keys of model/table.ts', () => {
    expect(Object.keys(resourcesOfType(main, 'AWS::DynamoDB::Table'))).toHaveLength(1);
    expect(table().Properties!.KeySchema).toEqual([
      { AttributeName: mainTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: mainTable.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('has exactly the global secondary indexes of model/table.ts, projecting all attributes', () => {
    const indexes = (table().Properties!.GlobalSecondaryIndexes as any[]).map((index) => ({
      indexName: index.IndexName,
      partitionKey: index.KeySchema[0].AttributeName,
      sortKey: index.KeySchema[1].AttributeName,
      projection: index.Projection.ProjectionType,
    }));
    expect(indexes).toEqual(mainTable.globalSecondaryIndexes.map((index) => ({ ...index, projection: 'ALL' })));
  });

  it('streams new and old images, is on demand, has point-in-time recovery and a TTL for idempotency records', () => {
    main.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: IDEMPOTENCY_EXPIRY_ATTRIBUTE, Enabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    main.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('Cognito', () => {
  it('signs users in by email, verifies it, and enforces the shared password policy', () => {
    const policy = USER_POOL_SETTINGS.passwordPolicy;
    main.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: USER_POOL_SETTINGS.poolName,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: policy.minimumLength,
          RequireLowercase: policy.requireLowercase,
          RequireUppercase: policy.requireUppercase,
          RequireNumbers: policy.requireDigits,
          RequireSymbols: policy.requireSymbols,
          TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
        },
      },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('has a public web client with password and refresh flows and the shared token validity', () => {
    const client = USER_POOL_SETTINGS.appClient;
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: client.name,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: client.tokenValidity.idTokenMinutes,
      AccessTokenValidity: client.tokenValidity.accessTokenMinutes,
      RefreshTokenValidity: client.tokenValidity.refreshTokenDays * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('has the staff group', () => {
    for (const group of USER_POOL_SETTINGS.groups) {
      main.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group.name });
    }
  });
});

describe('AppSync API', () => {
  it('authorizes with Cognito user pools by default, an API key and IAM (the backend publisher) as additional modes, traced and logged', () => {
    main.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: { UserPoolId: { Ref: ref(synth.main.auth.userPool) }, DefaultAction: 'ALLOW' },
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'API_KEY' }, { AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      LogConfig: { FieldLogLevel: synth.settings.fieldLogLevel, ExcludeVerboseContent: true },
      EnvironmentVariables: { [TABLE_NAME_VARIABLE]: { Ref: ref(synth.main.table) } },
    });
    main.resourceCountIs('AWS::AppSync::ApiKey', 1);
  });

  it('limits query depth and resolver count to the values the local runtime enforces (wiring/api-limits.ts)', () => {
    main.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      QueryDepthLimit: apiLimits.queryDepthLimit,
      ResolverCountLimit: apiLimits.resolverCountLimit,
    });
  });

  it('serves the schema of schema/schema.graphql', () => {
    const schema = readFileSync(path.join(ROOT_DIR, 'schema/schema.graphql'), 'utf8');
    main.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: schema });
  });

  it('has a resolver for every Query and Mutation field of the schema', () => {
    const document = parse(readFileSync(path.join(ROOT_DIR, 'schema/schema.graphql'), 'utf8'));
    const rootFields = document.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(d.name.value))
      .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`))
      .sort();
    const resolved = Object.values(resourcesOfType(main, 'AWS::AppSync::Resolver'))
      .filter((r) => ['Query', 'Mutation'].includes(r.Properties!.TypeName as string))
      .map((r) => `${r.Properties!.TypeName}.${r.Properties!.FieldName}`)
      .sort();
    expect(rootFields.length).toBeGreaterThan(0);
    expect(resolved).toEqual(rootFields);
  });

  it('deploys exactly the resolvers of wiring/api.ts (type, field, kind, data source, functions)', () => {
    const functionNames = new Map(
      Object.entries(resourcesOfType(main, 'AWS::AppSync::FunctionConfiguration')).map(([id, fn]) => [id, fn.Properties!.Name as string]),
    );
    const idOf = (value: any): string => value['Fn::GetAtt'][0];
    const synthesized = Object.values(resourcesOfType(main, 'AWS::AppSync::Resolver'))
      .map(({ Properties: p }) => ({
        field: `${p!.TypeName}.${p!.FieldName}`,
        kind: p!.Kind,
        dataSource: p!.Kind === 'UNIT' ? p!.DataSourceName : undefined,
        functions: p!.Kind === 'PIPELINE' ? (p!.PipelineConfig as any).Functions.map((f: unknown) => functionNames.get(idOf(f))) : undefined,
      }))
      .sort((a, b) => a.field.localeCompare(b.field));
    const wired = resolvers
      .map((r) => ({
        field: `${r.typeName}.${r.fieldName}`,
        kind: r.kind,
        dataSource: r.kind === 'UNIT' ? appsyncFunctionName(r.dataSource) : undefined,
        functions: r.kind === 'PIPELINE' ? r.functions.map(appsyncFunctionName) : undefined,
      }))
      .sort((a, b) => a.field.localeCompare(b.field));
    expect(synthesized).toEqual(wired);
  });

  it('deploys exactly the data sources and pipeline functions of wiring/api.ts', () => {
    const synthesizedSources = Object.values(resourcesOfType(main, 'AWS::AppSync::DataSource'))
      .map((ds) => ({ name: ds.Properties!.Name, type: ds.Properties!.Type }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const wiredSources = Object.entries(dataSources)
      .map(([name, ds]) => ({ name: appsyncFunctionName(name), type: ds.kind }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(synthesizedSources).toEqual(wiredSources);
    const synthesizedFunctions = Object.values(resourcesOfType(main, 'AWS::AppSync::FunctionConfiguration'))
      .map((fn) => fn.Properties!.Name)
      .sort();
    expect(synthesizedFunctions).toEqual(pipelineFunctions.map((f) => appsyncFunctionName(f.name)).sort());
  });

  it('runs the same APPSYNC_JS bundles the local runtime runs', () => {
    const bundle = (relative: string) => readFileSync(path.join(ROOT_DIR, relative), 'utf8');
    for (const r of resolvers) {
      main.hasResourceProperties('AWS::AppSync::Resolver', {
        TypeName: r.typeName,
        FieldName: r.fieldName,
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundle(resolverBundlePath(r)),
      });
    }
    for (const f of pipelineFunctions) {
      main.hasResourceProperties('AWS::AppSync::FunctionConfiguration', {
        Name: appsyncFunctionName(f.name),
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundle(pipelineFunctionBundlePath(f.name)),
      });
    }
  });

  it('does not cache resolvers while the API cache setting is NONE', () => {
    main.resourceCountIs('AWS::AppSync::ApiCache', 0);
    for (const r of Object.values(resourcesOfType(main, 'AWS::AppSync::Resolver'))) {
      expect(r.Properties!.CachingConfig).toBeUndefined();
    }
  });

  it('is behind a regional WAF web ACL that rate-limits each IP', () => {
    const acl = synth.main.api.webAcl.webAcl;
    main.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: RATE_LIMIT_RULE,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: synth.settings.apiRateLimit, AggregateKeyType: 'IP' } },
        }),
      ]),
    });
    main.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: getAtt(synth.main.api.api, 'Arn'),
      WebACLArn: getAtt(acl, 'Arn'),
    });
  });
});

describe('Lambdas of wiring/events.ts', () => {
  it.each(lambdas.map((l) => [l.name, l] as const))('%s runs Node.js 22 on ARM64 with active tracing', (_name, definition) => {
    const fn = resource(fnOf(definition.name));
    expect(fn.Type).toBe('AWS::Lambda::Function');
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: definition.timeoutSeconds,
      MemorySize: definition.memoryMb,
      Handler: 'index.handler',
    });
  });

  it('are exactly the functions of the wiring', () => {
    expect([...synth.main.functions.functions.keys()].sort()).toEqual(lambdas.map((l) => l.name).sort());
  });

  const byTrigger = <K extends LambdaDefinition['trigger']['kind']>(kind: K) =>
    lambdas.filter((l): l is LambdaDefinition & { trigger: Extract<LambdaDefinition['trigger'], { kind: K }> } => l.trigger.kind === kind);

  it('stream consumers read the table stream filtered on the entity type, with partial batch responses and a failure queue', () => {
    expect(byTrigger('table-stream').length).toBeGreaterThan(0);
    for (const definition of byTrigger('table-stream')) {
      main.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: ref(fnOf(definition.name)) },
        EventSourceArn: getAtt(synth.main.table, 'StreamArn'),
        BatchSize: definition.trigger.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: {
          Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { type: { S: [...definition.trigger.filterEntityTypes] } } } }) }],
        },
        ...(definition.trigger.superseded
          ? {}
          : { DestinationConfig: { OnFailure: { Destination: getAtt(synth.main.functions.streamFailureQueues.get(definition.name)!, 'Arn') } } }),
      });
      // A superseded consumer (order-realtime) drops what fails every retry: no failure queue.
      expect(synth.main.functions.streamFailureQueues.has(definition.name)).toBe(!definition.trigger.superseded);
    }
  });

  it('queue consumers read their queue with partial batch responses', () => {
    expect(byTrigger('queue').length).toBeGreaterThan(0);
    for (const definition of byTrigger('queue')) {
      main.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: ref(fnOf(definition.name)) },
        EventSourceArn: getAtt(synth.main.messaging.queue(definition.trigger.queue), 'Arn'),
        BatchSize: definition.trigger.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('scheduled functions run at their cron in the shop time zone', () => {
    for (const definition of byTrigger('schedule')) {
      main.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: `cron(${definition.trigger.cron})`,
        ScheduleExpressionTimezone: synth.settings.shopTimeZone,
        Target: Match.objectLike({ Arn: getAtt(fnOf(definition.name), 'Arn') }),
      });
    }
    expect(synth.settings.shopTimeZone).toBe('America/Mexico_City');
  });

  it('upload functions are notified of new objects under their prefix, with the suffix in either case', () => {
    expect(byTrigger('s3-upload').length).toBeGreaterThan(0);
    for (const definition of byTrigger('s3-upload')) {
      const { prefix, suffix } = definition.trigger;
      const configuration = (suffixVariant: string) => ({
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: suffixVariant }, { Name: 'prefix', Value: prefix }] } },
        LambdaFunctionArn: getAtt(fnOf(definition.name), 'Arn'),
      });
      main.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: ref(synth.main.storage.bucketByWiringName(definition.trigger.bucket)) },
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [...new Set([suffix, suffix.toUpperCase()])].map(configuration),
        },
      });
    }
  });
});

describe('SNS and SQS', () => {
  it.each(queues.map((q) => [q.name, q] as const))('%s has a dead-letter queue after maxReceiveCount and an encrypted, TLS-only setup', (_n, definition) => {
    const queue = synth.main.messaging.queue(definition.name);
    const dlq = synth.main.messaging.deadLetterQueues.get(definition.name)!;
    expect(resource(queue).Properties).toMatchObject({
      VisibilityTimeout: definition.visibilityTimeoutSeconds,
      RedrivePolicy: { deadLetterTargetArn: getAtt(dlq, 'Arn'), maxReceiveCount: definition.maxReceiveCount },
      SqsManagedSseEnabled: true,
    });
    expect(deadLetterQueueName(definition.name)).toBe(`${definition.name}-dlq`);
    main.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ref(queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it.each(queues.map((q) => [q.name, q] as const))('%s subscribes to its topic with raw delivery and the wiring filter policy', (_n, definition) => {
    main.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: ref(synth.main.messaging.topic(definition.topic)) },
      Endpoint: getAtt(synth.main.messaging.queue(definition.name), 'Arn'),
      RawMessageDelivery: true,
      FilterPolicy: definition.filterPolicy ? { ...definition.filterPolicy } : Match.absent(),
    });
  });

  it('encrypts the orders topic with the AWS managed SNS key (no key to pay for) and refuses plain HTTP', () => {
    const topic = synth.main.messaging.topic('orders');
    expect(resource(topic).Properties.KmsMasterKeyId).toBe(SNS_AWS_MANAGED_KEY_ALIAS);
    main.resourceCountIs('AWS::KMS::Key', 0);
    main.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('S3 buckets', () => {
  const allBuckets = () => [...Object.values(resourcesOfType(main, 'AWS::S3::Bucket')), ...Object.values(resourcesOfType(synth.replicaTemplate, 'AWS::S3::Bucket'))];

  it('are all encrypted, block all public access and are retained', () => {
    expect(allBuckets()).toHaveLength(7); // six for the shop (product images included) and its emails replica, plus the Athena results bucket of the sales analytics
    for (const bucket of allBuckets()) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
    }
    main.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  it('all refuse requests without TLS', () => {
    for (const template of [main, synth.replicaTemplate]) {
      const buckets = Object.keys(resourcesOfType(template, 'AWS::S3::Bucket'));
      const tlsOnly = Object.values(resourcesOfType(template, 'AWS::S3::BucketPolicy'))
        .filter((policy) =>
          (policy.Properties as any).PolicyDocument.Statement.some(
            (s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
          ),
        )
        .map((policy) => (policy.Properties as any).Bucket.Ref);
      expect(tlsOnly.sort()).toEqual(buckets.sort());
    }
  });

  it('expire access logs after 30 days', () => {
    expect(resource(synth.main.storage.logsBucket).Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' }),
    );
  });

  it('move emails to Glacier after 90 days and delete them after 365 (the settings defaults)', () => {
    expect(resource(synth.main.storage.emailsBucket).Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: 365,
        Status: 'Enabled',
      }),
    );
  });

  it('replicate emails to a versioned bucket in us-east-2, deployed first', () => {
    const emails = resource(synth.main.storage.emailsBucket).Properties;
    expect(emails.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(emails.ReplicationConfiguration.Rules).toHaveLength(1);
    expect(synth.emailsReplica.region).toBe('us-east-2');
    synth.replicaTemplate.hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    expect(synth.main.dependencies).toContain(synth.emailsReplica);
  });

  it('survive destroy-then-deploy: the retained replica bucket has a generated name, and replication targets that bucket through the replica stack output', () => {
    // A fixed name would stay taken by the retained bucket after `cdk destroy` and fail the next deploy.
    const replicaBuckets = Object.entries(resourcesOfType(synth.replicaTemplate, 'AWS::S3::Bucket'));
    expect(replicaBuckets).toHaveLength(1);
    const [replicaId, replicaBucket] = replicaBuckets[0]!;
    expect(replicaId).toBe(logicalIdOf(synth.emailsReplica.bucket));
    expect(replicaBucket.Properties).not.toHaveProperty('BucketName');
    expect(replicaBucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });

    // The replica stack publishes that bucket's ARN...
    const outputs = synth.replicaTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.EmailsReplicaBucketArn?.Value).toEqual({ 'Fn::GetAtt': [replicaId, 'Arn'] });

    // ...and the main stack's replication rule (and its role's write grant) read exactly that output.
    const replicaArn = {
      'Fn::GetStackOutput': { StackName: synth.emailsReplica.stackName, Region: 'us-east-2', OutputName: 'EmailsReplicaBucketArn' },
    };
    expect(synth.emailsReplica.stackName).toBe('FarmaCruz-EmailsReplica');
    const emails = resource(synth.main.storage.emailsBucket).Properties;
    expect(emails.ReplicationConfiguration.Rules[0].Destination).toEqual({ Bucket: replicaArn });
    const role = synth.main.storage.emailsBucket.node.findChild('ReplicationRole');
    const policy = Object.values(resourcesOfType(main, 'AWS::IAM::Policy')).find((p) =>
      (p.Properties as any).Roles.some((r: any) => r.Ref === logicalIdOf(role)),
    );
    expect((policy!.Properties as any).PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Action: expect.arrayContaining(['s3:ReplicateObject']), Resource: { 'Fn::Join': ['', [replicaArn, '/*']] } }),
    );
    // Nothing in the main stack derives the replica's name any more.
    expect(JSON.stringify(main.toJSON())).not.toMatch(/emails-replica/);
  });

  it('log every access of the data, emails and web buckets to the logs bucket', () => {
    const logs = { Ref: ref(synth.main.storage.logsBucket) };
    for (const bucket of [synth.main.storage.dataBucket, synth.main.storage.emailsBucket, synth.main.storage.webBucket]) {
      expect(resource(bucket).Properties.LoggingConfiguration.DestinationBucketName).toEqual(logs);
    }
  });
});

describe('lake', () => {
  it('delivers the Kinesis stream to the data bucket as the wiring says: date-partitioned, GZIP, with an error prefix', () => {
    main.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamName: lakeDelivery.deliveryStreamName,
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: getAtt(synth.main.lake.stream, 'Arn') },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: getAtt(synth.main.storage.dataBucket, 'Arn'),
        Prefix: lakeDelivery.prefix,
        ErrorOutputPrefix: lakeDelivery.errorOutputPrefix,
        CompressionFormat: 'GZIP',
        BufferingHints: { IntervalInSeconds: lakeDelivery.bufferIntervalSeconds, SizeInMBs: lakeDelivery.bufferSizeMiB },
      }),
    });
    expect(lakeDelivery.prefix).toMatch(/!\{timestamp:[^}]*yyyy[^}]*\}/);
    expect(lakeDelivery.errorOutputPrefix).toContain('!{firehose:error-output-type}');
  });

  it('uses a provisioned one-shard, encrypted Kinesis stream by default (10.95 USD a month idle, on demand 29.20)', () => {
    main.hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 1,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('lets Firehose write only the lake prefixes of the data bucket', () => {
    const s3Statements = statementsOfRole(ref(synth.main.lake.deliveryRole)).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const writes = s3Statements.filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]!.Resource)).toContain(`/${staticPrefix(lakeDelivery.prefix)}*`);
    expect(JSON.stringify(writes[0]!.Resource)).toContain(`/${staticPrefix(lakeDelivery.errorOutputPrefix)}*`);
    expect(s3Statements.flatMap(actionsOf).filter((a) => a.includes('*') || a.startsWith('s3:Delete'))).toEqual([]);
  });
});

describe('web', () => {
  it('serves the private web bucket through CloudFront with origin access control, the prerendered home page at / and SPA fallback', () => {
    main.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        // Before the first render writes it, S3 answers 403 for it and the fallback serves the app.
        DefaultRootObject: 'inicio.html',
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() }), Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        WebACLId: getAtt(synth.main.web.webAcl.webAcl, 'Arn'),
        Logging: Match.objectLike({ Bucket: getAtt(synth.main.storage.logsBucket, 'RegionalDomainName') }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('serves product pictures under /images/* from the private images bucket, same origin as the shop', () => {
    const distribution = Object.values(resourcesOfType(main, 'AWS::CloudFront::Distribution'))[0]!.Properties as any;
    const behaviors = distribution.DistributionConfig.CacheBehaviors as { PathPattern: string; TargetOriginId: string; ViewerProtocolPolicy: string }[];
    expect(behaviors.map((b) => [b.PathPattern, b.ViewerProtocolPolicy])).toEqual([['images/*', 'redirect-to-https']]);
    const origin = (distribution.DistributionConfig.Origins as { Id: string; DomainName: unknown }[]).find((o) => o.Id === behaviors[0]!.TargetOriginId)!;
    expect(origin.DomainName).toEqual(getAtt(synth.main.storage.imagesBucket, 'RegionalDomainName'));
  });

  it('writes config.json for the web app into the web bucket on every deployment, then invalidates the cache', () => {
    main.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: ref(synth.main.storage.webBucket) },
      DistributionId: { Ref: ref(synth.main.web.distribution) },
      DistributionPaths: ['/*'],
      Prune: false,
    });
    const configFiles = readdirSync(synth.outdir)
      .filter((entry) => entry.startsWith('asset.'))
      .map((entry) => path.join(synth.outdir, entry, 'config.json'))
      .filter((file) => existsSync(file));
    expect(configFiles).toHaveLength(1);
    // The keys web/src/config.ts requires; the values are filled in by CloudFormation at deploy time.
    const written = JSON.parse(readFileSync(configFiles[0]!, 'utf8'));
    expect(Object.keys(written).sort()).toEqual(['apiKey', 'graphqlUrl', 'pharmacyContact', 'region', 'speiAccount', 'userPoolClientId']);
    // The order page's contact, from the one definition (config/settings.ts).
    expect(written.pharmacyContact).toEqual(loadPharmacyContact({}));
    // The SPEI account of the order page, from the one definition the order-email Lambda reads too.
    expect(written.speiAccount).toEqual(loadSpeiAccount({}));
  });

  it('warns at synth when bank transfers would show the demo account (no FARMACRUZ_SPEI_* settings)', () => {
    const warnings = Annotations.fromStack(synth.main).findWarning('*', Match.stringLikeRegexp('SPEI.*DEMO account'));
    expect(isDemoSpeiAccount(loadSpeiAccount())).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.entry.data)).toContain('FARMACRUZ_SPEI_CLABE');
    // The page and email say it is a demo, so nobody transfers to it even if the warning is missed.
    expect(loadSpeiAccount().beneficiary).toMatch(/DEMOSTRACIÓN/);
  });

  it('rate-limits each IP with a CloudFront-scoped WAF web ACL', () => {
    main.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({ Name: RATE_LIMIT_RULE, Statement: { RateBasedStatement: { Limit: synth.settings.webRateLimit, AggregateKeyType: 'IP' } } }),
      ]),
    });
  });

  it('sends security headers, with a content security policy that allows only the API and Cognito', () => {
    main.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    const policy = JSON.stringify(Object.values(resourcesOfType(main, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self' ");
    expect(policy).toContain('https://cognito-idp.us-east-1.amazonaws.com');
    expect(policy).toContain(ref(synth.main.api.api));
  });
});

describe('email', () => {
  it('deploys every order email template from the data order-email renders with', () => {
    const defaults = DEFAULT_ORDER_EMAIL_TEMPLATES;
    const expected = templatesNamed(defaults);
    const deployed = Object.values(resourcesOfType(main, 'AWS::SES::Template')).map((t) => (t.Properties as any).Template);
    expect(deployed).toEqual(
      expected.map((t) => ({ TemplateName: t.name, SubjectPart: t.subject, HtmlPart: t.html, TextPart: t.text })),
    );
  });

  it('verifies the sender address and tells order-email which templates and sender to use', () => {
    main.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: SENDER });
    const defaults = DEFAULT_ORDER_EMAIL_TEMPLATES;
    expect(resource(fnOf('order-email')).Properties.Environment.Variables).toMatchObject({
      ORDER_EMAIL_FROM: `FarmaCruz <${SENDER}>`,
      ORDER_EMAIL_TEMPLATE_PLACED: defaults.orderPlaced,
      ORDER_EMAIL_TEMPLATE_STATUS_CHANGED: defaults.orderStatusChanged,
      ORDER_EMAIL_TEMPLATE_CANCELLED: defaults.orderCancelled,
      ORDER_EMAIL_TIME_ZONE: 'America/Mexico_City',
      EMAILS_BUCKET: { Ref: ref(synth.main.storage.emailsBucket) },
    });
  });
});

describe('IAM least privilege', () => {
  const roleOf = (name: string) => ref(fnOf(name).role!);

  it('order-email may send email and write the emails bucket, nothing broader', () => {
    const statements = statementsOfRole(roleOf('order-email'));
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    expect(s3[0]!.Resource).toEqual({ 'Fn::Join': ['', [getAtt(synth.main.storage.emailsBucket, 'Arn'), '/*']] });
    const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses.flatMap(actionsOf)).toEqual(['ses:SendEmail']);
    expect(JSON.stringify(ses[0]!.Resource)).not.toContain('"*"');
    expect(JSON.stringify(ses[0]!.Resource)).toContain(getAtt(synth.main.email.identity!, 'EmailIdentityArn')['Fn::GetAtt'][0]);
  });

  it('order-email may read users of the shop user pool (AdminGetUser, for orders placed with access tokens), nothing else there', () => {
    const statements = statementsOfRole(roleOf('order-email')).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    expect(statements.flatMap(actionsOf)).toEqual(['cognito-idp:AdminGetUser']);
    expect(statements[0]!.Resource).toEqual(getAtt(synth.main.auth.userPool, 'Arn'));
    expect(resource(fnOf('order-email')).Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: ref(synth.main.auth.userPool) });
  });

  it('order-email and order-lake touch only their own idempotency records in the table', () => {
    for (const name of ['order-email', 'order-lake']) {
      const dynamo = statementsOfRole(roleOf(name)).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo).toHaveLength(1);
      expect(actionsOf(dynamo[0]!).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      expect(dynamo[0]!.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`IDEMPOTENCY#${name}`] } });
    }
  });

  it('order-lake may put records on the lake stream only', () => {
    const kinesis = statementsOfRole(roleOf('order-lake')).filter((s) => actionsOf(s).some((a) => a.startsWith('kinesis:')));
    expect(kinesis.flatMap(actionsOf).sort()).toEqual(['kinesis:PutRecord', 'kinesis:PutRecords']);
    expect(kinesis[0]!.Resource).toEqual(getAtt(synth.main.lake.stream, 'Arn'));
  });

  it('similarity may read active products through GSI2, batch-read/write product items and record its run in the CATALOG partition, nothing else', () => {
    const all = statementsOfRole(roleOf('similarity'));
    // sqs: sending a failed run to its failure destination.
    expect([...new Set(all.flatMap(actionsOf).map((a) => a.split(':')[0]))].sort()).toEqual(['dynamodb', 'logs', 'sqs', 'xray']);
    const statements = all.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(statements.map((s) => ({ actions: actionsOf(s), resource: s.Resource, condition: s.Condition }))).toEqual([
      { actions: ['dynamodb:Query'], resource: { 'Fn::Join': ['', [getAtt(synth.main.table, 'Arn'), '/index/GSI2']] }, condition: undefined },
      {
        actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
        resource: getAtt(synth.main.table, 'Arn'),
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PRODUCT#*'] } },
      },
      {
        // CATALOG / SIMILARITYRUN (the run record) and CATALOG / SIMILARITYREQUEST (the back office's "recompute now").
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resource: getAtt(synth.main.table, 'Arn'),
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CATALOG'] } },
      },
    ]);
  });

  it('the API starts the similarity job itself: an AWS_LAMBDA data source whose role invokes only the similarity function', () => {
    const similarity = ref(fnOf('similarity'));
    const sources = Object.values(json.Resources).filter((r) => r.Type === 'AWS::AppSync::DataSource' && r.Properties.Type === 'AWS_LAMBDA');
    const source = sources.find((r) => JSON.stringify(r.Properties.LambdaConfig).includes(`"${similarity}"`));
    expect(source).toBeDefined();
    const statements = statementsOfRole(source!.Properties.ServiceRoleArn['Fn::GetAtt'][0] as string);
    expect(new Set(statements.flatMap(actionsOf))).toEqual(new Set(['lambda:InvokeFunction']));
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).toContain(`"${similarity}"`);
  });

  it('reservation-expiry may touch reservations, orders, products and unpaid counts of the table only, and runs every minute', () => {
    const statements = statementsOfRole(roleOf('reservation-expiry')).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(statements.map((s) => ({ resource: s.Resource, condition: s.Condition }))).toEqual([
      {
        resource: getAtt(synth.main.table, 'Arn'),
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RESERVATIONS', 'ORDER#*', 'PRODUCT#*', 'UNPAID#*'] } },
      },
    ]);
    expect(actionsOf(statements[0]!)).not.toContain('dynamodb:Scan');
    const trigger = lambdas.find((l) => l.name === 'reservation-expiry')!.trigger;
    expect(trigger).toMatchObject({ kind: 'schedule', cron: '* * * * ? *' });
  });

  it('catalog-import may read uploads and write reports under their prefixes only, and never delete objects', () => {
    const upload = lambdas.find((l) => l.name === 'catalog-import')!.trigger;
    expect(upload.kind).toBe('s3-upload');
    const s3 = statementsOfRole(roleOf('catalog-import')).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [getAtt(synth.main.storage.dataBucket, 'Arn'), `/${prefix}*`]] });
    expect(s3.map((s) => ({ actions: actionsOf(s), resource: s.Resource }))).toEqual([
      { actions: ['s3:GetObject'], resource: objects(upload.kind === 's3-upload' ? upload.prefix : '') },
      { actions: ['s3:PutObject'], resource: objects(loadCatalogSettings({}).reportPrefix) },
    ]);
    const dynamo = statementsOfRole(roleOf('catalog-import')).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap(actionsOf).sort()).toEqual(
      // The catalog upsert, and the record of an import started from the back office (GetItem, PutItem, UpdateItem).
      ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
  });

  it('no function role has a wildcard action, nor a wildcard resource except where AWS has no resource-level permissions', () => {
    // X-Ray tracing, and listing the table's streams for a stream event source.
    const withoutResourceLevel = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams']);
    for (const definition of lambdas) {
      for (const statement of statementsOfRole(roleOf(definition.name))) {
        expect(actionsOf(statement).filter((a) => a === '*' || a.endsWith(':*')), definition.name).toEqual([]);
        if (statement.Resource === '*') {
          expect(actionsOf(statement).filter((a) => !withoutResourceLevel.has(a)), definition.name).toEqual([]);
        }
      }
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves no finding unfixed or unacknowledged', () => {
    expect(nag.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('acknowledges every remaining finding with a written reason', () => {
    expect(nag.acknowledgements.length).toBeGreaterThan(0);
    for (const ack of nag.acknowledgements) {
      expect(ack.reason.trim().length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('has no stale acknowledgement (each one silences a finding)', () => {
    expect(nag.unused.map((ack) => `${ack.path} ${ack.id}`)).toEqual([]);
  });
});

describe('outputs', () => {
  it('gives the clients what they need', () => {
    const outputs = Object.keys(main.toJSON().Outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(['Region', 'GraphqlUrl', 'ApiKey', 'UserPoolId', 'UserPoolClientId', 'WebUrl']));
  });
});
