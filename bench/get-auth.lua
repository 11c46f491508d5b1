-- wrk: GET with a JWT (env BENCH_JWT when set) — used for /api/runs and, without BENCH_JWT, the static file.
local jwt = os.getenv("BENCH_JWT")
if jwt and jwt ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. jwt
end
