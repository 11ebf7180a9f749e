-- Per shop day of the series: orders placed that day, by their current status (orders_by_status.sql, one
-- day at a time). Each order belongs to one day, so any range's figures are the sums of its days.
SELECT CAST(order_date AS VARCHAR) AS day, status, count(*) AS orders
FROM orders
WHERE order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY order_date, status
ORDER BY day, status
