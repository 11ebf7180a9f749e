/**
 * The log of a long-running `npm start`, kept on disk and bounded: every line the stack logs (start-up,
 * supervision, the event fabric's batches and dead letters, cognito-local's confirmation codes and errors)
 * is appended to `<dataDir>/logs/stack.log`, which is
 * rotated when it would pass `maxBytes` (stack.log → stack.log.1 → … → stack.log.<keep>, the oldest
 * dropped). So a stack left running for weeks holds at most (keep + 1) × maxBytes of log, and the last
 * hours are there to read after a terminal is closed.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  readonly file: string;
  /** Size at which the file is rotated. Default 10 MiB. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one. Default 3. */
  readonly keep?: number;
}

export interface RotatingLog {
  readonly file: string;
  write(line: string): void;
}

export const STACK_LOG_MAX_BYTES = 10 * 2 ** 20;
export const STACK_LOG_KEEP = 3;

export function stackLogFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'stack.log');
}

export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const maxBytes = options.maxBytes ?? STACK_LOG_MAX_BYTES;
  const keep = options.keep ?? STACK_LOG_KEEP;
  if (!(maxBytes >= 256) || !Number.isInteger(keep) || keep < 1) throw new RangeError('a rotating log needs maxBytes ≥ 256 and keep ≥ 1');
  mkdirSync(path.dirname(options.file), { recursive: true });
  let size = existsSync(options.file) ? statSync(options.file).size : 0;
  let failed = false;

  const rotate = () => {
    rmSync(`${options.file}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) {
      if (existsSync(`${options.file}.${index}`)) renameSync(`${options.file}.${index}`, `${options.file}.${index + 1}`);
    }
    if (existsSync(options.file)) renameSync(options.file, `${options.file}.1`);
    size = 0;
  };

  return {
    file: options.file,
    write(line) {
      if (failed) return;
      // One line never takes more than a file: a runaway line is cut, and says so.
      let text = `${new Date().toISOString()} ${line}`;
      const limit = maxBytes - 64;
      if (Buffer.byteLength(text) > limit) text = `${Buffer.from(text).subarray(0, limit).toString()}… [cut]`;
      const bytes = Buffer.byteLength(text) + 1;
      try {
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(options.file, `${text}\n`);
        size += bytes;
      } catch (error) {
        // A full disk or a removed folder must not stop the stack: the terminal still has the log.
        failed = true;
        console.error(`Could not write the log file ${options.file} (${String(error)}); logging to the terminal only.`);
      }
    },
  };
}
