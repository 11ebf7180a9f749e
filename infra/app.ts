/**
 * CDK app entry (`npm run synth`, `npx cdk deploy --all`): bundles the APPSYNC_JS resolvers (so a fresh
 * clone synthesizes with one command), resolves the deploy settings from context and environment, and
 * builds the stacks.
 */
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadDeployEnvironment } from '../config/settings';
import { bundleAppSyncCode } from '../tooling/appsync-bundle';
import { addFarmaCruzStacks } from './farmacruz-app';
import { orderEmailTemplates } from './order-email-templates';
import { resolveDeploySettings } from './settings';

const rootDir = path.resolve(import.meta.dirname, '..');

await bundleAppSyncCode(rootDir);
const app = new App();
const settings = resolveDeploySettings({ context: app.node.getAllContext(), env: loadDeployEnvironment() });
addFarmaCruzStacks(app, { rootDir, settings, orderEmails: orderEmailTemplates(settings.stackPrefix) });
app.synth();
