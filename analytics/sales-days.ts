/**
 * Every sales metric for any from–to range of shop days (the staff page's free date range), exact, from
 * per-day figures the hourly analytics job stores (analytics/sql/daily_*.sql):
 *   - orders, cancellations, sales, units, orders by status, by state, prescription counts: each order
 *     belongs to one shop day, so a range's figures are the sums of its days;
 *   - top products and categories: every product (category) sold each day with its units and revenue, so
 *     the range's totals per product are sums and the ranking is made on them (not from daily top lists);
 *   - customers: distinct counts do not add up over days, so each day stores its customers by the day of
 *     their previous order, and its orders by the day of their customer's first order. A customer counts once
 *     in a range, on their first day in it (previous order before `from`); new customers are those whose
 *     first order ever falls in the range; the orders of new customers are those whose customer's first
 *     order is on or after `from`. Exact, and bounded by the days of the series (no per-customer items).
 * Every entry's test depends on `from` only, never on its day, so a month's day items merged by key are a month
 * item that sums the same way: a range reads its whole months as month items and only the days at its ends as
 * day items (a year: 12 month items and at most ~60 day items instead of 365 day items).
 * The job writes a generation of day and month items (`ANALYTICS_DAYS / GEN#<generation>#DAY#<day>#<part>`,
 * `…#MONTH#<YYYY-MM>#<part>`), then
 * points `ANALYTICS / DAYS` at it in the same transaction as the period items, so a reader always sums one
 * consistent generation. A day whose lists would pass DynamoDB's 400 KB item limit is split into parts.
 */
import type {
  SalesPeriodFigures,
  SalesPointRecord,
  SalesPrescriptionRecord,
  SalesStateRecord,
  SalesStatusRecord,
} from '../model/sales-analytics';
import type { OrderStatus } from '../model/order-events';
import type { MetricRow } from './metric-queries';
import { addDays } from './periods';

export const ANALYTICS_DAYS_PK = 'ANALYTICS_DAYS';
/** The pointer item (in the `ANALYTICS` partition, written with the period items). */
export const SALES_DAYS_INDEX_SK = 'DAYS';

/** Stay well under DynamoDB's 400 KB per item (attribute names count too). */
export const MAX_DAY_ITEM_BYTES = 300_000;

export interface SalesDaysIndexItem {
  PK: string;
  SK: string;
  type: 'SalesDaysIndex';
  generation: string;
  generatedAt: string;
  currency: string;
  /** First and last day of the stored days (inclusive); ranges must lie within. */
  from: string;
  to: string;
  /** Products and categories kept per ranking. */
  top: number;
  /** Day and month items of this generation. */
  items: number;
}

export interface DayProduct {
  productId: string;
  sku: string;
  name: string;
  units: number;
  revenueCents: number;
}
export interface DayCategory {
  categoryId: string;
  name: string;
  units: number;
  revenueCents: number;
}
export interface DayCustomers {
  /** '' = no earlier order (first order ever); a day before the series stands for any earlier day. */
  previousOrderDay: string;
  customers: number;
}
export interface DayFirstOrders {
  firstOrderDay: string;
  orders: number;
}

export interface SalesDayItem {
  PK: string;
  SK: string;
  /** A shop day, or a month: the merge of its days. */
  type: 'SalesDay' | 'SalesMonth';
  generation: string;
  /** The (first) day it covers. */
  day: string;
  /** A month item's last day covered (the month's, or the series' last day); a day item covers `day` only. */
  lastDay?: string;
  part: number;
  /** Totals of the day (part 0; zero in the other parts). */
  orders: number;
  cancelledOrders: number;
  salesCents: number;
  units: number;
  prescription: SalesPrescriptionRecord;
  statuses: SalesStatusRecord[];
  states: SalesStateRecord[];
  products: DayProduct[];
  categories: DayCategory[];
  customersByPreviousOrder: DayCustomers[];
  ordersByFirstOrder: DayFirstOrders[];
}

export function salesDaysIndexKey() {
  return { PK: 'ANALYTICS', SK: SALES_DAYS_INDEX_SK };
}

/** Day items are `…#DAY#<YYYY-MM-DD>#<part>`, month items `…#MONTH#<YYYY-MM>#<part>`, parts of three digits. */
type Span = 'DAY' | 'MONTH';

function spanKey(generation: string, span: Span, at: string, part: number) {
  return { PK: ANALYTICS_DAYS_PK, SK: `GEN#${generation}#${span}#${at}#${String(part).padStart(3, '0')}` };
}

/** The SK bounds of a generation's items from..to (inclusive, every part), for a Query with BETWEEN. */
function spanRange(generation: string, span: Span, from: string, to: string): { from: string; to: string } {
  return { from: `GEN#${generation}#${span}#${from}#`, to: `GEN#${generation}#${span}#${to}#~` };
}

export function salesDayKey(generation: string, day: string, part: number) {
  return spanKey(generation, 'DAY', day, part);
}

/** The SK bounds of a generation's days from..to (inclusive), for a Query with BETWEEN. */
export function salesDayRange(generation: string, from: string, to: string): { from: string; to: string } {
  return spanRange(generation, 'DAY', from, to);
}

/** The generation a day item's SK belongs to (ISO timestamps: they sort as they were made). */
export function salesDayGenerationOf(sk: string): string {
  return sk.slice('GEN#'.length, sk.indexOf('#', 'GEN#'.length));
}

export function salesMonthKey(generation: string, month: string, part: number) {
  return spanKey(generation, 'MONTH', month, part);
}

/** The SK bounds of a generation's months fromMonth..toMonth (YYYY-MM, inclusive), for a Query with BETWEEN. */
export function salesMonthRange(generation: string, fromMonth: string, toMonth: string): { from: string; to: string } {
  return spanRange(generation, 'MONTH', fromMonth, toMonth);
}

const ZERO_PRESCRIPTION: SalesPrescriptionRecord = {
  orders: 0,
  prescriptionOrders: 0,
  units: 0,
  prescriptionUnits: 0,
  revenueCents: 0,
  prescriptionRevenueCents: 0,
};

/** The rows of the daily metrics, as the job ran them. */
export interface DailyRows {
  readonly points: readonly SalesPointRecord[];
  readonly statuses: readonly MetricRow[];
  readonly states: readonly MetricRow[];
  readonly products: readonly MetricRow[];
  readonly categories: readonly MetricRow[];
  readonly prescription: readonly MetricRow[];
  readonly customers: readonly MetricRow[];
  readonly firstOrders: readonly MetricRow[];
}

const n = (row: MetricRow, column: string): number => Number(row[column] ?? 0);
const s = (row: MetricRow, column: string): string => String(row[column] ?? '');

type DayLists = Pick<SalesDayItem, 'statuses' | 'states' | 'products' | 'categories' | 'customersByPreviousOrder' | 'ordersByFirstOrder'>;
const LIST_NAMES: readonly (keyof DayLists)[] = ['statuses', 'states', 'products', 'categories', 'customersByPreviousOrder', 'ordersByFirstOrder'];

/** The day items of one generation: one item per day with orders, split in parts past MAX_DAY_ITEM_BYTES. */
export function salesDayItems(generation: string, rows: DailyRows, maxItemBytes = MAX_DAY_ITEM_BYTES): SalesDayItem[] {
  const days = new Map<string, { totals: SalesPointRecord | null; prescription: SalesPrescriptionRecord; lists: DayLists }>();
  const dayOf = (day: string) => {
    let entry = days.get(day);
    if (!entry) {
      entry = {
        totals: null,
        prescription: ZERO_PRESCRIPTION,
        lists: { statuses: [], states: [], products: [], categories: [], customersByPreviousOrder: [], ordersByFirstOrder: [] },
      };
      days.set(day, entry);
    }
    return entry;
  };
  for (const point of rows.points) dayOf(point.periodStart).totals = point;
  for (const r of rows.statuses) dayOf(s(r, 'day')).lists.statuses.push({ status: s(r, 'status') as OrderStatus, orders: n(r, 'orders') });
  for (const r of rows.states) dayOf(s(r, 'day')).lists.states.push({ state: s(r, 'ship_state'), orders: n(r, 'orders'), salesCents: n(r, 'sales_cents') });
  for (const r of rows.products) {
    dayOf(s(r, 'day')).lists.products.push({ productId: s(r, 'product_id'), sku: s(r, 'sku'), name: s(r, 'product_name'), units: n(r, 'units'), revenueCents: n(r, 'revenue_cents') });
  }
  for (const r of rows.categories) {
    dayOf(s(r, 'day')).lists.categories.push({ categoryId: s(r, 'category_id'), name: s(r, 'category_name'), units: n(r, 'units'), revenueCents: n(r, 'revenue_cents') });
  }
  for (const r of rows.prescription) {
    dayOf(s(r, 'day')).prescription = {
      orders: n(r, 'orders'),
      prescriptionOrders: n(r, 'prescription_orders'),
      units: n(r, 'units'),
      prescriptionUnits: n(r, 'prescription_units'),
      revenueCents: n(r, 'revenue_cents'),
      prescriptionRevenueCents: n(r, 'prescription_revenue_cents'),
    };
  }
  for (const r of rows.customers) dayOf(s(r, 'day')).lists.customersByPreviousOrder.push({ previousOrderDay: s(r, 'previous_order_day'), customers: n(r, 'customers') });
  for (const r of rows.firstOrders) dayOf(s(r, 'day')).lists.ordersByFirstOrder.push({ firstOrderDay: s(r, 'first_order_day'), orders: n(r, 'orders') });

  const items: SalesDayItem[] = [];
  for (const day of [...days.keys()].sort()) {
    const { totals, prescription, lists } = days.get(day)!;
    const base = {
      type: 'SalesDay' as const,
      generation,
      day,
      orders: totals?.orders ?? 0,
      cancelledOrders: totals?.cancelledOrders ?? 0,
      salesCents: totals?.salesCents ?? 0,
      units: totals?.units ?? 0,
      prescription,
    };
    items.push(...inParts((part) => salesDayKey(generation, day, part), base, lists, maxItemBytes));
  }
  return items;
}

type ItemBase = Omit<SalesDayItem, 'PK' | 'SK' | 'part' | keyof DayLists>;

/** One item, or several parts past maxItemBytes: totals in part 0, each list's entries where they fit. */
function inParts(keyOf: (part: number) => { PK: string; SK: string }, base: ItemBase, lists: DayLists, maxItemBytes: number): SalesDayItem[] {
  const items: SalesDayItem[] = [];
  const part = (index: number): SalesDayItem => ({
    ...keyOf(index),
    ...base,
    part: index,
    ...(index === 0
      ? {}
      : { orders: 0, cancelledOrders: 0, salesCents: 0, units: 0, prescription: ZERO_PRESCRIPTION }),
    statuses: [],
    states: [],
    products: [],
    categories: [],
    customersByPreviousOrder: [],
    ordersByFirstOrder: [],
  });
  let current = part(0);
  let bytes = JSON.stringify(current).length;
  for (const name of LIST_NAMES) {
    for (const entry of lists[name]) {
      const size = JSON.stringify(entry).length + 1;
      if (bytes + size > maxItemBytes) {
        items.push(current);
        current = part(current.part + 1);
        bytes = JSON.stringify(current).length;
      }
      (current[name] as unknown[]).push(entry);
      bytes += size;
    }
  }
  items.push(current);
  return items;
}

function monthEnd(day: string): string {
  const next = new Date(`${day.slice(0, 7)}-01T00:00:00.000Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return addDays(next.toISOString().slice(0, 10), -1);
}

/**
 * The month items of a generation: each month's day items merged by key (sums; the greatest sku and name, as
 * the SQL's max), covering the month's days within the series (seriesFrom..seriesTo).
 */
export function salesMonthItems(generation: string, days: readonly SalesDayItem[], seriesFrom: string, seriesTo: string, maxItemBytes = MAX_DAY_ITEM_BYTES): SalesDayItem[] {
  const months = new Map<string, SalesDayItem[]>();
  for (const day of days) months.set(day.day.slice(0, 7), [...(months.get(day.day.slice(0, 7)) ?? []), day]);
  const items: SalesDayItem[] = [];
  for (const month of [...months.keys()].sort()) {
    const of = months.get(month)!;
    const first = `${month}-01` < seriesFrom ? seriesFrom : `${month}-01`;
    const last = monthEnd(`${month}-01`) > seriesTo ? seriesTo : monthEnd(`${month}-01`);
    const sum = salesOverRange(of, first, last, Number.MAX_SAFE_INTEGER);
    const merged = mergedLists(of);
    const base: ItemBase = {
      type: 'SalesMonth',
      generation,
      day: first,
      lastDay: last,
      orders: sum.orders,
      cancelledOrders: sum.cancelledOrders,
      salesCents: sum.salesCents,
      units: sum.units,
      prescription: sum.prescription,
    };
    items.push(...inParts((part) => salesMonthKey(generation, month, part), base, merged, maxItemBytes));
  }
  return items;
}

const maxText = (a: string, b: string) => (b > a ? b : a);

/** Adds entries to sums by state. */
function addStates(sums: Map<string, SalesStateRecord>, entries: readonly SalesStateRecord[]): void {
  for (const entry of entries) {
    const sum = sums.get(entry.state) ?? { state: entry.state, orders: 0, salesCents: 0 };
    sum.orders += entry.orders;
    sum.salesCents += entry.salesCents;
    sums.set(entry.state, sum);
  }
}

/** Adds entries to sums by product: units and revenue summed, the greatest sku and name (as the SQL's max). */
function addProducts(sums: Map<string, DayProduct>, entries: readonly DayProduct[]): void {
  for (const entry of entries) {
    const sum = sums.get(entry.productId) ?? { ...entry, units: 0, revenueCents: 0 };
    sum.units += entry.units;
    sum.revenueCents += entry.revenueCents;
    sum.sku = maxText(sum.sku, entry.sku);
    sum.name = maxText(sum.name, entry.name);
    sums.set(entry.productId, sum);
  }
}

/** Adds entries to sums by category: units and revenue summed, the greatest name. */
function addCategories(sums: Map<string, DayCategory>, entries: readonly DayCategory[]): void {
  for (const entry of entries) {
    const sum = sums.get(entry.categoryId) ?? { ...entry, units: 0, revenueCents: 0 };
    sum.units += entry.units;
    sum.revenueCents += entry.revenueCents;
    sum.name = maxText(sum.name, entry.name);
    sums.set(entry.categoryId, sum);
  }
}

/** The lists of several items merged by key. */
function mergedLists(items: readonly SalesDayItem[]): DayLists {
  const statuses = new Map<string, SalesStatusRecord>();
  const states = new Map<string, SalesStateRecord>();
  const products = new Map<string, DayProduct>();
  const categories = new Map<string, DayCategory>();
  const previous = new Map<string, DayCustomers>();
  const first = new Map<string, DayFirstOrders>();
  for (const item of items) {
    for (const e of item.statuses) {
      const m = statuses.get(e.status) ?? { status: e.status, orders: 0 };
      m.orders += e.orders;
      statuses.set(e.status, m);
    }
    addStates(states, item.states);
    addProducts(products, item.products);
    addCategories(categories, item.categories);
    for (const e of item.customersByPreviousOrder) {
      const m = previous.get(e.previousOrderDay) ?? { previousOrderDay: e.previousOrderDay, customers: 0 };
      m.customers += e.customers;
      previous.set(e.previousOrderDay, m);
    }
    for (const e of item.ordersByFirstOrder) {
      const m = first.get(e.firstOrderDay) ?? { firstOrderDay: e.firstOrderDay, orders: 0 };
      m.orders += e.orders;
      first.set(e.firstOrderDay, m);
    }
  }
  return {
    statuses: [...statuses.values()],
    states: [...states.values()],
    products: [...products.values()],
    categories: [...categories.values()],
    customersByPreviousOrder: [...previous.values()],
    ordersByFirstOrder: [...first.values()],
  };
}

/**
 * What a range reads: the month items of the months wholly inside it (parts included), and the day ranges at
 * its ends the months do not cover. Months without orders have no item and no days to read.
 */
export function rangePlan(monthItems: readonly SalesDayItem[], from: string, to: string): { months: SalesDayItem[]; dayRanges: [string, string][] } {
  const months = monthItems.filter((m) => m.day >= from && (m.lastDay ?? m.day) <= to);
  if (months.length === 0) return { months, dayRanges: [[from, to]] };
  const first = months.map((m) => m.day).sort()[0]!;
  const last = months.map((m) => m.lastDay ?? m.day).sort().at(-1)!;
  const dayRanges: [string, string][] = [];
  if (from < first) dayRanges.push([from, addDays(first, -1)]);
  if (last < to) dayRanges.push([addDays(last, 1), to]);
  return { months, dayRanges };
}

/** Every metric of a staff page period, for a from–to range: the shape of the GraphQL SalesPeriod. */
export interface SalesRangeFigures extends SalesPeriodFigures {
  id: string;
}

export const CUSTOM_RANGE_ID = 'custom';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ranks as top_products.sql / top_categories.sql do, keeping those in the top `top` of either ranking, by revenue rank. */
function ranked<T extends { units: number; revenueCents: number }>(entries: T[], idOf: (entry: T) => string, top: number): (T & { unitsRank: number; revenueRank: number })[] {
  const byUnits = [...entries].sort((a, b) => b.units - a.units || b.revenueCents - a.revenueCents || byText(idOf(a), idOf(b)));
  const byRevenue = [...entries].sort((a, b) => b.revenueCents - a.revenueCents || b.units - a.units || byText(idOf(a), idOf(b)));
  const unitsRank = new Map(byUnits.map((entry, i) => [idOf(entry), i + 1]));
  return byRevenue
    .map((entry, i) => ({ ...entry, unitsRank: unitsRank.get(idOf(entry))!, revenueRank: i + 1 }))
    .filter((entry) => entry.unitsRank <= top || entry.revenueRank <= top);
}


/**
 * Every metric of the range from..to (inclusive) from the day items of one generation (items outside the
 * range are ignored; days without orders have no item). The definitions are those of the period SQL
 * (analytics/sql/*.sql); analytics/metrics.test.ts checks them against it on many ranges.
 */
export function salesOverRange(days: readonly SalesDayItem[], from: string, to: string, top: number): SalesRangeFigures {
  if (from > to) throw new RangeError('from is after to');
  let orders = 0;
  let cancelledOrders = 0;
  let salesCents = 0;
  let units = 0;
  const prescription = { ...ZERO_PRESCRIPTION };
  const statuses = new Map<string, number>();
  const states = new Map<string, SalesStateRecord>();
  const products = new Map<string, DayProduct>();
  const categories = new Map<string, DayCategory>();
  const customers = { customers: 0, newCustomers: 0, returningCustomers: 0, newCustomerOrders: 0, returningCustomerOrders: 0 };
  for (const day of days) {
    if (day.day < from || (day.lastDay ?? day.day) > to) continue;
    orders += day.orders;
    cancelledOrders += day.cancelledOrders;
    salesCents += day.salesCents;
    units += day.units;
    for (const key of Object.keys(ZERO_PRESCRIPTION) as (keyof SalesPrescriptionRecord)[]) prescription[key] += day.prescription[key];
    for (const entry of day.statuses) statuses.set(entry.status, (statuses.get(entry.status) ?? 0) + entry.orders);
    addStates(states, day.states);
    addProducts(products, day.products);
    addCategories(categories, day.categories);
    for (const entry of day.customersByPreviousOrder) {
      // '' (no earlier order) sorts before every date: a new customer is also one of the range's customers.
      if (entry.previousOrderDay < from) customers.customers += entry.customers;
      if (entry.previousOrderDay === '') customers.newCustomers += entry.customers;
    }
    for (const entry of day.ordersByFirstOrder) {
      if (entry.firstOrderDay >= from) customers.newCustomerOrders += entry.orders;
      else customers.returningCustomerOrders += entry.orders;
    }
  }
  customers.returningCustomers = customers.customers - customers.newCustomers;
  const kept = orders - cancelledOrders;
  return {
    id: CUSTOM_RANGE_ID,
    from,
    to,
    orders,
    cancelledOrders,
    cancellationRate: orders > 0 ? cancelledOrders / orders : 0,
    salesCents,
    units,
    averageBasketCents: kept > 0 ? Math.round(salesCents / kept) : 0,
    statuses: [...statuses]
      .map(([status, count]) => ({ status: status as OrderStatus, orders: count }))
      .sort((a, b) => b.orders - a.orders || byText(a.status, b.status)),
    states: [...states.values()].sort((a, b) => b.salesCents - a.salesCents || byText(a.state, b.state)),
    topProducts: ranked([...products.values()], (p) => p.productId, top).map(({ productId, sku, name, units: u, revenueCents, unitsRank, revenueRank }) => ({
      productId,
      sku,
      name,
      units: u,
      revenueCents,
      unitsRank,
      revenueRank,
    })),
    topCategories: ranked([...categories.values()], (c) => c.categoryId, top).map(({ categoryId, name, units: u, revenueCents, unitsRank, revenueRank }) => ({
      categoryId,
      name,
      units: u,
      revenueCents,
      unitsRank,
      revenueRank,
    })),
    prescription,
    customers,
  };
}
