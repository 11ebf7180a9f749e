/**
 * How the DynamoDB data source reports failures, shaped as AWS AppSync hands them to a response handler in
 * `ctx.error` ({ message, type }). AppSync runs the AWS SDK for Java v2, so:
 *  - an exception DynamoDB models (ConditionalCheckFailedException, TransactionCanceledException, …) keeps its
 *    name: type "DynamoDB:<Name>";
 *  - everything else DynamoDB rejects (ValidationException, SerializationException, …) is the SDK's generic
 *    `DynamoDbException`: type "DynamoDB:DynamoDbException";
 *  - the message is DynamoDB's text plus the SDK's suffix "(Service: DynamoDb, Status Code: 400, Request ID: …)".
 */
import type { DataSourceOutcome } from '../../contracts';

export const ErrorTypes = {
  conditionalCheckFailed: 'DynamoDB:ConditionalCheckFailedException',
  transactionCanceled: 'DynamoDB:TransactionCanceledException',
  /** DynamoDB rejected the request (AppSync's name for a ValidationException). */
  dynamoDb: 'DynamoDB:DynamoDbException',
  /** The request never got an answer from DynamoDB (connection refused, timeout). */
  client: 'DynamoDB:SdkClientException',
  /** Something went wrong inside the data source itself (a defect, not a DynamoDB answer). */
  internal: 'InternalFailure',
  /** AppSync's type for a nextToken it cannot decrypt or that belongs to another request. */
  invalidNextToken: 'DynamoDB:UserIllegalArgumentException',
  /** AppSync's type for a request object that is not a valid DynamoDB request. */
  requestObject: 'MappingTemplate',
  /** An AppSync feature that needs AWS-side machinery the local runtime does not have. */
  unsupported: 'UnsupportedOperation',
} as const;

/** AppSync's message for a bad nextToken, word for word. */
export const INVALID_NEXT_TOKEN_MESSAGE =
  'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.';

/** Exceptions the Java SDK v2 models for DynamoDB's data plane; AppSync reports these under their own name. */
const MODELED_EXCEPTIONS = new Set([
  'ConditionalCheckFailedException',
  'TransactionCanceledException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'IdempotentParameterMismatchException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
  'ReplicatedWriteConflictException',
  'InternalServerError',
  'InternalServerErrorException',
]);

export interface DataSourceError {
  readonly message: string;
  readonly type: string;
}

/** A request object that cannot be turned into a DynamoDB call (missing field, wrong type, unknown operation). */
export class RequestObjectError extends Error {
  override readonly name = 'RequestObjectError';
  constructor(
    message: string,
    readonly type: string = ErrorTypes.requestObject,
  ) {
    super(message);
  }
}

/** A nextToken that was not issued by this data source for this kind of request. */
export class InvalidNextTokenError extends Error {
  override readonly name = 'InvalidNextTokenError';
  constructor() {
    super(INVALID_NEXT_TOKEN_MESSAGE);
  }
}

interface SdkError {
  readonly name: string;
  readonly message: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

function isSdkError(error: unknown): error is SdkError {
  return typeof error === 'object' && error !== null && '$metadata' in error && 'name' in error;
}

export function isConditionalCheckFailed(error: unknown): error is SdkError {
  return isSdkError(error) && error.name === 'ConditionalCheckFailedException';
}

/** The `ctx.error` AppSync shows for an exception raised by the SDK call. */
export function describeSdkError(error: unknown): DataSourceError {
  if (isSdkError(error) && error.$metadata?.httpStatusCode !== undefined) {
    const status = error.$metadata.httpStatusCode;
    const requestId = error.$metadata.requestId ?? 'null';
    return {
      type: MODELED_EXCEPTIONS.has(error.name) ? `DynamoDB:${error.name}` : ErrorTypes.dynamoDb,
      message: `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isSdkError(error)) return { type: ErrorTypes.client, message: `Unable to reach DynamoDB: ${message}` };
  // Not from the SDK at all: a defect in this data source. Say so rather than blame DynamoDB.
  return { type: ErrorTypes.internal, message: `The local DynamoDB data source failed: ${message}` };
}

/** Any failure of an invocation as the outcome the response handler receives. */
export function outcomeFromError(error: unknown): DataSourceOutcome {
  if (error instanceof RequestObjectError) return { error: { type: error.type, message: error.message } };
  if (error instanceof InvalidNextTokenError) {
    return { error: { type: ErrorTypes.invalidNextToken, message: error.message } };
  }
  return { error: describeSdkError(error) };
}
