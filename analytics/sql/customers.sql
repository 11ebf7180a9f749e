-- Per period: customers who ordered (any status), split into new (their first order ever is in the
-- period) and returning (they had ordered before it), and the orders each group placed.
SELECT
  p.period_id,
  count(DISTINCT o.customer_key) AS customers,
  count(DISTINCT CASE WHEN f.first_order_date >= p.from_date THEN o.customer_key END) AS new_customers,
  count(DISTINCT CASE WHEN f.first_order_date < p.from_date THEN o.customer_key END) AS returning_customers,
  count(CASE WHEN f.first_order_date >= p.from_date THEN o.order_id END) AS new_customer_orders,
  count(CASE WHEN f.first_order_date < p.from_date THEN o.order_id END) AS returning_customer_orders
FROM periods p
LEFT JOIN orders o ON o.order_date BETWEEN p.from_date AND p.to_date
LEFT JOIN customer_first_orders f ON f.customer_key = o.customer_key
GROUP BY p.period_id
ORDER BY p.period_id
