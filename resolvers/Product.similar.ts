/**
 * Product.similar(limit) — pipeline: getSimilarProductIds → getSimilarProducts. Reads the product's
 * `SIMILAR` item written by the nightly similarity job, then the listed products in one BatchGetItem, and
 * returns the active ones, most similar first. Public like the rest of Product.
 */
import { util, type Context } from '@aws-appsync/utils';
import { checkSimilarLimit } from '../model/similar-products';

interface Args {
  limit?: number | null;
}

export function request(ctx: Context<Args>) {
  const limit = checkSimilarLimit(ctx.args.limit);
  if (!limit.ok) {
    util.error(limit.message, 'ValidationError', null, { field: 'limit' });
  }
  ctx.stash.similarLimit = limit.ok ? limit.limit : 1;
  ctx.stash.similarOf = ctx.source.id;
  return {};
}

export function response(ctx: Context<Args>) {
  return ctx.prev.result;
}
