/**
 * adjustStock, step 2: one TransactWriteItems —
 *   [0] the product: `stock = <after>`, updatedAt, on condition the stock is still the one step 1 read (a sale
 *       or another adjustment meanwhile → Conflict, nothing written; the page reads again and retries);
 *   [1] the history item `PRODUCT#<id> / STOCKADJ#<at>#<ulid>`: who, when, change, before, after, reason.
 * The stock never goes below zero: step 1 checked before + change ≥ 0 against the stock the condition pins.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey } from '../../model/keys';
import type { CallerIdentity } from '../../model/order-access';
import { actorEmailOf } from '../../model/order-status-details';
import type { ProductItem } from '../../model/product-items';
import { toProductView } from '../../model/product-view';
import { stockAdjustmentKey, toStockAdjustmentView, type StockAdjustmentItem } from '../../model/stock-adjustment';

interface CancellationReason {
  type?: string | null;
}

export function request(ctx: Context<{ productId: string }>) {
  const table = tableNameOf(ctx.env);
  const product: ProductItem = ctx.stash.stockProduct;
  const change: { change: number; reason: string; after: number } = ctx.stash.stockChange;
  const identity = ctx.identity as CallerIdentity;
  const now = util.time.nowISO8601();
  const id = util.autoUlid();
  const key = stockAdjustmentKey(product.id, now, id);
  const adjustment: StockAdjustmentItem = {
    ...key,
    type: 'StockAdjustment',
    id,
    productId: product.id,
    change: change.change,
    stockBefore: product.stock,
    stockAfter: change.after,
    reason: change.reason,
    at: now,
    by: identity.username ? identity.username : identity.sub,
  };
  const email = actorEmailOf(identity);
  if (email) adjustment.byEmail = email;
  ctx.stash.adjustment = adjustment;
  ctx.stash.adjustedProduct = { ...product, stock: change.after, updatedAt: now };
  const attributes: Record<string, unknown> = {};
  Object.keys(adjustment)
    .filter((name) => name !== 'PK' && name !== 'SK')
    .forEach((name) => {
      attributes[name] = (adjustment as unknown as Record<string, unknown>)[name];
    });
  return ddb.transactWrite({
    items: [
      {
        updateItem: {
          table,
          key: productKey(product.id),
          update: { stock: change.after, updatedAt: now },
          condition: { stock: { eq: product.stock } },
        },
      },
      { putItem: { table, key, item: attributes, condition: { PK: { attributeExists: false } } } },
    ],
  });
}

export function response(ctx: Context<{ productId: string }>) {
  if (!ctx.error) {
    return { product: toProductView(ctx.stash.adjustedProduct), adjustment: toStockAdjustmentView(ctx.stash.adjustment) };
  }
  const reasons: CancellationReason[] = ctx.result && ctx.result.cancellationReasons ? ctx.result.cancellationReasons : [];
  if (reasons.some((reason) => reason !== null && reason !== undefined && (reason.type === 'ConditionalCheckFailed' || reason.type === 'TransactionConflict'))) {
    util.error(`The stock of product ${ctx.args.productId} changed meanwhile (a sale or another adjustment); read it again and retry.`, 'Conflict', null, {
      id: ctx.args.productId,
    });
  }
  util.error(ctx.error.message, ctx.error.type);
}
