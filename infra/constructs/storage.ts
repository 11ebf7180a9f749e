/**
 * The buckets of the seed: LogsBucket (access logs, 30-day expiry), DataBucket (the order lake and catalog
 * uploads), EmailsBucket (raw copy of every email sent, replicated to another region) and WebBucket (the SPA,
 * read by CloudFront only).
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, arnRef } from '../nag';
import { PrivateBucket } from './private-bucket';

export interface StorageProps {
  /** Days until access logs are deleted. */
  readonly logsExpireAfterDays: number;
  /** Days until emails move to S3 Glacier Flexible Retrieval. */
  readonly emailsGlacierAfterDays: number;
  /** Days until emails are deleted; later than `emailsGlacierAfterDays`. */
  readonly emailsExpireAfterDays: number;
  /** The bucket (in another region) that receives a replica of every email. */
  readonly emailsReplicaBucketName: string;
  readonly emailsReplicaRegion: string;
}

export class Storage extends Construct {
  readonly logsBucket: s3.Bucket;
  readonly dataBucket: s3.Bucket;
  readonly emailsBucket: s3.Bucket;
  readonly webBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    this.logsBucket = new PrivateBucket(this, 'LogsBucket', {
      // CloudFront standard logs are delivered with an ACL: the bucket must accept ACLs from log delivery.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(props.logsExpireAfterDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    const accessLogs = this.logsBucket;

    this.dataBucket = new PrivateBucket(this, 'DataBucket', {
      serverAccessLogsBucket: accessLogs,
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });

    const replica = s3.Bucket.fromBucketAttributes(this, 'EmailsReplicaBucket', {
      bucketName: props.emailsReplicaBucketName,
      region: props.emailsReplicaRegion,
      account: Aws.ACCOUNT_ID,
    });
    this.emailsBucket = new PrivateBucket(this, 'EmailsBucket', {
      serverAccessLogsBucket: accessLogs,
      versioned: true,
      lifecycleRules: [emailsLifecycle(props.emailsGlacierAfterDays, props.emailsExpireAfterDays)],
      transitionDefaultMinimumObjectSize: EMAILS_TRANSITION_MINIMUM_SIZE,
      replicationRules: [{ id: 'replicate-emails', destination: replica, priority: 1, deleteMarkerReplication: false }],
    });

    const replicationRole = this.emailsBucket.node.findChild('ReplicationRole');
    acknowledge(
      replicationRole,
      `AwsSolutions-IAM5[Resource::${arnRef(this.emailsBucket)}/*]`,
      'S3 replication reads every object version of the emails bucket (the CDK-generated replication role); scoped to that one bucket.',
    );
    acknowledge(
      replicationRole,
      `AwsSolutions-IAM5[Resource::arn:aws:s3:::${props.emailsReplicaBucketName.replace(Aws.ACCOUNT_ID, '<AWS::AccountId>')}/*]`,
      'S3 replication writes every replicated object into the replica bucket; scoped to that one bucket.',
    );

    this.webBucket = new PrivateBucket(this, 'WebBucket', { serverAccessLogsBucket: accessLogs });
  }

  /** A bucket as wiring/events.ts names it in an s3-upload trigger. */
  bucketByWiringName(name: 'data'): s3.Bucket {
    const buckets: Record<typeof name, s3.Bucket> = { data: this.dataBucket };
    return buckets[name];
  }
}

/**
 * Order emails are 10–30 KB; since September 2024 S3 moves no object under 128 KB by default, so without this
 * they would never reach Glacier. VARIES_BY_STORAGE_CLASS lets objects of any size move to Glacier Flexible
 * Retrieval. What it costs (docs/deploy.md): 0.03 USD per 1,000 transitions, and 40 KB of overhead per archived
 * object (32 KB at the Glacier rate, 8 KB at the Standard rate), so a 20 KB email costs about as much in
 * Glacier as in Standard: the transition buys the archive, not a saving.
 */
export const EMAILS_TRANSITION_MINIMUM_SIZE = s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS;

/** Glacier after `glacierDays`, gone after `expireDays`; old versions (kept for replication) go after 30 days. */
export function emailsLifecycle(glacierDays: number, expireDays: number): s3.LifecycleRule {
  return {
    id: 'emails-glacier-then-expire',
    transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(glacierDays) }],
    expiration: Duration.days(expireDays),
    noncurrentVersionExpiration: Duration.days(30),
    abortIncompleteMultipartUploadAfter: Duration.days(7),
  };
}

/** The replica's name, known to both stacks without a cross-region reference. */
export function emailsReplicaBucketName(stackPrefix: string, replicaRegion: string): string {
  return `${stackPrefix.toLowerCase()}-emails-replica-${Aws.ACCOUNT_ID}-${replicaRegion}`;
}
