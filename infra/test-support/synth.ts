/**
 * Synthesizes the real app (same factory as infra/app.ts, cdk.json feature flags, cdk-nag on) into a
 * temporary folder for the infra tests. One call per test file: it bundles the Lambdas and takes seconds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { bundleAppSyncCode } from '../../tooling/appsync-bundle';
import { addFarmaCruzStacks, cdkJsonContext, type FarmaCruzStacks } from '../farmacruz-app';
import { orderEmailTemplates } from '../order-email-templates';
import { resolveDeploySettings, settingContextKey, type DeploySettings, type DeploySettingsInput } from '../settings';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');

export interface SynthesizedApp extends FarmaCruzStacks {
  readonly app: App;
  readonly settings: DeploySettings;
  readonly mainTemplate: Template;
  readonly replicaTemplate: Template;
  readonly outdir: string;
}

export interface SynthOptions {
  /** Skip esbuild for the Lambdas (a placeholder asset is used): for tests about anything but the code. */
  readonly skipLambdaBundling?: boolean;
  /** Deploy this folder as the built web app (default: none, whether or not web/dist is built). */
  readonly builtWebAppDir?: string;
}

export async function synthesizeApp(settings: Partial<DeploySettingsInput> = {}, options: SynthOptions = {}): Promise<SynthesizedApp> {
  await bundleAppSyncCode(ROOT_DIR);
  const outdir = mkdtempSync(path.join(tmpdir(), 'farmacruz-cdk-'));
  const settingsContext = Object.fromEntries(Object.entries(settings).map(([name, value]) => [settingContextKey(name), value]));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(ROOT_DIR),
      ...settingsContext,
      ...(options.skipLambdaBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
    // The CloudFormation schema validation runs in `npm run synth`; here it would add tens of seconds per file.
    builtinCloudFormationValidation: false,
  });
  const resolved = resolveDeploySettings({ context: app.node.getAllContext() });
  const stacks = addFarmaCruzStacks(app, {
    rootDir: ROOT_DIR,
    settings: resolved,
    orderEmails: orderEmailTemplates(resolved.stackPrefix),
    // Whether web/dist happens to be built must not change what the tests see.
    includeBuiltWebApp: false,
    builtWebAppDir: options.builtWebAppDir,
  });
  // Throws with cdk-nag's report when a finding is neither fixed nor acknowledged.
  app.synth();
  return {
    ...stacks,
    app,
    settings: resolved,
    outdir,
    mainTemplate: Template.fromStack(stacks.main),
    replicaTemplate: Template.fromStack(stacks.emailsReplica),
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;

/** Resources of one type, keyed by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}
