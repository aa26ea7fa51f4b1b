-- wrk script: POST /api/v1/calc with one PU contribution scenario (the contract's example).
-- Usage: wrk -t2 -c64 -d20s -s crates/web/bench/calc.lua --latency http://127.0.0.1:8080/api/v1/calc
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"contribution","date":"2026-03-01","segment":"PU","wage":5729876,"risk_class":1}'
