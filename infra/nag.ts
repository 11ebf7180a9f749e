/**
 * cdk-nag (AwsSolutions pack) runs on every synth, in `npm run synth` and in the tests alike. A finding is
 * either fixed or acknowledged here with a written reason, on the narrowest construct that causes it.
 */
import { CfnElement, Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * Acknowledges one finding. `id` is a rule (`AwsSolutions-S1`) or a single finding of a granular rule
 * (`AwsSolutions-IAM5[Resource::*]`); the reason says why the finding is acceptable here.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`The acknowledgement of ${id} needs a real reason, got "${reason}"`);
  Validations.of(scope).acknowledge({ id, reason });
}

/** The CloudFormation logical id of a construct's resource, as cdk-nag names it in granular findings. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(resource).getLogicalId(resource);
}

/** `<LogicalId.Arn>`: how cdk-nag writes `Fn::GetAtt [LogicalId, Arn]` in a finding id. */
export function arnRef(construct: IConstruct): string {
  return `<${logicalIdOf(construct)}.Arn>`;
}
