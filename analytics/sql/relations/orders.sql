-- One row per order, as its latest version says (the highest order_version seen in the lake), with the
-- shop's calendar date of its placement (order_date) and a 0/1 cancellation flag.
SELECT
  order_id,
  order_version,
  status,
  customer_key,
  currency,
  item_count,
  line_count,
  subtotal_cents,
  shipping_cents,
  total_cents,
  prescription_line_count,
  ship_state,
  order_created_at,
  lines,
  CAST(CAST(replace(substr(order_created_at, 1, 19), 'T', ' ') AS TIMESTAMP) {{shop_time_shift}} AS DATE) AS order_date,
  CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END AS is_cancelled
FROM (
  SELECT u.*, row_number() OVER (PARTITION BY u.order_id ORDER BY u.order_version DESC) AS recency
  FROM order_events_unique u
) AS versions
WHERE recency = 1
