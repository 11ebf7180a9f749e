/**
 * A local Kinesis Data Streams endpoint for the order-lake handler's unchanged Kinesis client: the
 * JSON 1.1 protocol over HTTP/1.1 for PutRecord and PutRecords (plus DescribeStreamSummary for probes).
 * Each stream is an append-only newline-JSON log under `<dataDir>/kinesis/<stream>.log`; a put is
 * answered only after its records are appended, so an acknowledged record survives a killed stack. The
 * Firehose stand-in (firehose-delivery.ts) reads the log into the lake.
 */
import { listenLocally, readRequestBody } from '../http-endpoint';
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../event-fabric/lambda-context';

export interface StreamLogEntry {
  readonly sequenceNumber: string;
  /** Epoch ms the record arrived (Kinesis' ApproximateArrivalTimestamp). */
  readonly arrivedAt: number;
  readonly partitionKey: string;
  /** The record's bytes, base64. */
  readonly data: string;
}

export interface KinesisServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

export function streamLogFile(dataDir: string, streamName: string): string {
  return path.join(dataDir, 'kinesis', `${streamName}.log`);
}

const SHARD_ID = 'shardId-000000000000';
const MAX_RECORD_BYTES = 1024 * 1024;

class KinesisError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}


interface PutEntry {
  Data?: string;
  PartitionKey?: string;
}

export async function startKinesisServer(options: {
  host: string;
  port?: number;
  region: string;
  dataDir: string;
  streams: readonly string[];
  /** Called after records were appended to a stream's log. */
  onAppended?: (streamName: string) => void;
}): Promise<KinesisServer> {
  await mkdir(path.join(options.dataDir, 'kinesis'), { recursive: true });
  // Sequence numbers keep growing across restarts: continue after the records already in each log.
  const nextSequence = new Map<string, bigint>();
  const appendQueue = new Map<string, Promise<unknown>>();
  for (const stream of options.streams) {
    // After the last record's sequence number (the head of the log may have been trimmed: trim-stream-log.ts).
    let last = 0n;
    try {
      const text = await readFile(streamLogFile(options.dataDir, stream), 'utf8');
      const lastLine = text.split('\n').filter(Boolean).at(-1);
      if (lastLine) last = BigInt((JSON.parse(lastLine) as StreamLogEntry).sequenceNumber);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    nextSequence.set(stream, last + 1n);
    appendQueue.set(stream, Promise.resolve());
  }

  const streamOf = (body: { StreamName?: string; StreamARN?: string }): string => {
    const name = body.StreamName ?? body.StreamARN?.split('/').at(-1);
    if (!name || !nextSequence.has(name)) {
      throw new KinesisError('ResourceNotFoundException', `Stream ${name ?? '(none)'} under account ${LOCAL_ACCOUNT_ID} not found.`);
    }
    return name;
  };

  const append = (stream: string, entries: PutEntry[]): Promise<StreamLogEntry[]> => {
    const written: StreamLogEntry[] = entries.map((entry) => {
      if (!entry.PartitionKey || entry.Data === undefined) {
        throw new KinesisError('ValidationException', 'Each record needs Data and PartitionKey');
      }
      if (Buffer.from(entry.Data, 'base64').length > MAX_RECORD_BYTES) {
        throw new KinesisError('ValidationException', 'Record data exceeds 1 MiB');
      }
      const sequence = nextSequence.get(stream)!;
      nextSequence.set(stream, sequence + 1n);
      return {
        sequenceNumber: sequence.toString().padStart(56, '0'),
        arrivedAt: Date.now(),
        partitionKey: entry.PartitionKey,
        data: entry.Data,
      };
    });
    // Appends to one log are chained so lines never interleave and stay in sequence order.
    const done = appendQueue
      .get(stream)!
      .then(() => appendFile(streamLogFile(options.dataDir, stream), written.map((e) => `${JSON.stringify(e)}\n`).join('')));
    appendQueue.set(stream, done.catch(() => undefined));
    return done.then(() => {
      options.onAppended?.(stream);
      return written;
    });
  };

  const handle = async (target: string, body: Record<string, unknown>): Promise<unknown> => {
    switch (target) {
      case 'PutRecord': {
        const [entry] = await append(streamOf(body), [body as PutEntry]);
        return { SequenceNumber: entry!.sequenceNumber, ShardId: SHARD_ID, EncryptionType: 'NONE' };
      }
      case 'PutRecords': {
        const records = (body.Records as PutEntry[] | undefined) ?? [];
        if (records.length === 0 || records.length > 500) throw new KinesisError('ValidationException', 'PutRecords takes 1 to 500 records');
        const written = await append(streamOf(body), records);
        return {
          FailedRecordCount: 0,
          Records: written.map((e) => ({ SequenceNumber: e.sequenceNumber, ShardId: SHARD_ID })),
          EncryptionType: 'NONE',
        };
      }
      case 'DescribeStreamSummary': {
        const name = streamOf(body);
        return {
          StreamDescriptionSummary: {
            StreamName: name,
            StreamARN: `arn:aws:kinesis:${options.region}:${LOCAL_ACCOUNT_ID}:stream/${name}`,
            StreamStatus: 'ACTIVE',
            OpenShardCount: 1,
            RetentionPeriodHours: 24,
            StreamCreationTimestamp: 0,
            EnhancedMonitoring: [],
            EncryptionType: 'NONE',
          },
        };
      }
      default:
        throw new KinesisError('UnknownOperationException', `The local Kinesis endpoint does not implement ${target}`);
    }
  };

  const server: Server = createServer((request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '').split('.').at(-1) ?? '';
    readRequestBody(request).then((body) => body.toString('utf8'))
      .then((text) => handle(target, (text ? JSON.parse(text) : {}) as Record<string, unknown>))
      .then((result) => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
        response.end(JSON.stringify(result));
      })
      .catch((error: unknown) => {
        const type = error instanceof KinesisError ? error.type : 'InternalFailure';
        response.writeHead(error instanceof KinesisError ? 400 : 500, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: type, message: (error as Error).message }));
      });
  });
  const listening = await listenLocally(server, options.host, options.port);
  return {
    endpoint: listening.endpoint,
    close: listening.close,
  };
}
