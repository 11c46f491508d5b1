-- wrk: POST batches of k6-shaped line protocol (files written by `client.py lineproto`), cycling through
-- the files so that consecutive requests carry different points. env: BENCH_LP_DIR, BENCH_LP_FILES,
-- BENCH_TOKEN (optional: Authorization: Token), BENCH_WRITE_PATH (/write?db=k6&precision=ns)
local dir = os.getenv("BENCH_LP_DIR")
local n = tonumber(os.getenv("BENCH_LP_FILES") or "8")
local token = os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_WRITE_PATH") or "/write?db=k6&precision=ns"
local bodies = {}
for i = 0, n - 1 do
   local f = assert(io.open(string.format("%s/batch-%02d.lp", dir, i), "rb"))
   bodies[#bodies + 1] = f:read("*a")
   f:close()
end
local headers = { ["Content-Type"] = "text/plain; charset=utf-8" }
if token and token ~= "" then headers["Authorization"] = "Token " .. token end
local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
end
local k = 0
function request()
   k = k + 1
   return wrk.format("POST", path, headers, bodies[((k + (tid or 0) * 7) % #bodies) + 1])
end
