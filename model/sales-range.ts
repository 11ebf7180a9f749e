/**
 * Sales figures of any from–to range of shop days, summed from the daily series the analytics job stores
 * (`ANALYTICS / SERIES#DAY`, one point per day with orders): the staff page's free date range. Orders,
 * cancellations, sales and units add up over days (each order belongs to the one shop day it was placed);
 * the average basket and the cancellation rate are derived from the sums with the job's own definitions
 * (sales ÷ orders not cancelled; cancelled ÷ orders). Distinct customers and top-N rankings do not add up
 * over days, so a free range has none of them: those stay with the job's reporting periods.
 */
import type { SalesPointRecord } from './sales-analytics';

export interface SalesRangeTotals {
  readonly from: string;
  readonly to: string;
  readonly orders: number;
  readonly cancelledOrders: number;
  readonly salesCents: number;
  readonly units: number;
  readonly averageBasketCents: number;
  readonly cancellationRate: number;
}

/** YYYY-MM-DD (checked by hand: this model folder keeps to the APPSYNC_JS subset, which has no regex literals). */
function isShopDate(text: string): boolean {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  for (const index of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const char = text[index] ?? '';
    if (char < '0' || char > '9') return false;
  }
  return true;
}

/** Totals of the days from `from` to `to` (inclusive, YYYY-MM-DD) of a daily series; days without orders have no point. */
export function salesOverDays(days: readonly Pick<SalesPointRecord, 'periodStart' | 'orders' | 'cancelledOrders' | 'salesCents' | 'units'>[], from: string, to: string): SalesRangeTotals {
  if (!isShopDate(from) || !isShopDate(to)) throw new RangeError('from and to are shop dates, YYYY-MM-DD');
  if (from > to) throw new RangeError('from is after to');
  let orders = 0;
  let cancelledOrders = 0;
  let salesCents = 0;
  let units = 0;
  for (const day of days) {
    if (day.periodStart >= from && day.periodStart <= to) {
      orders += day.orders;
      cancelledOrders += day.cancelledOrders;
      salesCents += day.salesCents;
      units += day.units;
    }
  }
  const kept = orders - cancelledOrders;
  return {
    from,
    to,
    orders,
    cancelledOrders,
    salesCents,
    units,
    averageBasketCents: kept > 0 ? Math.round(salesCents / kept) : 0,
    cancellationRate: orders > 0 ? cancelledOrders / orders : 0,
  };
}
