/** Money and dates for shoppers in Mexico. Money goes through the formatter the order emails use too. */
import { formatMoney as formatCents } from '../../model/money-format';

export function formatMoney(money: { readonly amountCents: number; readonly currency: string }): string {
  return formatCents(money.amountCents, money.currency);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
