/**
 * The single DynamoDB table: its key schema and indexes. Read by the CDK stack (infra/) and by the local
 * stack when it creates the table in DynamoDB Local, so both always agree.
 */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly streamView: 'NEW_AND_OLD_IMAGES';
}

export const mainTable: TableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    // Products by category (active only; sparse) and orders of one user, newest first.
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    // All active products by name, and orders by status.
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    // Staff views: every product by name (active or not), and orders of one customer email, newest first.
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
  streamView: 'NEW_AND_OLD_IMAGES',
};
