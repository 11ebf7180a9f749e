/**
 * The createOrder pipeline's shape: the wiring runs exactly the steps of steps.ts, in that order, each
 * from the pipeline's folder; and the steps talk only through the typed stash (stash.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREATE_ORDER_FOLDER, createOrderSteps } from '../resolvers/Mutation.createOrder/steps';
import { pipelineFunctionSourcePath, pipelineFunctions, resolverSourcePath, resolvers } from './api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const folder = path.join(root, 'resolvers', CREATE_ORDER_FOLDER);

describe('createOrder pipeline', () => {
  const createOrder = resolvers.find((r) => r.typeName === 'Mutation' && r.fieldName === 'createOrder');

  it('is wired to the steps of steps.ts in their order', () => {
    expect(createOrder?.kind).toBe('PIPELINE');
    expect(createOrder?.kind === 'PIPELINE' ? createOrder.functions : []).toEqual(createOrderSteps.map((s) => s.name));
  });

  it('bundles its resolver and every step from its own folder', () => {
    expect(resolverSourcePath(createOrder!)).toBe(`resolvers/${CREATE_ORDER_FOLDER}/resolver.ts`);
    for (const step of createOrderSteps) {
      const wired = pipelineFunctions.find((f) => f.name === step.name);
      expect(wired?.folder).toBe(CREATE_ORDER_FOLDER);
      expect(pipelineFunctionSourcePath(step.name, wired?.folder)).toBe(`resolvers/${CREATE_ORDER_FOLDER}/${step.name}.ts`);
    }
  });

  it('has no step file that is not wired, and none reading ctx.stash without its type', () => {
    const sources = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    const stepFiles = sources.filter((name) => !['resolver.ts', 'stash.ts', 'steps.ts'].includes(name));
    expect(stepFiles.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual(createOrderSteps.map((s) => s.name).sort());
    for (const name of [...stepFiles, 'resolver.ts']) {
      const text = readFileSync(path.join(folder, name), 'utf8');
      expect(text, name).not.toMatch(/ctx\.stash\b/);
      expect(text, name).toMatch(/createOrderStash\(ctx\)/);
    }
  });
});
