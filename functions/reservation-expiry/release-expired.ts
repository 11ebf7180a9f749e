/**
 * The reservation-expiry job: every order still PENDING when its reservation ends is cancelled and its stock
 * returned, exactly once. It reads the due reservation items (one partition sorted by expiry, consistent
 * Query, `SK <= now`), then per order one TransactWriteItems:
 *   [0] the order → CANCELLED (history entry by "sistema" with the reason), on condition it is still PENDING
 *       at the version just read — a payment or a staff change that got there first makes it fail;
 *   [1…] model/order-reservation.ts's plan, the same one every order move uses: stock back per line, the
 *       reservation item deleted (must exist), the owner's unpaid count − 1.
 * A cancelled transaction means someone else ended the reservation: nothing to do. The cancellation reaches
 * the shopper by email through the usual path (table stream → orders topic → order-email).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderKey, RESERVATIONS_PK } from '../../model/keys';
import { orderStatusUpdate, type OrderItem } from '../../model/order-items';
import { EXPIRED_RESERVATION_REASON, reservationEndOf, SYSTEM_ACTOR, type ReservationEnd, type ReservationItem } from '../../model/order-reservation';

export interface ReleaseExpiredOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: Date;
  /** Bounds one run (the next run picks up the rest). */
  readonly maxOrders?: number;
}

export interface ReleaseExpiredReport {
  /** Orders cancelled by this run, their stock returned. */
  readonly released: string[];
  /** Due reservations whose order was paid or changed meanwhile (left to whoever changed it). */
  readonly skipped: string[];
}

type DocumentTransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The reservation-end plan as SDK (document client) transaction entries. */
export function reservationEndTransactItems(tableName: string, end: ReservationEnd): DocumentTransactItem[] {
  const items: DocumentTransactItem[] = end.stockReturns.map((entry) => ({
    Update: {
      TableName: tableName,
      Key: entry.key,
      UpdateExpression: 'ADD #stock :quantity',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#stock': 'stock' },
      ExpressionAttributeValues: { ':quantity': entry.quantity },
    },
  }));
  if (end.reservation) {
    items.push({ Delete: { TableName: tableName, Key: end.reservation, ConditionExpression: 'attribute_exists(PK)' } });
  }
  if (end.unpaidCounter) {
    items.push({
      Update: {
        TableName: tableName,
        Key: end.unpaidCounter,
        UpdateExpression: 'ADD unpaidCount :minusOne',
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    });
  }
  return items;
}

async function releaseOne(options: ReleaseExpiredOptions, reservation: ReservationItem): Promise<boolean> {
  const { documentClient, tableName } = options;
  const read = await documentClient.send(new GetCommand({ TableName: tableName, Key: orderKey(reservation.orderId), ConsistentRead: true }));
  const order = read.Item as OrderItem | undefined;
  if (!order || order.status !== 'PENDING' || order.reservationExpiresAt !== reservation.expiresAt) {
    // Every move out of PENDING deletes the reservation in its own transaction, so this is a leftover of an
    // order that no longer exists or holds another reservation: drop it, returning nothing.
    await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: { PK: reservation.PK, SK: reservation.SK }, ConditionExpression: 'attribute_exists(PK)' }),
    ).catch(() => undefined);
    return false;
  }
  const change = orderStatusUpdate(order, 'CANCELLED', options.now.toISOString(), SYSTEM_ACTOR, { reason: EXPIRED_RESERVATION_REASON });
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: orderKey(order.id),
              UpdateExpression:
                'SET #status = :status, GSI2PK = :gsi2pk, #version = :version, updatedAt = :updatedAt, statusHistory = list_append(statusHistory, :history)',
              ConditionExpression: '#status = :pending AND #version = :expectedVersion',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: {
                ':status': change.set.status,
                ':gsi2pk': change.set.GSI2PK,
                ':version': change.set.version,
                ':updatedAt': change.set.updatedAt,
                ':history': change.appendedHistory,
                ':pending': 'PENDING',
                ':expectedVersion': change.expectedVersion,
              },
            },
          },
          ...reservationEndTransactItems(tableName, reservationEndOf(order, 'CANCELLED')),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

export async function releaseExpiredReservations(options: ReleaseExpiredOptions): Promise<ReleaseExpiredReport> {
  const maxOrders = options.maxOrders ?? 500;
  const released: string[] = [];
  const skipped: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  let seen = 0;
  do {
    const page = await options.documentClient.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: 'PK = :pk AND SK <= :now',
        // `~` sorts after every ULID character, so reservations expiring at this very millisecond are included.
        ExpressionAttributeValues: { ':pk': RESERVATIONS_PK, ':now': `${options.now.toISOString()}#~` },
        ConsistentRead: true,
        Limit: Math.min(100, maxOrders - seen),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of (page.Items ?? []) as ReservationItem[]) {
      seen += 1;
      if (await releaseOne(options, item)) released.push(item.orderId);
      else skipped.push(item.orderId);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && seen < maxOrders);
  return { released, skipped };
}

