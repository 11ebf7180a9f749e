/**
 * The local Firehose stand-in: reads a Kinesis stand-in log and delivers its records into the lake
 * folder in the S3 key layout Firehose uses — `<prefix with !{timestamp:…} expanded>` +
 * `<deliveryStream>-1-YYYY-MM-DD-HH-MM-SS-<random>.gz`, the records' bytes concatenated and gzipped.
 * It flushes every buffer interval (or when the buffer size is reached), writes each object whole
 * (temporary name, then rename) and only then moves its read offset, kept in
 * `<dataDir>/firehose/<deliveryStream>.json`. A kill between the two re-delivers those records: at least
 * once, as Firehose; readers drop duplicates by event_id.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readJsonFile, writeJsonFile } from '../event-fabric/json-file';
import type { StreamLogEntry } from './kinesis-server';

export interface FirehoseOptions {
  readonly deliveryStreamName: string;
  readonly sourceLogFile: string;
  readonly dataDir: string;
  /** Root of the bucket as a folder. */
  readonly bucketDir: string;
  readonly prefix: string;
  readonly bufferIntervalMs: number;
  readonly bufferSizeBytes: number;
  readonly onDelivered?: (object: { key: string; records: number }) => void;
  readonly log: (line: string) => void;
}

export interface FirehoseDelivery {
  /** Delivers what is buffered now instead of at the next interval. */
  flush(): Promise<void>;
  /** The log grew: flush early if the buffer is full. */
  notify(): void;
  stop(): Promise<void>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Expands Firehose's `!{timestamp:<pattern>}` with the UTC time (patterns of yyyy, MM, dd, HH, mm). */
export function expandTimestampNamespace(prefix: string, at: Date): string {
  return prefix.replace(/!\{timestamp:([^}]+)\}/g, (_, pattern: string) =>
    pattern
      .replace(/yyyy/g, String(at.getUTCFullYear()))
      .replace(/MM/g, pad(at.getUTCMonth() + 1))
      .replace(/dd/g, pad(at.getUTCDate()))
      .replace(/HH/g, pad(at.getUTCHours()))
      .replace(/mm/g, pad(at.getUTCMinutes())),
  );
}

export function firehoseObjectName(deliveryStreamName: string, at: Date): string {
  const stamp = [at.getUTCFullYear(), pad(at.getUTCMonth() + 1), pad(at.getUTCDate()), pad(at.getUTCHours()), pad(at.getUTCMinutes()), pad(at.getUTCSeconds())].join('-');
  return `${deliveryStreamName}-1-${stamp}-${randomUUID()}.gz`;
}

/** Where the stand-in keeps how many bytes of its source log it has delivered. */
export function firehoseOffsetFile(dataDir: string, deliveryStreamName: string): string {
  return path.join(dataDir, 'firehose', `${deliveryStreamName}.json`);
}

export async function startFirehoseDelivery(options: FirehoseOptions): Promise<FirehoseDelivery> {
  const offsetFile = firehoseOffsetFile(options.dataDir, options.deliveryStreamName);
  let offset = (await readJsonFile<{ offset: number }>(offsetFile))?.offset ?? 0;
  let flushing: Promise<void> = Promise.resolve();
  let stopped = false;

  const readNew = async (): Promise<{ entries: StreamLogEntry[]; bytes: number }> => {
    let handle;
    try {
      handle = await open(options.sourceLogFile, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bytes: 0 };
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size <= offset) return { entries: [], bytes: 0 };
      const buffer = Buffer.alloc(size - offset);
      await handle.read(buffer, 0, buffer.length, offset);
      const complete = buffer.lastIndexOf(0x0a) + 1; // only whole lines; a line being appended waits
      const lines = buffer.subarray(0, complete).toString('utf8').split('\n').filter(Boolean);
      return { entries: lines.map((line) => JSON.parse(line) as StreamLogEntry), bytes: complete };
    } finally {
      await handle.close();
    }
  };

  const deliver = async (): Promise<void> => {
    const { entries, bytes } = await readNew();
    if (entries.length === 0) return;
    // One object per prefix (a batch spanning midnight UTC goes to two date partitions).
    const groups = new Map<string, StreamLogEntry[]>();
    for (const entry of entries) {
      const key = expandTimestampNamespace(options.prefix, new Date(entry.arrivedAt));
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const now = new Date();
    for (const [prefix, group] of groups) {
      const key = `${prefix}${firehoseObjectName(options.deliveryStreamName, now)}`;
      const file = path.join(options.bucketDir, ...key.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      const body = gzipSync(Buffer.concat(group.map((e) => Buffer.from(e.data, 'base64'))));
      const temporary = `${file}.${randomUUID().slice(0, 8)}.tmp`;
      await writeFile(temporary, body);
      await rename(temporary, file);
      options.onDelivered?.({ key, records: group.length });
    }
    offset += bytes;
    await writeJsonFile(offsetFile, { offset });
  };

  const flush = (): Promise<void> => {
    flushing = flushing.then(deliver).catch((error: unknown) => {
      options.log(`[firehose ${options.deliveryStreamName}] delivery failed, retrying at the next interval: ${String(error)}`);
    });
    return flushing;
  };

  const timer = setInterval(() => {
    if (!stopped) void flush();
  }, options.bufferIntervalMs);

  let pendingSizeCheck = false;
  return {
    flush,
    notify() {
      if (pendingSizeCheck || stopped) return;
      pendingSizeCheck = true;
      void (async () => {
        try {
          const handle = await open(options.sourceLogFile, 'r');
          const { size } = await handle.stat();
          await handle.close();
          if (size - offset >= options.bufferSizeBytes) await flush();
        } finally {
          pendingSizeCheck = false;
        }
      })();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Deliver what is buffered, as Firehose eventually does, so the lake is complete after a clean stop.
      await flush();
    },
  };
}
