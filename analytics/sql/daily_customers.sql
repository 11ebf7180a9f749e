-- Per shop day of the series: the customers who ordered that day (any status), by the day of their previous
-- order ('' = none ever: the day of their first order; any day before the series = the day before it,
-- {{before_series}}). A customer is in the distinct customers of a range [from, to] exactly once: on their
-- first day in it, the one whose previous order day is before `from`. So for any range
--   customers           = Σ days in range of customers whose previous_order_day < from ('' included),
--   new_customers       = Σ days in range of customers whose previous_order_day = '' (first order ever),
--   returning_customers = customers - new_customers,
-- the same figures as customers.sql gives for that range as a period.
SELECT
  CAST(d.order_date AS VARCHAR) AS day,
  coalesce(CAST(d.previous_order_date AS VARCHAR), '') AS previous_order_day,
  count(*) AS customers
FROM (
  SELECT
    c.order_date,
    CASE
      WHEN c.previous_in_scan >= DATE '{{series_from}}' THEN c.previous_in_scan
      WHEN c.previous_in_scan IS NOT NULL OR f.first_order_date < c.order_date THEN DATE '{{before_series}}'
    END AS previous_order_date
  FROM (
    SELECT customer_key, order_date,
      lag(order_date) OVER (PARTITION BY customer_key ORDER BY order_date) AS previous_in_scan
    FROM (SELECT customer_key, order_date FROM orders GROUP BY customer_key, order_date) AS customer_days
  ) AS c
  JOIN customer_first_orders f ON f.customer_key = c.customer_key
  WHERE c.order_date BETWEEN DATE '{{series_from}}' AND DATE '{{series_to}}'
) AS d
GROUP BY d.order_date, d.previous_order_date
ORDER BY day, previous_order_day
