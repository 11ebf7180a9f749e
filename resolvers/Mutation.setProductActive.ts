/**
 * Mutation.setProductActive(id, active) — pipeline: getProductForActivation → writeProductActive.
 * The last function returns the product as it reads afterwards.
 */
import { util, type Context } from '@aws-appsync/utils';
import { MAX_PRODUCT_ID_LENGTH } from '../model/product-upsert';

interface Args {
  id: string;
  active: boolean;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length > MAX_PRODUCT_ID_LENGTH) {
    util.error(`id must be at most ${MAX_PRODUCT_ID_LENGTH} characters.`, 'ValidationError', null, { field: 'id' });
  }
  return {};
}

export function response(ctx: Context<Args>) {
  return ctx.prev.result;
}
