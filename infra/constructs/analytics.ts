/**
 * Sales analytics in AWS (docs/analytics.md): an Athena workgroup over the lake's Glue table, with its own
 * results bucket whose objects expire, a per-query scan limit enforced on every query of the workgroup,
 * and what the hourly analytics Lambda (wiring/events.ts) may touch: that workgroup, the Glue table, the
 * lake objects it reads and the `ANALYTICS` items of the table it writes.
 */
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LAMBDA_ENV as E } from '../../config/environment';
import { ANALYTICS_PK } from '../../model/sales-analytics';
import { ANALYTICS_DAYS_PK } from '../../analytics/sales-days';
import { acknowledge, arnRef } from '../nag';
import type { LakeCatalog } from './lake-catalog';
import { PrivateBucket } from './private-bucket';

export const ATHENA_RESULTS_PREFIX = 'athena-results/';

export interface SalesAnalyticsProps {
  readonly workGroupName: string;
  readonly catalog: LakeCatalog;
  /** The bucket the lake is in. */
  readonly dataBucket: s3.IBucket;
  /** The lake's object prefix (e.g. `orders/`). */
  readonly lakePrefix: string;
  readonly logsBucket: s3.IBucket;
  /** Athena cancels any query of the workgroup that would scan more. */
  readonly bytesScannedCutoffPerQuery: number;
  /** Days Athena result files are kept. */
  readonly resultsExpireAfterDays: number;
}

export class SalesAnalytics extends Construct {
  readonly resultsBucket: s3.Bucket;
  readonly workGroup: athena.CfnWorkGroup;
  readonly props: SalesAnalyticsProps;

  constructor(scope: Construct, id: string, props: SalesAnalyticsProps) {
    super(scope, id);
    this.props = props;
    this.resultsBucket = new PrivateBucket(this, 'ResultsBucket', {
      serverAccessLogsBucket: props.logsBucket,
      lifecycleRules: [
        { id: 'expire-query-results', expiration: Duration.days(props.resultsExpireAfterDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workGroupName,
      description: 'FarmaCruz sales analytics over the order lake (hourly job; ad-hoc queries)',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // Clients cannot override the result location, encryption or scan limit.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/${ATHENA_RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  /** Environment and permissions of the analytics Lambda. */
  grantJob(fn: lambda.Function, table: dynamodb.ITable, timeZone: string): Record<string, string> {
    const { catalog, dataBucket, lakePrefix } = this.props;
    const stack = Stack.of(this);
    const workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.props.workGroupName });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'],
        resources: [workGroupArn],
      }),
    );
    const databaseName = catalog.database.ref;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'glue:GetPartition'],
        resources: [
          `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:catalog`,
          `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:database/${databaseName}`,
          `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/${databaseName}/${catalog.table.ref}`,
        ],
      }),
    );
    // Athena reads the lake and writes results with the caller's rights.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [dataBucket.arnForObjects(`${lakePrefix}*`)] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [dataBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${lakePrefix}*`, ''] } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [this.resultsBucket.arnForObjects(`${ATHENA_RESULTS_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [this.resultsBucket.bucketArn] }));
    // The job replaces the ANALYTICS items (TransactWriteItems of puts, after reading the day items' pointer)
    // and writes, lists and deletes the per-day items (ANALYTICS_DAYS, analytics/sales-days.ts); nothing else.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ANALYTICS_PK] } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ANALYTICS_DAYS_PK] } },
      }),
    );
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(dataBucket)}/${lakePrefix}*]`,
      'Athena reads every lake object under the lake prefix (one per Firehose flush); read only, only that prefix.',
    );
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(this.resultsBucket)}/${ATHENA_RESULTS_PREFIX}*]`,
      'Athena writes one result object per query under the results prefix of the analytics results bucket.',
    );
    return {
      [E.tableName]: table.tableName,
      [E.analyticsQueryEngine]: 'athena',
      [E.analyticsWorkGroup]: this.props.workGroupName,
      [E.analyticsDatabase]: databaseName,
      [E.shopTimeZone]: timeZone,
    };
  }
}
