/**
 * Idle monthly cost of a synthesized app, read from its CloudFormation templates: what the resources cost
 * with no traffic at all, at us-east-1 list prices (USD, 730 hours a month, no free tier). Usage (requests,
 * storage, emails, Lambda time) comes on top. `npm run cost` prints it (scripts/idle-cost.ts).
 */

export const HOURS_PER_MONTH = 730;

/** us-east-1 list prices used below (checked December 2026 on the AWS pricing pages). */
export const PRICES = {
  wafWebAclPerMonth: 5,
  wafRulePerMonth: 1,
  kinesisShardHour: 0.015,
  kinesisOnDemandStreamHour: 0.04,
  kmsKeyPerMonth: 1,
  alarmMetricPerMonth: 0.1,
  alarmHighResolutionMetricPerMonth: 0.3,
  dashboardPerMonth: 3,
  natGatewayHour: 0.045,
  publicIpv4Hour: 0.005,
  interfaceEndpointAzHour: 0.01,
  appsyncCacheHour: { SMALL: 0.044, MEDIUM: 0.085, LARGE: 0.17, XLARGE: 0.34 } as Record<string, number>,
  secretPerMonth: 0.4,
} as const;

export interface CostLine {
  readonly item: string;
  readonly count: number;
  readonly unit: string;
  readonly monthlyUsd: number;
}

export interface CostReport {
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  /** Resource types present that cost nothing while idle (pay per request or per GB stored). */
  readonly usageOnly: readonly string[];
}

type Resource = { Type: string; Properties?: Record<string, any> };
export type TemplateJson = { Resources?: Record<string, Resource> };

const USAGE_ONLY = new Set([
  'AWS::DynamoDB::Table',
  'AWS::Lambda::Function',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::S3::Bucket',
  'AWS::CloudFront::Distribution',
  'AWS::AppSync::GraphQLApi',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::SES::EmailIdentity',
  'AWS::Cognito::UserPool',
  'AWS::Scheduler::Schedule',
  'AWS::Logs::LogGroup',
]);

const round = (usd: number) => Math.round(usd * 100) / 100;

export function idleMonthlyCost(templates: readonly TemplateJson[]): CostReport {
  const lines: CostLine[] = [];
  const add = (item: string, count: number, unit: string, monthlyUsd: number) => {
    if (count > 0) lines.push({ item, count, unit, monthlyUsd: round(monthlyUsd) });
  };
  const resources = templates.flatMap((t) => Object.values(t.Resources ?? {}));
  const ofType = (type: string) => resources.filter((r) => r.Type === type);

  for (const acl of ofType('AWS::WAFv2::WebACL')) {
    const rules = (acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0;
    add(`WAF web ACL (${acl.Properties?.Scope}) with ${rules} rules`, 1, `5 USD + ${rules} × 1 USD`, PRICES.wafWebAclPerMonth + rules * PRICES.wafRulePerMonth);
  }
  for (const stream of ofType('AWS::Kinesis::Stream')) {
    const mode = stream.Properties?.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
    if (mode === 'ON_DEMAND') {
      add('Kinesis stream, on demand', 1, `${PRICES.kinesisOnDemandStreamHour} USD per stream-hour`, PRICES.kinesisOnDemandStreamHour * HOURS_PER_MONTH);
    } else {
      const shards = Number(stream.Properties?.ShardCount ?? 1);
      add(`Kinesis stream, ${shards} provisioned shard(s)`, shards, `${PRICES.kinesisShardHour} USD per shard-hour`, shards * PRICES.kinesisShardHour * HOURS_PER_MONTH);
    }
  }
  add('KMS customer managed keys', ofType('AWS::KMS::Key').length, '1 USD per key', ofType('AWS::KMS::Key').length * PRICES.kmsKeyPerMonth);
  let alarmMetrics = 0;
  let highResolution = 0;
  for (const alarm of ofType('AWS::CloudWatch::Alarm')) {
    const metrics = (alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined)?.filter((m) => m.MetricStat).length ?? 1;
    if (Number(alarm.Properties?.Period ?? 60) < 60) highResolution += metrics;
    else alarmMetrics += metrics;
  }
  add('CloudWatch alarm metrics', alarmMetrics, '0.10 USD per metric', alarmMetrics * PRICES.alarmMetricPerMonth);
  add('CloudWatch high-resolution alarm metrics', highResolution, '0.30 USD per metric', highResolution * PRICES.alarmHighResolutionMetricPerMonth);
  add('CloudWatch dashboards', ofType('AWS::CloudWatch::Dashboard').length, '3 USD per dashboard', ofType('AWS::CloudWatch::Dashboard').length * PRICES.dashboardPerMonth);
  const nats = ofType('AWS::EC2::NatGateway').length;
  add('NAT gateways', nats, `${PRICES.natGatewayHour} USD per hour (+ data)`, nats * PRICES.natGatewayHour * HOURS_PER_MONTH);
  const ips = ofType('AWS::EC2::EIP').length;
  add('public IPv4 addresses (NAT)', ips, `${PRICES.publicIpv4Hour} USD per hour`, ips * PRICES.publicIpv4Hour * HOURS_PER_MONTH);
  for (const endpoint of ofType('AWS::EC2::VPCEndpoint').filter((e) => e.Properties?.VpcEndpointType === 'Interface')) {
    const azs = (endpoint.Properties?.SubnetIds as unknown[] | undefined)?.length ?? 1;
    add('VPC interface endpoint', azs, `${PRICES.interfaceEndpointAzHour} USD per AZ-hour`, azs * PRICES.interfaceEndpointAzHour * HOURS_PER_MONTH);
  }
  for (const cache of ofType('AWS::AppSync::ApiCache')) {
    const hourly = PRICES.appsyncCacheHour[String(cache.Properties?.Type)] ?? 0;
    add(`AppSync cache ${cache.Properties?.Type}`, 1, `${hourly} USD per hour`, hourly * HOURS_PER_MONTH);
  }
  const secrets = ofType('AWS::SecretsManager::Secret').length;
  add('Secrets Manager secrets', secrets, '0.40 USD per secret', secrets * PRICES.secretPerMonth);

  const usageOnly = [...new Set(resources.map((r) => r.Type).filter((type) => USAGE_ONLY.has(type)))].sort();
  return { lines, totalUsd: round(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)), usageOnly };
}

export function formatCostReport(report: CostReport): string {
  const width = Math.max(...report.lines.map((l) => l.item.length), 10);
  const rows = report.lines.map((l) => `${l.item.padEnd(width)}  ${l.monthlyUsd.toFixed(2).padStart(7)} USD   (${l.count} × ${l.unit})`);
  return [
    'Idle monthly cost, us-east-1 list prices (730 h, no free tier; usage comes on top):',
    ...rows,
    `${'total'.padEnd(width)}  ${report.totalUsd.toFixed(2).padStart(7)} USD`,
    `No idle cost (pay per request / GB): ${report.usageOnly.map((t) => t.replace('AWS::', '')).join(', ')}`,
  ].join('\n');
}
