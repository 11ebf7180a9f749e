#!/usr/bin/env node
// The package is TypeScript run as is (no build step): tsx compiles it, and the project's wiring file, on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
try {
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`appsync-local: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
