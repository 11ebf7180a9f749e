/**
 * cfn-lint on the synthesized templates (default settings, and every option on), when cfn-lint is installed:
 * no errors allowed (warnings are printed). Without cfn-lint the test says it skipped.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizeApp } from './test-support/synth';

const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const installed = probe.status === 0;
if (!installed) console.warn('cfn-lint is not installed: skipped linting the synthesized templates (pip install cfn-lint)');

const SETTINGS = {
  defaults: { senderEmail: 'pedidos@farmacruz.example' },
  'every option': {
    domainName: 'farmacruz.com.mx',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    vpc: true,
    apiCache: 'SMALL',
    lakeGlueTable: true,
    alarmEmail: 'alarmas@farmacruz.com.mx',
  },
} as const;

describe.skipIf(!installed)('cfn-lint', () => {
  it.each(Object.keys(SETTINGS) as (keyof typeof SETTINGS)[])('finds no error in the templates (%s)', async (name) => {
    const synth = await synthesizeApp(SETTINGS[name], { skipLambdaBundling: true });
    const templates = readdirSync(synth.outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(synth.outdir, f));
    expect(templates).toHaveLength(2);
    const run = spawnSync('cfn-lint', ['--format', 'parseable', ...templates], { encoding: 'utf8', timeout: 300_000 });
    const findings = run.stdout.split('\n').filter(Boolean);
    const errors = findings.filter((line) => /:E\d{4}:/.test(line));
    console.log(`cfn-lint (${name}): ${errors.length} errors, ${findings.length - errors.length} warnings/notes (W3005 redundant DependsOn from the CDK, W3010 the VPC's named zones)`);
    expect(errors).toEqual([]);
    // Exit code bit 2 = errors (4 = warnings, 8 = informational); anything else (e.g. 1) is cfn-lint failing.
    expect(run.status === null ? -1 : run.status & 3, run.stderr).toBe(0);
  }, 300_000);
});
