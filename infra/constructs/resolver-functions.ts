/**
 * Every resolver Lambda of wiring/resolver-functions.ts, built like the event functions (createNodeFunction),
 * with what it may touch granted by hand per function (RESOLVER_FUNCTION_ACCESS, least privilege) and the
 * environment that tells it where. The GraphQL API (graphql-api.ts) makes one AppSync LambdaDataSource per
 * AWS_LAMBDA data source of wiring/api.ts on these functions. They are made before the API (AppSync's data
 * sources need them), so their resources are the ones that exist by then.
 */
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LAMBDA_ENV, requiredLambdaEnv } from '../../config/environment';
import { ANALYTICS_DAYS_PK } from '../../analytics/sales-days';
import { ANALYTICS_PK } from '../../model/sales-analytics';
import { orderKey, productKey } from '../../model/keys';
import { IMAGE_UPLOAD_PREFIX, imageUploadItemKey } from '../../model/product-image';
import { CATALOG_IMPORTS_PREFIX, catalogImportItemKey } from '../../model/catalog-import';
import { acknowledge, arnRef } from '../nag';
import { resolverFunctions as wiredResolverFunctions, type ResolverFunctionDefinition } from '../../wiring/resolver-functions';
import { allowNetworkInterfaces, createNodeFunction } from './node-function';
import { grantParameterRead, type PaymentParameter } from './payment-parameter';
import type { Storage } from './storage';

export interface ResolverFunctionResources {
  readonly table: dynamodb.ITable;
  readonly storage: Storage;
  readonly userPool: cognito.IUserPool;
  /** Environment every function gets (log level…). */
  readonly commonEnvironment: Readonly<Record<string, string>>;
  /** The Stripe SSM SecureString parameter (`{"apiKey","webhookSecret"}`) card-checkout reads at cold start. */
  readonly paymentParameter?: PaymentParameter;
  /** The web shop's URL (Stripe sends the shopper back there); may be a lazy token (the web is made after the API). */
  readonly shopUrl?: string;
}

/** Grants what the function may touch and returns the environment that tells it where. */
export type ResolverFunctionAccessGrant = (fn: lambda.Function, r: ResolverFunctionResources) => Record<string, string>;

/** One entry per function of wiring/resolver-functions.ts: a function without one fails the synth. */
export const RESOLVER_FUNCTION_ACCESS: Readonly<Record<string, ResolverFunctionAccessGrant>> = {
  'sales-range': (fn, r) => {
    // Reads the pointer to the day items (ANALYTICS / DAYS) and queries the day items (ANALYTICS_DAYS); nothing else.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ANALYTICS_PK] } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ANALYTICS_DAYS_PK] } },
      }),
    );
    return { ...r.commonEnvironment, [LAMBDA_ENV.tableName]: r.table.tableName };
  },
  // Reads the caller's order; creates the Checkout Session at Stripe with the secret's API key.
  'card-checkout': (fn, r) => {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [orderKey('*').PK] } },
      }),
    );
    if (!r.paymentParameter || !r.shopUrl) throw new Error('card-checkout needs the Stripe parameter and the shop URL (ResolverFunctionResources)');
    grantParameterRead(fn, r.paymentParameter);
    return {
      ...r.commonEnvironment,
      [LAMBDA_ENV.tableName]: r.table.tableName,
      [LAMBDA_ENV.stripeParameterName]: r.paymentParameter.name,
      [LAMBDA_ENV.shopUrl]: r.shopUrl,
    };
  },
  'product-image-upload': (fn, r) => {
    // Reads the product, records the upload's state; signs a POST for one key under the uploads prefix (the
    // presigned POST carries this role's right to put there).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [productKey('*').PK, imageUploadItemKey('*').PK] } },
      }),
    );
    const bucket = r.storage.imagesBucket;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${IMAGE_UPLOAD_PREFIX}*`)] }));
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/${IMAGE_UPLOAD_PREFIX}*]`,
      'The presigned POST it signs names one new key per upload under the uploads prefix (product and upload ids); PutObject only there.',
    );
    return { ...r.commonEnvironment, [LAMBDA_ENV.tableName]: r.table.tableName, [LAMBDA_ENV.imagesBucket]: bucket.bucketName };
  },
  'catalog-imports': (fn, r) => {
    // Records each import (its own item only); signs the POST of the .DBF under catalog-imports/preview/ and copies
    // a previewed file to catalog-imports/ (the copy is what triggers the import).
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [r.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [catalogImportItemKey('*').PK] } },
      }),
    );
    const bucket = r.storage.dataBucket;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${CATALOG_IMPORTS_PREFIX}*`)] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${CATALOG_IMPORTS_PREFIX}preview/*`)] }));
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/${CATALOG_IMPORTS_PREFIX}*]`,
      'Each import has its own keys (its ULID) under the catalog upload prefix: the presigned POST and the confirmation copy write only there.',
    );
    acknowledge(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::${arnRef(bucket)}/${CATALOG_IMPORTS_PREFIX}preview/*]`,
      'The confirmation copies the previewed file of one import (its ULID) from the preview folder; reads only there.',
    );
    return { ...r.commonEnvironment, [LAMBDA_ENV.tableName]: r.table.tableName, [LAMBDA_ENV.dataBucket]: bucket.bucketName };
  },
  // Reads the caller's orders through GSI1 and rewrites each one's personal data; deletes the caller's user.
  'account-deletion': (fn, r) => {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${r.table.tableArn}/index/GSI1`] }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [r.table.tableArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cognito-idp:AdminDeleteUser'], resources: [r.userPool.userPoolArn] }));
    return { ...r.commonEnvironment, [LAMBDA_ENV.tableName]: r.table.tableName, [LAMBDA_ENV.userPoolId]: r.userPool.userPoolId };
  },
};

export interface ResolverFunctionsProps {
  readonly rootDir: string;
  readonly logRetention: logs.RetentionDays;
  readonly resources: ResolverFunctionResources;
  /** Private subnets to run in (the opt-in VPC); none by default. */
  readonly vpc?: ec2.IVpc;
  /** Defaults to wiring/resolver-functions.ts and RESOLVER_FUNCTION_ACCESS; tests may pass their own. */
  readonly definitions?: readonly ResolverFunctionDefinition[];
  readonly access?: Readonly<Record<string, ResolverFunctionAccessGrant>>;
  /** The variables each function refuses to start without; config/environment.ts's by default. */
  readonly requiredEnvironment?: (name: string) => readonly string[];
}

export class ResolverFunctions extends Construct {
  readonly functions = new Map<string, nodejs.NodejsFunction>();

  constructor(scope: Construct, id: string, props: ResolverFunctionsProps) {
    super(scope, id);
    const access = props.access ?? RESOLVER_FUNCTION_ACCESS;
    for (const definition of props.definitions ?? wiredResolverFunctions) {
      const grant = access[definition.name];
      if (!grant) {
        throw new Error(`Resolver function ${definition.name} has no access entry in infra/constructs/resolver-functions.ts: say what it may touch`);
      }
      const { fn, role } = createNodeFunction(this, definition, { rootDir: props.rootDir, logRetention: props.logRetention, vpc: props.vpc });
      if (props.vpc) allowNetworkInterfaces(this, fn, role, props.vpc);
      const environment = grant(fn, props.resources);
      const missing = (props.requiredEnvironment ?? requiredLambdaEnv)(definition.name).filter((variable) => !environment[variable]);
      if (missing.length) {
        throw new Error(`Resolver function ${definition.name} would start without ${missing.join(', ')} (required in config/environment.ts)`);
      }
      for (const [key, value] of Object.entries(environment)) fn.addEnvironment(key, value);
      this.functions.set(definition.name, fn);
    }
  }
}
