// Guide page: "Built-in utilities" (built-in-util-js), util.matches: "The functionality is based on Pattern"
// (java.util.regex): the whole value must match a Java regular expression.
import { describe, expect, it } from 'vitest';
import { loadAppSyncModule, parseValue, type HandlerOutcome } from '../sandbox/sandbox';

function run(body: string): HandlerOutcome {
  const module = loadAppSyncModule(`import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`, 'matches.js');
  return module.request(module.context());
}

describe('built-in-util-js › util.matches', () => {
  it("the guide's example: util.matches(\"a*b\", \"aaaaab\")", () => {
    const outcome = run('return util.matches("a*b", "aaaaab");');
    expect(outcome.kind === 'returned' && parseValue(outcome.valueJson)).toBe(true);
  });

  it.each([
    ['the whole value must match', "util.matches('b', 'abc')", false],
    ['possessive quantifier', "util.matches('a++a', 'aaa')", false],
    ['atomic group', "util.matches('(?>a|ab)c', 'abc')", false],
    ['embedded flag', "util.matches('(?i)farmacruz', 'FarmaCruz')", true],
    ['ASCII-only case folding without (?u)', "util.matches('(?i)\u00e9', '\u00c9')", false],
    ['POSIX class is ASCII', "util.matches('\\\\p{Alpha}+', 'pi\u00f1a')", false],
    ['Unicode script', "util.matches('\\\\p{IsLatin}+', 'pi\u00f1a')", true],
    ['\\\\A and \\\\z', "util.matches('\\\\Aabc\\\\z', 'abc')", true],
    ['class intersection', "util.matches('[a-z&&[^aeiou]]+', 'xyz')", true],
    ["Java's \\\\s has no no-break space", "util.matches('a\\\\sb', 'a\u00a0b')", false],
  ])('%s', (_name, expression, expected) => {
    const outcome = run(`return ${expression};`);
    expect(outcome.kind === 'returned' ? parseValue(outcome.valueJson) : outcome).toBe(expected);
  });

  it('fails the handler on an invalid pattern with PatternSyntaxException wording', () => {
    const outcome = run("return util.matches('[abc', 'a');");
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('Unclosed character class');
  });

  it('refuses, naming it, a construct with no faithful translation', () => {
    const outcome = run("return util.matches('\\\\p{InGreek}', 'a');");
    expect(outcome.kind === 'failed' && outcome.error.message).toContain('\\p{InGreek} (Unicode blocks)');
  });
});
