-- Per period, over orders not cancelled: how many orders hold a prescription product, and the share of
-- units and of product revenue (line totals) that prescription products make.
SELECT
  p.period_id,
  count(DISTINCT l.order_id) AS orders,
  count(DISTINCT CASE WHEN l.prescription_required THEN l.order_id END) AS prescription_orders,
  coalesce(sum(l.quantity), 0) AS units,
  coalesce(sum(CASE WHEN l.prescription_required THEN l.quantity ELSE 0 END), 0) AS prescription_units,
  coalesce(sum(l.line_total_cents), 0) AS revenue_cents,
  coalesce(sum(CASE WHEN l.prescription_required THEN l.line_total_cents ELSE 0 END), 0) AS prescription_revenue_cents
FROM periods p
LEFT JOIN order_lines l ON l.order_date BETWEEN p.from_date AND p.to_date AND l.is_cancelled = 0
GROUP BY p.period_id
ORDER BY p.period_id
