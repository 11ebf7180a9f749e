/**
 * createOrder, step 2: one strongly consistent BatchGetItem for the ordered products and the caller's
 * client-token item. A token item means this checkout was already placed: its order id goes to
 * the stash's `placedOrderId` and getPlacedOrder returns that order. Otherwise the order is priced
 * from the stored products (`pricedOrder`); unknown or inactive products fail with NotFound,
 * a line short of stock with OutOfStock, a cart mixing currencies with ValidationError, more units of a
 * product than one order may hold with OrderLimitExceeded (model/order-payment.ts). A method the shop offers
 * only under a setting (cash on delivery) reads the shop's settings in the same BatchGetItem and fails with
 * PaymentMethodUnavailable while it is off.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import type { CallerIdentity } from '../../model/order-access';
import { SHOP_SETTINGS_KEY, clientTokenKey, productKey } from '../../model/keys';
import type { OrderRequest } from '../../model/order-input';
import type { ClientTokenItem } from '../../model/order-items';
import { priceOrder, type ProductForOrder } from '../../model/order-pricing';
import { firstUnitLimitExceeded, orderPolicyOf } from '../../model/order-payment';
import { isPaymentMethodOffered, paymentMethodOption, shopPaymentSettingsOf } from '../../model/payment-methods';
import { createOrderStash } from './stash';

interface BatchResult {
  data: Record<string, (Record<string, unknown> | null)[]>;
  unprocessedKeys?: Record<string, unknown[]>;
}

export function request(ctx: Context) {
  const order = createOrderStash(ctx).request as OrderRequest;
  const keys = order.items.map((item) => productKey(item.productId));
  keys.push(clientTokenKey((ctx.identity as CallerIdentity).sub, order.clientToken));
  const option = paymentMethodOption(order.paymentMethod);
  if (option && option.requiresSetting) keys.push(SHOP_SETTINGS_KEY);
  return ddb.batchGet({ tables: { [tableNameOf(ctx.env)]: { keys, consistentRead: true } } });
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const table = tableNameOf(ctx.env);
  const result: BatchResult = ctx.result;
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : undefined;
  if (unprocessed && unprocessed.length > 0) {
    util.error('The catalog could not be read completely; please retry.', 'ServiceUnavailable');
  }
  const found = (result.data[table] || []).filter((item) => item !== null) as Record<string, unknown>[];
  const token = found.find((item) => item.type === 'ClientToken') as ClientTokenItem | undefined;
  const stash = createOrderStash(ctx);
  if (token) {
    stash.placedOrderId = token.orderId;
    return null;
  }
  const order = stash.request as OrderRequest;
  const option = paymentMethodOption(order.paymentMethod);
  if (option && option.requiresSetting) {
    const settings = found.find((item) => item.type === 'ShopSettings');
    if (!isPaymentMethodOffered(option, shopPaymentSettingsOf(settings))) {
      util.error(`The shop does not take ${option.method} payments now; choose another payment method.`, 'PaymentMethodUnavailable', null, {
        paymentMethod: option.method,
      });
    }
  }
  const products = found.filter((item) => item.type === 'Product') as unknown as ProductForOrder[];
  const overLimit = firstUnitLimitExceeded(order.items, products, orderPolicyOf(ctx.env));
  if (overLimit) {
    util.error(
      `At most ${overLimit.limit} units of ${overLimit.name} fit in one order; ${overLimit.requested} were requested.`,
      'OrderLimitExceeded',
      null,
      overLimit,
    );
  }
  const pricing = priceOrder(order.items, products);
  if (!pricing.ok && pricing.reason === 'NotFound') {
    util.error(`These products do not exist or are not for sale: ${pricing.productIds.join(', ')}.`, 'NotFound', null, {
      productIds: pricing.productIds,
    });
  }
  if (!pricing.ok && pricing.reason === 'MixedCurrencies') {
    util.error('All products of an order must share one currency.', 'ValidationError', null, {
      field: 'items',
      currencies: pricing.currencies,
    });
  }
  if (!pricing.ok && pricing.reason === 'OutOfStock') {
    const shortage = pricing.shortage;
    util.error(
      `Only ${shortage.available} units of product ${shortage.productId} are left; ${shortage.requested} were requested.`,
      'OutOfStock',
      null,
      shortage,
    );
  }
  if (pricing.ok) stash.pricedOrder = pricing.order;
  stash.stockSeen = products.map((product) => ({ productId: product.id, stock: product.stock }));
  return null;
}
