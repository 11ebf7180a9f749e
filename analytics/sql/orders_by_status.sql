-- Per period: orders placed in it, by their current status.
SELECT p.period_id, o.status, count(*) AS orders
FROM periods p
JOIN orders o ON o.order_date BETWEEN p.from_date AND p.to_date
GROUP BY p.period_id, o.status
ORDER BY p.period_id, orders DESC, o.status
