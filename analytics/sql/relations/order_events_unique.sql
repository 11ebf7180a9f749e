-- One row per order event: the lake may hold a record twice (Kinesis and Firehose deliver at least
-- once), so copies of an event_id are dropped. Partitions (dt = arrival date, UTC) older than the scan
-- window are not read.
SELECT *
FROM (
  SELECT e.*, row_number() OVER (PARTITION BY e.event_id ORDER BY e.dt, e.event_time) AS copy_number
  FROM order_events e
  WHERE e.dt >= '{{scan_from}}'
) AS copies
WHERE copy_number = 1
