/**
 * Bundles realm-runtime.ts (and the appsync-utils code it imports) into one script for the sandbox realm.
 * Built once per process, on first use, with esbuild; the result defines the global `__appsyncRealm`,
 * which the sandbox reads and deletes right after evaluating it.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const REALM_GLOBAL = '__appsyncRealm';

let bundled: string | undefined;

export function realmRuntimeScript(): string {
  if (bundled === undefined) {
    const result = buildSync({
      entryPoints: [fileURLToPath(new URL('./realm-runtime.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: REALM_GLOBAL,
      platform: 'neutral',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    bundled = result.outputFiles[0]!.text;
  }
  return bundled;
}
