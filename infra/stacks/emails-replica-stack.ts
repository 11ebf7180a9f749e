/**
 * The replica of EmailsBucket in another region (the seed's us-east-2 copy), retained on `cdk destroy` so
 * replicated emails survive. CloudFormation generates its name: a fixed name stays taken by the retained
 * bucket after a destroy, and the next deploy failed on it. After destroy-then-deploy the old replica stays,
 * with its emails, beside the new one.
 *
 * The main stack (us-east-1) learns the generated name from this stack's output `EmailsReplicaBucketArn`
 * through `Fn::GetStackOutput` (which reads another region's stack output at deploy time). That is the
 * "weak" cross-region reference this app's cdk.json selects (`@aws-cdk/core:defaultCrossStackReferences`),
 * written out with a fixed output name so the replication role's cdk-nag acknowledgement can name the ARN;
 * it needs no custom resource (the "strong" kind writes SSM parameters with a Lambda) and never blocks
 * deleting this stack, whose bucket is retained anyway. Deploy this stack first (the app declares the
 * dependency).
 */
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PrivateBucket } from '../constructs/private-bucket';
import { EMAILS_TRANSITION_MINIMUM_SIZE, emailsLifecycle } from '../constructs/storage';
import { acknowledge } from '../nag';

export interface EmailsReplicaStackProps extends StackProps {
  readonly emailsGlacierAfterDays: number;
  readonly emailsExpireAfterDays: number;
}

export class EmailsReplicaStack extends Stack {
  /** The output that carries the replica bucket's ARN to the main stack. */
  static readonly BUCKET_ARN_OUTPUT = 'EmailsReplicaBucketArn';

  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: EmailsReplicaStackProps) {
    super(scope, id, props);
    if (!props.env?.region) throw new Error('The emails replica stack needs an explicit region');
    // No bucketName: see the file comment (a retained fixed-name bucket blocks the next deploy).
    this.bucket = new PrivateBucket(this, 'EmailsReplicaBucket', {
      versioned: true,
      lifecycleRules: [emailsLifecycle(props.emailsGlacierAfterDays, props.emailsExpireAfterDays)],
      transitionDefaultMinimumObjectSize: EMAILS_TRANSITION_MINIMUM_SIZE,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Only S3 replication writes to this replica; every access to the original emails is logged on the source bucket, and a log bucket in this region would need logging of its own.',
    );
    new CfnOutput(this, EmailsReplicaStack.BUCKET_ARN_OUTPUT, {
      value: this.bucket.bucketArn,
      description: 'ARN of the emails replica bucket (generated name), read by the main stack\'s replication rule',
    });
  }

  /** The replica bucket's ARN for a stack in another region: this stack's output, read at deploy time. */
  bucketArnOutput(): string {
    return Fn.getStackOutput(this.stackName, EmailsReplicaStack.BUCKET_ARN_OUTPUT, this.region);
  }
}
