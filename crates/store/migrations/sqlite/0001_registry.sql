-- jamsos registry schema, SQLite flavour. The PostgreSQL flavour in ../postgres/0001_registry.sql
-- holds the same tables, columns and constraints; keep the two in step.
--
-- Conventions (both engines):
--   * money is BIGINT whole rupiah;
--   * civil dates are TEXT 'YYYY-MM-DD' and instants TEXT RFC 3339 UTC ('2026-02-14T08:00:00Z'):
--     one textual form on both engines keeps the query code single-sourced and the audit hash
--     byte-exact (a TIMESTAMPTZ or JSONB round trip would reformat what was hashed);
--   * enum-like columns are TEXT with a CHECK listing the allowed values;
--   * every mutable row has a `version` (optimistic concurrency) and the audit log holds each
--     change with before/after JSON; wage history is never updated, only superseded.
-- Versions 0001-0099 belong to the registry; 0100-0199 accounts/sessions; 0200-0299 analytics.

CREATE TABLE id_counters (
    name        TEXT PRIMARY KEY,
    next_value  BIGINT NOT NULL
);
-- Sequence numbers behind generated NPPs and KPJs (jamsos-domain's `Npp::from_sequence`,
-- `Kpj::from_sequence`), allocated inside the writing transaction so numbers stay unique.
INSERT INTO id_counters (name, next_value) VALUES ('npp', 1), ('kpj', 1);

CREATE TABLE imports (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('workers', 'sponsored', 'demo')),
    file_name           TEXT NOT NULL,
    file_sha256         TEXT NOT NULL UNIQUE,
    mode                TEXT NOT NULL CHECK (mode IN ('all_or_nothing', 'valid_only')),
    status              TEXT NOT NULL CHECK (status IN ('running', 'applied')),
    actor               TEXT NOT NULL,
    at                  TEXT NOT NULL,
    rows_total          BIGINT NOT NULL,
    rows_applied        BIGINT NOT NULL,
    rows_rejected       BIGINT NOT NULL,
    rows_unchanged      BIGINT NOT NULL,
    persons_created     BIGINT NOT NULL,
    memberships_created BIGINT NOT NULL,
    wages_created       BIGINT NOT NULL,
    reviews_opened      BIGINT NOT NULL,
    report              TEXT NOT NULL
);

CREATE TABLE sponsors (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('provincial_government', 'city_government',
                    'regency_government', 'village_government', 'company', 'other')),
    region_code TEXT NOT NULL,
    basis       TEXT,
    -- comma-separated community roles covered (rt_head, rw_head, ppsu, vulnerable_worker)
    covers      TEXT NOT NULL,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE employers (
    id              INTEGER PRIMARY KEY,
    npp             TEXT NOT NULL UNIQUE CHECK (length(npp) = 8),
    legal_name      TEXT NOT NULL,
    nib             TEXT,
    kbli            TEXT,
    risk_class      BIGINT NOT NULL CHECK (risk_class BETWEEN 1 AND 5),
    size_class      TEXT NOT NULL CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
    address         TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    status          TEXT NOT NULL,
    synthetic       BOOLEAN NOT NULL DEFAULT FALSE,
    import_id       BIGINT REFERENCES imports (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX employers_region ON employers (region_code);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    nik         TEXT NOT NULL UNIQUE CHECK (length(nik) = 16),
    name        TEXT NOT NULL,
    -- normalised name (jamsos-domain normalize_name): the near-duplicate key with birth_date
    name_key    TEXT NOT NULL,
    birth_date  TEXT NOT NULL,
    sex         TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    region_code TEXT NOT NULL,
    phone       TEXT,
    died_on     TEXT,
    synthetic   BOOLEAN NOT NULL DEFAULT FALSE,
    import_id   BIGINT REFERENCES imports (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX persons_name_birth ON persons (name_key, birth_date);
CREATE INDEX persons_region ON persons (region_code);

-- Same NIK with a different name/birth date/sex, or same name + birth date under another NIK:
-- kept for an officer's review, never merged by the machine.
CREATE TABLE person_reviews (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('nik_conflict', 'near_duplicate')),
    person_id       BIGINT NOT NULL REFERENCES persons (id),
    other_person_id BIGINT REFERENCES persons (id),
    claimed         TEXT NOT NULL,
    source          TEXT NOT NULL,
    import_id       BIGINT REFERENCES imports (id),
    row_number      BIGINT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at      TEXT NOT NULL,
    resolved_at     TEXT,
    resolved_by     TEXT,
    resolution      TEXT
);
CREATE INDEX person_reviews_person ON person_reviews (person_id);
CREATE INDEX person_reviews_status ON person_reviews (status);

CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    kpj         TEXT NOT NULL UNIQUE CHECK (length(kpj) = 11),
    person_id   BIGINT NOT NULL REFERENCES persons (id),
    segment     TEXT NOT NULL CHECK (segment IN ('PU', 'BPU', 'PMI', 'JAKON')),
    -- the employer (PU) or the contractor (JAKON); none for BPU and PMI
    employer_id BIGINT REFERENCES employers (id),
    sponsor_id  BIGINT REFERENCES sponsors (id),
    -- program codes as jamsos-domain writes them: JKK;JKM;JHT;JP;JKP
    programs    TEXT NOT NULL,
    occupation  TEXT,
    role        TEXT,
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    import_id   BIGINT REFERENCES imports (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     BIGINT NOT NULL DEFAULT 1,
    CHECK ((segment IN ('PU', 'JAKON') AND employer_id IS NOT NULL)
        OR (segment IN ('BPU', 'PMI') AND employer_id IS NULL)),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_employer ON memberships (employer_id);
CREATE INDEX memberships_sponsor ON memberships (sponsor_id);
-- The natural key an import uses to recognise a membership it already wrote.
CREATE INDEX memberships_natural ON memberships (person_id, segment, employer_id, start_date);

-- Effective-dated wage (PU) or declared income (BPU/PMI). A correction of a period marks the
-- old row superseded (superseded_at, the only column ever updated) and inserts a new row that
-- names it (supersedes); both stay. valid_to is derived: the day before the next current row's
-- valid_from.
CREATE TABLE wage_history (
    id              INTEGER PRIMARY KEY,
    membership_id   BIGINT NOT NULL REFERENCES memberships (id),
    valid_from      TEXT NOT NULL,
    amount          BIGINT NOT NULL CHECK (amount >= 0),
    kind            TEXT NOT NULL CHECK (kind IN ('wage', 'declared_income')),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    reason          TEXT,
    supersedes      BIGINT REFERENCES wage_history (id),
    superseded_at   TEXT,
    import_id       BIGINT REFERENCES imports (id)
);
CREATE UNIQUE INDEX wage_history_current ON wage_history (membership_id, valid_from)
    WHERE superseded_at IS NULL;

CREATE TABLE family_members (
    id              INTEGER PRIMARY KEY,
    person_id       BIGINT NOT NULL REFERENCES persons (id),
    relation        TEXT NOT NULL CHECK (relation IN ('spouse', 'child', 'parent', 'sibling',
                        'in_law', 'will_designated', 'grandchild', 'grandparent')),
    name            TEXT NOT NULL,
    nik             TEXT CHECK (nik IS NULL OR length(nik) = 16),
    sex             TEXT CHECK (sex IN ('M', 'F')),
    birth_date      TEXT,
    education_level TEXT,
    grade           BIGINT,
    married         BOOLEAN NOT NULL,
    working         BOOLEAN NOT NULL,
    alive           BOOLEAN NOT NULL,
    notarial_will   BOOLEAN NOT NULL DEFAULT FALSE,
    synthetic       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX family_members_person ON family_members (person_id);

-- Append-only, hash-chained: hash = H(prev_hash, seq, at, actor, action, entity, entity_id,
-- before, after) as computed by jamsos-domain. The triggers refuse edits and deletes; the
-- chain and audit_head catch whoever drops the triggers first.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The chain head, rewritten with every append: removing the newest entries leaves the head
-- pointing past the end of the log, which `audit verify` reports.
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
