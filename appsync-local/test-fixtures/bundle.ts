/**
 * Test helper: bundles APPSYNC_JS fixture sources the way AppSync's guide says to bundle resolvers (one ES
 * module each, `@aws-appsync/*` left external, inline source map), into a temporary bundle folder laid out
 * as the runtime expects (`resolvers/Type.field.js`, `pipeline/name.js`).
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface BundledFolder {
  /** A folder with resolvers/*.js and pipeline/*.js, usable as `bundleDir`. */
  readonly bundleDir: string;
  remove(): void;
}

interface BundleTarget {
  readonly source: string;
  readonly outfile: string;
}

async function bundleAppSyncCode(targets: readonly BundleTarget[]): Promise<void> {
  await Promise.all(
    targets.map((target) =>
      build({
        entryPoints: [target.source],
        outfile: target.outfile,
        bundle: true,
        format: 'esm',
        target: 'esnext',
        platform: 'node',
        external: ['@aws-appsync/utils'],
        sourcemap: 'inline',
        sourcesContent: false,
        minify: false,
        logLevel: 'silent',
      }),
    ),
  );
}

/**
 * Bundles the fixture resolvers (test-fixtures/resolvers/Type.field.ts) and pipeline functions
 * (test-fixtures/pipeline/name.ts) given by name into a fresh temporary root.
 */
export async function bundleFixtureFolder(resolvers: readonly string[], functions: readonly string[] = []): Promise<BundledFolder> {
  const bundleDir = mkdtempSync(path.join(tmpdir(), 'appsync-fixtures-'));
  const target = (source: string, out: string) => ({ source: path.join(FIXTURES_DIR, source), outfile: path.join(bundleDir, out) });
  await bundleAppSyncCode([
    ...resolvers.map((name) => target(`resolvers/${name}.ts`, `resolvers/${name}.js`)),
    ...functions.map((name) => target(`pipeline/${name}.ts`, `pipeline/${name}.js`)),
  ]);
  return { bundleDir, remove: () => rmSync(bundleDir, { recursive: true, force: true }) };
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
    await bundleAppSyncCode([
      { source: path.join(rootDir, 'resolvers/Fixture.field.ts'), outfile: path.join(rootDir, 'dist/appsync/resolvers/Fixture.field.js') },
    ]);
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
    const filename = path.join(folder.bundleDir, `resolvers/${name}.js`);
    return { code: readFileSync(filename, 'utf8'), filename };
  } finally {
    folder.remove();
  }
}
