/**
 * Issue 9, "deployable as-is": what a first `cdk deploy` into a fresh account needs beyond synthesizing.
 * Default settings plus a sender address; Lambda code is not bundled here (farmacruz-stack.test.ts does).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiredLambdaEnv } from '../config/environment';
import { lambdas } from '../wiring/events';
import { logicalIdOf } from './nag';
import { synthesizeApp, type SynthesizedApp } from './test-support/synth';

const SENDER = 'pedidos@farmacruz.example';

let synth: SynthesizedApp;
let main: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

beforeAll(async () => {
  synth = await synthesizeApp({ senderEmail: SENDER }, { skipLambdaBundling: true });
  main = synth.mainTemplate;
  json = main.toJSON() as typeof json;
}, 240_000);

const resource = (construct: Parameters<typeof logicalIdOf>[0]) => json.Resources[logicalIdOf(construct)]!;
const fnOf = (name: string) => {
  const fn = synth.main.functions.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};

describe('Lambda environment', () => {
  it.each(lambdas.map((l) => l.name))('%s gets every variable it refuses to start without', (name) => {
    const variables = resource(fnOf(name)).Properties.Environment.Variables as Record<string, unknown>;
    for (const variable of requiredLambdaEnv(name)) expect(variables[variable], variable).toBeTruthy();
  });
});

describe('order emails', () => {
  it('refuses to synthesize without a sender or a domain, saying what to set', async () => {
    await expect(synthesizeApp({}, { skipLambdaBundling: true })).rejects.toThrow(/No sender for the order emails: set farmacruz:senderEmail/);
  });
});
