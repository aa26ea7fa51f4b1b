-- wrk script: POST /api/v1/calc with a JKM death benefit and one school-age child (a longer trace).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"benefit","program":"JKM","date":"2026-02-10","segment":"PU","membership_months":36,"children":[{"birth_date":"2014-08-17","level":"SD","grade":6}]}'
