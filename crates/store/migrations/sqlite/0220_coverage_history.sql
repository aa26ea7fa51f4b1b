-- Month-end coverage snapshots, reconstructed from membership history (jamsos-analytics,
-- db_history.rs). SQLite flavour; ../postgres/0220_coverage_history.sql holds the same table.
--
-- `coverage_snapshot_runs` says which months of `coverage_monthly` are written, from what and
-- when. Its primary key is the claim a month-close job takes before writing a month: a second
-- server closing the same month finds the row (PostgreSQL: waits for the first one's commit)
-- and skips it, so a month is never written twice at once. A backfill replaces a month's rows
-- and its run row in one transaction.
--   source 'history': reconstructed from start/end dates (who was active at the month's end);
--   source 'legacy':  rows written before this migration (copies of coverage_current).
CREATE TABLE coverage_snapshot_runs (
    month   TEXT PRIMARY KEY CHECK (length(month) = 7),
    source  TEXT NOT NULL CHECK (source IN ('history', 'legacy')),
    cells   BIGINT NOT NULL,
    active  BIGINT NOT NULL,
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL
);

INSERT INTO coverage_snapshot_runs (month, source, cells, active, actor, at)
SELECT month, 'legacy', count(*), sum(active), 'migration 0220',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM coverage_monthly
GROUP BY month;
