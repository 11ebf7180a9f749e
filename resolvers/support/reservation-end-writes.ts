/**
 * The writes of model/order-reservation.ts as TransactWriteItems entries of the APPSYNC_JS DynamoDB helpers,
 * for every resolver that moves an order (the Lambdas map the same plan to the SDK).
 */
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { ReservationEnd } from '../../model/order-reservation';

export function reservationEndWrites(table: string, end: ReservationEnd) {
  const writes: ddb.TransactWriteItem[] = end.stockReturns.map((entry) => ({
    updateItem: {
      table,
      key: entry.key,
      update: { stock: ddb.operations.increment(entry.quantity) },
      condition: { PK: { attributeExists: true } },
    },
  }));
  if (end.reservation) {
    writes.push({ deleteItem: { table, key: end.reservation, condition: { PK: { attributeExists: true } } } });
  }
  if (end.unpaidCounter) {
    writes.push({ updateItem: { table, key: end.unpaidCounter, update: { unpaidCount: ddb.operations.decrement(1) } } });
  }
  return writes;
}
