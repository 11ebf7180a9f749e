/** Formats integer minor units for shoppers in Mexico: 123450 MXN → "$1,234.50 MXN". */
export function formatMoney(money: { readonly amountCents: number; readonly currency: string }): string {
  const amount = new Intl.NumberFormat('es-MX', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    money.amountCents / 100,
  );
  return `$${amount} ${money.currency}`;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
