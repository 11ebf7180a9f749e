/**
 * Mutation.upsertProduct without the AWS parts: the GraphQL input turned into the writer's input, its
 * problems (size limits and text rules shared with the .DBF import in model/product-items.ts and
 * model/input-text.ts, plus what staff typing into the API must respect); texts are normalized (NFC,
 * trimmed) before they are checked, and the TransactWriteItems plan that moves the product's items from the stored
 * version to the new one.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import { normalizeText } from './input-text';
import {
  productInputProblems,
  productItemsChange,
  type ProductInput,
  type TableKey,
} from './product-items';

/** The GraphQL `ProductInput`. */
export interface ProductInputArgs {
  id?: string | null;
  sku: string;
  barcode?: string | null;
  name: string;
  description?: string | null;
  activeIngredients: string[];
  lab: string;
  presentation: string;
  categoryName: string;
  priceCents: number;
  currency?: string | null;
  stock: number;
  prescriptionRequired: boolean;
  imageUrl?: string | null;
  maxPerOrder?: number | null;
  active?: boolean | null;
}

export const DEFAULT_CURRENCY = 'MXN';
export const MAX_PRODUCT_ID_LENGTH = 64;
export const BARCODE_LENGTH = { min: 8, max: 14 };
/** DynamoDB's limit of actions in one TransactWriteItems. */
export const MAX_TRANSACTION_ACTIONS = 100;

/** Positions in the write plan that carry a condition a caller can trip. */
export const PRODUCT_WRITE_INDEX = 0;
export const SKU_GUARD_WRITE_INDEX = 1;

const DIGITS = '0123456789';

function trimmed(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = normalizeText(value);
  return text.length > 0 ? text : undefined;
}

/** The writer's input for `id`, created and updated `now` (the write step keeps a stored createdAt). */
export function productInputOfArgs(args: ProductInputArgs, id: string, now: string): ProductInput {
  const input: ProductInput = {
    id,
    sku: typeof args.sku === 'string' ? normalizeText(args.sku) : '',
    name: typeof args.name === 'string' ? normalizeText(args.name) : '',
    activeIngredients: args.activeIngredients.map((ingredient) => (typeof ingredient === 'string' ? normalizeText(ingredient) : '')),
    lab: typeof args.lab === 'string' ? normalizeText(args.lab) : '',
    presentation: typeof args.presentation === 'string' ? normalizeText(args.presentation) : '',
    categoryName: typeof args.categoryName === 'string' ? normalizeText(args.categoryName) : '',
    priceCents: args.priceCents,
    currency: trimmed(args.currency) ? (trimmed(args.currency) as string) : DEFAULT_CURRENCY,
    stock: args.stock,
    prescriptionRequired: args.prescriptionRequired,
    active: args.active === false ? false : true,
    createdAt: now,
    updatedAt: now,
  };
  const barcode = trimmed(args.barcode);
  if (barcode) {
    input.barcode = barcode;
  }
  const description = trimmed(args.description);
  if (description) {
    input.description = description;
  }
  const imageUrl = trimmed(args.imageUrl);
  if (imageUrl) {
    input.imageUrl = imageUrl;
  }
  if (typeof args.maxPerOrder === 'number') {
    input.maxPerOrder = args.maxPerOrder;
  }
  return input;
}

/** Human-readable problems with the input; empty when it can be written. */
export function upsertInputProblems(args: ProductInputArgs): string[] {
  const problems: string[] = [];
  if (typeof args.id === 'string' && (args.id.trim().length === 0 || args.id.length > MAX_PRODUCT_ID_LENGTH)) {
    problems.push(`id must be 1 to ${MAX_PRODUCT_ID_LENGTH} characters`);
  }
  const input = productInputOfArgs(args, 'id', 'now');
  productInputProblems(input).forEach((problem) => problems.push(problem));
  if (typeof input.priceCents === 'number' && input.priceCents <= 0) {
    problems.push('priceCents must be greater than 0');
  }
  const barcode = input.barcode;
  if (barcode) {
    const digits = barcode.split('').filter((ch) => DIGITS.indexOf(ch) >= 0).length;
    if (digits !== barcode.length || barcode.length < BARCODE_LENGTH.min || barcode.length > BARCODE_LENGTH.max) {
      problems.push(`barcode must be ${BARCODE_LENGTH.min} to ${BARCODE_LENGTH.max} digits (EAN-13, UPC)`);
    }
  }
  return problems;
}

/** A DynamoDB condition in the `@aws-appsync/utils/dynamodb` filter format. */
export type WriteCondition = Record<string, unknown>;

export interface PutWrite {
  kind: 'put';
  key: TableKey;
  /** Attributes besides the key. */
  attributes: Record<string, unknown>;
  condition: WriteCondition | null;
}

export interface DeleteWrite {
  kind: 'delete';
  key: TableKey;
  condition: WriteCondition | null;
}

export type ProductWrite = PutWrite | DeleteWrite;

function putOf(item: TableKey, condition: WriteCondition | null): PutWrite {
  const values = item as unknown as Record<string, unknown>;
  const attributes: Record<string, unknown> = {};
  Object.keys(values)
    .filter((name) => name !== 'PK' && name !== 'SK')
    .forEach((name) => {
      attributes[name] = values[name];
    });
  return { kind: 'put', key: { PK: item.PK, SK: item.SK }, attributes, condition };
}

/**
 * Everything one upsert writes, in one transaction: [0] the product (new: must not exist; replaced: must
 * still be the version read, so concurrent edits cannot leave stale search entries), [1] the SKU guard
 * (free or already this product's), the category, the search entries of the new words, deletes of the
 * words the product lost, and the old SKU's guard when the SKU changed.
 */
export function productWrites(previous: ProductInput | null, next: ProductInput): ProductWrite[] {
  const change = productItemsChange(previous, next);
  const writes: ProductWrite[] = [
    putOf(
      change.puts.product,
      previous ? { updatedAt: { eq: previous.updatedAt } } : { PK: { attributeExists: false } },
    ),
    putOf(change.puts.skuGuard, { or: [{ PK: { attributeExists: false } }, { productId: { eq: next.id } }] }),
    putOf(change.puts.category, null),
  ];
  change.puts.searchEntries.forEach((entry) => writes.push(putOf(entry, null)));
  change.staleSearchEntryKeys.forEach((key) => writes.push({ kind: 'delete', key, condition: null }));
  if (change.staleSkuGuardKey) {
    writes.push({ kind: 'delete', key: change.staleSkuGuardKey, condition: { productId: { eq: next.id } } });
  }
  return writes;
}
