/**
 * Files are written to `<name>.<random>.tmp` and renamed into place (json-file.ts, the Firehose stand-in,
 * the local S3): a process killed between the two leaves the temporary file behind. The pipeline removes
 * them when it starts, before anything of its own writes; files younger than `before` (e.g. a redrive
 * running right now in another process) are left alone.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export async function removeStaleTemporaryFiles(folders: readonly string[], before: number): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await visit(file);
      else if (entry.isFile() && entry.name.endsWith('.tmp')) {
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtimeMs < before) {
          await rm(file, { force: true });
          removed.push(file);
        }
      }
    }
  };
  for (const folder of new Set(folders)) await visit(folder);
  return removed;
}
