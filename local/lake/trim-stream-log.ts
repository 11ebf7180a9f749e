/**
 * Kinesis keeps a stream's records for 24 hours; the local stand-in's log (kinesis-server.ts) would grow
 * forever. When the pipeline starts, before the endpoint and the Firehose stand-in run, the records older
 * than the retention that Firehose has already delivered (before its saved offset) are cut from the head of
 * the log. The offset is moved back first, then the log rewritten (temporary file, rename): a kill between
 * the two re-delivers some records (at least once, as Firehose; readers drop duplicates by event_id),
 * never skips one. Sequence numbers continue from the last record (kinesis-server.ts reads it).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { readJsonFile, writeJsonFile } from '../event-fabric/json-file';
import type { StreamLogEntry } from './kinesis-server';

export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

export async function trimStreamLog(options: {
  readonly logFile: string;
  /** The Firehose stand-in's `{ offset }` file (bytes of the log already delivered). */
  readonly offsetFile: string;
  readonly now: number;
  readonly retentionMs?: number;
}): Promise<{ readonly removedRecords: number; readonly removedBytes: number }> {
  let text: Buffer;
  try {
    text = await readFile(options.logFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removedRecords: 0, removedBytes: 0 };
    throw error;
  }
  const delivered = (await readJsonFile<{ offset: number }>(options.offsetFile))?.offset ?? 0;
  const cutoff = options.now - (options.retentionMs ?? STREAM_RETENTION_MS);
  let removedBytes = 0;
  let removedRecords = 0;
  while (removedBytes < delivered) {
    const end = text.indexOf(0x0a, removedBytes);
    if (end < 0 || end + 1 > delivered) break;
    const entry = JSON.parse(text.subarray(removedBytes, end).toString('utf8')) as StreamLogEntry;
    if (entry.arrivedAt >= cutoff) break;
    removedBytes = end + 1;
    removedRecords += 1;
  }
  if (removedRecords === 0) return { removedRecords, removedBytes };
  await writeJsonFile(options.offsetFile, { offset: delivered - removedBytes });
  const temporary = `${options.logFile}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temporary, text.subarray(removedBytes));
  await rename(temporary, options.logFile);
  return { removedRecords, removedBytes };
}
