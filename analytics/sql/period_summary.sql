-- Per period: orders placed, cancelled, cancellation rate, sales (orders not cancelled, with shipping),
-- units sold and the average basket (sales / orders not cancelled).
SELECT
  p.period_id,
  count(o.order_id) AS orders,
  coalesce(sum(o.is_cancelled), 0) AS cancelled_orders,
  coalesce(CAST(sum(o.is_cancelled) AS DOUBLE) / NULLIF(count(o.order_id), 0), 0) AS cancellation_rate,
  coalesce(sum(CASE WHEN o.is_cancelled = 0 THEN o.total_cents ELSE 0 END), 0) AS sales_cents,
  coalesce(sum(CASE WHEN o.is_cancelled = 0 THEN o.item_count ELSE 0 END), 0) AS units,
  coalesce(CAST(round(CAST(sum(CASE WHEN o.is_cancelled = 0 THEN o.total_cents ELSE 0 END) AS DOUBLE)
    / NULLIF(count(o.order_id) - sum(o.is_cancelled), 0)) AS BIGINT), 0) AS average_basket_cents
FROM periods p
LEFT JOIN orders o ON o.order_date BETWEEN p.from_date AND p.to_date
GROUP BY p.period_id
ORDER BY p.period_id
