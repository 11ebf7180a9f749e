/**
 * Audits the cdk-nag acknowledgements of a synthesized app: runs the AwsSolutions pack again over the
 * construct tree, recording which acknowledgement silenced which finding, so a test can require that every
 * acknowledgement has a reason and is still needed (a stale one would hide a future finding).
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  /** Construct path it was made on. */
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

export interface NagAudit {
  readonly acknowledgements: readonly Acknowledgement[];
  /** Acknowledgements no finding needed. */
  readonly unused: readonly Acknowledgement[];
  /** Findings left (neither fixed nor acknowledged), by rule id. */
  readonly violations: readonly { readonly ruleName: string; readonly severity: string; readonly paths: readonly string[] }[];
}

const KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** cdk-nag's acknowledgements on one construct (CDK itself acknowledges some of its own CloudFormation-Validate rules). */
function acknowledgementsOn(construct: IConstruct): Acknowledgement[] {
  return construct.node.metadata
    .filter((entry) => entry.type === KEY && entry.data)
    .flatMap((entry) =>
      Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
        path: construct.node.path,
        id: id.replace(/^annotation::/i, ''),
        reason,
      })),
    )
    .filter((ack) => ack.id.startsWith('AwsSolutions-'));
}

export function auditNag(app: App): NagAudit {
  const acknowledgements = app.node.findAll().flatMap(acknowledgementsOn);
  const used = new Set<string>();
  const pack = new AwsSolutionsChecks();
  // Same lookup as cdk-nag's own (nearest ancestor carrying the id), but remembering which one matched.
  (pack as unknown as { isAcknowledged: (resource: IConstruct, ruleId: string) => boolean }).isAcknowledged = (resource, ruleId) => {
    for (let current: IConstruct | undefined = resource; current; current = current.node.scope) {
      if (acknowledgementsOn(current).some((ack) => ack.id === ruleId)) {
        used.add(`${current.node.path}|${ruleId}`);
        return true;
      }
    }
    return false;
  };
  const report = pack.validateScope(app);
  return {
    acknowledgements,
    unused: acknowledgements.filter((ack) => !used.has(`${ack.path}|${ack.id}`)),
    violations: report.violations.map((v) => ({
      ruleName: v.ruleName,
      severity: v.severity ?? 'error',
      paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '?'),
    })),
  };
}
