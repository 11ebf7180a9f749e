/**
 * Money as shoppers read it in Mexico: "$1,234.50 MXN". The one formatter of the web app and the order
 * emails (both import this module). Exact integer arithmetic on cents: no floating point, so a total never
 * shows a rounding artefact, and no Intl, so Node and every browser print the same characters.
 */
export function formatMoney(cents: number, currency: string): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = Math.floor(absolute / 100);
  const fraction = absolute % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${grouped}.${String(fraction).padStart(2, '0')} ${currency}`;
}
