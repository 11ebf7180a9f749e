/**
 * The staff lists of the back office (issue 12) without the AWS parts: which index a staff order search reads
 * and what it filters, and the filters and cursor of the staff product list (GSI3 `STAFFPRODUCTS`, every
 * product by name, active or not).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { isEmailAddress } from './input-text';
import { customerOrdersPartition, ordersByStatusPartition, STAFF_PRODUCTS } from './keys';
import { foldText } from './search-text';

export interface StaffOrderFilterArgs {
  status?: string | null;
  customerEmail?: string | null;
  orderNumber?: string | null;
  createdFrom?: string | null;
  createdBefore?: string | null;
}

/** What one DynamoDB Query of the staff order search is: index, partition, sort key range, filter. */
export interface StaffOrderQueryPlan {
  index: 'GSI2' | 'GSI3';
  partitionKeyName: 'GSI2PK' | 'GSI3PK';
  partition: string;
  sortKeyName: 'GSI2SK' | 'GSI3SK';
  /** Sort keys are `<createdAt>#<id>`: from is inclusive, before exclusive (as ISO strings compare). */
  from: string;
  before: string;
  /** DynamoDB filter (APPSYNC_JS shape) or null. */
  filter: Record<string, unknown> | null;
}

export type StaffOrderPlanCheck = { ok: true; plan: StaffOrderQueryPlan } | { ok: false; field: string; message: string };

/** Before any ISO time; after any (sort keys start with the creation time). */
const EARLIEST = '0000';
const LATEST = '9999';
export const ORDER_NUMBER_LENGTH = 8;
const ORDER_NUMBER_CHARACTERS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An ISO-8601 UTC instant as the table stores them (`…Z`); anything else would compare wrongly as a string. */
function isUtcInstant(value: string): boolean {
  return value.length >= 20 && value.length <= 30 && value.endsWith('Z') && value.charAt(4) === '-' && value.charAt(10) === 'T';
}

export function staffOrderQueryPlan(filter: StaffOrderFilterArgs): StaffOrderPlanCheck {
  const email = filter.customerEmail ? filter.customerEmail.trim() : '';
  const status = filter.status ? filter.status : '';
  if (email.length === 0 && status.length === 0) {
    return { ok: false, field: 'filter', message: 'Give a status or a customer email.' };
  }
  if (email.length > 0 && !isEmailAddress(email)) {
    return { ok: false, field: 'customerEmail', message: 'customerEmail is not an email address.' };
  }
  const from = filter.createdFrom ? filter.createdFrom : EARLIEST;
  const before = filter.createdBefore ? filter.createdBefore : LATEST;
  if (filter.createdFrom && !isUtcInstant(filter.createdFrom)) {
    return { ok: false, field: 'createdFrom', message: 'createdFrom must be an ISO-8601 UTC time ending in Z.' };
  }
  if (filter.createdBefore && !isUtcInstant(filter.createdBefore)) {
    return { ok: false, field: 'createdBefore', message: 'createdBefore must be an ISO-8601 UTC time ending in Z.' };
  }
  if (from >= before) {
    return { ok: false, field: 'createdBefore', message: 'createdBefore must be after createdFrom.' };
  }
  const filters: Record<string, unknown>[] = [];
  const number = filter.orderNumber ? filter.orderNumber.trim().toUpperCase() : '';
  if (number.length > 0) {
    const plain = number.length === ORDER_NUMBER_LENGTH && number.split('').every((ch) => ORDER_NUMBER_CHARACTERS.indexOf(ch) >= 0);
    if (!plain) return { ok: false, field: 'orderNumber', message: 'orderNumber is the last 8 characters of an order id.' };
    filters.push({ id: { contains: number } });
  }
  if (email.length > 0) {
    if (status.length > 0) filters.push({ status: { eq: status } });
    return {
      ok: true,
      plan: {
        index: 'GSI3',
        partitionKeyName: 'GSI3PK',
        partition: customerOrdersPartition(email),
        sortKeyName: 'GSI3SK',
        from,
        before,
        filter: filters.length === 0 ? null : filters.length === 1 ? filters[0]! : { and: filters },
      },
    };
  }
  return {
    ok: true,
    plan: {
      index: 'GSI2',
      partitionKeyName: 'GSI2PK',
      partition: ordersByStatusPartition(status),
      sortKeyName: 'GSI2SK',
      from,
      before,
      filter: filters.length === 0 ? null : filters[0]!,
    },
  };
}

export interface StaffProductFilterArgs {
  text?: string | null;
  category?: string | null;
  active?: boolean | null;
  maxStock?: number | null;
}

export const STAFF_PRODUCT_LIMITS = { textMax: 100, maxStockMax: 1000000 };
/** Products a staff list page reads before filtering: enough to fill pages of rare matches in few requests. */
export const STAFF_PRODUCTS_EVALUATED = 400;

export type StaffProductFilterCheck = { ok: true; filter: Record<string, unknown> | null } | { ok: false; field: string; message: string };

/** The DynamoDB filter of the staff product list: name, SKU or barcode containing the text, category, state, stock at most. */
export function staffProductFilter(args: StaffProductFilterArgs): StaffProductFilterCheck {
  const filters: Record<string, unknown>[] = [];
  const text = args.text ? args.text.trim() : '';
  if (text.length > STAFF_PRODUCT_LIMITS.textMax) {
    return { ok: false, field: 'text', message: `text is longer than ${STAFF_PRODUCT_LIMITS.textMax} characters.` };
  }
  if (text.length > 0) {
    filters.push({ staffText: { contains: foldText(text) } });
  }
  if (args.category) filters.push({ categoryId: { eq: args.category } });
  if (args.active === true || args.active === false) filters.push({ active: { eq: args.active } });
  if (args.maxStock !== null && args.maxStock !== undefined) {
    if (Math.floor(args.maxStock) !== args.maxStock || args.maxStock < 0 || args.maxStock > STAFF_PRODUCT_LIMITS.maxStockMax) {
      return { ok: false, field: 'maxStock', message: `maxStock must be a whole number from 0 to ${STAFF_PRODUCT_LIMITS.maxStockMax}.` };
    }
    filters.push({ stock: { le: args.maxStock } });
  }
  if (filters.length === 0) return { ok: true, filter: null };
  return { ok: true, filter: filters.length === 1 ? filters[0]! : { and: filters } };
}

/**
 * The staff product list's cursor: after trimming a read to the page size, the next page starts after the
 * last product shown (`after`, a GSI3 sort key); when the read ended before the page filled, DynamoDB's own
 * token (`token`) continues it. Encoded as base64 JSON so callers treat it as opaque.
 */
export interface StaffProductCursor {
  after?: string;
  token?: string;
}

export const STAFF_PRODUCTS_PARTITION = STAFF_PRODUCTS;
