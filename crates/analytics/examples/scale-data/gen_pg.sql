SET synchronous_commit = off;
CREATE TEMP TABLE vtmp (c1 TEXT);
\copy vtmp FROM 'villages.txt'
CREATE TEMP TABLE v AS SELECT (row_number() OVER (ORDER BY c1)) - 1 AS i, c1 AS code FROM vtmp;
CREATE UNIQUE INDEX ON v (i);
ANALYZE v;
INSERT INTO sponsors (id, code, name, kind, created_at, updated_at) VALUES (1, 'apbd', 'Pemda', 'regional_government', 'x', 'x');
INSERT INTO employers (id, npp, legal_name, nib, kbli, jkk_risk_class, region_code, status, synthetic, created_at, updated_at)
SELECT i + 1, lpad((i + 1)::text, 8, '0'), 'PT Synthetic ' || i, '91' || lpad(i::text, 11, '0'), (10 + i % 23)::text || '111', 1 + i % 3,
       substr(vv.code, 1, 8), 'active', true, 'x', 'x'
FROM generate_series(0, 999999) AS g(i) JOIN v AS vv(vi, code) ON vv.vi = (g.i * 7) % 83762;
INSERT INTO persons (id, nik, name, name_key, birth_date, sex, region_code, synthetic, created_at, updated_at)
SELECT i + 1, '99' || lpad(i::text, 14, '0'), 'P' || i, 'P' || i, '1990-01-01', 'F', vv.code, true, 'x', 'x'
FROM generate_series(0, 9999999) AS g(i) JOIN v AS vv(vi, code) ON vv.vi = g.i % 83762;
INSERT INTO memberships (id, kpj, person_id, segment, employer_id, sponsor_id, programs, start_date, end_date, created_at, updated_at)
SELECT i + 1, lpad(i::text, 11, '0'), i + 1,
       CASE WHEN i % 4 = 0 THEN 'BPU' ELSE 'PU' END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + (i::bigint * 13) % 1000000 END,
       CASE WHEN i % 8 = 0 THEN 1 ELSE NULL END,
       CASE WHEN i % 4 = 0 THEN 'JKK,JKM' ELSE 'JKK,JKM,JHT,JP,JKP' END,
       '2024-01-01', CASE WHEN i % 10 = 9 THEN '2025-06-30' ELSE NULL END, 'x', 'x'
FROM generate_series(0, 9999999) AS g(i);
ANALYZE;
