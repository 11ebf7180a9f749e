/**
 * upsertProduct, step 2: one TransactWriteItems with every item of the product (model/product-upsert.ts):
 *   [0] the product — new: must not exist; replaced: must still be the version step 1 read,
 *   [1] the SKU guard — free or already this product's,
 *   then the category, the search entries of its words, deletes of the words it lost and of its old SKU.
 * A cancelled transaction is read by index: [1] → the SKU was taken meanwhile; [0] → the product was
 * changed meanwhile; a TransactionConflict → another request was writing the same items at that instant.
 * All are Conflict. Returns the product as stored.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productItem, type ProductInput } from '../../model/product-items';
import {
  MAX_TRANSACTION_ACTIONS,
  PRODUCT_WRITE_INDEX,
  SKU_GUARD_WRITE_INDEX,
  productWrites,
} from '../../model/product-upsert';
import { toProductView } from '../../model/product-view';

interface CancellationReason {
  type?: string | null;
  message?: string | null;
  item?: Record<string, unknown> | null;
}

export function request(ctx: Context) {
  const previous: ProductInput | null = ctx.stash.previous;
  const next: ProductInput = ctx.stash.product;
  if (previous) {
    next.createdAt = previous.createdAt;
    // The sizes made from an uploaded photo stay while the editor keeps that picture.
    if (previous.imageSizes && previous.imageUrl === next.imageUrl) {
      next.imageSizes = previous.imageSizes;
    }
  }
  const writes = productWrites(previous, next);
  if (writes.length > MAX_TRANSACTION_ACTIONS) {
    util.error(
      `This product needs ${writes.length} writes (one per search word of its name, active ingredients and lab), ` +
        `more than the ${MAX_TRANSACTION_ACTIONS} one transaction allows; use fewer words.`,
      'ValidationError',
      null,
      { field: 'input', writes: writes.length },
    );
  }
  const table = tableNameOf(ctx.env);
  ctx.stash.written = productItem(next);
  return ddb.transactWrite({
    items: writes.map((write) =>
      write.kind === 'put'
        ? { putItem: { table, key: write.key, item: write.attributes, condition: write.condition ? write.condition : undefined } }
        : { deleteItem: { table, key: write.key, condition: write.condition ? write.condition : undefined } },
    ),
  });
}

function failed(reason: CancellationReason | null | undefined): boolean {
  return reason !== null && reason !== undefined && reason.type === 'ConditionalCheckFailed';
}

export function response(ctx: Context) {
  if (!ctx.error) {
    return toProductView(ctx.stash.written);
  }
  const next: ProductInput = ctx.stash.product;
  const reasons: CancellationReason[] = ctx.result && ctx.result.cancellationReasons ? ctx.result.cancellationReasons : [];
  const skuReason = reasons[SKU_GUARD_WRITE_INDEX];
  if (failed(skuReason)) {
    const holder = skuReason && skuReason.item ? skuReason.item.productId : null;
    util.error(`SKU ${next.sku} already used by product ${holder ? holder : 'another product'}.`, 'Conflict', null, {
      field: 'sku',
      sku: next.sku,
      productId: holder,
    });
  }
  if (failed(reasons[PRODUCT_WRITE_INDEX])) {
    util.error(
      ctx.stash.previous
        ? `Product ${next.id} was changed by someone else meanwhile; reload it and try again.`
        : `Product ${next.id} already exists.`,
      'Conflict',
      null,
      { id: next.id },
    );
  }
  if (reasons.some((reason) => reason !== null && reason !== undefined && reason.type === 'TransactionConflict')) {
    // Another transaction was writing the same items at that instant (DynamoDB does not queue them).
    util.error(`Product ${next.id} or its SKU ${next.sku} is being changed by another request right now; try again.`, 'Conflict', null, {
      id: next.id,
      sku: next.sku,
    });
  }
  if (reasons.some((reason) => failed(reason))) {
    util.error(`Product ${next.id} could not be saved because its catalog entries changed meanwhile; try again.`, 'Conflict', null, {
      id: next.id,
    });
  }
  util.error(ctx.error.message, ctx.error.type);
}
