/**
 * Assembles the CDK app: the emails replica stack (replica region) and the main stack (us-east-1), with
 * cdk-nag's AwsSolutions checks. Used by infra/app.ts (the CLI entry), the tests and the synth benchmark,
 * so all three synthesize exactly the same thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag';
import { PRIMARY_REGION, type DeploySettings } from './settings';
import { EmailsReplicaStack } from './stacks/emails-replica-stack';
import { FarmaCruzStack, type OrderEmailTemplates } from './stacks/farmacruz-stack';

export interface FarmaCruzAppOptions {
  /** Repository root: schema/, dist/appsync/ (bundled first) and functions/ are read from here. */
  readonly rootDir: string;
  readonly settings: DeploySettings;
  readonly orderEmails: OrderEmailTemplates;
  /** Upload web/dist with the deployment when it has been built (`npm run build:web`). Default true. */
  readonly includeBuiltWebApp?: boolean;
  /** A built web app elsewhere than web/dist (tests: a fixture build); wins over includeBuiltWebApp. */
  readonly builtWebAppDir?: string;
}

export interface FarmaCruzStacks {
  readonly main: FarmaCruzStack;
  readonly emailsReplica: EmailsReplicaStack;
}

export function addFarmaCruzStacks(app: App, options: FarmaCruzAppOptions): FarmaCruzStacks {
  const { settings } = options;
  addNagChecks(app);
  const emailsReplica = new EmailsReplicaStack(app, `${settings.stackPrefix}-EmailsReplica`, {
    description: 'FarmaCruz Commerce: cross-region replica of the emails bucket',
    env: { account: settings.account, region: settings.replicaRegion },
    emailsGlacierAfterDays: settings.emailsGlacierAfterDays,
    emailsExpireAfterDays: settings.emailsExpireAfterDays,
  });
  const main = new FarmaCruzStack(app, settings.stackPrefix, {
    description: 'FarmaCruz Commerce: web, GraphQL API, auth, data, order events, emails and lake',
    env: { account: settings.account, region: PRIMARY_REGION },
    settings,
    emailsReplica,
    rootDir: options.rootDir,
    orderEmails: options.orderEmails,
    builtWebAppDir: options.builtWebAppDir ?? (options.includeBuiltWebApp === false ? undefined : builtWebApp(options.rootDir)),
  });
  main.addStackDependency(emailsReplica, 'EmailsBucket replicates into the replica bucket, which must exist first');
  return { main, emailsReplica };
}

function builtWebApp(rootDir: string): string | undefined {
  const dir = path.join(rootDir, 'web/dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

/** The context of cdk.json (feature flags), for apps not started by the CDK CLI (tests, benchmark). */
export function cdkJsonContext(rootDir: string): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(rootDir, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
