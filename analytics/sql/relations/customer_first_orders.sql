-- The shop's date of each customer's first order ever (any status): every partition is read, because a
-- customer who first ordered long ago is returning today. Copies do not change a minimum.
SELECT
  customer_key,
  CAST(CAST(replace(substr(min(order_created_at), 1, 19), 'T', ' ') AS TIMESTAMP) {{shop_time_shift}} AS DATE) AS first_order_date
FROM order_events
GROUP BY customer_key
