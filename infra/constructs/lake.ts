/**
 * The order lake: order-lake writes one JSON line per order event to a Kinesis stream; Firehose buffers
 * them into GZIP files in DataBucket under the date-partitioned prefix of `lakeDelivery` (wiring/events.ts,
 * the same layout the local Firehose stand-in writes), with failed records under its error prefix.
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
import { lakeDelivery, type LakeDeliveryDefinition } from '../../wiring/events';
import { acknowledge, arnRef } from '../nag';

/** The fixed part of a Firehose prefix, before its first `!{…}` expression: what IAM can be scoped to. */
export function staticPrefix(prefix: string): string {
  const index = prefix.indexOf('!{');
  return index === -1 ? prefix : prefix.slice(0, index);
}

export interface LakeProps {
  readonly bucket: s3.IBucket;
  readonly streamMode: 'ON_DEMAND' | 'PROVISIONED';
  /** Shards in PROVISIONED mode. */
  readonly shards: number;
  readonly logRetention: logs.RetentionDays;
  /** Physical name of the delivery stream (the first part of every object name). */
  readonly deliveryStreamName: string;
  readonly delivery?: LakeDeliveryDefinition;
}

export class Lake extends Construct {
  readonly stream: kinesis.Stream;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly deliveryRole: iam.Role;

  constructor(scope: Construct, id: string, props: LakeProps) {
    super(scope, id);
    const delivery = props.delivery ?? lakeDelivery;
    const dataPrefix = staticPrefix(delivery.prefix);
    const errorPrefix = staticPrefix(delivery.errorOutputPrefix);
    if (!dataPrefix || !errorPrefix || dataPrefix.startsWith(errorPrefix) || errorPrefix.startsWith(dataPrefix)) {
      throw new Error(`The lake needs distinct fixed prefixes for data and errors, got "${dataPrefix}" and "${errorPrefix}"`);
    }
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
    const lakeObjects = [props.bucket.arnForObjects(`${dataPrefix}*`), props.bucket.arnForObjects(`${errorPrefix}*`)];
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
    for (const prefix of [dataPrefix, errorPrefix]) {
      acknowledge(
        this.deliveryRole,
        `AwsSolutions-IAM5[Resource::${arnRef(props.bucket)}/${prefix}*]`,
        'Firehose names each object it delivers (date partitions, random suffix); the wildcard covers only the lake prefix of the data bucket.',
      );
    }

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'OrdersDelivery', {
      deliveryStreamName: props.deliveryStreamName,
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: this.stream.streamArn, roleArn: this.deliveryRole.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.deliveryRole.roleArn,
        prefix: delivery.prefix,
        errorOutputPrefix: delivery.errorOutputPrefix,
        compressionFormat: delivery.compression,
        bufferingHints: { intervalInSeconds: delivery.bufferIntervalSeconds, sizeInMBs: delivery.bufferSizeMiB },
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
