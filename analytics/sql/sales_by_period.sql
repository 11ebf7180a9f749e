-- Sales and orders per day, week (starting Monday) or month of the shop's calendar. Sales are what
-- customers pay (total with shipping) for orders not cancelled; orders count every order placed.
SELECT
  CAST(CAST(date_trunc('{{granularity}}', order_date) AS DATE) AS VARCHAR) AS period_start,
  count(*) AS orders,
  sum(is_cancelled) AS cancelled_orders,
  sum(CASE WHEN is_cancelled = 0 THEN total_cents ELSE 0 END) AS sales_cents,
  sum(CASE WHEN is_cancelled = 0 THEN item_count ELSE 0 END) AS units,
  CAST(round(CAST(sum(CASE WHEN is_cancelled = 0 THEN total_cents ELSE 0 END) AS DOUBLE)
    / NULLIF(count(*) - sum(is_cancelled), 0)) AS BIGINT) AS average_basket_cents
FROM orders
WHERE order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY CAST(CAST(date_trunc('{{granularity}}', order_date) AS DATE) AS VARCHAR)
ORDER BY period_start
