/**
 * Key layout of the single table. Shared by resolvers (bundled into APPSYNC_JS, so written in its subset)
 * and by Node code (catalog loader, Lambdas, tests). docs/data-model.md explains each item.
 */
import { foldText } from './search-text';

export const PRODUCT_SK = 'PRODUCT';
export const ORDER_SK = 'ORDER';
export const ALL_ACTIVE_PRODUCTS = 'PRODUCTS';
export const CATALOG_PK = 'CATALOG';

export function productKey(id: string) {
  return { PK: `PRODUCT#${id}`, SK: PRODUCT_SK };
}

/** Guards SKU uniqueness: one item per SKU pointing at its product. */
export function skuKey(sku: string) {
  return { PK: `SKU#${sku}`, SK: 'SKU' };
}

export function categoryKey(categoryId: string) {
  return { PK: CATALOG_PK, SK: `CATEGORY#${categoryId}` };
}

/** Sort key that lists products by folded name; the id keeps it unique. */
export function productNameSortKey(name: string, id: string): string {
  return `${foldText(name)}#${id}`;
}

/** Index keys that make an active product listed (GSI1: by category, GSI2: all). Inactive products have none. */
export function activeProductIndexKeys(categoryId: string, name: string, id: string) {
  const sortKey = productNameSortKey(name, id);
  return {
    GSI1PK: `CATEGORY#${categoryId}`,
    GSI1SK: sortKey,
    GSI2PK: ALL_ACTIVE_PRODUCTS,
    GSI2SK: sortKey,
  };
}

/** Search entries are bucketed by the first two letters of a word; the sort key starts with the word. */
export function searchBucket(word: string): string {
  return `SEARCH#${word.slice(0, 2)}`;
}

export function searchEntryKey(word: string, productId: string) {
  return { PK: searchBucket(word), SK: `${word}#${productId}` };
}

/** Codes (barcode, SKU) have buckets of their own, so a word search never reads them and vice versa. */
export function searchCodeBucket(code: string): string {
  return `SEARCHCODE#${code.slice(0, 2)}`;
}

export function searchCodeEntryKey(code: string, productId: string) {
  return { PK: searchCodeBucket(code), SK: `${code}#${productId}` };
}

/** Records which layout of search entries the table holds (catalog/search-index.ts). */
export const SEARCH_INDEX_MARKER_KEY = { PK: CATALOG_PK, SK: 'SEARCHINDEX' };

export function orderKey(id: string) {
  return { PK: `ORDER#${id}`, SK: ORDER_SK };
}

export function userOrdersPartition(ownerId: string): string {
  return `USER#${ownerId}`;
}

export function ordersByStatusPartition(status: string): string {
  return `ORDERSTATUS#${status}`;
}

export function clientTokenKey(ownerId: string, clientToken: string) {
  return { PK: `CLIENTTOKEN#${ownerId}#${clientToken}`, SK: 'CLIENTTOKEN' };
}

/**
 * Stock reservations of unpaid orders, one partition sorted by expiry: the reservation-expiry job reads
 * `SK <= now` (consistent Query on the table, no index) and releases what it finds.
 */
export const RESERVATIONS_PK = 'RESERVATIONS';

export function reservationKey(expiresAt: string, orderId: string) {
  return { PK: RESERVATIONS_PK, SK: `${expiresAt}#${orderId}` };
}

/** The count of a shopper's unpaid (PENDING) orders, kept in step by every transaction that places or ends one. */
export function unpaidOrdersKey(ownerId: string) {
  return { PK: `UNPAID#${ownerId}`, SK: 'UNPAID' };
}

/**
 * One Stripe webhook event already applied (functions/stripe-webhook): written in the same transaction as its
 * effect, on condition it does not exist, so a redelivered or replayed event changes nothing twice.
 */
export function stripeEventKey(eventId: string) {
  return { PK: `STRIPEEVENT#${eventId}`, SK: 'STRIPEEVENT' };
}

/** A refund of a card payment for an order (a late payment, or a paid order cancelled), under the order's partition. */
export function orderRefundKey(orderId: string, paymentIntentId: string) {
  return { PK: `ORDER#${orderId}`, SK: `REFUND#${paymentIntentId}` };
}

/** GSI3 partition listing every product (active or not) by folded name, for the staff product list. */
export const STAFF_PRODUCTS = 'STAFFPRODUCTS';

/** GSI3 keys of a product: listed for staff whatever its state. */
export function staffProductIndexKeys(name: string, id: string) {
  return { GSI3PK: STAFF_PRODUCTS, GSI3SK: productNameSortKey(name, id) };
}

/** GSI3 partition of one customer's orders (email in lower case), for staff looking an order up by email. */
export function customerOrdersPartition(email: string): string {
  return `CUSTOMER#${email.toLowerCase()}`;
}

/** GSI3 keys of an order placed with an email: newest first when read backwards. */
export function customerOrderIndexKeys(email: string, createdAt: string, id: string) {
  return { GSI3PK: customerOrdersPartition(email), GSI3SK: `${createdAt}#${id}` };
}

/** Marks which staff index layout (GSI3 keys on products and orders) the table's items have (catalog/staff-index.ts). */
export const STAFF_INDEX_MARKER_KEY = { PK: CATALOG_PK, SK: 'STAFFINDEX' };

/** The last run of the similar-products job (catalog/similarity-job.ts): when, how many; read by similarityStatus. */
export const SIMILARITY_RUN_KEY = { PK: CATALOG_PK, SK: 'SIMILARITYRUN' };

/** The shop's settings staff change in the back office (payment methods: cash on delivery on or off). */
export const SHOP_SETTINGS_KEY = { PK: 'SHOP', SK: 'SETTINGS' };
