\timing on
INSERT INTO wage_history (membership_id, valid_from, amount, kind, recorded_at, recorded_by)
SELECT m.id, '2024-01-01', 4000000 + (m.id * 7919) % 3000000, 'wage', 'x', 'bench'
FROM memberships m WHERE m.segment = 'PU';
CREATE INDEX IF NOT EXISTS wage_history_membership ON wage_history (membership_id);
ANALYZE wage_history;
