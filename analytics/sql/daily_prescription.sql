-- Per shop day of the series, over orders not cancelled (prescription_share.sql, one day at a time): orders
-- with lines, those holding a prescription product, and units and revenue in all and of prescription
-- products. An order belongs to one day, so distinct orders add up over days.
SELECT
  CAST(order_date AS VARCHAR) AS day,
  count(DISTINCT order_id) AS orders,
  count(DISTINCT CASE WHEN prescription_required THEN order_id END) AS prescription_orders,
  sum(quantity) AS units,
  sum(CASE WHEN prescription_required THEN quantity ELSE 0 END) AS prescription_units,
  sum(line_total_cents) AS revenue_cents,
  sum(CASE WHEN prescription_required THEN line_total_cents ELSE 0 END) AS prescription_revenue_cents
FROM order_lines
WHERE is_cancelled = 0 AND order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY order_date
ORDER BY day
