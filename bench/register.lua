-- wrk: POST /apiv0.1/events/register (the old Locust clients' body). env: BENCH_TOKEN
local token = os.getenv("BENCH_TOKEN")
wrk.method = "POST"
wrk.path = "/apiv0.1/events/register"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token " .. token
wrk.body = '{"startedAt":"2026-11-23T10:00:00Z","host":"loadgen-1","measurement":{"fields":{"clients":50,"hatchRate":5,"requests":0},"tags":{"targetHost":"http://10.10.10.1","mode":"single","testName":"bench-register","env":"bench"}}}'
