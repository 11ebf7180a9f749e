// Refused by APPSYNC_JS: while loops. Used to prove the rule is enforced by the linter and by the sandbox.
import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  let total = 0;
  let i = 0;
  while (i < ctx.args.count) {
    total += i;
    i += 1;
  }
  return { payload: total };
}

export function response(ctx: Context) {
  return ctx.result;
}
