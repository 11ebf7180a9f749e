/**
 * Mutation.adjustStock(productId, change, reason) — staff only (schema directive). Pipeline:
 * getProductForStockAdjustment → writeStockAdjustment, whose result (product and history entry) is returned.
 */
import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.adjustment = null;
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
