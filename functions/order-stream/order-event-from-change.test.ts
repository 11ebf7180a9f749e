import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { sampleOrderItem, withStatus } from '../../test/support/orders';
import { orderEventFromChange, orderEventFromStreamRecord } from './order-event-from-change';

const placed = sampleOrderItem({ id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P' });

describe('order events from table changes', () => {
  it('an inserted order is OrderPlaced with the id <orderId>#v<version>', () => {
    const event = orderEventFromChange('INSERT', undefined, placed);
    expect(event).toMatchObject({
      eventType: 'OrderPlaced',
      eventId: '01JPAXQ7N4M2ZC3V5B6N7M8K9P#v1',
      orderId: placed.id,
      orderVersion: 1,
      status: 'PENDING',
      occurredAt: placed.updatedAt,
    });
  });

  it('the event carries the order without its table keys', () => {
    const event = orderEventFromChange('INSERT', undefined, placed);
    expect(event?.order).not.toHaveProperty('PK');
    expect(event?.order).not.toHaveProperty('GSI1PK');
    expect(event?.order).not.toHaveProperty('type');
    expect(event?.order.lines).toEqual(placed.lines);
  });

  it('a status move is OrderStatusChanged with the previous status and the new version', () => {
    const paid = withStatus(placed, 'PAID', '2025-03-14T18:00:00.000Z');
    const event = orderEventFromChange('MODIFY', placed, paid);
    expect(event).toMatchObject({
      eventType: 'OrderStatusChanged',
      eventId: `${placed.id}#v2`,
      previousStatus: 'PENDING',
      status: 'PAID',
      occurredAt: '2025-03-14T18:00:00.000Z',
    });
  });

  it('a move to CANCELLED is OrderCancelled', () => {
    const cancelled = withStatus(placed, 'CANCELLED', '2025-03-15T09:00:00.000Z');
    expect(orderEventFromChange('MODIFY', placed, cancelled)).toMatchObject({
      eventType: 'OrderCancelled',
      previousStatus: 'PENDING',
      status: 'CANCELLED',
    });
  });

  it('a cancelled order that newly records its card refund is OrderRefunded (CANCELLED → CANCELLED), once', () => {
    const cancelled = { ...withStatus(placed, 'CANCELLED', '2025-03-15T09:00:00.000Z'), cardPayment: { provider: 'stripe', paymentIntentId: 'pi_1' } };
    const refunded = {
      ...cancelled,
      version: cancelled.version + 1,
      updatedAt: '2025-03-15T09:00:05.000Z',
      cardRefund: { provider: 'stripe', paymentIntentId: 'pi_1', refundId: 're_1', amountCents: 100, currency: 'MXN', status: 'succeeded', refundedAt: '2025-03-15T09:00:05.000Z' },
    };
    expect(orderEventFromChange('MODIFY', cancelled, refunded)).toMatchObject({
      eventType: 'OrderRefunded',
      eventId: `${placed.id}#v${cancelled.version + 1}`,
      previousStatus: 'CANCELLED',
      status: 'CANCELLED',
      occurredAt: '2025-03-15T09:00:05.000Z',
    });
    expect(orderEventFromChange('MODIFY', refunded, { ...refunded, updatedAt: '2025-03-16T00:00:00.000Z' })).toBeNull();
  });

  it('an edit that does not move the status means no event', () => {
    expect(orderEventFromChange('MODIFY', placed, { ...placed, updatedAt: '2025-03-14T17:06:00.000Z' })).toBeNull();
  });

  it('deleted orders and other entities mean no event', () => {
    expect(orderEventFromChange('REMOVE', placed, undefined)).toBeNull();
    const product = { PK: 'PRODUCT#1', SK: 'PRODUCT', type: 'Product', name: 'Paracetamol' };
    expect(orderEventFromChange('INSERT', undefined, product)).toBeNull();
    expect(orderEventFromChange('INSERT', undefined, { PK: 'IDEMPOTENCY#order-email', SK: 'x' })).toBeNull();
  });

  it('reads AWS-shaped stream records', () => {
    const record = {
      eventName: 'INSERT',
      dynamodb: { NewImage: marshall(placed, { removeUndefinedValues: true }), SequenceNumber: '100' },
    } as unknown as DynamoDBRecord;
    expect(orderEventFromStreamRecord(record)).toMatchObject({ eventType: 'OrderPlaced', orderId: placed.id });
  });
});
