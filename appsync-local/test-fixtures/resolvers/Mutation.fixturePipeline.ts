// Executor fixture: a pipeline resolver that records its steps in the stash.
import { runtime, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.trace = ['before'];
  if (ctx.args.earlyBefore) runtime.earlyReturn({ from: 'before' }, ctx.args.earlyBeforeSkipTo ? { skipTo: ctx.args.earlyBeforeSkipTo } : undefined);
  return { start: ctx.args.start };
}

export function response(ctx: Context) {
  ctx.stash.trace.push('after');
  return { value: ctx.prev.result, trace: ctx.stash.trace };
}
