/**
 * Pure logic of order-lake: the analytics record of one order event. Flat, snake_case columns (what
 * Glue/Athena read best), amounts in integer cents, one entry per order line. Personal data stays out:
 * no name, email, phone or street address; the shopper appears only as a one-way pseudonym and the
 * destination only as state, postal code and country (enough for regional analysis).
 *
 * `event_id` is the deduplication key downstream: Kinesis and Firehose deliver at least once, so a
 * record can appear twice in the lake; queries keep one row per event_id (docs/event-pipeline.md).
 */
import { createHash } from 'node:crypto';
import type { OrderEvent } from '../../model/order-events';

export const LAKE_RECORD_VERSION = 1;

export interface LakeOrderLine {
  line_number: number;
  product_id: string;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price_cents: number;
  line_total_cents: number;
  prescription_required: boolean;
  /** The product's category when ordered; null for lines of orders placed before lines carried it. */
  category_id: string | null;
  category_name: string | null;
}

export interface LakeOrderRecord {
  record_version: number;
  event_id: string;
  event_type: string;
  event_time: string;
  /** UTC date of the event, YYYY-MM-DD (the lake is partitioned by delivery date; this is the business date). */
  event_date: string;
  order_id: string;
  order_version: number;
  status: string;
  previous_status: string | null;
  customer_key: string;
  currency: string;
  item_count: number;
  line_count: number;
  subtotal_cents: number;
  shipping_cents: number;
  total_cents: number;
  prescription_line_count: number;
  ship_state: string;
  ship_postal_code: string;
  ship_country: string;
  order_created_at: string;
  lines: LakeOrderLine[];
}

/** A stable pseudonym of the shopper: the same shopper always maps to the same key, and it leads nowhere. */
export function customerKey(ownerId: string): string {
  return createHash('sha256').update(`farmacruz-lake:${ownerId}`).digest('hex').slice(0, 32);
}

export function lakeRecordFromEvent(event: OrderEvent): LakeOrderRecord {
  const { order } = event;
  return {
    record_version: LAKE_RECORD_VERSION,
    event_id: event.eventId,
    event_type: event.eventType,
    event_time: event.occurredAt,
    event_date: event.occurredAt.slice(0, 10),
    order_id: order.id,
    order_version: order.version,
    status: order.status,
    previous_status: event.eventType === 'OrderPlaced' ? null : event.previousStatus,
    customer_key: customerKey(order.ownerId),
    currency: order.currency,
    item_count: order.itemCount,
    line_count: order.lines.length,
    subtotal_cents: order.subtotalCents,
    shipping_cents: order.shippingCents,
    total_cents: order.totalCents,
    prescription_line_count: order.lines.filter((line) => line.prescriptionRequired).length,
    ship_state: order.shippingAddress.state,
    ship_postal_code: order.shippingAddress.postalCode,
    ship_country: order.shippingAddress.country,
    order_created_at: order.createdAt,
    lines: order.lines.map((line, index) => ({
      line_number: index + 1,
      product_id: line.productId,
      sku: line.sku,
      product_name: line.name,
      quantity: line.quantity,
      unit_price_cents: line.unitPriceCents,
      line_total_cents: line.lineTotalCents,
      prescription_required: line.prescriptionRequired,
      category_id: line.categoryId ?? null,
      category_name: line.categoryName ?? null,
    })),
  };
}

/**
 * The bytes put on the stream: one JSON document and a newline. Firehose concatenates records as they
 * are, so the newline is what makes the delivered objects newline-delimited JSON.
 */
export function lakeRecordData(record: LakeOrderRecord): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record)}\n`);
}
