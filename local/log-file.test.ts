import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRotatingLog, stackLogFile } from './log-file';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'farmacruz-log-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the stack log on disk', () => {
  it('keeps at most keep + 1 files of at most maxBytes, however much is written, the newest lines last', () => {
    const file = stackLogFile(dir);
    const log = createRotatingLog({ file, maxBytes: 4096, keep: 2 });
    for (let n = 1; n <= 2000; n += 1) log.write(`[events] line ${n} ${'x'.repeat(40)}`);

    expect(readdirSync(path.dirname(file)).sort()).toEqual(['stack.log', 'stack.log.1', 'stack.log.2']);
    for (const name of readdirSync(path.dirname(file))) expect(statSync(path.join(path.dirname(file), name)).size).toBeLessThanOrEqual(4096);
    const current = readFileSync(file, 'utf8').trim().split('\n');
    expect(current.at(-1)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \[events\] line 2000 x+$/);
    // The rotated files hold the lines just before, in order; the oldest are gone.
    const previous = readFileSync(`${file}.1`, 'utf8').trim().split('\n');
    const lineNumber = (line: string) => Number(/line (\d+)/.exec(line)![1]);
    expect(lineNumber(previous.at(-1)!) + 1).toBe(lineNumber(current[0]!));
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 1 ');
  });

  it('continues the file a previous run left, and cuts a runaway line to fit', () => {
    const file = stackLogFile(dir);
    createRotatingLog({ file, maxBytes: 1024, keep: 1 }).write('first run');
    const again = createRotatingLog({ file, maxBytes: 1024, keep: 1 });
    again.write('second run');
    expect(readFileSync(file, 'utf8')).toMatch(/first run\n.*second run\n$/);
    again.write('y'.repeat(10_000));
    expect(statSync(file).size).toBeLessThanOrEqual(1024);
    expect(readFileSync(file, 'utf8')).toMatch(/… \[cut\]\n$/);
    expect(readFileSync(`${file}.1`, 'utf8')).toContain('second run');
  });
});
