// Executor fixture: a typical unit resolver on the table data source.
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context) {
  ctx.stash.lookedUp = ctx.args.id;
  return get({ key: { PK: `PRODUCT#${ctx.args.id}`, SK: 'PRODUCT' } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.error(`No product ${ctx.args.id}`, 'NotFound', { id: ctx.args.id });
  if (ctx.result.stock < 5) util.appendError('Few units left', 'LowStock', { stock: ctx.result.stock });
  return { ...ctx.result, lookedUp: ctx.stash.lookedUp };
}
