/**
 * The AWS SDK v3 clients of the order Lambdas, made in this one place. In AWS every option comes from the
 * Lambda environment (region, credentials, endpoints); locally the event fabric passes endpoints of the
 * stand-ins and fixed credentials. Nothing else in functions/ constructs a client.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsServiceName, LambdaSettings } from '../../config/settings';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  readonly sns: SNSClient;
  readonly sesv2: SESv2Client;
  readonly s3: S3Client;
  readonly kinesis: KinesisClient;
  /** The user pool's admin API (order-email looks up a customer's verified email). */
  readonly cognito: CognitoIdentityProviderClient;
  /** The function's own credentials (order-realtime signs its AppSync requests with them). */
  readonly credentials: AwsCredentialIdentityProvider;
  destroy(): void;
}

export interface AwsClientOptions {
  /** Fixed credentials (local stand-ins); the default provider chain when absent (AWS). */
  readonly credentials?: AwsCredentials;
}

export function createAwsClients(settings: LambdaSettings, options: AwsClientOptions = {}): AwsClients {
  const common = (service: AwsServiceName) => {
    const endpoint = settings.aws.endpoints[service];
    return {
      region: settings.aws.region,
      ...(endpoint ? { endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
  };
  const dynamodb = new DynamoDBClient(common('dynamodb'));
  const documentClient = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sns = new SNSClient(common('sns'));
  const sesv2 = new SESv2Client(common('sesv2'));
  const s3 = new S3Client({ ...common('s3'), forcePathStyle: settings.aws.s3ForcePathStyle });
  // The Kinesis client defaults to HTTP/2 (needed only for SubscribeToShard). PutRecords works over
  // HTTP/1.1 in AWS too, and local Kinesis endpoints speak only HTTP/1.1, so one handler serves both.
  const kinesis = new KinesisClient({ ...common('kinesis'), requestHandler: new NodeHttpHandler() });
  const cognito = new CognitoIdentityProviderClient(common('cognito'));
  return {
    dynamodb,
    documentClient,
    sns,
    sesv2,
    s3,
    kinesis,
    cognito,
    // The SDK's own resolution (the role's credentials in AWS, the fixed local ones locally).
    credentials: () => dynamodb.config.credentials(),
    destroy() {
      for (const client of [documentClient, dynamodb, sns, sesv2, s3, kinesis, cognito]) client.destroy();
    },
  };
}
