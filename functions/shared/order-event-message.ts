/**
 * Reads an order event out of a queue message body (the SNS message, raw delivery). Consumers never trust
 * the body's shape: a malformed message fails with a ValidationError, is retried by its queue and ends in
 * the dead-letter queue with that reason logged.
 */
import * as z from 'zod'; // the namespace import keeps zod's locale tables out of Lambda bundles
import {
  ORDER_EVENT_SCHEMA_VERSION,
  ORDER_EVENT_TYPES,
  ORDER_STATUSES,
  orderEventId,
  type OrderEvent,
} from '../../model/order-events';
import { EventProcessingError } from './event-errors';

const status = z.enum(ORDER_STATUSES as [string, ...string[]]);
const cents = z.number().int();

const orderSnapshot = z.object({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  customerEmail: z.string().optional(),
  status,
  currency: z.string().length(3),
  lines: z
    .array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        quantity: z.number().int().positive(),
        unitPriceCents: cents,
        lineTotalCents: cents,
        prescriptionRequired: z.boolean(),
        // Optional: orders placed before lines kept their category have none.
        categoryId: z.string().optional(),
        categoryName: z.string().optional(),
      }),
    )
    .min(1),
  itemCount: z.number().int(),
  subtotalCents: cents,
  shippingCents: cents,
  totalCents: cents,
  shippingAddress: z.object({
    recipientName: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    state: z.string(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().optional(),
  }),
  statusHistory: z.array(
    z.object({
      status,
      at: z.string(),
      by: z.string().optional(),
      byEmail: z.string().optional(),
      // Staff's cancellation reason and the shipment's carrier and tracking number (the emails show them).
      reason: z.string().optional(),
      carrier: z.string().optional(),
      trackingNumber: z.string().optional(),
    }),
  ),
  clientToken: z.string().optional(),
  paymentMethod: z.string().optional(),
  cardPayment: z
    .object({
      provider: z.literal('stripe'),
      checkoutSessionId: z.string(),
      paymentIntentId: z.string().min(1),
      amountCents: cents,
      currency: z.string(),
      paidAt: z.string(),
    })
    .optional(),
  cardRefund: z
    .object({
      provider: z.literal('stripe'),
      paymentIntentId: z.string(),
      refundId: z.string(),
      amountCents: cents,
      currency: z.string(),
      status: z.string().nullable(),
      refundedAt: z.string(),
    })
    .optional(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const orderEvent = z
  .object({
    schemaVersion: z.literal(ORDER_EVENT_SCHEMA_VERSION),
    eventId: z.string().min(1),
    eventType: z.enum(ORDER_EVENT_TYPES as [string, ...string[]]),
    orderId: z.string().min(1),
    orderVersion: z.number().int().positive(),
    occurredAt: z.string(),
    status,
    previousStatus: status.optional(),
    order: orderSnapshot,
  })
  .refine((e) => e.eventId === orderEventId(e.orderId, e.orderVersion), {
    message: 'eventId must be <orderId>#v<orderVersion>',
  })
  .refine((e) => e.eventType === 'OrderPlaced' || e.previousStatus !== undefined, {
    message: 'status changes carry previousStatus',
  });

export function parseOrderEventMessage(body: string): OrderEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new EventProcessingError('ValidationError', 'Message body is not JSON');
  }
  const parsed = orderEvent.safeParse(json);
  if (!parsed.success) {
    throw new EventProcessingError('ValidationError', `Not an order event: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as OrderEvent;
}
