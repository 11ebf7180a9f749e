-- Per shop day of the series: the orders placed that day (any status), by the day of their customer's first
-- order ever (days before the series as the day before it). For any range [from, to]:
--   new_customer_orders       = Σ days in range of orders whose first_order_day >= from,
--   returning_customer_orders = Σ days in range of orders whose first_order_day < from,
-- as customers.sql gives them for that range as a period.
SELECT
  CAST(o.order_date AS VARCHAR) AS day,
  CAST(CASE WHEN f.first_order_date < DATE '{{series_from}}' THEN DATE '{{before_series}}' ELSE f.first_order_date END AS VARCHAR) AS first_order_day,
  count(*) AS orders
FROM orders o
JOIN customer_first_orders f ON f.customer_key = o.customer_key
WHERE o.order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
GROUP BY o.order_date, CASE WHEN f.first_order_date < DATE '{{series_from}}' THEN DATE '{{before_series}}' ELSE f.first_order_date END
ORDER BY day, first_order_day
