/**
 * The cancellation email of a card-paid order (issue 13): it waits for the refund (no email on its OrderCancelled)
 * and goes out on OrderRefunded, saying the card refund was issued, with the cancellation's date, reason and the
 * status before it.
 */
import { describe, expect, it } from 'vitest';
import { localLambdaSettings } from '../../config/settings';
import { formatMoney } from '../../model/money-format';
import { sampleOrderItem, withStatus } from '../../test/support/orders';
import { orderEventFromChange } from '../order-stream/order-event-from-change';
import { noEmailReason, planOrderEmail } from './plan-order-email';

const settings = localLambdaSettings({});
const placed = sampleOrderItem({ id: '01JPAXQ7N4M2ZC3V5B6N7M8K9P' });
const cardPayment = { provider: 'stripe', checkoutSessionId: 'cs_1', paymentIntentId: 'pi_1', amountCents: placed.totalCents, currency: 'MXN', paidAt: '2025-03-14T17:10:00.000Z' } as const;
const paid = { ...withStatus(placed, 'PAID', '2025-03-14T17:10:00.000Z'), cardPayment };
const cancelled = withStatus(paid, 'CANCELLED', '2025-03-15T09:00:00.000Z', { reason: 'Sin existencias' });
const refunded = {
  ...cancelled,
  version: cancelled.version + 1,
  updatedAt: '2025-03-15T09:00:04.000Z',
  cardRefund: { provider: 'stripe', paymentIntentId: 'pi_1', refundId: 're_test_123', amountCents: placed.totalCents, currency: 'MXN', status: 'succeeded', refundedAt: '2025-03-15T09:00:04.000Z' },
} as const;

describe('the cancellation email of a card-paid order', () => {
  it('is not sent on the cancellation itself, which waits for the refund', () => {
    const event = orderEventFromChange('MODIFY', paid, cancelled)!;
    expect(event.eventType).toBe('OrderCancelled');
    expect(noEmailReason(event)).toMatch(/refund/);
    // An unpaid order's cancellation is emailed at once.
    const unpaid = orderEventFromChange('MODIFY', placed, withStatus(placed, 'CANCELLED', '2025-03-15T09:00:00.000Z'))!;
    expect(noEmailReason(unpaid)).toBeNull();
  });

  it('is sent on OrderRefunded with the cancellation template, saying the card refund was issued', () => {
    const event = orderEventFromChange('MODIFY', cancelled, refunded)!;
    expect(event.eventType).toBe('OrderRefunded');
    expect(noEmailReason(event)).toBeNull();
    const plan = planOrderEmail(event, settings.email, 'cliente@example.com')!;
    expect(plan.templateName).toBe(settings.email.templates.orderCancelled);
    expect(plan.rendered.subject).toContain('fue cancelado');
    const amount = formatMoney(placed.totalCents, 'MXN');
    for (const part of [plan.rendered.text, plan.rendered.html]) {
      expect(part).toContain(`ya emitimos el reembolso de ${amount}`);
      expect(part).toContain('re_test_123');
      expect(part).toContain('Sin existencias');
    }
    expect(plan.rendered.text).toContain('(antes: Pagado)');
    // Dated by the cancellation, not by the refund a few seconds later (09:00 UTC is 3:00 in Mexico City).
    expect(plan.rendered.text).toMatch(/Cancelado el 15 de marzo de 2025 a las 3:00/);
    expect(plan.archiveKey).toMatch(/v\d+-OrderRefunded\.eml$/);
  });
});
