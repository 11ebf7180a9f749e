/**
 * What catalog resolvers do with `ctx.error` from the table: a nextToken DynamoDB cannot use becomes a
 * ValidationError the caller can act on; anything else is passed on as AppSync reported it.
 */
import { util } from '@aws-appsync/utils';

/** AppSync's error type for a nextToken that is malformed or belongs to another query. */
export const INVALID_NEXT_TOKEN_TYPE = 'DynamoDB:UserIllegalArgumentException';

export function failOnDataSourceError(error: { message: string; type: string } | undefined | null): void {
  if (error && error.type === INVALID_NEXT_TOKEN_TYPE) {
    util.error('nextToken is not valid for this query: pass the nextToken of the previous page unchanged.', 'ValidationError', null, {
      field: 'nextToken',
    });
  }
  if (error) {
    util.error(error.message, error.type);
  }
}
