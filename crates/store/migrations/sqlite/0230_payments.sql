-- jamsos payment ledger, SQLite flavour (migration 0230; the PostgreSQL flavour in
-- ../postgres/0230_payments.sql holds the same tables; keep the two in step).
--
-- Two append-only ledgers of money that actually moved:
--   * contributions_collected: one row per program line of a contribution payment (a payment by
--     an employer (NPP), a sponsor (code) or a self-paying BPU/PMI participant (KPJ) for one
--     contribution month);
--   * benefits_paid: one row per benefit payment to a participant or their heirs (ahli waris).
-- Each row carries the region it counts under, copied at write time so reports need no joins:
--   contributions: the payer's region (the employer's or the sponsor's registered region; a
--   self-paying participant's residence); benefits: the participant's residence.
-- flow_month is the month the row is reported under: the month of paid_on for a payment, the
-- original's flow_month for a reversal (so a correction nets out in the period it corrects).
-- Amounts are whole rupiah >= 0; a correction is a 'reversal' row naming the row it cancels
-- (reverses), followed by a new 'payment' row: rows are never updated or deleted, and the
-- triggers below refuse it, as they do for audit_log.

CREATE TABLE payment_imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('contributions', 'benefits', 'demo')),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL UNIQUE,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows_total  BIGINT NOT NULL
);

CREATE TABLE contributions_collected (
    id                  INTEGER PRIMARY KEY,
    entry               TEXT NOT NULL CHECK (entry IN ('payment', 'reversal')),
    reference           TEXT NOT NULL,
    program             TEXT NOT NULL CHECK (program IN ('JKK', 'JKM', 'JHT', 'JP', 'JKP')),
    amount              BIGINT NOT NULL CHECK (amount >= 0),
    payer_kind          TEXT NOT NULL CHECK (payer_kind IN ('employer', 'sponsor', 'participant')),
    payer               TEXT NOT NULL,
    contribution_month  TEXT NOT NULL CHECK (length(contribution_month) = 7),
    paid_on             TEXT NOT NULL CHECK (length(paid_on) = 10),
    flow_month          TEXT NOT NULL CHECK (length(flow_month) = 7),
    region_code         TEXT NOT NULL,
    reverses            BIGINT UNIQUE REFERENCES contributions_collected (id),
    import_id           BIGINT REFERENCES payment_imports (id),
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    UNIQUE (reference, program, entry),
    CHECK ((entry = 'payment' AND reverses IS NULL) OR (entry = 'reversal' AND reverses IS NOT NULL))
);
CREATE INDEX contributions_collected_flow ON contributions_collected (region_code, flow_month);
CREATE INDEX contributions_collected_payer ON contributions_collected (payer_kind, payer, contribution_month);

CREATE TABLE benefits_paid (
    id                  INTEGER PRIMARY KEY,
    entry               TEXT NOT NULL CHECK (entry IN ('payment', 'reversal')),
    reference           TEXT NOT NULL,
    program             TEXT NOT NULL CHECK (program IN ('JKK', 'JKM', 'JHT', 'JP', 'JKP')),
    -- the rules engine's benefit component codes (calc-contract.md)
    benefit             TEXT NOT NULL CHECK (benefit IN ('death_lump_sum', 'disability_lump_sum',
                            'periodic_benefit', 'funeral', 'stmb', 'scholarship', 'jht_balance',
                            'jht_partial', 'monthly_pension', 'lump_sum', 'jkp_cash')),
    amount              BIGINT NOT NULL CHECK (amount >= 0),
    kpj                 TEXT NOT NULL CHECK (length(kpj) = 11),
    claim_reference     TEXT NOT NULL,
    paid_on             TEXT NOT NULL CHECK (length(paid_on) = 10),
    flow_month          TEXT NOT NULL CHECK (length(flow_month) = 7),
    region_code         TEXT NOT NULL,
    reverses            BIGINT UNIQUE REFERENCES benefits_paid (id),
    import_id           BIGINT REFERENCES payment_imports (id),
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    UNIQUE (reference, entry),
    CHECK ((entry = 'payment' AND reverses IS NULL) OR (entry = 'reversal' AND reverses IS NOT NULL))
);
CREATE INDEX benefits_paid_flow ON benefits_paid (region_code, flow_month);
CREATE INDEX benefits_paid_kpj ON benefits_paid (kpj);

CREATE TRIGGER contributions_collected_no_update BEFORE UPDATE ON contributions_collected
BEGIN
    SELECT RAISE(ABORT, 'contributions_collected is append-only: record a reversal');
END;
CREATE TRIGGER contributions_collected_no_delete BEFORE DELETE ON contributions_collected
BEGIN
    SELECT RAISE(ABORT, 'contributions_collected is append-only: record a reversal');
END;
CREATE TRIGGER benefits_paid_no_update BEFORE UPDATE ON benefits_paid
BEGIN
    SELECT RAISE(ABORT, 'benefits_paid is append-only: record a reversal');
END;
CREATE TRIGGER benefits_paid_no_delete BEFORE DELETE ON benefits_paid
BEGIN
    SELECT RAISE(ABORT, 'benefits_paid is append-only: record a reversal');
END;
