// Executor fixture: a response handler that does not check ctx.error (AppSync does not raise it by itself).
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context) {
  return get({ key: { PK: `PRODUCT#${ctx.args.id}`, SK: 'PRODUCT' } });
}

export function response(ctx: Context) {
  return { result: ctx.result ?? null, error: ctx.error ?? null };
}
