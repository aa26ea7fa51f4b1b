-- Coverage rolled up to province, regency and district (PostgreSQL flavour; the SQLite one in
-- ../sqlite/0250_coverage_rollup.sql holds the same table and explains it; keep in step).
--
-- `coverage_rollup` holds `coverage_current`'s counts with the region code cut to 2, 5 and 8
-- characters (`level_len`), kept exact by a trigger on `coverage_current` in the same
-- transaction as every write to it, so a national table reads a few thousand rows instead of
-- every village row.

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
FROM coverage_current c CROSS JOIN (VALUES (2), (5), (8)) AS l (level_len)
GROUP BY 1, 2, 3, 4, 5, 6;

-- The upserts are written out in the trigger function itself: plpgsql keeps their plans, where
-- a helper function in LANGUAGE sql called through PERFORM was planned again for every row
-- (that version more than doubled the cost of a membership write).
CREATE FUNCTION coverage_rollup_on_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The upserts of 0200/0210 only change `active`: one delta per level.
    IF TG_OP = 'UPDATE'
       AND (OLD.region_code, OLD.sector, OLD.segment, OLD.vulnerable, OLD.programs)
         = (NEW.region_code, NEW.sector, NEW.segment, NEW.vulnerable, NEW.programs) THEN
        INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
        SELECT l.level_len, substr(NEW.region_code, 1, l.level_len), NEW.sector, NEW.segment,
               NEW.vulnerable, NEW.programs, NEW.active - OLD.active
        FROM (VALUES (2), (5), (8)) AS l (level_len)
        ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
        DO UPDATE SET active = coverage_rollup.active + EXCLUDED.active;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
        SELECT l.level_len, substr(OLD.region_code, 1, l.level_len), OLD.sector, OLD.segment,
               OLD.vulnerable, OLD.programs, -OLD.active
        FROM (VALUES (2), (5), (8)) AS l (level_len)
        ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
        DO UPDATE SET active = coverage_rollup.active + EXCLUDED.active;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO coverage_rollup (level_len, region_code, sector, segment, vulnerable, programs, active)
        SELECT l.level_len, substr(NEW.region_code, 1, l.level_len), NEW.sector, NEW.segment,
               NEW.vulnerable, NEW.programs, NEW.active
        FROM (VALUES (2), (5), (8)) AS l (level_len)
        ON CONFLICT (level_len, region_code, sector, segment, vulnerable, programs)
        DO UPDATE SET active = coverage_rollup.active + EXCLUDED.active;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER coverage_rollup_current AFTER INSERT OR UPDATE OR DELETE ON coverage_current
    FOR EACH ROW EXECUTE FUNCTION coverage_rollup_on_current();
