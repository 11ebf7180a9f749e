/**
 * The app with every opt-in setting on: custom domain (certificates, DNS, SES domain identity), the VPC,
 * the AppSync cache, a provisioned lake stream, the Glue table, non-default ages and time zone. One synth
 * for the file; Lambda code is not bundled here (farmacruz-stack.test.ts proves it bundles).
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lakeRecordFromEvent } from '../functions/order-lake/lake-record';
import type { OrderPlaced } from '../model/order-events';
import { resolvers } from '../wiring/api';
import { lakeDelivery, lambdas } from '../wiring/events';
import { LAKE_COLUMNS, projectedPartitions } from './constructs/lake-catalog';
import { logicalIdOf } from './nag';
import { auditNag, type NagAudit } from './test-support/nag-audit';
import { resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

const DOMAIN = 'farmacruz.com.mx';

let synth: SynthesizedApp;
let main: Template;
let nag: NagAudit;

beforeAll(async () => {
  synth = await synthesizeApp(
    {
      domainName: DOMAIN,
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      vpc: true,
      natGateways: 1,
      apiCache: 'SMALL',
      lakeStreamMode: 'PROVISIONED',
      lakeShards: 2,
      lakeGlueTable: true,
      emailsGlacierAfterDays: 30,
      emailsExpireAfterDays: 400,
      shopTimeZone: 'America/Monterrey',
    },
    { skipLambdaBundling: true },
  );
  main = synth.mainTemplate;
  nag = auditNag(synth.app);
}, 240_000);

const ref = (construct: Parameters<typeof logicalIdOf>[0]) => logicalIdOf(construct);

describe('custom domain', () => {
  it('gets one DNS-validated certificate for the web and API names', () => {
    main.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: `finalweb.${DOMAIN}`,
      SubjectAlternativeNames: [`finalapi.${DOMAIN}`],
      ValidationMethod: 'DNS',
    });
  });

  it('serves the web app at finalweb with TLS 1.2 or later', () => {
    main.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [`finalweb.${DOMAIN}`],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    for (const type of ['A', 'AAAA']) {
      main.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: `finalweb.${DOMAIN}.`,
        Type: type,
        AliasTarget: Match.objectLike({ HostedZoneId: Match.anyValue() }),
      });
    }
  });

  it('serves the API at finalapi', () => {
    main.hasResourceProperties('AWS::AppSync::DomainName', { DomainName: `finalapi.${DOMAIN}` });
    main.resourceCountIs('AWS::AppSync::DomainNameApiAssociation', 1);
    main.hasResourceProperties('AWS::Route53::RecordSet', { Name: `finalapi.${DOMAIN}.`, Type: 'CNAME' });
    main.hasOutput('GraphqlUrl', { Value: `https://finalapi.${DOMAIN}/graphql` });
    main.hasOutput('WebUrl', { Value: `https://finalweb.${DOMAIN}` });
  });

  it('verifies the domain in SES with DKIM and a MAIL FROM subdomain, and sends from pedidos@', () => {
    main.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: DOMAIN,
      MailFromAttributes: { MailFromDomain: `mail.${DOMAIN}` },
      DkimAttributes: { SigningEnabled: true },
    });
    const dkim = Object.values(resourcesOfType(main, 'AWS::Route53::RecordSet')).filter(
      (r) => r.Properties!.Type === 'CNAME' && JSON.stringify(r.Properties!.Name).includes('DkimDNSTokenName'),
    );
    expect(dkim).toHaveLength(3);
    main.hasResourceProperties('AWS::Route53::RecordSet', { Name: `mail.${DOMAIN}.`, Type: 'MX' });
    const env = resourcesOfType(main, 'AWS::Lambda::Function')[ref(synth.main.functions.functions.get('order-email')!)]!.Properties!
      .Environment as { Variables: Record<string, unknown> };
    expect(env.Variables.ORDER_EMAIL_FROM).toBe(`FarmaCruz <pedidos@${DOMAIN}>`);
    expect(env.Variables.ORDER_EMAIL_SHOP_URL).toBe(`https://finalweb.${DOMAIN}`);
  });
});

describe('opt-in VPC', () => {
  it('has the configured number of NAT gateways, free S3 and DynamoDB endpoints and flow logs', () => {
    main.resourceCountIs('AWS::EC2::NatGateway', 1);
    main.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    main.resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  it('runs every Lambda of the wiring in its private subnets', () => {
    for (const definition of lambdas) {
      const fn = resourcesOfType(main, 'AWS::Lambda::Function')[ref(synth.main.functions.functions.get(definition.name)!)]!;
      expect(fn.Properties!.VpcConfig, definition.name).toMatchObject({ SubnetIds: expect.any(Array), SecurityGroupIds: expect.any(Array) });
    }
  });
});

describe('AppSync cache', () => {
  it('deploys a per-resolver cache of the configured size, encrypted', () => {
    main.hasResourceProperties('AWS::AppSync::ApiCache', {
      Type: 'SMALL',
      ApiCachingBehavior: 'PER_RESOLVER_CACHING',
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
    });
  });

  it('caches exactly the resolvers the wiring marks cacheable, with their TTL and keys', () => {
    const cached = Object.values(resourcesOfType(main, 'AWS::AppSync::Resolver'))
      .filter((r) => r.Properties!.CachingConfig)
      .map((r) => ({ field: `${r.Properties!.TypeName}.${r.Properties!.FieldName}`, caching: r.Properties!.CachingConfig }))
      .sort((a, b) => a.field.localeCompare(b.field));
    const wired = resolvers
      .filter((r) => r.caching)
      .map((r) => ({ field: `${r.typeName}.${r.fieldName}`, caching: { Ttl: r.caching!.ttlSeconds, CachingKeys: [...r.caching!.keys] } }))
      .sort((a, b) => a.field.localeCompare(b.field));
    expect(cached.length).toBeGreaterThan(0);
    expect(cached).toEqual(wired);
  });
});

describe('lake options', () => {
  it('uses a provisioned stream with the configured shards', () => {
    main.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 2, StreamModeDetails: { StreamMode: 'PROVISIONED' } });
  });

  it('catalogs the lake in Glue with partitions projected from the Firehose prefix', () => {
    const { partitions, locationTemplate } = projectedPartitions(lakeDelivery.prefix);
    main.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        PartitionKeys: partitions.map((p) => ({ Name: p.name, Type: 'string' })),
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: ref(synth.main.storage.dataBucket) }, `/${locationTemplate}`]] },
        }),
      }),
    });
    expect(partitions.length).toBeGreaterThan(0);
  });

  it('has the columns of the record order-lake writes', () => {
    const event: OrderPlaced = {
      schemaVersion: 1,
      eventId: '01J00000000000000000000000#v1',
      eventType: 'OrderPlaced',
      orderId: '01J00000000000000000000000',
      orderVersion: 1,
      occurredAt: '2025-03-01T10:00:00.000Z',
      status: 'PENDING',
      order: {
        id: '01J00000000000000000000000',
        ownerId: 'user-sub',
        status: 'PENDING',
        currency: 'MXN',
        lines: [{ productId: 'p1', sku: 'SKU1', name: 'Ibuprofeno', quantity: 2, unitPriceCents: 5000, lineTotalCents: 10000, prescriptionRequired: false }],
        itemCount: 2,
        subtotalCents: 10000,
        shippingCents: 0,
        totalCents: 10000,
        shippingAddress: { recipientName: 'Ana', line1: 'Calle 1', city: 'Monterrey', state: 'NL', postalCode: '64000', country: 'MX' },
        statusHistory: [{ status: 'PENDING', at: '2025-03-01T10:00:00.000Z' }],
        version: 1,
        createdAt: '2025-03-01T10:00:00.000Z',
        updatedAt: '2025-03-01T10:00:00.000Z',
      },
    };
    const record = lakeRecordFromEvent(event);
    expect(LAKE_COLUMNS.map((c) => c.name)).toEqual(Object.keys(record));
    const linesType = LAKE_COLUMNS.find((c) => c.name === 'lines')!.type;
    const structFields = [...linesType.matchAll(/([a-z_]+):/g)].map((m) => m[1]);
    expect(structFields).toEqual(Object.keys(record.lines[0]!));
  });
});

describe('other settings', () => {
  it('apply the configured Glacier and expiry ages to the emails and their replica', () => {
    for (const template of [main, synth.replicaTemplate]) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }], ExpirationInDays: 400 })]),
        },
      });
    }
  });

  it('schedule the similarity job in the configured time zone', () => {
    main.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpressionTimezone: 'America/Monterrey' });
  });
});

describe('cdk-nag AwsSolutions with every option on', () => {
  it('leaves no finding unfixed or unacknowledged', () => {
    expect(nag.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('has no stale acknowledgement', () => {
    expect(nag.unused.map((ack) => `${ack.path} ${ack.id}`)).toEqual([]);
  });
});
