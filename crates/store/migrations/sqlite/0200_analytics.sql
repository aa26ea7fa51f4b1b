-- jamsos analytics schema, SQLite flavour (versions 0200-0299 belong to jamsos-analytics).
-- The PostgreSQL flavour in ../postgres/0200_analytics.sql holds the same tables; keep in step.
--
-- Precomputed aggregates: `coverage_current` counts open memberships (end_date IS NULL) by
-- residence region (the person's region_code), sector (the employer's KBLI division for PU,
-- '' otherwise), segment, vulnerability (a BPU membership paid by a sponsor) and program set.
-- Triggers keep it exact in the same transaction as every registry write that can move a
-- count: membership insert/update/delete, a person's region change, an employer's KBLI change.
-- Each trigger applies signed deltas with an upsert, so rows may reach 0 and stay (harmless;
-- queries filter `active <> 0`). `coverage_monthly` holds month-end snapshots for trends,
-- written by the month-close job from `coverage_current` (past months never change).

CREATE TABLE analytics_imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('workforce_potential', 'company_reports')),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL UNIQUE,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows_total  BIGINT NOT NULL
);

-- Workforce potential (a statistic, not personal data). region_code at any Kemendagri level
-- ('31.73.04.1002' … '31'); sector a KBLI 2020 section letter or 2-digit division; period
-- 'YYYY' or 'YYYY-MM'. The import refuses a row nested in another (region or sector) for the
-- same period, so sums never count anyone twice.
CREATE TABLE workforce_potential (
    id                  INTEGER PRIMARY KEY,
    region_code         TEXT NOT NULL,
    sector              TEXT NOT NULL,
    period              TEXT NOT NULL,
    workers             BIGINT NOT NULL CHECK (workers >= 0),
    vulnerable_workers  BIGINT NOT NULL CHECK (vulnerable_workers BETWEEN 0 AND workers),
    source              TEXT NOT NULL,
    import_id           BIGINT REFERENCES analytics_imports (id),
    UNIQUE (region_code, sector, period)
);

-- Company data (e.g. the manpower office's mandatory reports) and how each row was matched.
-- A name + region match is only a candidate (match_kind 'review'): an officer confirms it.
CREATE TABLE company_reports (
    id                  INTEGER PRIMARY KEY,
    import_id           BIGINT NOT NULL REFERENCES analytics_imports (id),
    row_number          BIGINT NOT NULL,
    nib                 TEXT CHECK (nib IS NULL OR length(nib) = 13),
    name                TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    region_code         TEXT NOT NULL,
    kbli                TEXT NOT NULL,
    reported_workers    BIGINT NOT NULL CHECK (reported_workers > 0),
    average_wage        BIGINT NOT NULL CHECK (average_wage > 0),
    npp                 TEXT CHECK (npp IS NULL OR length(npp) = 8),
    employer_id         BIGINT REFERENCES employers (id),
    match_kind          TEXT NOT NULL CHECK (match_kind IN ('npp', 'nib', 'review', 'none')),
    review_status       TEXT CHECK (review_status IN ('open', 'confirmed', 'rejected')),
    reviewed_by         TEXT,
    reviewed_at         TEXT
);
CREATE INDEX company_reports_region ON company_reports (region_code);
CREATE INDEX company_reports_employer ON company_reports (employer_id);
CREATE INDEX company_reports_nib ON company_reports (nib);

CREATE TABLE campaigns (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    sector      TEXT,
    partner     TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('government', 'business', 'academia', 'community', 'media')),
    start_month TEXT NOT NULL,
    end_month   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    CHECK (end_month IS NULL OR end_month >= start_month)
);

-- An enrolment brought in by a campaign (one campaign per membership).
CREATE TABLE campaign_enrolments (
    membership_id   BIGINT PRIMARY KEY REFERENCES memberships (id),
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id),
    tagged_at       TEXT NOT NULL,
    tagged_by       TEXT NOT NULL
);
CREATE INDEX campaign_enrolments_campaign ON campaign_enrolments (campaign_id);

CREATE TABLE coverage_current (
    region_code TEXT NOT NULL,
    sector      TEXT NOT NULL,
    segment     TEXT NOT NULL,
    vulnerable  BOOLEAN NOT NULL,
    programs    TEXT NOT NULL,
    active      BIGINT NOT NULL,
    PRIMARY KEY (region_code, sector, segment, vulnerable, programs)
);

CREATE TABLE coverage_monthly (
    month       TEXT NOT NULL,
    region_code TEXT NOT NULL,
    sector      TEXT NOT NULL,
    segment     TEXT NOT NULL,
    vulnerable  BOOLEAN NOT NULL,
    programs    TEXT NOT NULL,
    active      BIGINT NOT NULL,
    PRIMARY KEY (month, region_code, sector, segment, vulnerable, programs)
);

-- Backfill from memberships already present.
INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
SELECT COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), m.segment,
       (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
FROM memberships m
JOIN persons p ON p.id = m.person_id
LEFT JOIN employers e ON e.id = m.employer_id
WHERE m.end_date IS NULL
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER coverage_membership_insert AFTER INSERT ON memberships
WHEN NEW.end_date IS NULL
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), NEW.segment,
           (NEW.segment = 'BPU' AND NEW.sponsor_id IS NOT NULL), NEW.programs, 1
    FROM persons p LEFT JOIN employers e ON e.id = NEW.employer_id
    WHERE p.id = NEW.person_id
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

CREATE TRIGGER coverage_membership_update
AFTER UPDATE OF end_date, segment, sponsor_id, programs, employer_id, person_id ON memberships
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), OLD.segment,
           (OLD.segment = 'BPU' AND OLD.sponsor_id IS NOT NULL), OLD.programs, -1
    FROM persons p LEFT JOIN employers e ON e.id = OLD.employer_id
    WHERE p.id = OLD.person_id AND OLD.end_date IS NULL
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), NEW.segment,
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
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), OLD.segment,
           (OLD.segment = 'BPU' AND OLD.sponsor_id IS NOT NULL), OLD.programs, -1
    FROM persons p LEFT JOIN employers e ON e.id = OLD.employer_id
    WHERE p.id = OLD.person_id
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

-- A person moves: their open memberships move from the old region to the new one.
CREATE TRIGGER coverage_person_region AFTER UPDATE OF region_code ON persons
WHEN OLD.region_code IS NOT NEW.region_code
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(OLD.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, -count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(NEW.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
    FROM memberships m LEFT JOIN employers e ON e.id = m.employer_id
    WHERE m.person_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;

-- An employer's KBLI changes: its workers' open memberships move sector.
CREATE TRIGGER coverage_employer_kbli AFTER UPDATE OF kbli ON employers
WHEN OLD.kbli IS NOT NEW.kbli
BEGIN
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(OLD.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, -count(*)
    FROM memberships m JOIN persons p ON p.id = m.person_id
    WHERE m.employer_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
    INSERT INTO coverage_current (region_code, sector, segment, vulnerable, programs, active)
    SELECT COALESCE(p.region_code, ''), COALESCE(substr(NEW.kbli, 1, 2), ''), m.segment,
           (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*)
    FROM memberships m JOIN persons p ON p.id = m.person_id
    WHERE m.employer_id = NEW.id AND m.end_date IS NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (region_code, sector, segment, vulnerable, programs)
    DO UPDATE SET active = coverage_current.active + excluded.active;
END;
