/**
 * The single DynamoDB table, built from model/table.ts (the same definition the local stack uses):
 * on-demand, point-in-time recovery, stream with old and new images, kept when the stack goes away.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { mainTable, type TableDefinition } from '../../model/table';

const STREAM_VIEWS: Record<TableDefinition['streamView'], dynamodb.StreamViewType> = {
  NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
};

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * @param timeToLiveAttribute epoch-seconds attribute after which DynamoDB deletes an item (idempotency records).
 */
export function createMainTable(
  scope: Construct,
  id: string,
  timeToLiveAttribute: string,
  definition: TableDefinition = mainTable,
): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: stringKey(definition.partitionKey),
    sortKey: stringKey(definition.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    stream: STREAM_VIEWS[definition.streamView],
    // Encrypted at rest with an AWS owned key (free, no key policy to manage).
    encryption: dynamodb.TableEncryption.DEFAULT,
    timeToLiveAttribute,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of definition.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: stringKey(index.partitionKey),
      sortKey: stringKey(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}
