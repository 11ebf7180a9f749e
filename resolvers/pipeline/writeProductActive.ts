/**
 * setProductActive, step 2: one TransactWriteItems that updates the product — sets `active` and
 * `updatedAt`, puts back (show) or removes (hide) the listing keys, on condition that it is still the
 * version step 1 read — and puts its search entries with the new `active` flag (at most 99: upsertProduct
 * keeps a product within one transaction). A product already in the asked state is returned unchanged.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey } from '../../model/keys';
import { activationChange } from '../../model/product-activation';
import type { ProductItem } from '../../model/product-items';
import { toProductView } from '../../model/product-view';

interface Args {
  id: string;
  active: boolean;
}

interface CancellationReason {
  type?: string | null;
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
  ctx.stash.changed = change.product;
  const table = tableNameOf(ctx.env);
  const entries = change.searchEntries.map((entry) => {
    const item: Record<string, unknown> = {};
    Object.keys(entry)
      .filter((name) => name !== 'PK' && name !== 'SK')
      .forEach((name) => {
        item[name] = (entry as unknown as Record<string, unknown>)[name];
      });
    return { putItem: { table, key: { PK: entry.PK, SK: entry.SK }, item } };
  });
  return ddb.transactWrite({
    items: [
      { updateItem: { table, key: productKey(stored.id), update, condition: { updatedAt: { eq: stored.updatedAt } } } },
      ...entries,
    ],
  });
}

export function response(ctx: Context<Args>) {
  if (!ctx.error) {
    return toProductView(ctx.stash.changed as ProductItem);
  }
  const reasons: CancellationReason[] = ctx.result && ctx.result.cancellationReasons ? ctx.result.cancellationReasons : [];
  if (reasons.some((reason) => reason !== null && reason !== undefined && (reason.type === 'ConditionalCheckFailed' || reason.type === 'TransactionConflict'))) {
    util.error(`Product ${ctx.args.id} was changed by someone else meanwhile; try again.`, 'Conflict', null, {
      id: ctx.args.id,
    });
  }
  util.error(ctx.error.message, ctx.error.type);
}
