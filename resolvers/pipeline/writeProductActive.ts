/**
 * setProductActive, step 2: one UpdateItem that sets `active` and `updatedAt` and puts back (show) or
 * removes (hide) the listing keys, on condition that the product is still the version step 1 read.
 * A product already in the asked state is returned unchanged, without a write.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { productKey } from '../../model/keys';
import { activationChange } from '../../model/product-activation';
import type { ProductItem } from '../../model/product-items';
import { toProductView } from '../../model/product-view';

interface Args {
  id: string;
  active: boolean;
}

export function request(ctx: Context<Args>) {
  const stored: ProductItem = ctx.prev.result;
  if (stored.active === ctx.args.active) {
    runtime.earlyReturn(toProductView(stored));
  }
  const change = activationChange(stored, ctx.args.active, util.time.nowISO8601());
  const update: Record<string, unknown> = {};
  Object.keys(change.set).forEach((name) => {
    update[name] = change.set[name];
  });
  change.remove.forEach((name) => {
    update[name] = ddb.operations.remove();
  });
  return ddb.update({
    key: productKey(stored.id),
    update,
    condition: { updatedAt: { eq: stored.updatedAt } },
  });
}

export function response(ctx: Context<Args>) {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    util.error(`Product ${ctx.args.id} was changed by someone else meanwhile; try again.`, 'Conflict', null, {
      id: ctx.args.id,
    });
  }
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return toProductView(ctx.result as ProductItem);
}
