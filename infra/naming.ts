/** Construct ids from wiring names: `orders-email` → `OrdersEmail`, `Query.product` → `QueryProduct`. Stable, so logical ids never churn. */
export function constructId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
