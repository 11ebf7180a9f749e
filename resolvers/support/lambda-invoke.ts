/**
 * The resolver code of every field served by a resolver Lambda (an AWS_LAMBDA data source in wiring/api.ts):
 * `resolvers/Type.field.ts` re-exports these two handlers. The request sends AppSync's Lambda request shape
 * (functions/shared/resolver-event.ts); the response turns the function's `{ error }` into a field error with
 * its errorType, and a failed invocation into AppSync's own error (`Lambda:Unhandled`…).
 */
import { util, type Context } from '@aws-appsync/utils';

interface LambdaResult {
  data?: unknown;
  error?: { errorType: string; message: string; errorInfo?: unknown };
}

export function request(ctx: Context) {
  return {
    operation: 'Invoke',
    payload: {
      arguments: ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
      // Spelled out: AppSync leaves the selection sets out when ctx.info itself is serialized.
      info: {
        fieldName: ctx.info.fieldName,
        parentTypeName: ctx.info.parentTypeName,
        variables: ctx.info.variables,
        selectionSetList: ctx.info.selectionSetList,
        selectionSetGraphQL: ctx.info.selectionSetGraphQL,
      },
      request: { headers: ctx.request.headers, domainName: ctx.request.domainName },
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const result = ctx.result as LambdaResult | null;
  if (!result) {
    util.error('The resolver function returned nothing.', 'InternalFailure');
  }
  if (result.error) {
    util.error(result.error.message, result.error.errorType, null, result.error.errorInfo === undefined ? null : result.error.errorInfo);
  }
  return result.data === undefined ? null : result.data;
}
