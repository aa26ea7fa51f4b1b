-- Per-employer wage summaries for the compliance check (PostgreSQL flavour; the SQLite one in
-- ../sqlite/0240_employer_wages.sql holds the same tables; keep in step).
--
-- A membership "counts" while it is open (end_date IS NULL) and has an employer. Its wage is
-- its LATEST registered wage: the non-superseded wage_history row with the greatest valid_from
-- (unique by wage_history_current), or none. The compliance door wants the wage in force on a
-- date; memberships with a wage starting after that date are few and are corrected at read time
-- (index wage_history_pending below), so the answer is exact for any date.
--
-- * employer_wage_summary: per employer and program list, open memberships and the sum of
--   their wages (no wage counts 0) — what every employer's totals and joined programs need.
-- * employer_wage_hist: per employer and wage (-1 = no wage), open memberships — the workers
--   below a minimum wage are then an index range (employer_id, wage < minimum), exact for any
--   minimum wage, so a new UMP needs no rebuild.
--
-- Triggers keep both exact in the same transaction as every write that can move them. A
-- membership's contribution is subtracted before a change to its wage rows (BEFORE triggers)
-- and added back after it (AFTER triggers); a membership's own update can do both after the
-- fact because its wage rows do not change with it. Rows may reach 0 and stay (harmless;
-- queries filter `active <> 0`).

CREATE TABLE employer_wage_summary (
    employer_id BIGINT NOT NULL,
    programs    TEXT NOT NULL,
    active      BIGINT NOT NULL,
    wage_sum    BIGINT NOT NULL,
    PRIMARY KEY (employer_id, programs)
);

CREATE TABLE employer_wage_hist (
    employer_id BIGINT NOT NULL,
    wage        BIGINT NOT NULL,
    active      BIGINT NOT NULL,
    PRIMARY KEY (employer_id, wage)
);

-- Wages starting after a date (the read-time correction looks them up by date).
CREATE INDEX wage_history_pending ON wage_history (valid_from) WHERE superseded_at IS NULL;

-- Backfill from the memberships already present.
INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
SELECT employer_id, programs, count(*), COALESCE(sum(wage), 0)
FROM (SELECT m.employer_id, m.programs,
             (SELECT w.amount FROM wage_history w
              WHERE w.membership_id = m.id AND w.superseded_at IS NULL
              ORDER BY w.valid_from DESC LIMIT 1) AS wage
      FROM memberships m
      WHERE m.end_date IS NULL AND m.employer_id IS NOT NULL) cur
GROUP BY employer_id, programs;

INSERT INTO employer_wage_hist (employer_id, wage, active)
SELECT employer_id, wage, count(*)
FROM (SELECT m.employer_id,
             COALESCE((SELECT w.amount FROM wage_history w
                       WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                       ORDER BY w.valid_from DESC LIMIT 1), -1) AS wage
      FROM memberships m
      WHERE m.end_date IS NULL AND m.employer_id IS NOT NULL) cur
GROUP BY employer_id, wage;

-- The contribution of one membership (open, with an employer) with sign p_sign.
CREATE FUNCTION employer_wage_apply(p_membership BIGINT, p_sign BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_employer BIGINT;
    v_programs TEXT;
    v_wage BIGINT;
BEGIN
    SELECT m.employer_id, m.programs INTO v_employer, v_programs
    FROM memberships m
    WHERE m.id = p_membership AND m.end_date IS NULL AND m.employer_id IS NOT NULL;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM employer_wage_delta(v_employer, v_programs, p_membership, p_sign);
END;
$$;

-- The same for a membership row given by value (OLD/NEW of a membership trigger).
CREATE FUNCTION employer_wage_delta(p_employer BIGINT, p_programs TEXT, p_membership BIGINT,
                                    p_sign BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_wage BIGINT;
BEGIN
    SELECT w.amount INTO v_wage FROM wage_history w
    WHERE w.membership_id = p_membership AND w.superseded_at IS NULL
    ORDER BY w.valid_from DESC LIMIT 1;
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    VALUES (p_employer, p_programs, p_sign, p_sign * COALESCE(v_wage, 0))
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + EXCLUDED.active,
        wage_sum = employer_wage_summary.wage_sum + EXCLUDED.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    VALUES (p_employer, COALESCE(v_wage, -1), p_sign)
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + EXCLUDED.active;
END;
$$;

-- Memberships: insert adds, delete subtracts, update moves (old key out, new key in).
CREATE FUNCTION employer_wage_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.end_date IS NULL AND OLD.employer_id IS NOT NULL THEN
        PERFORM employer_wage_delta(OLD.employer_id, OLD.programs, OLD.id, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.end_date IS NULL AND NEW.employer_id IS NOT NULL THEN
        PERFORM employer_wage_delta(NEW.employer_id, NEW.programs, NEW.id, 1);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER employer_wage_membership_insert AFTER INSERT ON memberships
FOR EACH ROW WHEN (NEW.end_date IS NULL AND NEW.employer_id IS NOT NULL)
EXECUTE FUNCTION employer_wage_membership();
CREATE TRIGGER employer_wage_membership_update
AFTER UPDATE OF end_date, employer_id, programs, id ON memberships
FOR EACH ROW EXECUTE FUNCTION employer_wage_membership();
CREATE TRIGGER employer_wage_membership_delete AFTER DELETE ON memberships
FOR EACH ROW WHEN (OLD.end_date IS NULL AND OLD.employer_id IS NOT NULL)
EXECUTE FUNCTION employer_wage_membership();

-- Wage rows: the membership's contribution out before the change, back in after it.
CREATE FUNCTION employer_wage_wage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_sign BIGINT := CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM employer_wage_apply(OLD.membership_id, v_sign);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.membership_id <> OLD.membership_id) THEN
        PERFORM employer_wage_apply(NEW.membership_id, v_sign);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER employer_wage_wage_before
BEFORE INSERT OR DELETE OR UPDATE OF membership_id, valid_from, amount, superseded_at ON wage_history
FOR EACH ROW EXECUTE FUNCTION employer_wage_wage();
CREATE TRIGGER employer_wage_wage_after
AFTER INSERT OR DELETE OR UPDATE OF membership_id, valid_from, amount, superseded_at ON wage_history
FOR EACH ROW EXECUTE FUNCTION employer_wage_wage();
