-- Per shop day of the series: orders not cancelled and their sales (with shipping) by the state they ship
-- to (sales_by_state.sql, one day at a time). Additive over days.
SELECT CAST(order_date AS VARCHAR) AS day, ship_state, count(*) AS orders, sum(total_cents) AS sales_cents
FROM orders
WHERE is_cancelled = 0 AND order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY order_date, ship_state
ORDER BY day, ship_state
