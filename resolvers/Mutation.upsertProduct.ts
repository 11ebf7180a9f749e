/**
 * Mutation.upsertProduct(input) — pipeline: getProductForUpsert → writeProductItems. Checks the input
 * against the catalog's limits, picks the id (a new ULID when none is given) and the time, and leaves the
 * product to write in `ctx.stash.product`; the last function returns the product as stored.
 */
import { util, type Context } from '@aws-appsync/utils';
import { productInputOfArgs, upsertInputProblems, type ProductInputArgs } from '../model/product-upsert';

interface Args {
  input: ProductInputArgs;
}

export function request(ctx: Context<Args>) {
  const input = ctx.args.input;
  const problems = upsertInputProblems(input);
  if (problems.length > 0) {
    util.error(`Invalid product: ${problems.join('; ')}.`, 'ValidationError', null, { field: 'input', problems });
  }
  const given = typeof input.id === 'string' && input.id.length > 0;
  ctx.stash.replacing = given;
  ctx.stash.product = productInputOfArgs(input, given ? (input.id as string) : util.autoUlid(), util.time.nowISO8601());
  return {};
}

export function response(ctx: Context<Args>) {
  return ctx.prev.result;
}
