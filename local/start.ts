/** `npm start`: the whole FarmaCruz system on this machine, until Ctrl+C. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalStackSettings } from '../config/settings';
import { startLocalStack } from './stack';
import { createRotatingLog, stackLogFile, STACK_LOG_KEEP, STACK_LOG_MAX_BYTES } from './log-file';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  const settings = loadLocalStackSettings();
  // Every line also goes to a rotated file under the data folder: bounded however long the stack runs.
  const logFile = createRotatingLog({ file: stackLogFile(path.resolve(rootDir, settings.dataDir)) });
  const log = (line: string) => {
    console.log(line);
    logFile.write(line);
  };
  log(`Log file: ${logFile.file} (rotated at ${STACK_LOG_MAX_BYTES / 2 ** 20} MiB, ${STACK_LOG_KEEP} old files kept)`);
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
