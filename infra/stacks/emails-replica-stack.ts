/**
 * The replica of EmailsBucket in another region (the seed's us-east-2 copy). Its name is derived, not
 * exported, so the main stack's replication rule can name it without a cross-region reference; deploy this
 * stack first (the app declares the dependency).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PrivateBucket } from '../constructs/private-bucket';
import { EMAILS_TRANSITION_MINIMUM_SIZE, emailsLifecycle, emailsReplicaBucketName } from '../constructs/storage';
import { acknowledge } from '../nag';

export interface EmailsReplicaStackProps extends StackProps {
  readonly stackPrefix: string;
  readonly emailsGlacierAfterDays: number;
  readonly emailsExpireAfterDays: number;
}

export class EmailsReplicaStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: EmailsReplicaStackProps) {
    super(scope, id, props);
    const region = props.env?.region;
    if (!region) throw new Error('The emails replica stack needs an explicit region');
    this.bucket = new PrivateBucket(this, 'EmailsReplicaBucket', {
      bucketName: emailsReplicaBucketName(props.stackPrefix, region),
      versioned: true,
      lifecycleRules: [emailsLifecycle(props.emailsGlacierAfterDays, props.emailsExpireAfterDays)],
      transitionDefaultMinimumObjectSize: EMAILS_TRANSITION_MINIMUM_SIZE,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Only S3 replication writes to this replica; every access to the original emails is logged on the source bucket, and a log bucket in this region would need logging of its own.',
    );
  }
}
