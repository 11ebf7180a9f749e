// Guide page: "Supported runtime features" (supported-features) of APPSYNC_JS, and the JSON entry of its
// built-in objects; what it says is unsupported fails at run time too, not only at lint time.
import { describe, expect, it } from 'vitest';
import { loadAppSyncModule, parseValue, type HandlerOutcome } from '../sandbox/sandbox';
import { AppSyncCodeError } from '../sandbox/validate';

/** Hand-written ESM (as a bundle would look) with `body` as the request handler. */
function run(body: string, prelude = ''): HandlerOutcome {
  const module = loadAppSyncModule(`${prelude}\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`, 'feature.js');
  return module.request(module.context({ arguments: { id: 'p1', input: { name: 'a' } } }));
}

/** The load-time refusal of a module whose request handler is `body`. */
function refusal(body: string): string {
  try {
    run(body);
  } catch (error) {
    if (error instanceof AppSyncCodeError) return error.message;
    throw error;
  }
  throw new Error('the module was accepted');
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

describe('supported-features › Functions: recursion is not supported', () => {
  it.each([
    ['a function calling itself', 'return fact(5);', 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }', 'fact <-fact'],
    ['two functions calling each other', 'return even(4);', 'function even(n) { return n === 0 ? true : odd(n - 1); }\nfunction odd(n) { return n === 0 ? false : even(n - 1); }', 'even <-odd <-even'],
    ['an arrow function through its variable', 'const down = (n) => (n <= 0 ? 0 : down(n - 1)); return down(3);', '', 'down <-down'],
  ])('%s fails the handler at the recursive call', (_name, body, prelude, cycle) => {
    expect(failure(run(body, prelude))).toContain(`Recursive function calls not supported. Detected cycle in ${cycle}`);
  });

  it('still runs a function called many times, one call after another, and nested different functions', () => {
    expect(value(run('const inc = (n) => n + 1; const twice = (n) => inc(inc(n)); let n = 0; for (const _ of [1, 2, 3]) { n = twice(n); } return n;'))).toBe(6);
  });
});

describe('supported-features › Functions: functions cannot be passed as arguments', () => {
  it('refuses, at load time, a function written as the argument of a call', () => {
    expect(refusal('const apply = (g, x) => g(x); return apply((x) => x + 1, 1);')).toContain('Functions can not be passed as an argument');
  });

  it('fails the handler when a named function is passed', () => {
    expect(failure(run('const add = (a) => a + 1; const twice = (g, x) => g(g(x)); return twice(add, 1);'))).toContain(
      'Functions can not be passed as an argument (to twice)',
    );
  });

  it('fails the handler when a function is spread into the arguments', () => {
    expect(failure(run('const xs = [1, () => 2]; return Math.max(...xs);'))).toContain('Functions can not be passed as an argument (to Math.max)');
  });

  it('accepts callbacks to the array methods that take them (map, filter, find, reduce, some, every, forEach, flatMap, ...)', () => {
    expect(
      value(
        run(`const xs = [3, 1, 2];
const double = (x) => x * 2;
const out = [];
xs.forEach((x) => { out.push(x); });
return {
  mapped: xs.map(double).filter(function (x) { return x > 2; }),
  found: xs.find((x) => x < 3), index: xs.findIndex((x) => x === 2), last: xs.findLast((x) => x > 0),
  sum: xs.reduce((a, b) => a + b, 0), some: xs.some((x) => x > 2), every: xs.every((x) => x > 0),
  flat: xs.flatMap((x) => [x, x]).length, out,
};`),
      ),
    ).toEqual({ mapped: [6, 4], found: 1, index: 2, last: 2, sum: 6, some: true, every: true, flat: 6, out: [3, 1, 2] });
  });
});

describe('supported-features › Arrays: sort takes no comparator', () => {
  it('sorts without one', () => {
    expect(value(run("return [['b', 'a', 'c'].sort(), [10, 9, 1].sort()];"))).toEqual([['a', 'b', 'c'], [1, 10, 9]]);
  });

  it('refuses a comparator written in the call at load time, and a named one at run time', () => {
    expect(refusal('return [3, 1, 2].sort((a, b) => a - b);')).toContain('Array.prototype.sort takes no comparator');
    expect(failure(run('const byNumber = (a, b) => a - b; return [3, 1, 2].sort(byNumber);'))).toContain('Array.prototype.sort takes no comparator');
  });
});

describe('supported-features › String: replace and replaceAll take Java-styled regular expressions (Pattern)', () => {
  it('treats the pattern string as a Java regular expression and the replacement as Java does', () => {
    expect(
      value(
        run(`return {
  first: 'a.b.c'.replace('.', '-'),
  dots: 'a.b.c'.replaceAll('\\\\.', '-'),
  swapped: 'Ana Cruz'.replace('(\\\\w+) (\\\\w+)', '$2, $1'),
  named: 'x1y22'.replaceAll('(?<n>\\\\d+)', '<\${n}>'),
  spaces: 'a \\u00a0b'.replaceAll('\\\\s', '_'),
};`),
      ),
    ).toEqual({ first: '-.b.c', dots: 'a-b-c', swapped: 'Cruz, Ana', named: 'x<1>y<22>', spaces: 'a_\u00a0b' });
  });

  it("fails the handler on a replacement Java refuses (a lone '$')", () => {
    expect(failure(run("return 'cost'.replace('o', '$');"))).toContain('Illegal group reference');
  });

  it('fails the handler on a pattern Java refuses, with its PatternSyntaxException wording', () => {
    expect(failure(run("return 'x'.replace('(x', 'y');"))).toContain('Unclosed group near index 2');
  });
});
