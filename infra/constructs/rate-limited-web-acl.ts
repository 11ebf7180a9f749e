/**
 * A WAF web ACL with a per-IP rate limit plus the AWS managed rule groups (baseline, no subscription) its
 * caller chooses. Used for the GraphQL API (REGIONAL) and the web distribution (CLOUDFRONT).
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RateLimitedWebAclProps {
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests per 5 minutes one IP may send before WAF blocks it for a while. */
  readonly ratePer5Minutes: number;
  /** Metric name prefix in CloudWatch. */
  readonly metricPrefix: string;
  /** Rules of the common rule set to only count, not block (e.g. body size limits a GraphQL API may exceed). */
  readonly countOnlyCommonRules?: readonly string[];
  /**
   * AWS managed rule groups after the rate limit, in order. Each is billed as one rule (1 USD a month on top
   * of the web ACL's 5 USD), so each ACL takes only the groups that protect what it fronts.
   */
  readonly managedRuleGroups: readonly ManagedRuleGroupName[];
}

export type ManagedRuleGroupName = 'AWSManagedRulesAmazonIpReputationList' | 'AWSManagedRulesCommonRuleSet' | 'AWSManagedRulesKnownBadInputsRuleSet';

export const RATE_LIMIT_RULE = 'RateLimitPerIp';

export class RateLimitedWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: RateLimitedWebAclProps) {
    super(scope, id);
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.metricPrefix}${name}`,
    });
    const managed = (priority: number, name: string, countOnly: readonly string[] = []): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: countOnly.length ? countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) : undefined,
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      rules: [
        {
          name: RATE_LIMIT_RULE,
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.ratePer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility(RATE_LIMIT_RULE),
        },
        ...props.managedRuleGroups.map((name, index) =>
          managed(index + 1, name, name === 'AWSManagedRulesCommonRuleSet' ? props.countOnlyCommonRules : undefined),
        ),
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
