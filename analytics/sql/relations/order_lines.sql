-- One row per line of each order's latest version. The lines array is read by position
-- (line_numbers 1..max lines, up to line_count): Athena (Trino) and DuckDB unnest arrays of structs
-- differently, but both index arrays from 1 and read struct fields with a dot.
SELECT
  o.order_id,
  o.order_date,
  o.is_cancelled,
  n.line_number,
  o.lines[n.line_number].product_id AS product_id,
  o.lines[n.line_number].sku AS sku,
  o.lines[n.line_number].product_name AS product_name,
  o.lines[n.line_number].category_id AS category_id,
  o.lines[n.line_number].category_name AS category_name,
  o.lines[n.line_number].quantity AS quantity,
  o.lines[n.line_number].line_total_cents AS line_total_cents,
  o.lines[n.line_number].prescription_required AS prescription_required
FROM orders o
JOIN line_numbers n ON n.line_number <= o.line_count
