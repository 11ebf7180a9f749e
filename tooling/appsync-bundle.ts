/**
 * Bundles resolver and pipeline-function sources into APPSYNC_JS modules with esbuild: one ESM file each,
 * `@aws-appsync/utils` left external (the runtime provides it), ending in `export { request, response }`.
 * The CDK stack deploys these files and the local AppSync runtime executes the very same files.
 */
import { build } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  pipelineFunctionBundlePath,
  pipelineFunctionSourcePath,
  pipelineFunctions,
  resolverBundlePath,
  resolverSourcePath,
  resolvers,
} from '../wiring/api';

export const APPSYNC_CODE_LIMIT_BYTES = 32 * 1024;

export interface BundleTarget {
  readonly source: string;
  readonly outfile: string;
}

export function wiredBundleTargets(): BundleTarget[] {
  return [
    ...resolvers.map((r) => ({ source: resolverSourcePath(r), outfile: resolverBundlePath(r) })),
    ...pipelineFunctions.map((f) => ({ source: pipelineFunctionSourcePath(f.name, f.folder), outfile: pipelineFunctionBundlePath(f.name) })),
  ];
}

/**
 * Bundles each target relative to `rootDir`; fails when a bundle exceeds AppSync's 32 KB code limit. Each file
 * is replaced whole (written aside, then renamed over the old one): whoever reads the bundles meanwhile (a
 * running local API, the CDK synth of a test running beside) sees the old file or the new, never a part.
 */
export async function bundleAppSyncCode(rootDir: string, targets: readonly BundleTarget[] = wiredBundleTargets()): Promise<void> {
  await Promise.all(
    targets.map(async (target) => {
      const outfile = path.join(rootDir, target.outfile);
      const result = await build({
        entryPoints: [path.join(rootDir, target.source)],
        outfile,
        bundle: true,
        format: 'esm',
        target: 'esnext',
        platform: 'node',
        external: ['@aws-appsync/utils'],
        sourcemap: 'inline',
        sourcesContent: false,
        minify: false,
        metafile: true,
        logLevel: 'silent',
        write: false,
      });
      const output = Object.values(result.metafile.outputs)[0];
      if (output && output.bytes > APPSYNC_CODE_LIMIT_BYTES) {
        throw new Error(`${target.source} bundles to ${output.bytes} bytes, over AppSync's 32 KB code limit`);
      }
      for (const file of result.outputFiles) await replaceFile(file.path, file.contents);
    }),
  );
}

async function replaceFile(file: string, contents: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(aside, contents);
    await rename(aside, file);
  } catch (error) {
    await rm(aside, { force: true });
    throw error;
  }
}
