/**
 * The baseline every FarmaCruz bucket shares: encrypted at rest (SSE-S3), TLS 1.2+ only, no public access,
 * bucket-owner-enforced ownership, kept when the stack is deleted (data outlives deployments).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps extends Omit<s3.BucketProps, 'encryption' | 'enforceSSL' | 'blockPublicAccess' | 'publicReadAccess'> {
  /** Where S3 server access logs go; required unless the bucket is itself a log target (then say why). */
  readonly serverAccessLogsBucket?: s3.IBucket;
}

export class PrivateBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps = {}) {
    super(scope, id, {
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      ...props,
      serverAccessLogsPrefix: props.serverAccessLogsBucket ? (props.serverAccessLogsPrefix ?? `s3/${id}/`) : undefined,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      publicReadAccess: false,
    });
  }
}
