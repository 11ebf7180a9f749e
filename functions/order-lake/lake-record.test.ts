import { describe, expect, it } from 'vitest';
import { sampleOrderItem, withStatus } from '../../test/support/orders';
import { orderEventFromChange } from '../order-stream/order-event-from-change';
import { customerKey, lakeRecordData, lakeRecordFromEvent } from './lake-record';

const placed = sampleOrderItem({ id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P', shippingCents: 9_900 });

describe('lake record of an order event', () => {
  it('flattens the order into snake_case columns with integer cents and one entry per line', () => {
    const record = lakeRecordFromEvent(orderEventFromChange('INSERT', undefined, placed)!);
    expect(record).toMatchObject({
      event_id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P#v1',
      event_type: 'OrderPlaced',
      event_date: '2025-03-14',
      order_id: placed.id,
      status: 'PENDING',
      previous_status: null,
      currency: 'MXN',
      item_count: 3,
      line_count: 2,
      subtotal_cents: 123_500,
      shipping_cents: 9_900,
      total_cents: 133_400,
      prescription_line_count: 1,
      ship_state: 'CDMX',
      ship_postal_code: '03100',
      ship_country: 'MX',
    });
    expect(record.lines[1]).toEqual({
      line_number: 2,
      product_id: 'P-AMOXICILINA',
      sku: '7501008400028',
      product_name: 'Amoxicilina 500 mg, 12 cápsulas',
      quantity: 1,
      unit_price_cents: 114_400,
      line_total_cents: 114_400,
      prescription_required: true,
      category_id: null,
      category_name: null,
    });
  });

  it('keeps the category a line was ordered in, for sales by category', () => {
    const [first, second] = placed.lines;
    const categorized = { ...placed, lines: [{ ...first!, categoryId: 'analgesicos', categoryName: 'Analgésicos' }, second!] };
    const record = lakeRecordFromEvent(orderEventFromChange('INSERT', undefined, categorized)!);
    expect(record.lines[0]).toMatchObject({ category_id: 'analgesicos', category_name: 'Analgésicos' });
    expect(record.lines[1]).toMatchObject({ category_id: null, category_name: null });
  });

  it('keeps no personal data: no email, name, street, phone or raw user id', () => {
    const text = JSON.stringify(lakeRecordFromEvent(orderEventFromChange('INSERT', undefined, placed)!));
    for (const personal of ['ana.lopez@example.com', 'Ana López', 'Insurgentes', '1234 5678', placed.ownerId]) {
      expect(text).not.toContain(personal);
    }
  });

  it('identifies the shopper by a stable pseudonym', () => {
    expect(customerKey(placed.ownerId)).toBe(customerKey(placed.ownerId));
    expect(customerKey(placed.ownerId)).not.toBe(customerKey('someone-else'));
    expect(customerKey(placed.ownerId)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records status changes with the previous status', () => {
    const paid = withStatus(placed, 'PAID', '2025-03-15T00:30:00.000Z');
    const record = lakeRecordFromEvent(orderEventFromChange('MODIFY', placed, paid)!);
    expect(record).toMatchObject({ event_type: 'OrderStatusChanged', status: 'PAID', previous_status: 'PENDING', event_date: '2025-03-15', order_version: 2 });
  });

  it('is one JSON line on the stream, so Firehose objects are newline-delimited JSON', () => {
    const record = lakeRecordFromEvent(orderEventFromChange('INSERT', undefined, placed)!);
    const text = new TextDecoder().decode(lakeRecordData(record));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(text)).toEqual(record);
  });
});
