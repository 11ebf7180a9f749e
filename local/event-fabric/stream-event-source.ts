/**
 * The local DynamoDB stream → Lambda event source mapping. Reads the real DynamoDB Local stream
 * (DescribeStream / GetShardIterator / GetRecords) and invokes the handler in-process with AWS-shaped
 * DynamoDBStreamEvent batches, after the trigger's filter (records it drops are skipped, as Lambda's
 * event filtering does).
 *
 * Where to resume is a checkpoint file under the data dir: the last sequence number handled per shard.
 * It moves only after the handler succeeded for the records up to it, so a killed stack replays from
 * there on restart and no order event is lost. With ReportBatchItemFailures the checkpoint moves to just
 * before the first failed record and reading resumes at that record (a failure retries it and what
 * follows it); a thrown error retries the whole batch. Retries back off up to a few seconds and go on
 * until the handler succeeds (the stream's records stay for 24 hours in AWS); polling itself runs on the
 * fabric's one Poller.
 * Child shards are read only after their parent is finished, which keeps per-item order.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilterPattern } from './filters';
import { readJsonFile, writeJsonFile } from './json-file';
import { lambdaContext, withinTimeout } from './lambda-context';
import { PolledEventSource } from './poller';

export type StreamLambdaHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

interface ShardCheckpoint {
  /** Last sequence number whose record was handled (or filtered out). */
  sequenceNumber?: string;
  /** Read to its end: the shard is closed and fully handled. */
  finished?: boolean;
}

export interface StreamCheckpoint {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

export interface StreamBatchReport {
  readonly lambda: string;
  readonly shardId: string;
  readonly records: number;
  readonly delivered: number;
  readonly failedSequenceNumbers: readonly string[];
  readonly error?: string;
}

export interface StreamEventSourceOptions {
  readonly lambda: string;
  readonly handler: StreamLambdaHandler;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  readonly tableName: string;
  readonly checkpointFile: string;
  readonly batchSize: number;
  /** Lambda event filter pattern; every record when absent. */
  readonly filterPattern?: Parameters<typeof matchesFilterPattern>[1];
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly pollIntervalMs: number;
  readonly paused?: boolean;
  readonly onBatch?: (report: StreamBatchReport) => void;
  readonly log: (line: string) => void;
}

/** The stream record as Lambda delivers it: epoch-second timestamps, base64 binaries, the table's region. */
export function toLambdaStreamRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const json = JSON.stringify(record, (key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    return value;
  });
  const lambdaRecord = JSON.parse(json) as DynamoDBRecord & { dynamodb: { ApproximateCreationDateTime?: unknown } };
  const created = record.dynamodb?.ApproximateCreationDateTime;
  if (created instanceof Date) lambdaRecord.dynamodb.ApproximateCreationDateTime = Math.floor(created.getTime() / 1000);
  return { ...lambdaRecord, awsRegion: region, eventSourceARN: streamArn };
}

export class StreamEventSource extends PolledEventSource {
  private readonly ddb: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private checkpoint: StreamCheckpoint | undefined;
  private shards: Shard[] = [];
  private shardsReadAt = 0;
  private readonly iterators = new Map<string, string>();

  constructor(private readonly options: StreamEventSourceOptions) {
    super({
      description: `[${options.lambda}] stream polling of ${options.tableName}`,
      pollIntervalMs: options.pollIntervalMs,
      ...(options.paused ? { paused: true } : {}),
      log: options.log,
    });
    const config = { endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials };
    this.ddb = new DynamoDBClient(config);
    this.streams = new DynamoDBStreamsClient(config);
  }

  /** Stops polling after the batch in flight (whose checkpoint is then saved). */
  async stop(): Promise<void> {
    await this.poller.stop();
    this.ddb.destroy();
    this.streams.destroy();
  }

  private async loadCheckpoint(): Promise<StreamCheckpoint> {
    if (this.checkpoint) return this.checkpoint;
    const table = await this.ddb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.options.tableName} has no stream`);
    const saved = await readJsonFile<StreamCheckpoint>(this.options.checkpointFile);
    // A checkpoint of another stream (the table was re-created) says nothing about this one.
    this.checkpoint = saved?.streamArn === streamArn ? saved : { streamArn, shards: {} };
    return this.checkpoint;
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}) }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /** One pass over the readable shards; true when records were found (poll again at once). */
  protected async pass(): Promise<boolean> {
    if (!this.poller.active) return false;
    const checkpoint = await this.loadCheckpoint();
    if (Date.now() - this.shardsReadAt > 2000 || this.shards.length === 0) {
      this.shards = await this.listShards(checkpoint.streamArn);
      this.shardsReadAt = Date.now();
    }
    const known = new Set(this.shards.map((s) => s.ShardId));
    let busy = false;
    for (const shard of this.shards) {
      const shardId = shard.ShardId!;
      if (checkpoint.shards[shardId]?.finished) continue;
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !checkpoint.shards[parent]?.finished) continue;
      if (!this.poller.active) break;
      busy = (await this.readShard(checkpoint, shardId)) || busy;
    }
    return busy;
  }

  private async iteratorFor(checkpoint: StreamCheckpoint, shardId: string): Promise<string | undefined> {
    const cached = this.iterators.get(shardId);
    if (cached) return cached;
    const after = checkpoint.shards[shardId]?.sequenceNumber;
    const result = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: checkpoint.streamArn,
        ShardId: shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  }

  private async readShard(checkpoint: StreamCheckpoint, shardId: string): Promise<boolean> {
    const iterator = await this.iteratorFor(checkpoint, shardId);
    if (!iterator) {
      await this.saveShard(checkpoint, shardId, { finished: true });
      return false;
    }
    let page;
    try {
      page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize }));
    } catch (error) {
      this.iterators.delete(shardId);
      if (error instanceof ExpiredIteratorException) return true;
      if (error instanceof TrimmedDataAccessException) {
        this.options.log(`[${this.options.lambda}] records of ${shardId} past the checkpoint were trimmed; resuming at the oldest`);
        await this.saveShard(checkpoint, shardId, {});
        return true;
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (records.length > 0) {
      const handledUpTo = await this.deliver(checkpoint.streamArn, shardId, records);
      if (handledUpTo !== records.length) {
        // Resume right after the last handled record, i.e. at the first failed one.
        const last = handledUpTo > 0 ? records[handledUpTo - 1]!.dynamodb!.SequenceNumber! : checkpoint.shards[shardId]?.sequenceNumber;
        await this.saveShard(checkpoint, shardId, last ? { sequenceNumber: last } : {});
        this.iterators.delete(shardId);
        throw new Error(`${this.options.lambda} failed for records of ${shardId}; retrying from the first failed one`);
      }
      await this.saveShard(checkpoint, shardId, { sequenceNumber: records.at(-1)!.dynamodb!.SequenceNumber! });
    }
    if (page.NextShardIterator) {
      this.iterators.set(shardId, page.NextShardIterator);
    } else {
      this.iterators.delete(shardId);
      await this.saveShard(checkpoint, shardId, { ...checkpoint.shards[shardId], finished: true });
      this.shardsReadAt = 0;
    }
    return records.length > 0;
  }

  /** Invokes the handler with the records the filter lets through; returns how many records are handled. */
  private async deliver(streamArn: string, shardId: string, records: StreamRecord[]): Promise<number> {
    const { lambda, region, timeoutMs } = this.options;
    const lambdaRecords = records.map((r) => toLambdaStreamRecord(r, streamArn, region));
    const pattern = this.options.filterPattern;
    const delivered = pattern ? lambdaRecords.filter((r) => matchesFilterPattern(r, pattern)) : lambdaRecords;
    if (delivered.length === 0) return records.length;
    const context = lambdaContext({ functionName: lambda, region, timeoutMs, memoryMb: this.options.memoryMb });
    let firstFailed: string | undefined;
    let error: string | undefined;
    let failedSequenceNumbers: string[] = [];
    try {
      const response = await withinTimeout(Promise.resolve(this.options.handler({ Records: delivered }, context)), timeoutMs, lambda);
      failedSequenceNumbers = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      const sequenceNumbers = delivered.map((r) => r.dynamodb?.SequenceNumber);
      const positions = failedSequenceNumbers.map((s) => sequenceNumbers.indexOf(s));
      if (positions.some((p) => p < 0)) {
        firstFailed = sequenceNumbers[0];
        error = `invalid batchItemFailures ${JSON.stringify(failedSequenceNumbers)}`;
      } else if (positions.length > 0) {
        firstFailed = sequenceNumbers[Math.min(...positions)];
        error = 'batchItemFailures reported';
      }
    } catch (thrown) {
      firstFailed = delivered[0]!.dynamodb?.SequenceNumber;
      failedSequenceNumbers = delivered.map((r) => r.dynamodb?.SequenceNumber ?? '');
      error = (thrown as Error)?.message ?? String(thrown);
    }
    this.options.onBatch?.({
      lambda,
      shardId,
      records: records.length,
      delivered: delivered.length,
      failedSequenceNumbers,
      ...(error ? { error } : {}),
    });
    if (firstFailed === undefined) return records.length;
    return records.findIndex((r) => r.dynamodb?.SequenceNumber === firstFailed);
  }

  private async saveShard(checkpoint: StreamCheckpoint, shardId: string, state: ShardCheckpoint): Promise<void> {
    checkpoint.shards[shardId] = state;
    await writeJsonFile(this.options.checkpointFile, checkpoint);
  }
}
