-- jamsos 0210 (PostgreSQL flavour; ../sqlite/0210_campaigns_sector.sql holds the same): the
-- sector of a membership without an employer, and coverage_current counting it.
--
-- A BPU (or PMI) membership has no employer whose KBLI could give its sector, so the sponsored
-- import records one (KBLI section letter or two-digit division): Tambora's home garment
-- workers are division 14. A membership with an employer never carries its own (the CHECK),
-- so "the membership's sector, else the employer's KBLI division" is exactly "the sector for
-- BPU, the employer's for PU", and the employer-KBLI trigger of 0200 stays exact unchanged.
-- The functions and triggers that computed the sector from the employer alone are replaced
-- here (0200 is never edited), and coverage_current is recounted from the memberships.

ALTER TABLE memberships ADD COLUMN sector TEXT;
ALTER TABLE memberships ADD CONSTRAINT memberships_sector_check
    CHECK (sector IS NULL OR (employer_id IS NULL AND length(sector) IN (1, 2)));

-- The key of one membership row: its own sector first, else its employer's KBLI division.
CREATE OR REPLACE FUNCTION coverage_membership_delta(m memberships, p_delta BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_region TEXT;
    v_sector TEXT;
BEGIN
    SELECT COALESCE(p.region_code, '') INTO v_region FROM persons p WHERE p.id = m.person_id;
    IF m.sector IS NOT NULL THEN
        v_sector := m.sector;
    ELSE
        SELECT COALESCE(substr(e.kbli, 1, 2), '') INTO v_sector FROM employers e WHERE e.id = m.employer_id;
    END IF;
    PERFORM coverage_apply(COALESCE(v_region, ''), COALESCE(v_sector, ''), m.segment,
                           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, p_delta);
END;
$$;

DROP TRIGGER coverage_membership_update ON memberships;
CREATE TRIGGER coverage_membership_update
    AFTER UPDATE OF end_date, segment, sponsor_id, programs, employer_id, person_id, sector ON memberships
    FOR EACH ROW EXECUTE FUNCTION coverage_on_membership();

CREATE OR REPLACE FUNCTION coverage_on_person_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(OLD.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, -count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + EXCLUDED.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(NEW.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + EXCLUDED.active;
    RETURN NULL;
END;
$$;

-- Recount (exact whatever the history of the table).
DELETE FROM coverage_current;
INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
SELECT COALESCE(p.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), m.segment,
       (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
FROM memberships m
JOIN persons p ON p.id = m.person_id
LEFT JOIN employers e ON e.id = m.employer_id
WHERE m.end_date IS NULL
GROUP BY 1, 2, 3, 4, 5;
