/** Adapter: puts one lake record on the Kinesis stream, partitioned by order so an order's events stay in order. */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { lakeRecordData, type LakeOrderRecord } from './lake-record';

export async function putLakeRecord(kinesis: KinesisClient, streamName: string, record: LakeOrderRecord): Promise<string> {
  const result = await kinesis.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: [{ Data: lakeRecordData(record), PartitionKey: record.order_id }],
    }),
  );
  // PutRecords reports per-record failures (e.g. throttling) in the body, not as an exception.
  const entry = result.Records?.[0];
  if (!entry?.SequenceNumber) {
    throw new Error(`Kinesis rejected lake record ${record.event_id}: ${entry?.ErrorCode ?? 'no result'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
  return entry.SequenceNumber;
}
