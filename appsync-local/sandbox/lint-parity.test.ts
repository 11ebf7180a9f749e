// "APPSYNC_JS rules enforced twice": the same fixtures are refused by the project's ESLint rules (on the
// TypeScript source) and by the sandbox (on the bundle).
import { ESLint, type Linter } from 'eslint';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture, FIXTURES_DIR } from '../test-fixtures/bundle';
import { AppSyncCodeError } from './validate';
import { createSandbox } from './sandbox';

const REPO_ROOT = path.resolve(FIXTURES_DIR, '../..');

let eslint: ESLint;

beforeAll(async () => {
  // The project's flat config, with its APPSYNC_JS sections pointed at the fixtures instead of resolvers/.
  // Type information comes from a TypeScript program of just the fixtures (test-fixtures/tsconfig.json):
  // same rules, without building a program for the whole repository first.
  const { default: projectConfig } = (await import(pathToFileURL(path.join(REPO_ROOT, 'eslint.config.js')).href)) as { default: Linter.Config[] };
  const fixtures = [`${path.relative(REPO_ROOT, FIXTURES_DIR)}/**/*.ts`];
  const fixtureProgram = { projectService: false, project: [path.join(FIXTURES_DIR, 'tsconfig.json')], tsconfigRootDir: REPO_ROOT };
  const retargeted = projectConfig.map((section) => {
    if (!section.files) return section;
    const parserOptions = section.languageOptions?.parserOptions;
    return {
      ...section,
      files: fixtures,
      ...(parserOptions ? { languageOptions: { ...section.languageOptions, parserOptions: { ...parserOptions, ...fixtureProgram } } } : {}),
    };
  });
  eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: retargeted });
}, 120_000);

async function lintRules(fixture: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(FIXTURES_DIR, 'resolvers', `${fixture}.ts`)]);
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

function sandboxRefusal(code: string, filename: string): string {
  try {
    createSandbox().load(code, filename);
  } catch (error) {
    if (error instanceof AppSyncCodeError) return error.message;
    throw error;
  }
  throw new Error('expected the sandbox to refuse the bundle');
}

describe('a resolver with try/catch', () => {
  // The first lint builds the TypeScript program for the type-aware rules.
  it('is refused by ESLint', { timeout: 120_000 }, async () => {
    expect(await lintRules('Query.tryCatch')).toEqual(['@aws-appsync/no-try']);
  });

  it('is refused by the sandbox', async () => {
    const { code, filename } = await bundleFixture('Query.tryCatch');
    expect(sandboxRefusal(code, filename)).toMatch(/try\/catch\/finally is not supported/);
  });
});

describe('a resolver with a while loop', () => {
  it('is refused by ESLint', { timeout: 120_000 }, async () => {
    expect(await lintRules('Query.whileLoop')).toEqual(['@aws-appsync/no-while']);
  });

  it('is refused by the sandbox', async () => {
    const { code, filename } = await bundleFixture('Query.whileLoop');
    expect(sandboxRefusal(code, filename)).toMatch(/while loops are not supported/);
  });
});
