/**
 * Mutation.setProductActive without the AWS parts: showing a product puts its listing keys (GSI1 by
 * category, GSI2 all products) back; hiding it removes them, so listings never see it. Its search entries
 * are rewritten with the new `active` flag in the same transaction, so search ranks only shown products.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { productInputOf, productItem, searchEntryItems, type ProductItem, type SearchEntryItem } from './product-items';

export const LISTING_KEY_NAMES = ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'];

export interface ActivationChange {
  /** The product as it reads after the change. */
  product: ProductItem;
  /** Attributes to set. */
  set: Record<string, unknown>;
  /** Attributes to remove. */
  remove: string[];
  /** The product's search entries as they read after the change (put them all). */
  searchEntries: SearchEntryItem[];
}

export function activationChange(stored: ProductItem, active: boolean, now: string): ActivationChange {
  const input = productInputOf(stored);
  input.active = active;
  input.updatedAt = now;
  const product = productItem(input);
  // The staff list keys (GSI3) stay whatever the state; set here too so a product from before GSI3 gets them.
  const set: Record<string, unknown> = { active, updatedAt: now, GSI3PK: product.GSI3PK, GSI3SK: product.GSI3SK, staffText: product.staffText };
  if (active) {
    set.GSI1PK = product.GSI1PK;
    set.GSI1SK = product.GSI1SK;
    set.GSI2PK = product.GSI2PK;
    set.GSI2SK = product.GSI2SK;
  }
  return { product, set, remove: active ? [] : LISTING_KEY_NAMES, searchEntries: searchEntryItems(input) };
}
