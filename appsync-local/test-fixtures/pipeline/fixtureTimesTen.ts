// Executor fixture: a pipeline function on the table data source.
import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.trace.push('timesTen.request');
  if (ctx.args.failTimesTen) util.error('Refused by timesTen', 'Conflict');
  return { operation: 'Echo', n: ctx.prev.result.n };
}

export function response(ctx: Context) {
  ctx.stash.trace.push('timesTen.response');
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { n: ctx.result.n * 10 };
}
