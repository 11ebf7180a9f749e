// Executor fixture: a JavaScript error in the response handler after an appended error.
import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  util.appendError('Looked up without a cache', 'CacheMiss');
  return { operation: 'GetItem', key: { id: { S: ctx.args.id } } };
}

export function response(ctx: Context) {
  return ctx.result.missing.deeper;
}
