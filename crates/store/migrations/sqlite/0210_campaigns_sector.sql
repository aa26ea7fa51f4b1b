-- jamsos 0210 (SQLite flavour; ../postgres/0210_campaigns_sector.sql holds the same): the sector
-- of a membership without an employer, and coverage_current counting it.
--
-- A BPU (or PMI) membership has no employer whose KBLI could give its sector, so the sponsored
-- import records one (KBLI section letter or two-digit division): Tambora's home garment
-- workers are division 14. A membership with an employer never carries its own (the CHECK),
-- so "the membership's sector, else the employer's KBLI division" is exactly "the sector for
-- BPU, the employer's for PU", and the employer-KBLI trigger of 0200 stays exact unchanged.
-- The triggers that computed the sector from the employer alone are replaced here (0200 is
-- never edited), and coverage_current is recounted from the memberships.

ALTER TABLE memberships ADD COLUMN sector TEXT
    CHECK (sector IS NULL OR (employer_id IS NULL AND length(sector) IN (1, 2)));

DROP TRIGGER coverage_membership_insert;
DROP TRIGGER coverage_membership_update;
DROP TRIGGER coverage_membership_delete;
DROP TRIGGER coverage_person_region;

CREATE TRIGGER coverage_membership_insert AFTER INSERT ON memberships
WHEN NEW.end_date IS NULL
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(NEW.sector, substr(e.kbli, 1, 2), ''), NEW.segment,
           (NEW.segment = 'BPU' AND NEW.sponsor_id IS NOT NULL), NEW.programs, 1
    FROM persons p LEFT JOIN employers e ON e.id = NEW.employer_id
    WHERE p.id = NEW.person_id
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

CREATE TRIGGER coverage_membership_update
AFTER UPDATE OF end_date, segment, sponsor_id, programs, employer_id, person_id, sector ON memberships
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(OLD.sector, substr(e.kbli, 1, 2), ''), OLD.segment,
           (OLD.segment = 'BPU' AND OLD.sponsor_id IS NOT NULL), OLD.programs, -1
    FROM persons p LEFT JOIN employers e ON e.id = OLD.employer_id
    WHERE p.id = OLD.person_id AND OLD.end_date IS NULL
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(NEW.sector, substr(e.kbli, 1, 2), ''), NEW.segment,
           (NEW.segment = 'BPU' AND NEW.sponsor_id IS NOT NULL), NEW.programs, 1
    FROM persons p LEFT JOIN employers e ON e.id = NEW.employer_id
    WHERE p.id = NEW.person_id AND NEW.end_date IS NULL
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

CREATE TRIGGER coverage_membership_delete AFTER DELETE ON memberships
WHEN OLD.end_date IS NULL
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(OLD.sector, substr(e.kbli, 1, 2), ''), OLD.segment,
           (OLD.segment = 'BPU' AND OLD.sponsor_id IS NOT NULL), OLD.programs, -1
    FROM persons p LEFT JOIN employers e ON e.id = OLD.employer_id
    WHERE p.id = OLD.person_id
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

CREATE TRIGGER coverage_person_region AFTER UPDATE OF region_code ON persons
WHEN OLD.region_code IS NOT NEW.region_code
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(OLD.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, -count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(NEW.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

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
