/** Reads the lake folder back: every record of every gzipped newline-JSON object under a prefix. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface LakeObjectRecords<T> {
  /** The object's key relative to the bucket. */
  readonly key: string;
  readonly records: T[];
}

async function gzFiles(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((e) => e.isFile() && e.name.endsWith('.gz')).map((e) => path.join(e.parentPath, e.name));
}

export async function readLakeObjects<T = Record<string, unknown>>(lakeDir: string, prefix = ''): Promise<LakeObjectRecords<T>[]> {
  const files = await gzFiles(path.join(lakeDir, prefix));
  const objects: LakeObjectRecords<T>[] = [];
  for (const file of files.sort()) {
    const text = gunzipSync(await readFile(file)).toString('utf8');
    objects.push({
      key: path.relative(lakeDir, file).split(path.sep).join('/'),
      records: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as T),
    });
  }
  return objects;
}

export async function readLakeRecords<T = Record<string, unknown>>(lakeDir: string, prefix = ''): Promise<T[]> {
  return (await readLakeObjects<T>(lakeDir, prefix)).flatMap((o) => o.records);
}
