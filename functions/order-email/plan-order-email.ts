/**
 * Pure logic of order-email: for one order event, which template goes to whom with what data, the
 * archived copy's MIME text and where it is kept. No email address on the order means no email.
 */
import type { LambdaSettings } from '../../config/settings';
import type { OrderEvent } from '../../model/order-events';
import { orderEmailTemplateData, templateNameFor, type OrderEmailTemplateData } from './email-view';
import { buildMimeMessage } from './mime-message';
import { renderTemplate } from './render-template';
import { orderEmailTemplates } from './templates';

export const EVENT_ID_HEADER = 'X-FarmaCruz-Event-Id';

export interface OrderEmailPlan {
  readonly eventId: string;
  readonly to: string;
  readonly templateName: string;
  readonly templateData: OrderEmailTemplateData;
  /** Key of the raw copy in the emails bucket. */
  readonly archiveKey: string;
  /** The raw MIME copy. */
  readonly mime: string;
}

/** `YYYY/MM/DD/<orderId>/v<version>-<eventType>.eml`, dated by when the change happened (UTC). */
export function emailArchiveKey(event: OrderEvent): string {
  const day = event.occurredAt.slice(0, 10).split('-');
  const [year, month, date] = day.length === 3 ? day : new Date().toISOString().slice(0, 10).split('-');
  return `${year}/${month}/${date}/${event.orderId}/v${event.orderVersion}-${event.eventType}.eml`;
}

export function planOrderEmail(event: OrderEvent, email: LambdaSettings['email'], now: Date): OrderEmailPlan | null {
  const to = event.order.customerEmail?.trim();
  if (!to) return null;
  const templateName = templateNameFor(event.eventType, email.templates);
  const template = orderEmailTemplates(email.templates).find((t) => t.name === templateName);
  if (!template) throw new Error(`No email template named ${templateName}`);
  const templateData = orderEmailTemplateData(event, { timeZone: email.timeZone, shopUrl: email.shopUrl });
  const rendered = renderTemplate(template, templateData);
  const mime = buildMimeMessage({
    from: email.from,
    to: [to],
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    date: now,
    messageId: `${event.orderId}.v${event.orderVersion}@farmacruz`,
    headers: { [EVENT_ID_HEADER]: event.eventId },
  });
  return { eventId: event.eventId, to, templateName, templateData, archiveKey: emailArchiveKey(event), mime };
}
