// Executor fixture: runtime.earlyReturn in a unit request handler.
import { runtime, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  runtime.earlyReturn({ from: 'request', id: ctx.args.id });
  return { operation: 'GetItem' };
}

export function response() {
  return { from: 'response' };
}
