import { describe, expect, it } from 'vitest';
import { bundleFixture, bundleSource } from '../test-fixtures/bundle';
import { AppSyncCodeError, APPSYNC_CODE_LIMIT_BYTES, validateAppSyncCode } from './validate';

const handlers = (body: string) => `import { util } from '@aws-appsync/utils';
export function request(ctx: any): any {
${body}
}
export function response(ctx: any) { return ctx.result; }
`;

function refusal(code: string, filename: string): AppSyncCodeError {
  try {
    validateAppSyncCode(code, filename);
  } catch (error) {
    if (error instanceof AppSyncCodeError) return error;
    throw error;
  }
  throw new Error('expected the code to be refused');
}

// Each source is bundled the way the project bundles resolvers, so the check runs on real bundles.
const forbidden: readonly [string, string, RegExp][] = [
  ['try/catch', 'try { return JSON.parse(ctx.args.x); } catch (e) { return null; }', /try\/catch\/finally is not supported/],
  ['try/finally', 'try { return 1; } finally { util.appendError("x"); }', /try\/catch\/finally is not supported/],
  ['throw', 'throw new Error("no");', /throw is not supported/],
  ['while', 'let i = 0; while (i < 3) { i += 1; } return i;', /while loops are not supported/],
  ['do-while', 'let i = 0; do { i += 1; } while (i < 3); return i;', /do-while loops are not supported/],
  ['for(;;)', 'let t = 0; for (let i = 0; i < 3; i += 1) { t += i; } return t;', /for\(;;\) loops are not supported/],
  ['labels', 'outer: for (const a of ctx.args.list) { for (const b of a) { if (b) break outer; } } return 1;', /labeled statements are not supported/],
  ['continue', 'let t = 0; for (const a of ctx.args.list) { if (!a) continue; t += a; } return t;', /continue is not supported/],
  ['async functions', 'const f = async () => 1; return f();', /async functions are not supported/],
  ['await', 'const f = async () => { await ctx.args.p; }; return f;', /await is not supported/],
  ['generators', 'function* g() { yield 1; } return [...g()];', /generators are not supported/],
  ['yield', 'function* g() { yield 1; } return [...g()];', /yield is not supported/],
  ['classes', 'class A { x = 1; } return new A().x;', /classes are not supported/],
  ['this', 'function f(this: any) { return this; } return f.call(ctx);', /`this` is not supported/],
  ['super', 'const o = { m() { return super.toString(); } }; return o.m();', /`super` is not supported/],
  ['++', 'let i = ctx.args.n; i++; return i;', /the \+\+ operator is not supported/],
  ['--', 'let i = ctx.args.n; i--; return i;', /the -- operator is not supported/],
  ['~', 'return ~ctx.args.n;', /the ~ operator is not supported/],
  ['in', 'return "id" in ctx.args;', /the `in` operator is not supported/],
  ['instanceof', 'return ctx.args.list instanceof Array;', /the `instanceof` operator is not supported/],
  ['regex literals', 'return /^[0-9]+$/.test(ctx.args.id);', /regular expression literals are not supported/],
  ['BigInt literals', 'return String(10n);', /BigInt literals are not supported/],
  ['Promise', 'return new Promise(() => 1);', /Promise is not supported/],
  ['dynamic import', 'return import("@aws-appsync/utils");', /dynamic import\(\) is not supported/],
  ['import.meta', 'return import.meta.url;', /import.meta is not supported/],
];

describe('APPSYNC_JS code the sandbox refuses', () => {
  it.each(forbidden)('%s', async (_name, body, message) => {
    const { code, filename } = await bundleSource(handlers(body));
    const error = refusal(code, filename);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(filename);
  });

  it('imports of anything but the AppSync modules', async () => {
    const { code, filename } = await bundleSource(`import { readFileSync } from 'node:fs';\n${handlers('return readFileSync("x");')}`);
    expect(refusal(code, filename).message).toMatch(/import of 'node:fs' is not supported/);
  });

  it('re-exports', () => {
    expect(refusal(`export * from '@aws-appsync/utils';`, 'x.js').message).toMatch(/export \* from is not supported/);
    expect(refusal(`export { util } from '@aws-appsync/utils';`, 'x.js').message).toMatch(/re-exporting/);
  });

  it('identifiers the runtime reserves for itself', () => {
    expect(refusal(`export function request() { const __appsyncGuard = 1; return __appsyncGuard; }`, 'x.js').message).toMatch(/reserved/);
  });

  it('code over 32 KB', () => {
    const code = `export function request() { return ${JSON.stringify('x'.repeat(APPSYNC_CODE_LIMIT_BYTES))}; }\nexport function response() {}`;
    expect(refusal(code, 'big.js').message).toMatch(/over AppSync's 32768-byte limit/);
  });

  it('syntax errors, with their position', () => {
    expect(refusal('export function request( {', 'broken.js').message).toMatch(/broken\.js:1:\d+: syntax error/);
  });

  it('names the bundle position and, through the source map, the TypeScript line', async () => {
    const { code, filename } = await bundleFixture('Query.tryCatch');
    const error = refusal(code, filename);
    expect(error.violations).toHaveLength(1);
    const [violation] = error.violations;
    expect(code.split('\n')[violation!.line - 1]!.slice(violation!.column - 1)).toMatch(/^try \{/);
    expect(violation!.original).toMatchObject({ line: 5, column: 3 });
    expect(violation!.original!.source).toMatch(/(^|\/)test-fixtures\/resolvers\/Query\.tryCatch\.ts$/);
  });

  it('lists every violation, not just the first', async () => {
    const { code, filename } = await bundleSource(handlers('let i = 0; i++; while (i < 3) { i += 1; } return "a" in ctx;'));
    expect(refusal(code, filename).violations.map((v) => v.construct)).toEqual([
      'the ++ operator is not supported',
      'while loops are not supported (use for-of or for-in)',
      'the `in` operator is not supported (use Object.hasOwn)',
    ]);
  });
});

describe('APPSYNC_JS code the sandbox accepts', () => {
  it('the supported statements and operators', async () => {
    const { code, filename } = await bundleSource(
      handlers(`
        const { list = [], label } = ctx.args;
        let total = 0;
        for (const n of list) total += n;
        for (const key in ctx.args) total += key.length;
        switch (label ?? 'none') { case 'x': total *= 2; break; default: total += 1; }
        const doubled = list.map((n: number) => n * 2).filter((n: number) => n > 2);
        return { total, doubled, text: \`\${label?.toUpperCase()} \${[...list].length}\`, has: Object.hasOwn(ctx.args, 'list'), bits: total & 1, t: typeof total, v: void 0 };
      `),
    );
    expect(() => validateAppSyncCode(code, filename)).not.toThrow();
  });
});
