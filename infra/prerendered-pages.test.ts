/**
 * The prerendered pages at the end of a deployment (issue 14): with a built web app, the stack has a
 * Custom::PrerenderedPages resource served by the prerender Lambda, created after the web app's upload, asking
 * for the whole site, re-run when the build or the renderer changes; the upload never deletes or overwrites
 * the pages; the Lambda has the time and the grants for it. cfn-lint on that template. Synthesized with a
 * fixture build (two synths, the second with one asset changed), Lambdas not bundled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileSystem } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRERENDERED_KEY_PATTERNS } from '../functions/prerender/page-types';
import { APP_START_SCRIPT } from '../functions/prerender/shell';
import { lambdas } from '../wiring/events';
import { PRERENDERED_PAGES_RESOURCE_TYPE } from './constructs/prerendered-pages';
import { logicalIdOf } from './nag';
import { resourcesOfType, synthesizeApp, type SynthesizedApp } from './test-support/synth';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

const INLINE_SCRIPT = "window.__farmacruzConfig = fetch('/config.json');";

function fixtureBuild(mainScript: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'farmacruz-web-build-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script type="module" src="/assets/${mainScript}"></script></head><body><div id="root"></div></body></html>`,
  );
  cpSync(path.join(import.meta.dirname, '..', 'web', 'public'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'assets-placeholder.txt'), mainScript);
  return dir;
}

let buildDir: string;
let synth: SynthesizedApp;
let resources: Record<string, Resource>;
let rebuilt: SynthesizedApp;
let withoutBuild: SynthesizedApp;

beforeAll(async () => {
  buildDir = fixtureBuild('index-AAAA.js');
  synth = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example' }, { skipLambdaBundling: true, builtWebAppDir: buildDir });
  resources = (synth.mainTemplate.toJSON() as { Resources: Record<string, Resource> }).Resources;
  rebuilt = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example' }, { skipLambdaBundling: true, builtWebAppDir: fixtureBuild('index-BBBB.js') });
  withoutBuild = await synthesizeApp({ senderEmail: 'pedidos@farmacruz.example' }, { skipLambdaBundling: true });
}, 480_000);

const prerenderFn = (app: SynthesizedApp) => app.main.functions.functions.get('prerender')!;
const pagesResource = (app: SynthesizedApp): Resource => {
  const found = Object.values(resourcesOfType(app.mainTemplate, PRERENDERED_PAGES_RESOURCE_TYPE)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('prerendered pages after a deployment', () => {
  it('a custom resource served by the prerender Lambda asks for the whole site, with the build and renderer it renders', () => {
    const pages = pagesResource(synth);
    const fnId = logicalIdOf(prerenderFn(synth));
    expect(pages.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(pages.Properties.RenderAll).toBe('true');
    expect(pages.Properties.WebAppFingerprint).toBe(FileSystem.fingerprint(buildDir));
    expect(pages.Properties.RendererCode).toBe(resources[fnId]!.Properties.Code.S3Key);
    // CloudFormation waits a little longer than the Lambda may run (it always answers before its timeout).
    const timeout = lambdas.find((l) => l.name === 'prerender')!.timeoutSeconds;
    expect(pages.Properties.ServiceTimeout).toBe(String(timeout + 300));
  });

  it('runs after the web app (and its index.html) is uploaded', () => {
    const pages = pagesResource(synth);
    const uploads = Object.keys(resourcesOfType(synth.mainTemplate, 'Custom::CDKBucketDeployment'));
    expect(uploads).toHaveLength(1);
    expect(pages.DependsOn).toEqual(expect.arrayContaining(uploads));
  });

  it('runs again when the web app build changes, and only then (same renderer)', () => {
    const before = pagesResource(synth).Properties;
    const after = pagesResource(rebuilt).Properties;
    expect(after.WebAppFingerprint).not.toBe(before.WebAppFingerprint);
    expect(after.RendererCode).toBe(before.RendererCode);
    expect(after.RenderAll).toBe('true');
  });

  it('without a built web app there is nothing to render into, and no such resource', () => {
    expect(Object.keys(resourcesOfType(withoutBuild.mainTemplate, PRERENDERED_PAGES_RESOURCE_TYPE))).toEqual([]);
  });

  it("the web app's upload never prunes and leaves every prerendered key alone", () => {
    synth.mainTemplate.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      Exclude: [...PRERENDERED_KEY_PATTERNS],
      SourceObjectKeys: Match.anyValue(),
    });
    expect(PRERENDERED_KEY_PATTERNS).toEqual(expect.arrayContaining(['producto/*', 'categoria/*', 'sitemap.xml', 'sitemaps/*', 'robots.txt']));
  });

  it('gives the prerender Lambda the time for 20,000 products and the grants to write exactly the prerendered keys', () => {
    const fn = resources[logicalIdOf(prerenderFn(synth))]!;
    expect(fn.Properties.Timeout).toBe(900);
    const roleId = logicalIdOf(prerenderFn(synth).role!.node.defaultChild as never);
    const statements = Object.values(resourcesOfType(synth.mainTemplate, 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties!.Roles).includes(`"${roleId}"`))
      .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const writes = statements.find((s) => JSON.stringify(s.Action).includes('s3:PutObject'));
    const webBucketId = logicalIdOf(synth.main.storage.webBucket);
    const written = (writes!.Resource as unknown[]).map((r) => JSON.stringify(r));
    expect(written).toHaveLength(PRERENDERED_KEY_PATTERNS.length);
    for (const pattern of PRERENDERED_KEY_PATTERNS) expect(written.some((r) => r.includes(webBucketId) && r.includes(`/${pattern}`)), pattern).toBe(true);
    const reads = statements.find((s) => JSON.stringify(s.Action) === '"s3:GetObject"' || JSON.stringify(s.Action).includes('"s3:GetObject"'));
    expect(JSON.stringify(reads!.Resource)).toContain('/index.html');
  });
});

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!cfnLint) console.warn('cfn-lint is not installed: skipped linting the template with the prerendered pages (pip install cfn-lint)');

describe.skipIf(!cfnLint)('cfn-lint', () => {
  it('finds no error in the template with the prerendered pages', () => {
    const template = readdirSync(synth.outdir).find((f) => f.endsWith('.template.json') && !f.includes('EmailsReplica'))!;
    const run = spawnSync('cfn-lint', ['--format', 'parseable', path.join(synth.outdir, template)], { encoding: 'utf8', timeout: 300_000 });
    const errors = run.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
    expect(run.status === null ? -1 : run.status & 3, run.stderr).toBe(0);
  }, 300_000);
});

describe('Content-Security-Policy of the web app', () => {
  const policyOf = (app: SynthesizedApp): string => {
    const policies = Object.values(resourcesOfType(app.mainTemplate, 'AWS::CloudFront::ResponseHeadersPolicy')) as Resource[];
    expect(policies).toHaveLength(1);
    return JSON.stringify(policies[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
  };

  it("lets the built index.html's inline scripts run, by their hash, and the prerendered pages' app start, and no other inline script", () => {
    const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    expect(policyOf(synth)).toContain(`script-src 'self' ${hash(INLINE_SCRIPT)} ${hash(APP_START_SCRIPT)};`);
    expect(policyOf(synth)).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Without a build there is no index.html to hash: scripts from the shop's origin only.
    expect(policyOf(withoutBuild)).toContain("script-src 'self';");
  });

  it('lets the app reach the API over HTTPS and its real-time WebSocket endpoint', () => {
    const policy = policyOf(synth);
    expect(policy).toMatch(/connect-src 'self' /);
    expect(policy).toContain('wss://');
    expect(policy).toContain('RealtimeUrl');
    expect(policy).toContain('GraphQLUrl');
  });
});
