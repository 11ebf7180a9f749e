// Executor fixture: shows what ctx carries (NONE data source: the payload comes back as ctx.result).
import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return {
    payload: {
      arguments: ctx.arguments,
      argsIsArguments: ctx.args === ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
      info: ctx.info,
      headers: ctx.request.headers,
      domainName: ctx.request.domainName,
      authType: util.authType(),
      env: ctx.env,
    },
  };
}

export function response(ctx: Context) {
  return ctx.result;
}
