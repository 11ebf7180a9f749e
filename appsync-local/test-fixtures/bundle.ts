/**
 * Test helper: bundles APPSYNC_JS fixture sources exactly as the project bundles its resolvers
 * (tooling/appsync-bundle.ts), into a temporary folder laid out like the repository (dist/appsync/...).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAppSyncCode } from '../../tooling/appsync-bundle';

export const FIXTURES_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(FIXTURES_DIR, '../..');

export interface BundledFolder {
  /** A folder with dist/appsync/resolvers/*.js and dist/appsync/pipeline/*.js, usable as `rootDir`. */
  readonly rootDir: string;
  remove(): void;
}

/**
 * Bundles the fixture resolvers (test-fixtures/resolvers/Type.field.ts) and pipeline functions
 * (test-fixtures/pipeline/name.ts) given by name into a fresh temporary root.
 */
export async function bundleFixtureFolder(resolvers: readonly string[], functions: readonly string[] = []): Promise<BundledFolder> {
  const rootDir = mkdtempSync(path.join(tmpdir(), 'appsync-fixtures-'));
  const target = (source: string, out: string) => ({
    source: path.relative(REPO_ROOT, path.join(FIXTURES_DIR, source)),
    outfile: path.relative(REPO_ROOT, path.join(rootDir, out)),
  });
  await bundleAppSyncCode(REPO_ROOT, [
    ...resolvers.map((name) => target(`resolvers/${name}.ts`, `dist/appsync/resolvers/${name}.js`)),
    ...functions.map((name) => target(`pipeline/${name}.ts`, `dist/appsync/pipeline/${name}.js`)),
  ]);
  return { rootDir, remove: () => rmSync(rootDir, { recursive: true, force: true }) };
}

export interface BundledSource {
  readonly code: string;
  /** Absolute path of the bundle (its inline source map points back to the source next to it). */
  readonly filename: string;
}

/** Bundles one TypeScript/JavaScript source text as if it were resolvers/Fixture.field.ts. */
export async function bundleSource(source: string): Promise<BundledSource> {
  const rootDir = mkdtempSync(path.join(tmpdir(), 'appsync-source-'));
  try {
    mkdirSync(path.join(rootDir, 'resolvers'), { recursive: true });
    writeFileSync(path.join(rootDir, 'resolvers/Fixture.field.ts'), source);
    await bundleAppSyncCode(rootDir, [{ source: 'resolvers/Fixture.field.ts', outfile: 'dist/appsync/resolvers/Fixture.field.js' }]);
    const filename = path.join(rootDir, 'dist/appsync/resolvers/Fixture.field.js');
    return { code: readFileSync(filename, 'utf8'), filename };
  } finally {
    rmSync(rootDir, { recursive: true, force: true });
  }
}

/** Bundles a fixture file from test-fixtures/resolvers and returns its code. */
export async function bundleFixture(name: string): Promise<BundledSource> {
  const folder = await bundleFixtureFolder([name]);
  try {
    const filename = path.join(folder.rootDir, `dist/appsync/resolvers/${name}.js`);
    return { code: readFileSync(filename, 'utf8'), filename };
  } finally {
    folder.remove();
  }
}
