-- Per period: categories of the products sold in orders not cancelled, by units and by revenue; a
-- category is kept when it is in the top {{top}} of either. Lines recorded before categories reached the
-- lake have none ('' here).
SELECT period_id, category_id, category_name, units, revenue_cents, units_rank, revenue_rank
FROM (
  SELECT
    period_id, category_id, category_name, units, revenue_cents,
    row_number() OVER (PARTITION BY period_id ORDER BY units DESC, revenue_cents DESC, category_id) AS units_rank,
    row_number() OVER (PARTITION BY period_id ORDER BY revenue_cents DESC, units DESC, category_id) AS revenue_rank
  FROM (
    SELECT p.period_id, coalesce(l.category_id, '') AS category_id, max(coalesce(l.category_name, '')) AS category_name,
      sum(l.quantity) AS units, sum(l.line_total_cents) AS revenue_cents
    FROM periods p
    JOIN order_lines l ON l.order_date BETWEEN p.from_date AND p.to_date
    WHERE l.is_cancelled = 0
    GROUP BY p.period_id, coalesce(l.category_id, '')
  ) AS sold
) AS ranked
WHERE units_rank <= {{top}} OR revenue_rank <= {{top}}
ORDER BY period_id, revenue_rank
