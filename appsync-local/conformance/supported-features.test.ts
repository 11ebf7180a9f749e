// Guide page: "Supported runtime features" (supported-features) of APPSYNC_JS, and the JSON entry of its
// built-in objects; what it says is unsupported fails at run time too, not only at lint time.
import { describe, expect, it } from 'vitest';
import { loadAppSyncModule, parseValue, type HandlerOutcome } from '../sandbox/sandbox';

/** Hand-written ESM (as a bundle would look) with `body` as the request handler. */
function run(body: string, prelude = ''): HandlerOutcome {
  const module = loadAppSyncModule(`${prelude}\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`, 'feature.js');
  return module.request(module.context());
}

function value(outcome: HandlerOutcome): unknown {
  if (outcome.kind === 'failed') throw new Error(outcome.error.message);
  return parseValue(outcome.valueJson);
}

function failure(outcome: HandlerOutcome): string {
  if (outcome.kind !== 'failed') throw new Error(`did not fail: ${outcome.valueJson}`);
  return outcome.error.message;
}

describe('supported-features › Functions: apply, bind and call are not supported', () => {
  it.each([
    ['call', 'const f = (a) => a + 1; return f.call(null, 1);'],
    ['apply', 'const f = (a) => a + 1; return f.apply(null, [1]);'],
    ['bind', 'const f = (a) => a + 1; return f.bind(null)(1);'],
    ['call, computed', "const f = (a) => a + 1; return f['call'](null, 1);"],
    ['call on a built-in', "return Array.prototype.slice.call([1, 2], 1);"],
  ])('%s fails the handler', (_name, body) => {
    expect(failure(run(body))).toMatch(/Function\.prototype\.call, apply and bind are not supported/);
  });

  it('leaves alone an object property that happens to be named call', () => {
    expect(value(run('const phone = { call: 5 }; return phone.call;'))).toBe(5);
  });
});

describe('supported-features › Built-in objects: JSON', () => {
  it('JSON.parse of invalid text gives an empty string instead of failing the field', () => {
    expect(value(run("return { bad: JSON.parse('{nope'), good: JSON.parse('{\"a\":1}') };"))).toEqual({ bad: '', good: { a: 1 } });
  });
});

describe('supported-features › Date is not a built-in object of APPSYNC_JS (use util.time)', () => {
  it('new Date() fails', () => {
    expect(failure(run('return new Date().getTime();'))).toMatch(/Date is not a constructor/);
  });
});

describe('supported-features › modules are evaluated per invocation', () => {
  it('keeps no module-level state from one request to the next', () => {
    const module = loadAppSyncModule(
      'let calls = 0;\nexport function request(ctx) { calls = calls + 1; return calls; }\nexport function response(ctx) { return ctx.result; }',
      'state.js',
    );
    expect(parseValue((module.request(module.context()) as { valueJson: string }).valueJson)).toBe(1);
    expect(parseValue((module.request(module.context()) as { valueJson: string }).valueJson)).toBe(1);
  });
});
