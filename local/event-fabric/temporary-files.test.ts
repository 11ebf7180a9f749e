import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeStaleTemporaryFiles } from './temporary-files';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('temporary files left by a crash', () => {
  it('are removed at start, in every folder below, and nothing else is', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'farmacruz-tmp-'));
    const queue = path.join(dir, 'queues', 'orders-email');
    await mkdir(queue, { recursive: true });
    const old = Date.now() / 1000 - 60;
    const leftovers = [path.join(queue, 'x.json.1a2b3c4d.tmp'), path.join(dir, 'streams.json.9f8e7d6c.tmp')];
    for (const file of leftovers) {
      await writeFile(file, '{"half":');
      await utimes(file, old, old);
    }
    const kept = [path.join(queue, 'x.json'), path.join(dir, 'fresh.json.11111111.tmp')];
    for (const file of kept) await writeFile(file, '{}');
    const removed = await removeStaleTemporaryFiles([dir, path.join(dir, 'missing')], Date.now() - 1000);
    expect(removed.sort()).toEqual([...leftovers].sort());
    for (const file of leftovers) expect(existsSync(file)).toBe(false);
    for (const file of kept) expect(existsSync(file)).toBe(true);
  });
});
