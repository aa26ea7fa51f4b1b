-- Per-employer wage summaries for the compliance check (SQLite flavour; the PostgreSQL one in
-- ../postgres/0240_employer_wages.sql holds the same tables; keep in step).
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

-- Memberships: insert adds, delete subtracts, update moves (old key out, new key in).
CREATE TRIGGER employer_wage_membership_insert AFTER INSERT ON memberships
WHEN NEW.end_date IS NULL AND NEW.employer_id IS NOT NULL
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT NEW.employer_id, NEW.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = NEW.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    WHERE 1
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT NEW.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = NEW.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    WHERE 1
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_membership_delete AFTER DELETE ON memberships
WHEN OLD.end_date IS NULL AND OLD.employer_id IS NOT NULL
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT OLD.employer_id, OLD.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                      WHERE w.membership_id = OLD.id AND w.superseded_at IS NULL
                      ORDER BY w.valid_from DESC LIMIT 1), 0)
    WHERE 1
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT OLD.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = OLD.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    WHERE 1
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_membership_update
AFTER UPDATE OF end_date, employer_id, programs, id ON memberships
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT OLD.employer_id, OLD.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                      WHERE w.membership_id = OLD.id AND w.superseded_at IS NULL
                      ORDER BY w.valid_from DESC LIMIT 1), 0)
    WHERE OLD.end_date IS NULL AND OLD.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT OLD.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = OLD.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    WHERE OLD.end_date IS NULL AND OLD.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT NEW.employer_id, NEW.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = NEW.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    WHERE NEW.end_date IS NULL AND NEW.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT NEW.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = NEW.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    WHERE NEW.end_date IS NULL AND NEW.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

-- Wage rows: the membership's contribution out before the change, back in after it.
CREATE TRIGGER employer_wage_wage_insert_before BEFORE INSERT ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = NEW.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    FROM memberships m
    WHERE m.id = NEW.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_wage_insert_after AFTER INSERT ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = NEW.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    FROM memberships m
    WHERE m.id = NEW.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_wage_update_before
BEFORE UPDATE OF membership_id, valid_from, amount, superseded_at ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = NEW.membership_id AND NEW.membership_id <> OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    FROM memberships m
    WHERE m.id = NEW.membership_id AND NEW.membership_id <> OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_wage_update_after
AFTER UPDATE OF membership_id, valid_from, amount, superseded_at ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = NEW.membership_id AND NEW.membership_id <> OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    FROM memberships m
    WHERE m.id = NEW.membership_id AND NEW.membership_id <> OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_wage_delete_before BEFORE DELETE ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, -1,
           -COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), -1
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;

CREATE TRIGGER employer_wage_wage_delete_after AFTER DELETE ON wage_history
BEGIN
    INSERT INTO employer_wage_summary (employer_id, programs, active, wage_sum)
    SELECT m.employer_id, m.programs, 1,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), 0)
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, programs) DO UPDATE
    SET active = employer_wage_summary.active + excluded.active,
        wage_sum = employer_wage_summary.wage_sum + excluded.wage_sum;
    INSERT INTO employer_wage_hist (employer_id, wage, active)
    SELECT m.employer_id,
           COALESCE((SELECT w.amount FROM wage_history w
                     WHERE w.membership_id = m.id AND w.superseded_at IS NULL
                     ORDER BY w.valid_from DESC LIMIT 1), -1), 1
    FROM memberships m
    WHERE m.id = OLD.membership_id AND m.end_date IS NULL AND m.employer_id IS NOT NULL
    ON CONFLICT (employer_id, wage) DO UPDATE
    SET active = employer_wage_hist.active + excluded.active;
END;
