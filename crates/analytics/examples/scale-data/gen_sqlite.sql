-- 10,000,000 memberships (one per person), 1,000,000 employers, on every village of Indonesia.
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;
CREATE TEMP TABLE v (i INTEGER PRIMARY KEY, code TEXT);
CREATE TEMP TABLE vtmp (c1 TEXT);
.import villages.txt vtmp
INSERT INTO v (i, code) SELECT rowid - 1, c1 FROM vtmp;
INSERT INTO imports (id, kind, file_name, file_sha256, mode, actor, at, rows_total, rows_applied, rows_rejected, rows_unchanged, persons_created, memberships_created, wages_created, reviews_opened, report)
 VALUES (1, 'workers', 'synthetic', 'x', 'all_or_nothing', 'bench', 'x', 0,0,0,0,0,0,0,0,'');
INSERT INTO sponsors (id, code, name, kind, created_at, updated_at) VALUES (1, 'apbd', 'Pemda', 'regional_government', 'x', 'x');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO employers (id, npp, legal_name, nib, kbli, jkk_risk_class, region_code, status, synthetic, created_at, updated_at)
SELECT i + 1, printf('%08d', i + 1), 'PT Synthetic ' || i, printf('91%011d', i), printf('%02d111', 10 + i % 23), 1 + i % 3,
       substr((SELECT code FROM v WHERE v.i = (n.i * 7) % 83762), 1, 8), 'active', 1, 'x', 'x' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999999)
INSERT INTO persons (id, nik, name, name_key, birth_date, sex, region_code, synthetic, created_at, updated_at)
SELECT i + 1, printf('99%014d', i), 'P' || i, 'P' || i, '1990-01-01', 'F',
       (SELECT code FROM v WHERE v.i = n.i % 83762), 1, 'x', 'x' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999999)
INSERT INTO memberships (id, kpj, person_id, segment, employer_id, sponsor_id, programs, start_date, end_date, created_at, updated_at)
SELECT i + 1, printf('%011d', i), i + 1,
       CASE WHEN i % 4 = 0 THEN 'BPU' ELSE 'PU' END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + (i * 13) % 1000000 END,
       CASE WHEN i % 8 = 0 THEN 1 ELSE NULL END,
       CASE WHEN i % 4 = 0 THEN 'JKK,JKM' ELSE 'JKK,JKM,JHT,JP,JKP' END,
       '2024-01-01', CASE WHEN i % 10 = 9 THEN '2025-06-30' ELSE NULL END, 'x', 'x' FROM n;
