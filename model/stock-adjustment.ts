/**
 * Stock adjustments by staff (issue 12): a change of units (+ received, − damaged, counted…) with a reason,
 * kept as history. The product's stock and the history item are written in one transaction, on condition
 * that the stock is still the one read, so the history's before/after are exact and stock never goes below
 * zero. Items: `PRODUCT#<id> / STOCKADJ#<at>#<id>` (docs/data-model.md), read newest first.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { cleanText } from './input-text';
import { productKey } from './keys';
import type { StockAdjustment } from './schema-types.generated';

export const STOCK_ADJUSTMENT_LIMITS = { maxChange: 100000, reason: { required: true, max: 300 }, maxStock: 1000000 };
export const STOCK_ADJUSTMENT_SK_PREFIX = 'STOCKADJ#';

export interface StockAdjustmentItem {
  PK: string;
  SK: string;
  type: 'StockAdjustment';
  id: string;
  productId: string;
  change: number;
  stockBefore: number;
  stockAfter: number;
  reason: string;
  at: string;
  by: string;
  byEmail?: string;
}

export type StockAdjustmentCheck = { ok: true; change: number; reason: string } | { ok: false; field: string; message: string };

export function checkStockAdjustment(change: number, reason: string | null | undefined): StockAdjustmentCheck {
  if (Math.floor(change) !== change || change === 0 || Math.abs(change) > STOCK_ADJUSTMENT_LIMITS.maxChange) {
    return { ok: false, field: 'change', message: `change must be a whole number of units other than 0, at most ${STOCK_ADJUSTMENT_LIMITS.maxChange} either way.` };
  }
  const text = cleanText('reason', reason, STOCK_ADJUSTMENT_LIMITS.reason);
  if (!text.ok) return { ok: false, field: 'reason', message: text.message };
  return { ok: true, change, reason: text.text };
}

/** What the stock would become; a result below zero or above the maximum is refused (errorInfo.available). */
export function stockAfterAdjustment(stock: number, change: number): { ok: true; stock: number } | { ok: false; message: string } {
  const after = stock + change;
  if (after < 0) return { ok: false, message: `Only ${stock} units are in stock; the stock cannot go below zero.` };
  if (after > STOCK_ADJUSTMENT_LIMITS.maxStock) return { ok: false, message: `The stock cannot exceed ${STOCK_ADJUSTMENT_LIMITS.maxStock} units.` };
  return { ok: true, stock: after };
}

export function stockAdjustmentKey(productId: string, at: string, id: string) {
  return { PK: productKey(productId).PK, SK: `${STOCK_ADJUSTMENT_SK_PREFIX}${at}#${id}` };
}

export function toStockAdjustmentView(item: StockAdjustmentItem): StockAdjustment {
  return {
    id: item.id,
    productId: item.productId,
    change: item.change,
    stockBefore: item.stockBefore,
    stockAfter: item.stockAfter,
    reason: item.reason,
    at: item.at,
    by: item.by,
    byEmail: item.byEmail ? item.byEmail : null,
  };
}
