/**
 * Synth benchmark (`npm run bench:synth`): runs `cdk synth` exactly as `npm run synth` does (CDK CLI, app via
 * tsx, APPSYNC_JS bundling, Lambda bundling with the local esbuild, cdk-nag, CloudFormation validation)
 * into a fresh folder, and reports its wall time, where it went (the app's own performance counters), and
 * the size of every Lambda bundle against the 300 KB goal.
 *
 * Sizes: the minified bundle (index.mjs) as deployed; gzip shows roughly what the zip costs to download.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { constructId } from '../infra/naming';
import { lambdas } from '../wiring/events';

const ROOT = path.resolve(import.meta.dirname, '..');
const GOAL_BYTES = 300 * 1024;
const CDK = path.join(ROOT, 'node_modules/.bin/cdk');

function synth(outdir: string): number {
  const started = process.hrtime.bigint();
  // The app refuses to synthesize without an email sender; a placeholder one unless the environment names one.
  const sender = process.env.FARMACRUZ_DEPLOY_SENDER_EMAIL ? [] : ['--context', 'farmacruz:senderEmail=pedidos@farmacruz.example'];
  const run = spawnSync(CDK, ['synth', '--quiet', '--output', outdir, ...sender], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`cdk synth failed (exit ${run.status})`);
  }
  return ms;
}

interface BundleSize {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number;
}

function bundleSizes(outdir: string): BundleSize[] {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const templates = Object.values(manifest.artifacts)
    .filter((a) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
    .map((a) => JSON.parse(readFileSync(path.join(outdir, a.properties!.templateFile!), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    });
  const functions = templates.flatMap((t) => Object.values(t.Resources)).filter((r) => r.Type === 'AWS::Lambda::Function');
  return lambdas.map((definition) => {
    const wanted = `/Functions/${constructId(definition.name)}/Resource`;
    const fn = functions.find((r) => r.Metadata?.['aws:cdk:path']?.endsWith(wanted));
    const assetPath = fn?.Metadata?.['aws:asset:path'];
    if (!assetPath) throw new Error(`No bundled asset found for ${definition.name}`);
    const dir = path.join(outdir, assetPath);
    const entry = readdirSync(dir).find((f) => /^index\.(mjs|js|cjs)$/.test(f));
    if (!entry) throw new Error(`No index file in ${dir}`);
    const code = readFileSync(path.join(dir, entry));
    const map = readdirSync(dir).find((f) => f.endsWith('.map'));
    return {
      name: definition.name,
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      sourceMapBytes: map ? statSync(path.join(dir, map)).size : 0,
    };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

/** The CDK app's own timings (performance-counters.json in the cloud assembly), in ms. */
function phases(outdir: string): Record<string, number> {
  try {
    return (JSON.parse(readFileSync(path.join(outdir, 'performance-counters.json'), 'utf8')) as { counters: Record<string, number> }).counters;
  } catch {
    return {};
  }
}

const outdir = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-synth-'));
try {
  const wall = synth(outdir);
  const c = phases(outdir);
  const sizes = bundleSizes(outdir);

  console.log('npm run synth (cdk CLI, both stacks, fresh output folder)');
  console.log(`  wall time:                                   ${seconds(wall)}`);
  console.log(`    app load (CLI start, tsx, APPSYNC_JS bundles): ${seconds(wall - (c['phase:Construction'] ?? 0) - (c['phase:Synthesis'] ?? 0))}`);
  console.log(`    construction:                              ${seconds(c['phase:Construction'])}`);
  console.log(`      of which Lambda bundling (${c['bundle:NodejsFunction(cnt)'] ?? '?'} × esbuild):      ${seconds(c['bundle:NodejsFunction'])}`);
  console.log(`    synthesis:                                 ${seconds(c['phase:Synthesis'])}`);
  console.log(`      of which validation (cdk-nag + CloudFormation): ${seconds(c['validateTemplates'])}`);
  console.log(`        of which CloudFormation schema checks:  ${seconds(c['CloudFormationValidate.validate'])}`);
  console.log('');
  console.log(`Lambda bundles (minified ESM, AWS SDK v3 from the Node.js 22 runtime); goal < ${kb(GOAL_BYTES)} each`);
  console.log(`  ${'function'.padEnd(16)} ${'bundle'.padStart(10)} ${'gzip'.padStart(10)} ${'source map'.padStart(12)}  goal`);
  let overGoal = 0;
  for (const s of sizes) {
    const ok = s.bytes < GOAL_BYTES;
    if (!ok) overGoal++;
    console.log(`  ${s.name.padEnd(16)} ${kb(s.bytes).padStart(10)} ${kb(s.gzipBytes).padStart(10)} ${kb(s.sourceMapBytes).padStart(12)}  ${ok ? 'ok' : 'OVER'}`);
  }
  if (overGoal) {
    console.log(`\n${overGoal} bundle(s) over the goal`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
