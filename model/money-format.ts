/**
 * Money as shoppers read it in Mexico: "$1,234.50 MXN". The one formatter of the web app and the order
 * emails (both import this module). Exact integer arithmetic on cents: no floating point, so a total never
 * shows a rounding artefact, and no Intl, so Node and every browser print the same characters. Written in
 * the APPSYNC_JS subset like the rest of model/, so a resolver may use it too.
 */
export function formatMoney(cents: number, currency: string): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const fraction = absolute % 100;
  const digits = String((absolute - fraction) / 100).split('');
  const grouped = digits.map((digit, index) => (index > 0 && (digits.length - index) % 3 === 0 ? `,${digit}` : digit)).join('');
  return `${sign}$${grouped}.${fraction < 10 ? `0${fraction}` : fraction} ${currency}`;
}
