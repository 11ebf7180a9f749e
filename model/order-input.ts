/**
 * Checks a `CreateOrderInput` before anything touches the table: cart size, quantities, the shipping
 * address and the client token, with the limits the schema's input descriptions state. Address texts
 * follow the shared input rules (model/input-text.ts: NFC, trimmed, no control or bidi characters, visible
 * text) and Mexico's (model/mexican-address.ts); empty optional fields are dropped; the country code is
 * upper-cased and the state stored under its usual name.
 *
 * A product listed twice is refused (the schema says "each product at most once"), not merged: a client
 * that sends a product twice has a bug in its cart, and silently adding the quantities could buy more
 * than the shopper saw.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset (no regular expressions, no classic for
 * loops, no throw: the caller turns a problem into `util.error`).
 */
import { cleanText } from './input-text';
import { isMexicanPostalCode, mexicanPhoneDigits, mexicanStateName } from './mexican-address';
import type { AddressInput, CreateOrderInput, OrderItemInput } from './schema-types.generated';
import { DEFAULT_PAYMENT_METHOD, isPaymentMethod, type PaymentMethod } from './order-payment';
import { ORDER_LIMITS } from './order-limits';
import { paymentMethodNames } from './payment-methods';

export { ORDER_LIMITS };

/** [min, max] characters of each address field after cleaning; min 0 means optional. */
export const ADDRESS_LIMITS = {
  recipientName: [1, 100],
  line1: [1, 200],
  line2: [0, 200],
  city: [1, 100],
  state: [1, 100],
  postalCode: [5, 10],
  country: [2, 2],
  phone: [0, 30],
} as const;

/** The shop delivers in Mexico only. */
export const SHIPPING_COUNTRY = 'MX';

const CLIENT_TOKEN_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type { AddressInput, CreateOrderInput, OrderItemInput };

/** An address as stored on the order: trimmed, optional fields present only when given. */
export interface Address {
  recipientName: string;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export interface OrderRequest {
  items: OrderItemInput[];
  shippingAddress: Address;
  clientToken: string;
  /** CARD when the client did not say. */
  paymentMethod: PaymentMethod;
}

/** What is wrong with the input: a message for people, the offending field for programs. */
export interface OrderInputProblem {
  message: string;
  errorInfo: { field: string; productIds?: string[] };
}

export type OrderInputCheck = { ok: true; request: OrderRequest } | { ok: false; problem: OrderInputProblem };

function problem(field: string, message: string, productIds?: string[]): OrderInputCheck {
  const errorInfo: OrderInputProblem['errorInfo'] = { field };
  if (productIds) errorInfo.productIds = productIds;
  return { ok: false, problem: { message, errorInfo } };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isIntegerBetween(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Math.floor(value) === value && value >= min && value <= max;
}

function isLengthBetween(text: string, min: number, max: number): boolean {
  return text.length >= min && text.length <= max;
}

function isClientToken(token: string): boolean {
  return (
    isLengthBetween(token, ORDER_LIMITS.minClientTokenLength, ORDER_LIMITS.maxClientTokenLength) &&
    token.split('').every((ch) => CLIENT_TOKEN_CHARACTERS.indexOf(ch) >= 0)
  );
}

/** Product ids that appear more than once, each reported once. */
export function duplicateProductIds(items: OrderItemInput[]): string[] {
  const repeated = items
    .filter((item, index) => items.findIndex((other) => other.productId === item.productId) !== index)
    .map((item) => item.productId);
  return repeated.filter((id, index) => repeated.indexOf(id) === index);
}

type AddressField = keyof typeof ADDRESS_LIMITS;

const ADDRESS_FIELDS: AddressField[] = [
  'recipientName',
  'line1',
  'line2',
  'city',
  'state',
  'postalCode',
  'country',
  'phone',
];

function fieldText(cleaned: Record<string, string>, name: AddressField): string {
  return cleaned[name] ?? '';
}

type AddressCheck = { ok: true; address: Address } | { ok: false; check: OrderInputCheck };

/**
 * Cleans every address field with the shared text rules (NFC, no control or bidi characters, visible
 * text; model/input-text.ts), then checks what a Mexican address needs: a 5-digit postal code, a 10-digit
 * phone (optional +52), one of the 32 federal entities (stored under its usual name) and country MX.
 */
function checkAddress(address: AddressInput): AddressCheck {
  const fields = address as unknown as Record<string, unknown>;
  const cleaned: Record<string, string> = {};
  for (const name of ADDRESS_FIELDS) {
    const limits = ADDRESS_LIMITS[name];
    const value = fields[name];
    const field = `shippingAddress.${name}`;
    if (value !== undefined && value !== null && !isString(value)) {
      return { ok: false, check: problem(field, `${field} must be text.`) };
    }
    const text = cleanText(field, value, { required: limits[0] > 0, max: limits[1] });
    if (!text.ok) {
      return { ok: false, check: problem(field, `${text.message}.`) };
    }
    if (text.text.length > 0) cleaned[name] = text.text;
  }
  const country = fieldText(cleaned, 'country').toUpperCase();
  if (country !== SHIPPING_COUNTRY) {
    return {
      ok: false,
      check: problem('shippingAddress.country', 'shippingAddress.country must be MX: FarmaCruz delivers in Mexico only.'),
    };
  }
  if (!isMexicanPostalCode(fieldText(cleaned, 'postalCode'))) {
    return { ok: false, check: problem('shippingAddress.postalCode', 'shippingAddress.postalCode must be a 5-digit Mexican postal code, e.g. 03100.') };
  }
  const state = mexicanStateName(fieldText(cleaned, 'state'));
  if (state === null) {
    return {
      ok: false,
      check: problem('shippingAddress.state', 'shippingAddress.state must be one of the 32 Mexican federal entities, e.g. Jalisco or Ciudad de México.'),
    };
  }
  if (fieldText(cleaned, 'phone').length > 0 && mexicanPhoneDigits(fieldText(cleaned, 'phone')) === null) {
    return {
      ok: false,
      check: problem('shippingAddress.phone', 'shippingAddress.phone must be a 10-digit Mexican phone number, optionally with +52, e.g. 33 1234 5678.'),
    };
  }
  const result: Address = {
    recipientName: fieldText(cleaned, 'recipientName'),
    line1: fieldText(cleaned, 'line1'),
    city: fieldText(cleaned, 'city'),
    state,
    postalCode: fieldText(cleaned, 'postalCode'),
    country,
  };
  if (fieldText(cleaned, 'line2').length > 0) result.line2 = fieldText(cleaned, 'line2');
  if (fieldText(cleaned, 'phone').length > 0) result.phone = fieldText(cleaned, 'phone');
  return { ok: true, address: result };
}

/** Checks the whole input and returns either the cleaned request or the first problem found. */
export function checkCreateOrderInput(input: CreateOrderInput): OrderInputCheck {
  const items = input.items;
  if (!Array.isArray(items) || items.length < ORDER_LIMITS.minLines) {
    return problem('items', 'The cart is empty: an order needs at least one item.');
  }
  if (items.length > ORDER_LIMITS.maxLines) {
    return problem('items', `An order can have at most ${ORDER_LIMITS.maxLines} different products.`);
  }
  const badId = items.findIndex(
    (item) => !isString(item.productId) || !isLengthBetween(item.productId.trim(), 1, ORDER_LIMITS.maxIdLength),
  );
  if (badId >= 0) {
    return problem(
      `items[${badId}].productId`,
      `items[${badId}].productId must have 1–${ORDER_LIMITS.maxIdLength} characters.`,
    );
  }
  const badQuantity = items.findIndex(
    (item) => !isIntegerBetween(item.quantity, ORDER_LIMITS.minQuantity, ORDER_LIMITS.maxQuantity),
  );
  if (badQuantity >= 0) {
    return problem(
      `items[${badQuantity}].quantity`,
      `items[${badQuantity}].quantity must be a whole number from ${ORDER_LIMITS.minQuantity} to ${ORDER_LIMITS.maxQuantity}.`,
    );
  }
  const cleanItems = items.map((item) => ({ productId: item.productId.trim(), quantity: item.quantity }));
  const duplicates = duplicateProductIds(cleanItems);
  if (duplicates.length > 0) {
    return problem('items', 'Each product may appear only once in an order; put the total quantity on one line.', duplicates);
  }
  const address = input.shippingAddress;
  if (address === null || typeof address !== 'object') {
    return problem('shippingAddress', 'A shipping address is required.');
  }
  const addressCheck = checkAddress(address);
  if (!addressCheck.ok) return addressCheck.check;
  const shippingAddress = addressCheck.address;
  if (!isString(input.clientToken) || !isClientToken(input.clientToken)) {
    return problem(
      'clientToken',
      `clientToken must have ${ORDER_LIMITS.minClientTokenLength}–${ORDER_LIMITS.maxClientTokenLength} characters from A–Z, a–z, 0–9, "-" and "_".`,
    );
  }
  const method = input.paymentMethod;
  if (method !== undefined && method !== null && !isPaymentMethod(method)) {
    return problem('paymentMethod', `paymentMethod must be ${paymentMethodNames()}.`);
  }
  const paymentMethod = isPaymentMethod(method) ? method : DEFAULT_PAYMENT_METHOD;
  return { ok: true, request: { items: cleanItems, shippingAddress, clientToken: input.clientToken, paymentMethod } };
}
