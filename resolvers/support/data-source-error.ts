/**
 * What resolvers do with `ctx.error` from the table: a nextToken DynamoDB cannot use becomes a
 * ValidationError the caller can act on; anything else is passed on as AppSync reported it.
 */
import { util } from '@aws-appsync/utils';

/** AppSync's error type for a nextToken that is malformed or was not issued by it. */
export const INVALID_NEXT_TOKEN_TYPE = 'DynamoDB:UserIllegalArgumentException';
/** AppSync's error type for a request DynamoDB refused (its ValidationException). */
export const DYNAMODB_REFUSED_TYPE = 'DynamoDB:DynamoDbException';

/**
 * True when DynamoDB refused the start key a nextToken carried: a well-formed token of another query
 * ("The provided starting key does not match the range key predicate", "… starting key is invalid").
 */
function refusedStartKey(error: { message: string; type: string }, nextToken: string | null | undefined): boolean {
  const message = error.message.toLowerCase();
  return Boolean(nextToken) && error.type === DYNAMODB_REFUSED_TYPE && message.indexOf('start') >= 0 && message.indexOf('key') >= 0;
}

/** Fails the field on a data source error; `nextToken` is the one the request used, if any. */
export function failOnDataSourceError(
  error: { message: string; type: string } | undefined | null,
  nextToken?: string | null,
): void {
  if (error && (error.type === INVALID_NEXT_TOKEN_TYPE || refusedStartKey(error, nextToken))) {
    util.error('nextToken is not valid for this query: pass the nextToken of the previous page unchanged.', 'ValidationError', null, {
      field: 'nextToken',
    });
  }
  if (error) {
    util.error(error.message, error.type);
  }
}
