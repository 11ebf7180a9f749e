import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { STREAM_RETENTION_MS, trimStreamLog } from './trim-stream-log';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const line = (sequence: number, arrivedAt: number) =>
  `${JSON.stringify({ sequenceNumber: String(sequence).padStart(56, '0'), arrivedAt, partitionKey: 'k', data: 'e30=' })}\n`;

describe('trimming the local Kinesis log past the 24 h retention', () => {
  it('cuts delivered records older than 24 h from the head and moves the Firehose offset with them', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'farmacruz-trim-'));
    const now = Date.now();
    const old = now - STREAM_RETENTION_MS - 60_000;
    const lines = [line(1, old), line(2, old), line(3, old), line(4, now - 1000), line(5, now)];
    const logFile = path.join(dir, 'kinesis', 'lake.log');
    const offsetFile = path.join(dir, 'firehose', 'lake.json');
    await mkdir(path.dirname(logFile), { recursive: true });
    await mkdir(path.dirname(offsetFile), { recursive: true });
    await writeFile(logFile, lines.join(''));
    // Firehose delivered records 1, 2 and 4... up to the end of record 4; record 3 is old but counts as delivered too.
    const deliveredBytes = Buffer.byteLength(lines.slice(0, 4).join(''));
    await writeFile(offsetFile, JSON.stringify({ offset: deliveredBytes }));

    const result = await trimStreamLog({ logFile, offsetFile, now });
    expect(result.removedRecords).toBe(3);
    expect(await readFile(logFile, 'utf8')).toBe(lines.slice(3).join(''));
    const offset = (JSON.parse(await readFile(offsetFile, 'utf8')) as { offset: number }).offset;
    expect(offset).toBe(Buffer.byteLength(lines[3]!));
  });

  it('keeps old records Firehose has not delivered yet', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'farmacruz-trim-'));
    const old = Date.now() - STREAM_RETENTION_MS - 60_000;
    const logFile = path.join(dir, 'lake.log');
    const offsetFile = path.join(dir, 'offset.json');
    const lines = [line(1, old), line(2, old)];
    await writeFile(logFile, lines.join(''));
    await writeFile(offsetFile, JSON.stringify({ offset: Buffer.byteLength(lines[0]!) }));
    expect((await trimStreamLog({ logFile, offsetFile, now: Date.now() })).removedRecords).toBe(1);
    expect(await readFile(logFile, 'utf8')).toBe(lines[1]);
  });
});
