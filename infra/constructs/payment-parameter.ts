/**
 * Where the Stripe API key and webhook signing secret live in AWS: one SSM SecureString parameter,
 * `/<stackPrefix>/stripe`, holding `{"apiKey":"sk_…","webhookSecret":"whsec_…"}`. CloudFormation cannot create a
 * SecureString, so the stack only names it, grants the two payment Lambdas `ssm:GetParameter` on it, and
 * outputs its name; the operator puts the value (docs/deploy.md, "Card payments"). It is encrypted with the
 * account's AWS managed key `aws/ssm`, whose key policy lets the account's principals decrypt through SSM, so
 * no KMS grant is needed. A standard parameter costs nothing at idle (a Secrets Manager secret 0.40 USD a month).
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface PaymentParameter {
  /** e.g. /FarmaCruz/stripe */
  readonly name: string;
  readonly arn: string;
}

export function paymentParameter(scope: Construct, stackPrefix: string): PaymentParameter {
  const name = `/${stackPrefix}/stripe`;
  const arn = Stack.of(scope).formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.slice(1), arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return { name, arn };
}

/** Read (and decrypt) that one parameter. */
export function grantParameterRead(fn: lambda.Function, parameter: PaymentParameter): void {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameter.arn] }));
}
