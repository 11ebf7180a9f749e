/**
 * The AMAZON_DYNAMODB data source of the local AppSync runtime. It takes the request object an APPSYNC_JS
 * request handler returned (AWS "JavaScript resolver function reference for DynamoDB"), performs it against
 * DynamoDB Local through the AWS SDK v3, and gives back what AppSync would put in `ctx.result` / `ctx.error`.
 *
 * Operations: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchPutItem,
 * BatchDeleteItem, TransactGetItems, TransactWriteItems. Sync (conflict detection / Amplify DataStore) is not
 * available locally and answers with an UnsupportedOperation error.
 *
 * Some failures carry both an error and a result, as in AppSync: a rejected condition (`result` = the item
 * now in the table) and a cancelled transaction (`result` = { keys|items: null, cancellationReasons }).
 *
 * On the hot path: one client and one token codec per data source, a switch on the operation, typed values
 * passed through untouched unless they need converting, one walk to turn the answer into plain JSON.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSource, DataSourceOutcome } from '../contracts';
import { batchDeleteItem, batchGetItem, batchPutItem } from './dynamodb-operations/batch-operations';
import { ErrorTypes, outcomeFromError, RequestObjectError } from './dynamodb-operations/errors';
import { deleteItem, getItem, putItem, updateItem } from './dynamodb-operations/item-operations';
import { query, scan } from './dynamodb-operations/listing-operations';
import { createNextTokenCodec } from './dynamodb-operations/next-token';
import { isRecord, type OperationContext } from './dynamodb-operations/request-object';
import { transactGetItems, transactWriteItems } from './dynamodb-operations/transaction-operations';

export { ErrorTypes, INVALID_NEXT_TOKEN_MESSAGE } from './dynamodb-operations/errors';

export interface DynamoDbDataSourceOptions {
  /** The client every call goes through (endpoint, region and credentials are the caller's business). */
  readonly client: DynamoDBClient;
  /** The table the data source is bound to; single-item operations, Query and Scan use it. */
  readonly tableName: string;
  /**
   * Secret the nextToken key is derived from. Give one to keep tokens valid across restarts (and across data
   * source instances); without it each instance makes a random key, so its tokens die with it.
   */
  readonly nextTokenSecret?: string;
}

export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): DataSource {
  const context: OperationContext = {
    client: options.client,
    tableName: options.tableName,
    tokens: createNextTokenCodec(options.nextTokenSecret),
  };
  return {
    async invoke(requestObject: unknown): Promise<DataSourceOutcome> {
      try {
        return await perform(context, requestObject);
      } catch (error) {
        return outcomeFromError(error);
      }
    },
  };
}

function perform(context: OperationContext, requestObject: unknown): Promise<DataSourceOutcome> {
  if (!isRecord(requestObject)) {
    throw new RequestObjectError('The request handler must return an object for a DynamoDB data source.');
  }
  const operation = requestObject.operation;
  switch (operation) {
    case 'GetItem':
      return getItem(context, requestObject);
    case 'PutItem':
      return putItem(context, requestObject);
    case 'UpdateItem':
      return updateItem(context, requestObject);
    case 'DeleteItem':
      return deleteItem(context, requestObject);
    case 'Query':
      return query(context, requestObject);
    case 'Scan':
      return scan(context, requestObject);
    case 'BatchGetItem':
      return batchGetItem(context, requestObject);
    case 'BatchPutItem':
      return batchPutItem(context, requestObject);
    case 'BatchDeleteItem':
      return batchDeleteItem(context, requestObject);
    case 'TransactGetItems':
      return transactGetItems(context, requestObject);
    case 'TransactWriteItems':
      return transactWriteItems(context, requestObject);
    case 'Sync':
      throw new RequestObjectError(
        'The Sync operation needs AppSync conflict detection (versioned data source with a delta table); the local ' +
          'runtime does not support it. Use Query or Scan with nextToken instead.',
        ErrorTypes.unsupported,
      );
    case undefined:
    case null:
      throw new RequestObjectError("Value for field '$[operation]' not found.");
    default:
      throw new RequestObjectError(`Unsupported operation '${String(operation)}'.`);
  }
}
