/**
 * The AppSync GraphQL API: schema from schema/, default auth Cognito user pools plus an API key for the
 * public catalog and IAM for the backend's publishing mutation (real-time subscriptions), and every data source, resolver and pipeline function taken from wiring/api.ts with the
 * APPSYNC_JS bundle the local runtime executes too. X-Ray, field logging, optional per-resolver caching,
 * WAF, optional custom domain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct, type IConstruct } from 'constructs';
import {
  dataSources as wiredDataSources,
  pipelineFunctionBundlePath,
  pipelineFunctions as wiredPipelineFunctions,
  resolverBundlePath,
  resolvers as wiredResolvers,
  type DataSourceDefinition,
  type PipelineFunctionDefinition,
  type ResolverDefinition,
} from '../../wiring/api';
import { TABLE_NAME_VARIABLE } from '../../model/api-environment';
import { DEFAULT_ORDER_POLICY, orderPolicyEnvironment, type OrderPolicy } from '../../model/order-payment';
import { dynamoDbActionsOfBundle } from '../appsync-table-actions';
import { acknowledge, arnRef } from '../nag';
import { constructId } from '../naming';
import { RateLimitedWebAcl } from './rate-limited-web-acl';
import { apiLimits } from '../../wiring/api-limits';

export type ApiCacheType = 'NONE' | 'SMALL' | 'MEDIUM' | 'LARGE' | 'XLARGE';

export interface GraphqlApiProps {
  /** Repository root: schema/ and dist/appsync/ are read from here. */
  readonly rootDir: string;
  readonly userPool: cognito.IUserPool;
  readonly table: dynamodb.ITable;
  readonly apiKeyExpiryDays: number;
  readonly fieldLogLevel: appsync.FieldLogLevel;
  readonly logRetention: logs.RetentionDays;
  /** NONE: no API cache, resolvers' caching settings are not applied. */
  readonly apiCache: ApiCacheType;
  readonly rateLimitPer5Minutes: number;
  /** Order limits and reservation times, set as API environment variables (model/order-payment.ts). */
  readonly orderPolicy?: OrderPolicy;
  readonly customDomain?: { readonly domainName: string; readonly certificate: acm.ICertificate };
  /** The resolver functions (resolver-functions.ts) by name: what each AWS_LAMBDA data source invokes. */
  readonly resolverFunctions?: ReadonlyMap<string, lambda.IFunction>;
  /**
   * The ARN of an event function (wiring/events.ts) by name, for AWS_LAMBDA data sources that invoke one
   * (`invokes: 'event-function'`). Those functions are made after the API, so this may return a Lazy token.
   */
  readonly eventFunctionArn?: (name: string) => string;
  /** Defaults to wiring/api.ts; tests may pass their own. */
  readonly wiring?: {
    readonly dataSources: Readonly<Record<string, DataSourceDefinition>>;
    readonly resolvers: readonly ResolverDefinition[];
    readonly pipelineFunctions: readonly PipelineFunctionDefinition[];
  };
}

/** AppSync function names allow letters, digits and underscores only. */
export function appsyncFunctionName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

export class GraphqlApi extends Construct {
  readonly api: appsync.GraphqlApi;
  readonly apiKey: string;
  readonly webAcl: RateLimitedWebAcl;
  readonly dataSources = new Map<string, appsync.BaseDataSource>();
  readonly functions = new Map<string, appsync.AppsyncFunction>();
  readonly resolvers: appsync.Resolver[] = [];
  /** DynamoDB actions each table data source's role grants, derived from its resolvers' bundles. */
  readonly dataSourceActions = new Map<string, ReadonlySet<string>>();
  private readonly eventFunctionInvokes: { readonly dataSource: appsync.BaseDataSource; readonly functionName: string }[] = [];

  /** Acknowledges the invoke grants of data sources on event functions, once those functions exist. */
  acknowledgeEventFunctionInvokes(functions: ReadonlyMap<string, IConstruct>): void {
    for (const { dataSource, functionName } of this.eventFunctionInvokes) {
      const fn = functions.get(functionName);
      if (!fn) throw new Error(`The API invokes event function ${functionName}, which this stack does not deploy`);
      acknowledge(
        dataSource,
        `AwsSolutions-IAM5[Resource::${arnRef(fn)}:*]`,
        `lambda:InvokeFunction on ${functionName} and its versions/aliases (the \`:*\` suffix), nothing else.`,
      );
    }
  }

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);
    const wiring = props.wiring ?? { dataSources: wiredDataSources, resolvers: wiredResolvers, pipelineFunctions: wiredPipelineFunctions };
    const readBundleText = (relative: string): string => {
      const file = path.join(props.rootDir, relative);
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`Missing APPSYNC_JS bundle ${relative}; the CDK app bundles before synth (bundleAppSyncCode): ${String(error)}`);
      }
    };
    const readBundle = (relative: string): appsync.Code => appsync.Code.fromInline(readBundleText(relative));

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: 'farmacruz',
      definition: appsync.Definition.fromFile(path.join(props.rootDir, 'schema/schema.graphql')),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.USER_POOL,
          userPoolConfig: { userPool: props.userPool, defaultAction: appsync.UserPoolDefaultAction.ALLOW },
        },
        additionalAuthorizationModes: [
          {
            authorizationType: appsync.AuthorizationType.API_KEY,
            apiKeyConfig: {
              name: 'public-catalog',
              description: 'Public catalog reads from the web app (products, categories, search)',
              expires: Expiration.after(Duration.days(props.apiKeyExpiryDays)),
            },
          },
          // The backend alone: order-realtime publishes order changes (Mutation.publishOrderChange, @aws_iam),
          // allowed by its role's appsync:GraphQL on that one field (infra/constructs/function-access.ts).
          { authorizationType: appsync.AuthorizationType.IAM },
        ],
      },
      xrayEnabled: true,
      logConfig: { fieldLogLevel: props.fieldLogLevel, excludeVerboseContent: true, retention: props.logRetention },
      queryDepthLimit: apiLimits.queryDepthLimit,
      resolverCountLimit: apiLimits.resolverCountLimit,
      // Resolvers read ctx.env (model/api-environment.ts); batch and transaction requests name the table.
      environmentVariables: {
        [TABLE_NAME_VARIABLE]: props.table.tableName,
        ...orderPolicyEnvironment(props.orderPolicy ?? DEFAULT_ORDER_POLICY),
      },
      domainName: props.customDomain,
    });
    this.apiKey = this.api.apiKey ?? '';
    acknowledge(
      this.api,
      'AwsSolutions-ASC3',
      'Request-level logging is on (CloudWatch role, field log level from the settings); verbose content is excluded on purpose: it would log request headers (Authorization JWTs) and resolved data (addresses, emails).',
    );
    acknowledge(
      this.api,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
      'The AppSync logging role uses the AWS managed policy made for exactly this: AppSync writing its own request and field logs to CloudWatch.',
    );

    for (const [name, definition] of Object.entries(wiring.dataSources)) {
      const dsId = `${constructId(name)}DataSource`;
      const dsName = appsyncFunctionName(name);
      let dataSource: appsync.BaseDataSource;
      if (definition.kind === 'AMAZON_DYNAMODB') {
        const actions = this.tableActionsOf(name, wiring, readBundleText);
        const role = new iam.Role(this, `${dsId}Role`, {
          assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
          description: `AppSync data source ${dsName}: the DynamoDB actions its resolvers use`,
        });
        role.addToPolicy(new iam.PolicyStatement({ actions: [...actions].sort(), resources: [props.table.tableArn] }));
        if (actions.has('dynamodb:Query')) {
          role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${props.table.tableArn}/index/*`] }));
          acknowledge(
            role,
            `AwsSolutions-IAM5[Resource::${arnRef(props.table)}/index/*]`,
            'Resolvers query the table\'s global secondary indexes (model/table.ts); the wildcard covers the indexes of this one table, Query only.',
          );
        }
        // The L2 grants read/write on the whole table to its role; handing it an immutable view of ours drops that grant.
        dataSource = new appsync.DynamoDbDataSource(this.api, dsId, {
          api: this.api,
          table: props.table,
          name: dsName,
          description: definition.description,
          serviceRole: role.withoutPolicyUpdates(),
        });
        this.dataSourceActions.set(name, actions);
      } else if (definition.kind === 'AWS_LAMBDA') {
        const invokesEventFunction = 'invokes' in definition && definition.invokes === 'event-function';
        const fn: lambda.IFunction | undefined = invokesEventFunction
          ? props.eventFunctionArn
            ? lambda.Function.fromFunctionAttributes(this, `${dsId}Function`, { functionArn: props.eventFunctionArn(definition.function), sameEnvironment: true })
            : undefined
          : props.resolverFunctions?.get(definition.function);
        if (!fn) {
          throw new Error(
            `Data source ${name} invokes ${definition.function}, which is not a deployed ${invokesEventFunction ? 'event function (wiring/events.ts)' : 'resolver function (wiring/resolver-functions.ts)'}`,
          );
        }
        // The L2 gives the data source its own role allowed lambda:InvokeFunction on this function (and its versions).
        dataSource = this.api.addLambdaDataSource(dsId, fn, { name: dsName, description: definition.description });
        if (invokesEventFunction) {
          // The function is made after the API: acknowledged once it exists (acknowledgeEventFunctionInvokes).
          this.eventFunctionInvokes.push({ dataSource, functionName: definition.function });
        } else {
          acknowledge(
            dataSource,
            `AwsSolutions-IAM5[Resource::${arnRef(fn)}:*]`,
            `lambda:InvokeFunction on ${definition.function} and its versions/aliases (the \`:*\` suffix), nothing else.`,
          );
        }
      } else {
        dataSource = this.api.addNoneDataSource(dsId, { name: dsName, description: definition.description });
      }
      this.dataSources.set(name, dataSource);
    }
    const dataSource = (name: string): appsync.BaseDataSource => {
      const found = this.dataSources.get(name);
      if (!found) throw new Error(`Unknown data source ${name} in wiring/api.ts`);
      return found;
    };

    for (const definition of wiring.pipelineFunctions) {
      const fn = new appsync.AppsyncFunction(this, `${constructId(definition.name)}Function`, {
        api: this.api,
        name: appsyncFunctionName(definition.name),
        description: definition.description,
        dataSource: dataSource(definition.dataSource),
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: readBundle(pipelineFunctionBundlePath(definition.name)),
      });
      this.functions.set(definition.name, fn);
    }

    let cache: appsync.CfnApiCache | undefined;
    if (props.apiCache !== 'NONE') {
      cache = new appsync.CfnApiCache(this, 'Cache', {
        apiId: this.api.apiId,
        type: props.apiCache,
        apiCachingBehavior: 'PER_RESOLVER_CACHING',
        ttl: 60,
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: true,
      });
    }

    for (const definition of wiring.resolvers) {
      const caching = cache && definition.caching
        ? { ttl: Duration.seconds(definition.caching.ttlSeconds), cachingKeys: [...definition.caching.keys] }
        : undefined;
      const resolver = new appsync.Resolver(this, `${constructId(`${definition.typeName}.${definition.fieldName}`)}Resolver`, {
        api: this.api,
        typeName: definition.typeName,
        fieldName: definition.fieldName,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: readBundle(resolverBundlePath(definition)),
        ...(definition.kind === 'UNIT'
          ? { dataSource: dataSource(definition.dataSource) }
          : { pipelineConfig: definition.functions.map((name) => this.pipelineFunction(name, definition)) }),
        cachingConfig: caching,
      });
      if (cache) resolver.node.addDependency(cache);
      this.resolvers.push(resolver);
    }

    this.webAcl = new RateLimitedWebAcl(this, 'Firewall', {
      scope: 'REGIONAL',
      ratePer5Minutes: props.rateLimitPer5Minutes,
      metricPrefix: 'FarmaCruzApi',
      // GraphQL bodies (e.g. a 50-line order) may exceed the common rule set's 8 KB body limit.
      countOnlyCommonRules: ['SizeRestrictions_BODY'],
      // Known bad inputs (Log4j, Java deserialisation, localhost Host headers) target servers AppSync does not run.
      managedRuleGroups: ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet'],
    });
    new wafv2.CfnWebACLAssociation(this, 'FirewallAssociation', {
      resourceArn: this.api.arn,
      webAclArn: this.webAcl.arn,
    });
  }

  /** The DynamoDB actions of every resolver and pipeline function wired to data source `name`. */
  private tableActionsOf(name: string, wiring: NonNullable<GraphqlApiProps['wiring']>, readBundleText: (relative: string) => string): Set<string> {
    const actions = new Set<string>();
    const add = (bundle: string) => dynamoDbActionsOfBundle(readBundleText(bundle), bundle).forEach((action) => actions.add(action));
    for (const fn of wiring.pipelineFunctions) if (fn.dataSource === name) add(pipelineFunctionBundlePath(fn.name));
    for (const resolver of wiring.resolvers) if (resolver.kind === 'UNIT' && resolver.dataSource === name) add(resolverBundlePath(resolver));
    if (!actions.size) throw new Error(`No resolver uses data source ${name}: remove it from wiring/api.ts`);
    return actions;
  }

  private pipelineFunction(name: string, resolver: ResolverDefinition): appsync.AppsyncFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`${resolver.typeName}.${resolver.fieldName} runs unknown pipeline function ${name}`);
    return fn;
  }
}
