/**
 * The order lake: order-lake writes one JSON line per order event to a Kinesis stream; Firehose buffers
 * them into GZIP files in DataBucket under a date-partitioned prefix (Hive style, UTC), with failed records
 * under a separate error prefix.
 *
 * Firehose is declared at the CloudFormation level (CfnDeliveryStream) on purpose: the L2 construct grants
 * its role read/write/delete on the whole bucket, while this role may only write the lake prefixes.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, arnRef } from '../nag';
import { LAKE_ERROR_PREFIX, LAKE_PREFIX } from './storage';

/** Firehose's timestamp namespace, evaluated at delivery time (UTC). */
export const LAKE_DATE_PARTITIONS = 'year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/';
export const LAKE_DATA_PREFIX = `${LAKE_PREFIX}${LAKE_DATE_PARTITIONS}`;
export const LAKE_ERROR_OUTPUT_PREFIX = `${LAKE_ERROR_PREFIX}!{firehose:error-output-type}/${LAKE_DATE_PARTITIONS}`;

export interface LakeProps {
  readonly bucket: s3.IBucket;
  readonly streamMode: 'ON_DEMAND' | 'PROVISIONED';
  /** Shards in PROVISIONED mode. */
  readonly shards: number;
  readonly logRetention: logs.RetentionDays;
}

export class Lake extends Construct {
  readonly stream: kinesis.Stream;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly deliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: LakeProps) {
    super(scope, id);
    this.stream = new kinesis.Stream(this, 'OrdersStream', {
      streamMode: props.streamMode === 'ON_DEMAND' ? kinesis.StreamMode.ON_DEMAND : kinesis.StreamMode.PROVISIONED,
      shardCount: props.streamMode === 'PROVISIONED' ? props.shards : undefined,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(24),
      // A 24-hour buffer in front of Firehose; the lake itself lives in the data bucket.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const deliveryLogs = new logs.LogGroup(this, 'DeliveryLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const deliveryLogStream = deliveryLogs.addStream('S3Delivery');

    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description: 'Firehose: read the lake stream, write the lake prefixes of the data bucket',
    });
    this.stream.grantRead(this.deliveryRole);
    const lakeObjects = [props.bucket.arnForObjects(`${LAKE_PREFIX}*`), props.bucket.arnForObjects(`${LAKE_ERROR_PREFIX}*`)];
    this.deliveryRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: lakeObjects }),
    );
    this.deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [props.bucket.bucketArn],
      }),
    );
    this.deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:PutLogEvents'],
        resources: [
          `arn:${deliveryLogs.stack.partition}:logs:${deliveryLogs.stack.region}:${deliveryLogs.stack.account}:log-group:${deliveryLogs.logGroupName}:log-stream:${deliveryLogStream.logStreamName}`,
        ],
      }),
    );
    for (const prefix of [LAKE_PREFIX, LAKE_ERROR_PREFIX]) {
      acknowledge(
        this.deliveryRole,
        `AwsSolutions-IAM5[Resource::${arnRef(props.bucket)}/${prefix}*]`,
        'Firehose names each object it delivers (date partitions, random suffix); the wildcard covers only the lake prefix of the data bucket.',
      );
    }

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'OrdersDelivery', {
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: this.stream.streamArn, roleArn: this.deliveryRole.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.deliveryRole.roleArn,
        prefix: LAKE_DATA_PREFIX,
        errorOutputPrefix: LAKE_ERROR_OUTPUT_PREFIX,
        compressionFormat: 'GZIP',
        fileExtension: '.jsonl.gz',
        bufferingHints: { intervalInSeconds: 60, sizeInMBs: 5 },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: deliveryLogs.logGroupName, logStreamName: deliveryLogStream.logStreamName },
      },
    });
    // Firehose checks its role when the delivery stream is created: the policy must exist first.
    this.deliveryStream.node.addDependency(this.deliveryRole);
    acknowledge(
      this.deliveryStream,
      'AwsSolutions-KDF1',
      'Firehose refuses server-side encryption when its source is a Kinesis stream; the records are encrypted in the source stream (aws/kinesis) and in the destination bucket (SSE-S3).',
    );
  }
}
