// Executor fixture: util.unauthorized for callers outside the admin group.
import { util, type AppSyncIdentityCognito, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  const groups = (ctx.identity as AppSyncIdentityCognito | null)?.groups ?? [];
  if (!groups.includes('admin')) util.unauthorized();
  return { operation: 'Scan' };
}

export function response(ctx: Context) {
  return ctx.result;
}
