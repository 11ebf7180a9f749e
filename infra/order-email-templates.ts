/**
 * The SES templates of the order emails, taken from the data order-email renders with
 * (functions/order-email/templates), so the deployed templates and the local mailbox show the same emails.
 * SES template names are account-wide: they carry the stack prefix, so two stacks in one account don't clash.
 */
import { DEFAULT_ORDER_EMAIL_TEMPLATES } from '../config/settings';
import { orderEmailTemplates as templatesNamed } from '../functions/order-email/templates';
import { prefixedName } from './naming';
import type { OrderEmailTemplates } from './stacks/farmacruz-stack';

export function orderEmailTemplates(stackPrefix: string): OrderEmailTemplates {
  const defaults = DEFAULT_ORDER_EMAIL_TEMPLATES;
  const named = (name: string) => prefixedName(stackPrefix, name);
  const names = {
    orderPlaced: named(defaults.orderPlaced),
    orderStatusChanged: named(defaults.orderStatusChanged),
    orderCancelled: named(defaults.orderCancelled),
  };
  return {
    templates: templatesNamed(names),
    placed: names.orderPlaced,
    statusChanged: names.orderStatusChanged,
    cancelled: names.orderCancelled,
  };
}
