-- Per shop day of the series: every product sold in orders not cancelled, its units and revenue (line
-- totals); not only the top ones, so the ranking of any range (top_products.sql's order: units, revenue,
-- product id) is computed from the sums of its days. sku and name: the greatest seen, as top_products.sql.
SELECT CAST(order_date AS VARCHAR) AS day, product_id, max(sku) AS sku, max(product_name) AS product_name,
  sum(quantity) AS units, sum(line_total_cents) AS revenue_cents
FROM order_lines
WHERE is_cancelled = 0 AND order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY order_date, product_id
ORDER BY day, product_id
