// Refused by APPSYNC_JS: try/catch. Used to prove the rule is enforced by the linter and by the sandbox.
import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  try {
    return { payload: JSON.parse(ctx.args.json) };
  } catch (error) {
    return util.error('Not JSON', 'ValidationError');
  }
}

export function response(ctx: Context) {
  return ctx.result;
}
