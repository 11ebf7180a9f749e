/**
 * Synth benchmark (`npm run bench:synth`): runs `cdk synth` exactly as `npm run synth` does (CDK CLI, app via
 * tsx, APPSYNC_JS bundling, Lambda bundling with the local esbuild, cdk-nag, CloudFormation validation)
 * into a fresh folder, then again into the same folder (Lambda assets already bundled), and reports the
 * wall time of both plus the size of every Lambda bundle against the 300 KB goal.
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
  const run = spawnSync(CDK, ['synth', '--quiet', '--output', outdir], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
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

const outdir = mkdtempSync(path.join(tmpdir(), 'farmacruz-bench-synth-'));
try {
  const cold = synth(outdir);
  const warm = synth(outdir);
  const sizes = bundleSizes(outdir);

  console.log('cdk synth (CLI, both stacks, cdk-nag and CloudFormation validation on)');
  console.log(`  cold, fresh output folder (bundles everything): ${(cold / 1000).toFixed(1)} s`);
  console.log(`  warm, Lambda assets already bundled:            ${(warm / 1000).toFixed(1)} s`);
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
