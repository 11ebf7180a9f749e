/** Query.product(id) — one product by id, inactive ones too (links from old orders keep working). */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { productKey } from '../model/keys';
import type { ProductItem } from '../model/product-items';
import { MAX_PRODUCT_ID_LENGTH } from '../model/product-upsert';
import { toProductView } from '../model/product-view';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  id: string;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length > MAX_PRODUCT_ID_LENGTH) {
    util.error(`id must be at most ${MAX_PRODUCT_ID_LENGTH} characters.`, 'ValidationError', null, { field: 'id' });
  }
  return ddb.get({ key: productKey(ctx.args.id) });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error);
  if (!ctx.result) {
    util.error(`Product ${ctx.args.id} not found.`, 'NotFound', null, { id: ctx.args.id });
  }
  return toProductView(ctx.result as ProductItem);
}
