import { describe, expect, it } from 'vitest';
import { lambdas } from '../../wiring/events';
import { createLocalHandler, localHandlers, localLambdas } from './handlers';

describe('the local handler registry', () => {
  it('has a handler of the right trigger for every stream, queue, scheduled and S3-upload function of the wiring', () => {
    // A Function URL (stripe-webhook) is served by its own local HTTP endpoint, not by the fabric.
    const expected = lambdas.filter((l) => l.trigger.kind !== 'function-url').map((l) => [l.name, l.trigger.kind]);
    expect(localLambdas.map((l) => [l.name, l.trigger.kind])).toEqual(expected);
    for (const [name, kind] of expected) expect(localHandlers[name!]?.trigger, `${name}`).toBe(kind);
  });

  it('names no function the wiring does not run locally', () => {
    const names = new Set(localLambdas.map((l) => l.name));
    expect(Object.keys(localHandlers).filter((name) => !names.has(name))).toEqual([]);
  });

  it('refuses a function whose wiring trigger disagrees with its handler', () => {
    const orderEmail = localLambdas.find((l) => l.name === 'order-email')!;
    const asStream = { ...orderEmail, trigger: { kind: 'table-stream' as const, filterEntityTypes: ['Order'], batchSize: 10 } };
    expect(() => createLocalHandler(asStream, {} as never)).toThrow(/queue handler/);
    expect(() => createLocalHandler({ ...orderEmail, name: 'unknown' }, {} as never)).toThrow(/No local handler/);
  });
});
