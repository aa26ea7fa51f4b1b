-- Coverage rolled up to province, regency and district (SQLite flavour; the PostgreSQL one in
-- ../postgres/0250_coverage_rollup.sql holds the same table; keep in step).
--
-- `coverage_current` counts open memberships per village; a national table read from it scans
-- every village row (about 1.35 million for 10 million memberships). `coverage_rollup` holds
-- the same counts with the region code cut to 2, 5 and 8 characters (`31`, `31.73`,
-- `31.73.04`), so a national table by province reads a few thousand rows.
--
-- `level_len` is the cut length. A code shorter than the cut stays as it is (substr), which is
-- what the read of `coverage_current` rolled up in SQL gave (jamsos_analytics::db_coverage),
-- so the two reads are interchangeable. Triggers on `coverage_current` keep it exact in the
-- same transaction as every write to it (the membership, person and employer triggers of
-- 0200/0210 write `coverage_current` by upsert: an INSERT or an UPDATE of `active`). Rows may
-- reach 0 and stay (queries filter `active <> 0`).

CREATE TABLE coverage_rollup (
    level_len   INTEGER NOT NULL CHECK (level_len IN (2, 5, 8)),
    region_code TEXT NOT NULL,
    sector      TEXT NOT NULL,
    segment     TEXT NOT NULL,
    vulnerable  BOOLEAN NOT NULL,
    programs    TEXT NOT NULL,
    active      BIGINT NOT NULL,
    PRIMARY KEY (level_len, region_code, sector, segment, vulnerable, programs)
);

INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
SELECT l.level_len, substr(c.region_code, 1, l.level_len), c.sector, c.segment, c.vulnerable,
       c.programs, sum(c.active)
FROM coverage_current c CROSS JOIN (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER coverage_rollup_insert AFTER INSERT ON coverage_current
BEGIN
    INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
    SELECT l.level_len, substr(NEW.region_code, 1, l.level_len), NEW.sector, NEW.segment,
           NEW.vulnerable, NEW.programs, NEW.active
    FROM (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l WHERE true
    ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_rollup.active + excluded.active;
END;

-- The upserts of 0200/0210 only change `active`: one delta per level. A key changed in place
-- (no code does it; a hand-made correction might) moves the whole count.
CREATE TRIGGER coverage_rollup_update AFTER UPDATE ON coverage_current
WHEN OLD.region_code = NEW.region_code AND OLD.sector = NEW.sector
     AND OLD.segment = NEW.segment AND OLD.vulnerable = NEW.vulnerable
     AND OLD.programs = NEW.programs
BEGIN
    INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
    SELECT l.level_len, substr(NEW.region_code, 1, l.level_len), NEW.sector, NEW.segment,
           NEW.vulnerable, NEW.programs, NEW.active - OLD.active
    FROM (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l WHERE true
    ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_rollup.active + excluded.active;
END;

CREATE TRIGGER coverage_rollup_move AFTER UPDATE ON coverage_current
WHEN NOT (OLD.region_code = NEW.region_code AND OLD.sector = NEW.sector
          AND OLD.segment = NEW.segment AND OLD.vulnerable = NEW.vulnerable
          AND OLD.programs = NEW.programs)
BEGIN
    INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
    SELECT l.level_len, substr(OLD.region_code, 1, l.level_len), OLD.sector, OLD.segment,
           OLD.vulnerable, OLD.programs, -OLD.active
    FROM (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l WHERE true
    ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_rollup.active + excluded.active;
    INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
    SELECT l.level_len, substr(NEW.region_code, 1, l.level_len), NEW.sector, NEW.segment,
           NEW.vulnerable, NEW.programs, NEW.active
    FROM (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l WHERE true
    ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_rollup.active + excluded.active;
END;

CREATE TRIGGER coverage_rollup_delete AFTER DELETE ON coverage_current
BEGIN
    INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
    SELECT l.level_len, substr(OLD.region_code, 1, l.level_len), OLD.sector, OLD.segment,
           OLD.vulnerable, OLD.programs, -OLD.active
    FROM (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l WHERE true
    ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_rollup.active + excluded.active;
END;
