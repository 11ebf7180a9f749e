// Executor fixture: a pipeline function on the NONE data source.
import { runtime, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.trace.push('addOne.request');
  if (ctx.args.skipAddOne) runtime.earlyReturn({ n: -1 }, ctx.args.skipAddOneTo ? { skipTo: ctx.args.skipAddOneTo } : undefined);
  const previous = ctx.prev.result ?? {};
  return { payload: { n: (previous.start ?? previous.n ?? 0) + 1 } };
}

export function response(ctx: Context) {
  ctx.stash.trace.push('addOne.response');
  return ctx.result;
}
