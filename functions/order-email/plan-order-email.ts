/**
 * Pure logic of order-email: for one order event, which template goes to whom with what data, and the
 * archived copy's MIME text once SES accepted the email (with the outcome in its headers) and where it is
 * kept. No recipient means no email.
 */
import type { LambdaSettings } from '../../config/settings';
import { isEmailAddress } from '../../model/input-text';
import { holdsRefundableCardPayment, type OrderEvent } from '../../model/order-events';
import { EventProcessingError } from '../shared/event-errors';
import { orderEmailTemplateData, templateNameFor, type OrderEmailTemplateData } from './email-view';
import { buildMimeMessage } from './mime-message';
import { renderTemplate, type RenderedEmail } from './render-template';
import { orderEmailTemplates } from './templates';

export const EVENT_ID_HEADER = 'X-FarmaCruz-Event-Id';
/** Headers of the archived copy that record what happened to the email. */
export const DELIVERY_HEADER = 'X-FarmaCruz-Delivery';
export const SES_MESSAGE_ID_HEADER = 'X-FarmaCruz-SES-Message-Id';

export interface OrderEmailPlan {
  readonly eventId: string;
  readonly to: string;
  readonly templateName: string;
  readonly templateData: OrderEmailTemplateData;
  readonly rendered: RenderedEmail;
  /** Key of the raw copy in the emails bucket. */
  readonly archiveKey: string;
  readonly messageId: string;
}

/** What SES said when it accepted the email: the copy is written only after this. */
export interface EmailDelivery {
  readonly sesMessageId: string;
  /** When SES accepted it (ISO-8601 UTC): the copy's Date header. */
  readonly sentAt: string;
}

/** `YYYY/MM/DD/<orderId>/v<version>-<eventType>.eml`, dated by when the change happened (UTC). */
export function emailArchiveKey(event: OrderEvent): string {
  const day = event.occurredAt.slice(0, 10).split('-');
  const [year, month, date] = day.length === 3 ? day : new Date().toISOString().slice(0, 10).split('-');
  return `${year}/${month}/${date}/${event.orderId}/v${event.orderVersion}-${event.eventType}.eml`;
}

/**
 * Why an event sends no email, or null when it sends one: a card-paid order's cancellation waits for its refund
 * (order-refund records it; the OrderRefunded event that follows sends the cancellation email saying the card
 * refund was issued), so the shopper gets one cancellation email, and the one that is true.
 */
export function noEmailReason(event: OrderEvent): string | null {
  if (event.eventType === 'OrderCancelled' && holdsRefundableCardPayment(event.order) && !event.order.cardRefund) {
    return 'the cancellation email of a card-paid order is sent once its refund is recorded (OrderRefunded)';
  }
  return null;
}

/**
 * The email of `event` to `recipient` (by default the order's customerEmail); null without one. A recipient
 * that is not a plain address is refused (ValidationError): it would otherwise reach SES and the copy's headers.
 */
export function planOrderEmail(
  event: OrderEvent,
  email: LambdaSettings['email'],
  recipient: string | null | undefined = event.order.customerEmail,
): OrderEmailPlan | null {
  const to = recipient?.trim();
  if (!to) return null;
  if (!isEmailAddress(to)) {
    throw new EventProcessingError('ValidationError', `Order ${event.orderId} has an email address that is not a plain address`);
  }
  const templateName = templateNameFor(event.eventType, email.templates);
  const template = orderEmailTemplates(email.templates).find((t) => t.name === templateName);
  if (!template) throw new Error(`No email template named ${templateName}`);
  const templateData = orderEmailTemplateData(event, { timeZone: email.timeZone, shopUrl: email.shopUrl, speiAccount: email.speiAccount });
  return {
    eventId: event.eventId,
    to,
    templateName,
    templateData,
    rendered: renderTemplate(template, templateData),
    archiveKey: emailArchiveKey(event),
    messageId: `${event.orderId}.v${event.orderVersion}@farmacruz`,
  };
}

/** The archived copy of an email SES accepted: the same copy on every attempt (boundary from the event id). */
export function archivedEmailMime(plan: OrderEmailPlan, email: LambdaSettings['email'], delivery: EmailDelivery): string {
  return buildMimeMessage({
    from: email.from,
    to: [plan.to],
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: plan.rendered.subject,
    text: plan.rendered.text,
    html: plan.rendered.html,
    date: new Date(delivery.sentAt),
    messageId: plan.messageId,
    headers: {
      [EVENT_ID_HEADER]: plan.eventId,
      [DELIVERY_HEADER]: 'sent',
      [SES_MESSAGE_ID_HEADER]: delivery.sesMessageId,
    },
    boundary: `=_farmacruz_${plan.eventId.replace(/[^A-Za-z0-9]/g, '')}`,
  });
}
