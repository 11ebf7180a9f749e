/** Construct ids from wiring names: `orders-email` → `OrdersEmail`, `Query.product` → `QueryProduct`. Stable, so logical ids never churn. */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Names that are unique per account and region (SES templates, the Firehose delivery stream) carry the stack
 * prefix: `farmacruz-order-placed` stays as is for the default prefix, becomes `shop2-order-placed` for Shop2.
 */
export function prefixedName(stackPrefix: string, name: string, defaultPrefix = 'farmacruz-'): string {
  const base = name.startsWith(defaultPrefix) ? name.slice(defaultPrefix.length) : name;
  return `${stackPrefix.toLowerCase()}-${base}`;
}
