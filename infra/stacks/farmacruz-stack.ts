/**
 * The FarmaCruz Commerce stack: everything of ARCHITECTURE.md section 2 except the emails replica (its own
 * stack in the replica region). Construct ids are stable: renaming one replaces the resource.
 */
import { Annotations, CfnOutput, DefaultStackSynthesizer, Duration, Fn, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import type { Construct } from 'constructs';
import { LAMBDA_ENV } from '../../config/environment';
import { isDemoSpeiAccount, loadCatalogSettings, loadPharmacyContact, loadSpeiAccount, SPEI_ACCOUNT_ENV } from '../../config/settings';
import { IDEMPOTENCY_EXPIRY_ATTRIBUTE } from '../../functions/shared/idempotency';
import { Auth } from '../constructs/auth';
import { Email, type EmailTemplateDefinition } from '../constructs/email';
import { EventFunctions } from '../constructs/event-functions';
import { PrerenderedPages } from '../constructs/prerendered-pages';
import { GraphqlApi } from '../constructs/graphql-api';
import { Lake, staticPrefix } from '../constructs/lake';
import { LakeCatalog } from '../constructs/lake-catalog';
import { SalesAnalytics } from '../constructs/analytics';
import { Messaging } from '../constructs/messaging';
import { Monitoring } from '../constructs/monitoring';
import { Network } from '../constructs/network';
import { ResolverFunctions } from '../constructs/resolver-functions';
import { paymentParameter, type PaymentParameter } from '../constructs/payment-parameter';
import { Storage } from '../constructs/storage';
import { createMainTable } from '../constructs/table';
import { Web } from '../constructs/web';
import type { EmailsReplicaStack } from './emails-replica-stack';
import { acknowledge, arnRef } from '../nag';
import type { DeploySettings } from '../settings';
import { deadLetterQueueName, lakeDelivery, lambdas } from '../../wiring/events';
import { prefixedName } from '../naming';

/** Where staff upload catalog files: the prefix of the s3-upload trigger in wiring/events.ts. */
function catalogUploadPrefix(): string {
  const upload = lambdas.find((l) => l.trigger.kind === 's3-upload');
  if (!upload || upload.trigger.kind !== 's3-upload') throw new Error('wiring/events.ts has no s3-upload trigger for catalog files');
  return upload.trigger.prefix;
}

export interface OrderEmailTemplates {
  /** Every template to deploy. */
  readonly templates: readonly EmailTemplateDefinition[];
  /** Which of them order-email uses for each event. */
  readonly placed: string;
  readonly statusChanged: string;
  readonly cancelled: string;
}

export interface FarmaCruzStackProps extends StackProps {
  readonly settings: DeploySettings;
  /** Repository root (schema/, dist/appsync/, functions/). */
  readonly rootDir: string;
  readonly orderEmails: OrderEmailTemplates;
  /** The built web app (web/dist) to upload, when it exists. */
  readonly builtWebAppDir?: string;
  /** The emails replica stack (another region), deployed first: EmailsBucket replicates into its bucket. */
  readonly emailsReplica: EmailsReplicaStack;
}

export class FarmaCruzStack extends Stack {
  readonly table: dynamodb.Table;
  readonly storage: Storage;
  readonly auth: Auth;
  readonly api: GraphqlApi;
  readonly functions: EventFunctions;
  readonly resolverFunctions: ResolverFunctions;
  /** Where Stripe's API key and webhook signing secret are (card payments). */
  readonly paymentParameter: PaymentParameter;
  readonly messaging: Messaging;
  readonly lake: Lake;
  readonly web: Web;
  readonly email: Email;
  readonly network?: Network;
  readonly lakeCatalog?: LakeCatalog;
  readonly monitoring: Monitoring;
  readonly salesAnalytics?: SalesAnalytics;

  constructor(scope: Construct, id: string, props: FarmaCruzStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;
    if (isDemoSpeiAccount(loadSpeiAccount())) {
      // The deploy still works (the page and email say the account is a demo), but a real shop needs its own.
      Annotations.of(this).addWarningV2(
        'farmacruz:demo-spei-account',
        `Bank transfers (SPEI) show the DEMO account: set ${SPEI_ACCOUNT_ENV.clabe}, ${SPEI_ACCOUNT_ENV.beneficiary} and ${SPEI_ACCOUNT_ENV.bank} before taking real orders (docs/deploy.md).`,
      );
    }

    this.storage = new Storage(this, 'Storage', {
      logsExpireAfterDays: settings.logsExpireAfterDays,
      emailsGlacierAfterDays: settings.emailsGlacierAfterDays,
      emailsExpireAfterDays: settings.emailsExpireAfterDays,
      emailsReplicaBucketArn: props.emailsReplica.bucketArnOutput(),
      emailsReplicaRegion: props.emailsReplica.region,
    });

    const table = createMainTable(this, 'Table', IDEMPOTENCY_EXPIRY_ATTRIBUTE);
    this.table = table;
    this.auth = new Auth(this, 'Auth');
    this.messaging = new Messaging(this, 'Messaging');
    this.lake = new Lake(this, 'Lake', {
      bucket: this.storage.dataBucket,
      streamMode: settings.lakeStreamMode,
      shards: settings.lakeShards,
      logRetention,
      deliveryStreamName: prefixedName(settings.stackPrefix, lakeDelivery.deliveryStreamName),
    });

    if (settings.lakeGlueTable) {
      this.lakeCatalog = new LakeCatalog(this, 'LakeCatalog', {
        bucket: this.storage.dataBucket,
        delivery: lakeDelivery,
        databaseName: `${settings.stackPrefix.toLowerCase().replace(/-/g, '_')}_lake`,
      });
      this.salesAnalytics = new SalesAnalytics(this, 'SalesAnalytics', {
        workGroupName: prefixedName(settings.stackPrefix, 'analytics'),
        catalog: this.lakeCatalog,
        dataBucket: this.storage.dataBucket,
        lakePrefix: staticPrefix(lakeDelivery.prefix).replace(/[^/]*$/, ''),
        logsBucket: this.storage.logsBucket,
        bytesScannedCutoffPerQuery: settings.analyticsScanLimitMb * 1024 * 1024,
        resultsExpireAfterDays: settings.analyticsResultsExpireAfterDays,
      });
    }

    const domain = settings.domainName && settings.hostedZoneId ? this.customDomain(settings.domainName, settings.hostedZoneId, settings) : undefined;

    if (!settings.senderEmail) {
      // Never deploy a shop whose order emails all end in the dead-letter queue.
      throw new Error(
        'No sender for the order emails: set farmacruz:senderEmail=<an address you can read> (SES emails it a verification link to click once) ' +
          'or farmacruz:domainName with farmacruz:hostedZoneId (the domain verifies itself through DNS). ' +
          'E.g. npx cdk deploy --all -c farmacruz:senderEmail=pedidos@example.com (docs/deploy.md, SES).',
      );
    }
    this.email = new Email(this, 'Email', {
      senderEmail: settings.senderEmail,
      domain: domain ? { name: domain.name, zone: domain.zone, mailFromSubdomain: settings.mailFromSubdomain } : undefined,
      templates: props.orderEmails.templates,
    });

    if (settings.vpc) {
      this.network = new Network(this, 'Network', { natGateways: settings.natGateways, logRetention });
    }

    // Stripe's API key and webhook signing secret: an SSM SecureString the operator puts after the first deploy
    // (docs/deploy.md, "Card payments"); the stack names it and lets the two payment Lambdas read it.
    this.paymentParameter = paymentParameter(this, settings.stackPrefix);
    // The shop's URL is known once the web distribution exists, which needs the API first: resolved at synth.
    let shopUrl: string | undefined;
    const lazyShopUrl = Lazy.string({
      produce: () => {
        if (!shopUrl) throw new Error('The web URL was not set before synthesis');
        return shopUrl;
      },
    });

    // Before the API: its AWS_LAMBDA data sources invoke these (wiring/resolver-functions.ts).
    this.resolverFunctions = new ResolverFunctions(this, 'ResolverFunctions', {
      rootDir: props.rootDir,
      logRetention,
      vpc: this.network?.vpc,
      resources: {
        table,
        storage: this.storage,
        userPool: this.auth.userPool,
        commonEnvironment: { [LAMBDA_ENV.logLevel]: 'INFO' },
        paymentParameter: this.paymentParameter,
        shopUrl: lazyShopUrl,
      },
    });

    this.api = new GraphqlApi(this, 'GraphQL', {
      resolverFunctions: this.resolverFunctions.functions,
      // Jobs the API starts itself (recomputeSimilarProducts → similarity): made below, after the API.
      eventFunctionArn: (name) =>
        Lazy.string({
          produce: () => {
            const fn = this.functions?.functions.get(name);
            if (!fn) throw new Error(`The API invokes event function ${name}, which this stack does not deploy`);
            return fn.functionArn;
          },
        }),
      rootDir: props.rootDir,
      userPool: this.auth.userPool,
      table,
      apiKeyExpiryDays: settings.apiKeyExpiryDays,
      fieldLogLevel: settings.fieldLogLevel as appsync.FieldLogLevel,
      logRetention,
      apiCache: settings.apiCache,
      rateLimitPer5Minutes: settings.apiRateLimit,
      orderPolicy: {
        maxUnitsPerProduct: settings.orderMaxUnitsPerProduct,
        maxUnpaidOrders: settings.orderMaxUnpaidOrders,
        reservationMinutes: { CARD: settings.reservationMinutesCard, SPEI: settings.reservationMinutesSpei },
        oxxoReservationDays: settings.reservationDaysOxxo,
      },
      customDomain: domain ? { domainName: domain.apiName, certificate: domain.certificate } : undefined,
    });
    const graphqlUrl = domain ? `https://${domain.apiName}/graphql` : this.api.api.graphqlUrl;

    this.web = new Web(this, 'Web', {
      bucket: this.storage.webBucket,
      imagesBucket: this.storage.imagesBucket,
      logsBucket: this.storage.logsBucket,
      rateLimitPer5Minutes: settings.webRateLimit,
      connectSources: [
        graphqlUrl,
        // Real-time subscriptions: a WebSocket to the API's real-time endpoint (web/src/realtime/appsync-realtime.ts,
        // realtimeUrlOf), a host of its own unless the API has a custom domain.
        domain ? `wss://${domain.apiName}` : `wss://${Fn.select(2, Fn.split('/', (this.api.api.node.defaultChild as appsync.CfnGraphQLApi).attrRealtimeUrl))}`,
        // Staff post product photos straight to the images bucket (presigned POST).
        `https://${this.storage.imagesBucket.bucketRegionalDomainName}`,
        // … and catalog files (.DBF) to the data bucket.
        `https://${this.storage.dataBucket.bucketRegionalDomainName}`,
        `https://cognito-idp.${this.region}.amazonaws.com`,
      ],
      customDomain: domain ? { domainName: domain.webName, certificate: domain.certificate } : undefined,
      runtimeConfig: {
        graphqlUrl,
        apiKey: this.api.apiKey,
        region: this.region,
        userPoolClientId: this.auth.client.userPoolClientId,
        pharmacyContact: loadPharmacyContact(),
        speiAccount: loadSpeiAccount(),
      },
      builtAppDir: props.builtWebAppDir,
    });
    const webUrl = domain ? `https://${domain.webName}` : `https://${this.web.distribution.distributionDomainName}`;
    shopUrl = webUrl;

    this.functions = new EventFunctions(this, 'Functions', {
      rootDir: props.rootDir,
      shopTimeZone: settings.shopTimeZone,
      logRetention,
      vpc: this.network?.vpc,
      // Sales analytics query the Glue table: without it there is no analytics job.
      lambdas: this.salesAnalytics ? lambdas : lambdas.filter((l) => l.name !== 'analytics'),
      resources: {
        analytics: this.salesAnalytics,
        shopTimeZone: settings.shopTimeZone,
        table,
        messaging: this.messaging,
        storage: this.storage,
        lake: this.lake,
        email: this.email,
        userPool: this.auth.userPool,
        graphqlApi: this.api.api,
        commonEnvironment: { [LAMBDA_ENV.logLevel]: 'INFO' },
        paymentParameter: this.paymentParameter,
        images: { publicUrl: `${webUrl}/` },
        catalog: {
          uploadPrefix: catalogUploadPrefix(),
          // The report prefix catalog-import uses by default (its settings' embedded default).
          reportPrefix: loadCatalogSettings({}).reportPrefix,
        },
        orderEmail: {
          from: settings.senderEmail ? `FarmaCruz <${settings.senderEmail}>` : undefined,
          timeZone: settings.shopTimeZone,
          shopUrl: webUrl,
          templates: props.orderEmails,
          speiAccount: loadSpeiAccount(),
        },
      },
    });
    this.api.acknowledgeEventFunctionInvokes(this.functions.functions);

    // The whole site prerendered at the end of every deployment that uploads a new build of the web app.
    const prerender = this.functions.functions.get('prerender');
    if (props.builtWebAppDir && prerender) {
      new PrerenderedPages(this, 'PrerenderedPages', {
        renderer: prerender,
        rendererTimeout: Duration.seconds(lambdas.find((l) => l.name === 'prerender')!.timeoutSeconds),
        webDeployment: this.web.deployment,
        builtAppDir: props.builtWebAppDir,
      });
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: new Map([...this.functions.functions, ...this.resolverFunctions.functions]),
      // Consumers whose records are superseded by the next change (order-realtime) are watched by their errors alarm only.
      streamConsumers: lambdas.filter((l) => l.trigger.kind === 'table-stream' && !l.trigger.superseded).map((l) => l.name),
      functionsWithFailureQueue: new Set([
        ...this.functions.streamFailureQueues.keys(),
        ...this.functions.invocationFailureQueues.keys(),
        ...lambdas.filter((l) => l.trigger.kind === 'queue' && this.messaging.deadLetterQueues.has(l.trigger.queue)).map((l) => l.name),
      ]),
      failureQueues: new Map([
        ...[...this.messaging.deadLetterQueues].map(([queue, dlq]) => [deadLetterQueueName(queue), dlq] as const),
        ...[...this.functions.streamFailureQueues].map(([fn, queue]) => [`${fn}-stream-failures`, queue] as const),
        // One shared queue for every asynchronously invoked function (infra/constructs/event-functions.ts).
        ...[...new Set(this.functions.invocationFailureQueues.values())].map((queue) => ['async-invocation-failures', queue] as const),
      ]),
      workQueues: this.messaging.queues,
      api: this.api.api,
      deliveryStreamName: prefixedName(settings.stackPrefix, lakeDelivery.deliveryStreamName),
      ordersTopic: this.messaging.topic('orders'),
      alarmEmail: settings.alarmEmail,
      dashboardName: settings.stackPrefix,
    });

    if (domain) {
      new route53.ARecord(this, 'WebAliasRecord', {
        zone: domain.zone,
        recordName: domain.webName,
        target: route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.web.distribution)),
      });
      new route53.AaaaRecord(this, 'WebAliasRecordIpv6', {
        zone: domain.zone,
        recordName: domain.webName,
        target: route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.web.distribution)),
      });
      new route53.CnameRecord(this, 'ApiRecord', {
        zone: domain.zone,
        recordName: domain.apiName,
        domainName: this.api.api.appSyncDomainName,
      });
    }

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('Region', this.region, 'Region of the API, user pool and table');
    output('GraphqlUrl', graphqlUrl, 'AppSync GraphQL endpoint');
    output('GraphqlApiId', this.api.api.apiId, 'AppSync API id (console, codegen)');
    output('ApiKey', this.api.apiKey, 'Public API key for catalog reads (sent by the web app; not a secret)');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool id');
    output('UserPoolClientId', this.auth.client.userPoolClientId, 'Cognito app client id of the web app');
    output('WebUrl', webUrl, 'Web app URL');
    output('WebBucketName', this.storage.webBucket.bucketName, 'Upload the built web app here');
    output('WebDistributionId', this.web.distribution.distributionId, 'Invalidate after uploading the web app');
    output('TableName', table.tableName, 'The single DynamoDB table');
    output(
      'DataBucketName',
      this.storage.dataBucket.bucketName,
      `Lake under ${staticPrefix(lakeDelivery.prefix)}; upload catalog .dbf files under ${catalogUploadPrefix()} (reports under ${loadCatalogSettings({}).reportPrefix})`,
    );
    output('ImagesBucketName', this.storage.imagesBucket.bucketName, 'Product pictures: uploads/ (staff, presigned), images/ (served under /images/ by the web distribution)');
    output('EmailsBucketName', this.storage.emailsBucket.bucketName, 'Raw copies of the emails sent');
    output('OrdersTopicArn', this.messaging.topic('orders').topicArn, 'Order events');
    output('AlarmTopicArn', this.monitoring.alarmTopic.topicArn, 'Every alarm notifies this topic (subscribe more addresses to it)');
    output('DashboardName', this.monitoring.dashboard.dashboardName, 'CloudWatch dashboard of the shop');
    const stripeWebhook = this.functions.functionUrls.get('stripe-webhook');
    if (stripeWebhook) {
      output('StripeWebhookUrl', stripeWebhook.url, 'Register this URL as a webhook endpoint in Stripe (docs/deploy.md, Card payments)');
    }
    output('StripeParameterName', this.paymentParameter.name, 'SSM SecureString to put {"apiKey":"sk_…","webhookSecret":"whsec_…"} in (docs/deploy.md, Card payments)');

    this.acknowledgeCdkManagedResources();
  }

  private customDomain(name: string, hostedZoneId: string, settings: DeploySettings) {
    const zone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'Zone', { hostedZoneId, zoneName: name });
    const webName = `${settings.webSubdomain}.${name}`;
    const apiName = `${settings.apiSubdomain}.${name}`;
    // CloudFront and AppSync custom domains both take certificates from us-east-1: this stack's region.
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: webName,
      subjectAlternativeNames: [apiName],
      validation: acm.CertificateValidation.fromDns(zone),
    });
    return { name, zone, webName, apiName, certificate };
  }

  /** Findings on the singleton custom-resource handlers CDK itself adds to the stack, with why they are fine. */
  private acknowledgeCdkManagedResources(): void {
    const basicExecution = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    for (const child of this.node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        acknowledge(child, basicExecution, 'CDK\'s own handler that writes the data bucket\'s notification configuration at deploy time; it only needs to write its logs.');
      }
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(child, basicExecution, 'CDK\'s own handler that copies the web app and config.json into the web bucket at deploy time; it only needs to write its logs.');
        acknowledge(child, 'AwsSolutions-L1', 'CDK\'s bucket-deployment handler runtime is chosen and updated by aws-cdk-lib, not by this app; it runs only during deployments.');
        const copyReason = 'CDK\'s bucket-deployment handler copies the web app from the CDK asset bucket into the web bucket at deploy time (object names are content hashes, unknown when the policy is written); it runs only during deployments.';
        for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) {
          acknowledge(child, `AwsSolutions-IAM5[Action::${action}]`, copyReason);
        }
        acknowledge(child, `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${this.region}/*]`, copyReason);
        acknowledge(child, `AwsSolutions-IAM5[Resource::${arnRef(this.storage.webBucket)}/*]`, copyReason);
        acknowledge(child, 'AwsSolutions-IAM5[Resource::*]', 'cloudfront:CreateInvalidation/GetInvalidation of CDK\'s bucket-deployment handler: CloudFront invalidations have no resource-level permissions for this handler\'s policy; it runs only during deployments.');
      }
      if (child.node.id.startsWith('LogRetention')) {
        acknowledge(child, basicExecution, 'CDK\'s own handler that sets the retention of the AppSync log group at deploy time; it only needs to write its logs.');
        acknowledge(child, 'AwsSolutions-IAM5[Resource::*]', 'CDK\'s log-retention handler sets retention on log groups it learns at deploy time (the AppSync group is named after the API id); it runs only during deployments.');
      }
    }
  }
}
