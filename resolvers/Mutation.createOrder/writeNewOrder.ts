/**
 * createOrder, step 3: one TransactWriteItems that places the order —
 *   [0] Put the order (must not exist), [1] Put the client-token item (must not exist),
 *   [2] Put the stock reservation (model/order-reservation.ts: the expiry job finds the order through it) —
 *       not for cash on delivery, whose stock stays held until staff ship or cancel it (no expiry); the
 *       indexes below then move up by one,
 *   [3] the shopper's unpaid-orders count + 1, if it is below the limit (TooManyUnpaidOrders otherwise: the
 *       count lives in one item, so concurrent checkouts cannot both slip under it),
 *   [4…] per line `stock = stock - quantity` if `stock >= quantity AND active = true`.
 * Either all of it happens or none. When DynamoDB cancels the transaction, the reasons are read by
 * index: a product condition → OutOfStock (or NotFound if it was hidden meanwhile); the token → a
 * concurrent retry of the same checkout won, and the later steps return its order.
 * Skipped when getOrderProducts already found the client token.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { orderActorOf, type CallerIdentity } from '../../model/order-access';
import type { OrderRequest } from '../../model/order-input';
import { productKey, unpaidOrdersKey } from '../../model/keys';
import { holdsTimedReservation, orderPolicyOf, reservationMillis, speiReferenceOf } from '../../model/order-payment';
import { reservationItem } from '../../model/order-reservation';
import { clientTokenItem, itemAttributes, newOrderItem, type OrderItem } from '../../model/order-items';
import type { PricedOrder } from '../../model/order-pricing';
import { createOrderStash } from './stash';

const ORDER_INDEX = 0;
const TOKEN_INDEX = 1;
/** Where the unpaid-orders count is in the transaction: after the reservation item, when there is one. */
function unpaidCountIndex(order: OrderItem): number {
  return typeof order.reservationExpiresAt === 'string' ? 3 : 2;
}
function firstProductIndex(order: OrderItem): number {
  return unpaidCountIndex(order) + 1;
}

interface CancellationReason {
  type?: string | null;
  message?: string | null;
  item?: Record<string, unknown> | null;
}

export function request(ctx: Context) {
  const stash = createOrderStash(ctx);
  if (stash.placedOrderId) {
    runtime.earlyReturn(null);
  }
  const table = tableNameOf(ctx.env);
  const caller = ctx.identity as CallerIdentity;
  const orderRequest = stash.request as OrderRequest;
  const priced = stash.pricedOrder as PricedOrder;
  const id = util.autoUlid();
  const nowMillis = util.time.nowEpochMilliSeconds();
  const now = util.time.epochMilliSecondsToISO8601(nowMillis);
  const policy = orderPolicyOf(ctx.env);
  const method = orderRequest.paymentMethod;
  const timed = holdsTimedReservation(method);
  const reservationExpiresAt = timed ? util.time.epochMilliSecondsToISO8601(nowMillis + reservationMillis(method, policy)) : undefined;
  const payment =
    method === 'SPEI' ? { method, reservationExpiresAt, reference: speiReferenceOf(id) } : { method, reservationExpiresAt };
  const order = newOrderItem({
    id,
    now,
    payment,
    actor: orderActorOf(caller),
    clientToken: orderRequest.clientToken,
    shippingAddress: orderRequest.shippingAddress,
    priced,
  });
  const token = clientTokenItem(caller.sub, orderRequest.clientToken, id, now);
  stash.newOrder = order;
  const stockUpdates = priced.lines.map((line) => ({
    updateItem: {
      table,
      key: productKey(line.productId),
      update: { stock: ddb.operations.decrement(line.quantity) },
      condition: { stock: { ge: line.quantity }, active: { eq: true } },
    },
  }));
  const reservationPut: ddb.TransactWriteItem[] = [];
  if (reservationExpiresAt) {
    const reservation = reservationItem({ id, ownerId: caller.sub, reservationExpiresAt });
    reservationPut.push({
      putItem: {
        table,
        key: { PK: reservation.PK, SK: reservation.SK },
        item: itemAttributes(reservation),
        condition: { PK: { attributeExists: false } },
      },
    });
  }
  return ddb.transactWrite({
    items: [
      {
        putItem: {
          table,
          key: { PK: order.PK, SK: order.SK },
          item: itemAttributes(order),
          condition: { PK: { attributeExists: false } },
        },
      },
      {
        putItem: {
          table,
          key: { PK: token.PK, SK: token.SK },
          item: itemAttributes(token),
          condition: { PK: { attributeExists: false } },
        },
      },
      ...reservationPut,
      {
        updateItem: {
          table,
          key: unpaidOrdersKey(caller.sub),
          update: { type: 'UnpaidOrders', unpaidCount: ddb.operations.increment(1) },
          condition: { or: [{ unpaidCount: { attributeExists: false } }, { unpaidCount: { lt: policy.maxUnpaidOrders } }] },
        },
      },
      ...stockUpdates,
    ],
  });
}

function failedCondition(reason: CancellationReason | null | undefined): boolean {
  return reason !== null && reason !== undefined && reason.type === 'ConditionalCheckFailed';
}

export function response(ctx: Context) {
  const stash = createOrderStash(ctx);
  if (!ctx.error) {
    stash.order = stash.newOrder as OrderItem;
    return null;
  }
  const reasons: CancellationReason[] = ctx.result && ctx.result.cancellationReasons ? ctx.result.cancellationReasons : [];
  const tokenReason = reasons[TOKEN_INDEX];
  if (tokenReason && failedCondition(tokenReason)) {
    // The same checkout was placed by a concurrent request: return that order instead of a second one.
    const previous = tokenReason.item;
    if (previous && typeof previous.orderId === 'string') {
      stash.placedOrderId = previous.orderId;
    } else {
      stash.clientTokenTaken = true;
    }
    return null;
  }
  const placing = stash.newOrder as OrderItem;
  if (failedCondition(reasons[unpaidCountIndex(placing)])) {
    const limit = orderPolicyOf(ctx.env).maxUnpaidOrders;
    util.error(`You already have ${limit} orders waiting for payment; pay or cancel one first.`, 'TooManyUnpaidOrders', null, {
      limit,
    });
  }
  const order = placing;
  const firstProduct = firstProductIndex(order);
  const failedLine = order.lines.find((line, index) => failedCondition(reasons[firstProduct + index]));
  if (failedLine) {
    const reason = reasons[firstProduct + order.lines.indexOf(failedLine)];
    const current = reason ? reason.item : null;
    if (current && current.active === false) {
      util.error(`Product ${failedLine.productId} is no longer for sale.`, 'NotFound', null, {
        productIds: [failedLine.productId],
      });
    }
    const seen = (stash.stockSeen || []).find(
      (entry) => entry.productId === failedLine.productId,
    );
    // DynamoDB returns the product as it stood when the condition failed; without it, all we know is
    // that fewer units than requested were left when the transaction ran.
    const available =
      current && typeof current.stock === 'number'
        ? Math.max(0, current.stock)
        : Math.max(0, Math.min(seen ? seen.stock : 0, failedLine.quantity - 1));
    util.error(
      `Only ${available} units of product ${failedLine.productId} are left; ${failedLine.quantity} were requested.`,
      'OutOfStock',
      null,
      { productId: failedLine.productId, requested: failedLine.quantity, available },
    );
  }
  if (failedCondition(reasons[ORDER_INDEX])) {
    util.error('An order with the same id already exists; please retry.', 'Conflict');
  }
  util.error(ctx.error.message, ctx.error.type);
}
