/**
 * package.json: `dependencies` is exactly what the deployed code imports (the Lambda bundles, event and
 * resolver Lambdas alike, and the web
 * app), everything else (CDK, the local stack, tests, build tools) is a `devDependency`; AWS SDK packages
 * share one copy of their core in the lock file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lambdaHandlerPath, lambdas } from '../wiring/events';
import { resolverFunctions } from '../wiring/resolver-functions';

const rootDir = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(rootDir, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

/** Packages the project's own files in a Lambda bundle import (not what those packages import in turn). */
async function lambdaImports(name: string): Promise<Set<string>> {
  const result = await esbuild.build({
    entryPoints: [path.join(rootDir, lambdaHandlerPath(name))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    // As infra/constructs/event-functions.ts bundles them: the Lambda runtime provides the AWS SDK.
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
  });
  const found = new Set<string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (file.includes('node_modules/')) continue;
    for (const imported of input.imports) {
      if (imported.path.startsWith('<')) continue;
      const target = imported.external ? imported.path : imported.path.includes('node_modules/') ? imported.path : undefined;
      if (!target || isBuiltin(target)) continue;
      const match = target.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      found.add(match ? match[1]! : packageName(target));
    }
  }
  return found;
}

/** Packages the web app's sources import for their values (type-only imports vanish from the bundle). */
function webImports(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'gql') walk(file);
      } else if (/\.tsx?$/.test(entry.name)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^'.][^']*)'/gm)) {
          if (!isBuiltin(match[1]!)) found.add(packageName(match[1]!));
        }
      }
    }
  };
  walk(path.join(rootDir, 'web/src'));
  return found;
}

describe('package.json', () => {
  it('lists in dependencies exactly what the Lambda bundles and the web app import', async () => {
    const runtime = new Set<string>();
    // The event Lambdas and the resolver Lambdas: both are deployed from functions/<name>/handler.ts.
    for (const definition of [...lambdas, ...resolverFunctions]) for (const name of await lambdaImports(definition.name)) runtime.add(name);
    for (const name of webImports()) runtime.add(name);
    expect(runtime.has('zod')).toBe(true); // the scan sees imports at all
    expect(runtime.has('react')).toBe(true);
    expect([...runtime].filter((name) => !(name in packageJson.dependencies)).sort()).toEqual([]);
    expect(Object.keys(packageJson.dependencies).filter((name) => !runtime.has(name)).sort()).toEqual([]);
  });

  it('lists no package in both sections and pins every version exactly', () => {
    const both = Object.keys(packageJson.dependencies).filter((name) => name in packageJson.devDependencies);
    expect(both).toEqual([]);
    const ranged = Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(v)); // an exact pre-release such as DuckDB's 1.5.6-r.1 is a pin
    expect(ranged).toEqual([]);
  });

  it('installs one version of each AWS SDK and Smithy package (the clients share one core)', () => {
    const versions = new Map<string, Set<string>>();
    for (const [key, entry] of Object.entries(lock.packages)) {
      const at = key.lastIndexOf('node_modules/');
      if (at === -1 || !entry.version) continue;
      const name = key.slice(at + 'node_modules/'.length);
      if (!/^@(aws-sdk|smithy)\//.test(name)) continue;
      versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
    }
    expect(versions.get('@aws-sdk/core')?.size).toBe(1);
    const duplicated = [...versions].filter(([, set]) => set.size > 1).map(([name, set]) => `${name}: ${[...set].join(', ')}`);
    expect(duplicated).toEqual([]);
  });

  it('takes every AWS SDK client from one release: each pinned to its newest version at 3.1169.0', () => {
    // AWS publishes a client only when it changes: a client missing from release 3.1169.0 stays at its last
    // published version (Kinesis 3.1143.0, DynamoDB Streams 3.1141.0, util-dynamodb 3.996.9), never newer.
    const sdk = Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies }).filter(([name]) => name.startsWith('@aws-sdk/'));
    expect(sdk.length).toBeGreaterThan(5);
    const newerThanRelease = sdk.filter(([, version]) => {
      const [, minor] = version.split('.').map(Number);
      return version.startsWith('3.') && minor! > 1169;
    });
    expect(newerThanRelease).toEqual([]);
  });
});
