/**
 * Sales analytics items of the single table (docs/data-model.md): the hourly analytics job writes one
 * small item per reporting period and one per series granularity under `PK = ANALYTICS`; the admin-only
 * `Query.salesAnalytics` reads them all with one Query, so the staff page never waits on the lake engine.
 * Amounts are integer cents of `currency`; dates are the shop's calendar dates (YYYY-MM-DD).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type {
  SalesAnalytics,
  SalesCategory,
  SalesCustomers,
  SalesPeriod,
  SalesPoint,
  SalesPrescriptionShare,
  SalesProduct,
  SalesSeries,
  SalesState,
  SalesStatusCount,
} from './schema-types.generated';

export const ANALYTICS_PK = 'ANALYTICS';

export type SalesGranularityValue = 'DAY' | 'WEEK' | 'MONTH';

export type SalesPointRecord = Omit<SalesPoint, '__typename'>;
export type SalesStatusRecord = Omit<SalesStatusCount, '__typename'>;
export type SalesStateRecord = Omit<SalesState, '__typename'>;
export type SalesProductRecord = Omit<SalesProduct, '__typename'>;
export type SalesCategoryRecord = Omit<SalesCategory, '__typename'>;
export type SalesPrescriptionRecord = Omit<SalesPrescriptionShare, '__typename'>;
export type SalesCustomersRecord = Omit<SalesCustomers, '__typename'>;

/** Every metric of the shop days from..to (inclusive): a reporting period's, or any range's (analytics/sales-days.ts). */
export interface SalesPeriodFigures {
  from: string;
  to: string;
  orders: number;
  cancelledOrders: number;
  cancellationRate: number;
  salesCents: number;
  units: number;
  averageBasketCents: number;
  statuses: SalesStatusRecord[];
  states: SalesStateRecord[];
  topProducts: SalesProductRecord[];
  topCategories: SalesCategoryRecord[];
  prescription: SalesPrescriptionRecord;
  customers: SalesCustomersRecord;
}

/** `ANALYTICS / PERIOD#<periodId>`: every metric of one reporting period. */
export interface SalesPeriodItem extends SalesPeriodFigures {
  PK: string;
  SK: string;
  type: 'SalesPeriod';
  generatedAt: string;
  currency: string;
  periodId: string;
}

/** `ANALYTICS / SERIES#<granularity>`: sales and orders per day, week or month. */
export interface SalesSeriesItem {
  PK: string;
  SK: string;
  type: 'SalesSeries';
  generatedAt: string;
  currency: string;
  granularity: SalesGranularityValue;
  from: string;
  to: string;
  points: SalesPointRecord[];
}

export function salesPeriodKey(periodId: string) {
  return { PK: ANALYTICS_PK, SK: `PERIOD#${periodId}` };
}

export function salesSeriesKey(granularity: SalesGranularityValue) {
  return { PK: ANALYTICS_PK, SK: `SERIES#${granularity}` };
}

const PERIOD_ORDER = ['last-7-days', 'last-30-days', 'last-90-days', 'last-365-days', 'this-month', 'previous-month', 'this-year'];
const GRANULARITY_ORDER = ['DAY', 'WEEK', 'MONTH'];

/** Period items in PERIOD_ORDER, then any others as stored. */
function periodsInOrder(items: SalesPeriodItem[]): SalesPeriodItem[] {
  const ordered: SalesPeriodItem[] = [];
  for (const id of PERIOD_ORDER) {
    for (const item of items) if (item.periodId === id) ordered.push(item);
  }
  for (const item of items) if (PERIOD_ORDER.indexOf(item.periodId) < 0) ordered.push(item);
  return ordered;
}

/** Series items in GRANULARITY_ORDER (day, week, month). */
function seriesInOrder(items: SalesSeriesItem[]): SalesSeriesItem[] {
  const ordered: SalesSeriesItem[] = [];
  for (const granularity of GRANULARITY_ORDER) {
    for (const item of items) if (item.granularity === granularity) ordered.push(item);
  }
  return ordered;
}

/** The GraphQL `SalesAnalytics` from the stored items; null before the job's first run. */
export function toSalesAnalytics(items: Record<string, unknown>[]): SalesAnalytics | null {
  const periodItems = items.filter((item) => item.type === 'SalesPeriod') as unknown as SalesPeriodItem[];
  const seriesItems = items.filter((item) => item.type === 'SalesSeries') as unknown as SalesSeriesItem[];
  if (periodItems.length === 0 && seriesItems.length === 0) return null;
  const generated = [...periodItems.map((p) => p.generatedAt), ...seriesItems.map((s) => s.generatedAt)].sort();
  const periods: SalesPeriod[] = periodsInOrder(periodItems).map((p) => ({
      id: p.periodId,
      from: p.from,
      to: p.to,
      orders: p.orders,
      cancelledOrders: p.cancelledOrders,
      cancellationRate: p.cancellationRate,
      salesCents: p.salesCents,
      units: p.units,
      averageBasketCents: p.averageBasketCents,
      statuses: p.statuses,
      states: p.states,
      topProducts: p.topProducts,
      topCategories: p.topCategories,
      prescription: p.prescription,
      customers: p.customers,
    }));
  const series: SalesSeries[] = seriesInOrder(seriesItems).map((s) => ({
    granularity: s.granularity,
    from: s.from,
    to: s.to,
    points: s.points,
  }));
  return {
    // The oldest item's time: every number shown is at least this fresh.
    generatedAt: generated[0] as string,
    currency: periodItems.length > 0 ? (periodItems[0] as SalesPeriodItem).currency : (seriesItems[0] as SalesSeriesItem).currency,
    periods,
    series,
  };
}
