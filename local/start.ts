/** `npm start`: the whole FarmaCruz system on this machine, until Ctrl+C. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalStackSettings } from '../config/settings';
import { startLocalStack } from './stack';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(line);

try {
  const settings = loadLocalStackSettings();
  const stack = await startLocalStack(settings, rootDir, log);
  console.log(['', 'FarmaCruz Commerce is running locally:', ...stack.summary.map((l) => `  ${l}`), '', 'Ctrl+C stops everything.'].join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(`Could not start the local stack: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
