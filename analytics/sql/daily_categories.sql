-- Per shop day of the series: every category of the products sold in orders not cancelled, by units and
-- revenue (top_categories.sql, one day at a time and unranked; '' for lines recorded without a category).
SELECT CAST(order_date AS VARCHAR) AS day, coalesce(category_id, '') AS category_id,
  max(coalesce(category_name, '')) AS category_name, sum(quantity) AS units, sum(line_total_cents) AS revenue_cents
FROM order_lines
WHERE is_cancelled = 0 AND order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY order_date, coalesce(category_id, '')
ORDER BY day, category_id
