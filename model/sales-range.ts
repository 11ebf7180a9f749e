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

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Totals of the days from `from` to `to` (inclusive, YYYY-MM-DD) of a daily series; days without orders have no point. */
export function salesOverDays(days: readonly Pick<SalesPointRecord, 'periodStart' | 'orders' | 'cancelledOrders' | 'salesCents' | 'units'>[], from: string, to: string): SalesRangeTotals {
  if (!DATE.test(from) || !DATE.test(to)) throw new RangeError('from and to are shop dates, YYYY-MM-DD');
  if (from > to) throw new RangeError('from is after to');
  let orders = 0;
  let cancelledOrders = 0;
  let salesCents = 0;
  let units = 0;
  for (const day of days) {
    if (day.periodStart < from || day.periodStart > to) continue;
    orders += day.orders;
    cancelledOrders += day.cancelledOrders;
    salesCents += day.salesCents;
    units += day.units;
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
