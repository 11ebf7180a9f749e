-- Per period: orders not cancelled and their sales (with shipping) by the state they ship to.
SELECT p.period_id, o.ship_state, count(*) AS orders, sum(o.total_cents) AS sales_cents
FROM periods p
JOIN orders o ON o.order_date BETWEEN p.from_date AND p.to_date
WHERE o.is_cancelled = 0
GROUP BY p.period_id, o.ship_state
ORDER BY p.period_id, sales_cents DESC, o.ship_state
