/**
 * The order email templates (Spanish), named by the settings. The CDK stack deploys
 * `orderEmailTemplates(...)` with DEFAULT_ORDER_EMAIL_TEMPLATES prefixed per stack as SES templates; the local fabric creates
 * the same ones in local SES; order-email renders the same sources for the archived copy.
 */
import type { OrderEmailTemplateNames } from '../../../config/settings';
import { orderCancelledTemplate } from './order-cancelled';
import { orderPlacedTemplate } from './order-placed';
import { orderStatusChangedTemplate } from './order-status-changed';
import type { OrderEmailTemplate } from './template-definition';

export type { OrderEmailTemplate, OrderEmailTemplateContent } from './template-definition';

const built = new Map<string, readonly OrderEmailTemplate[]>();

export function orderEmailTemplates(names: OrderEmailTemplateNames): readonly OrderEmailTemplate[] {
  const key = `${names.orderPlaced}|${names.orderStatusChanged}|${names.orderCancelled}`;
  const cached = built.get(key);
  if (cached) return cached;
  const templates: readonly OrderEmailTemplate[] = [
    { name: names.orderPlaced, ...orderPlacedTemplate },
    { name: names.orderStatusChanged, ...orderStatusChangedTemplate },
    { name: names.orderCancelled, ...orderCancelledTemplate },
  ];
  built.set(key, templates);
  return templates;
}
