-- wrk: POST /apiv0.1/events/{uuid}/stats to one registered run, as several load generators would:
-- each wrk thread is one generator (its own "source"), each post has the next seq and 5 endpoints.
-- env: BENCH_UUID, BENCH_TOKEN
local uuid = os.getenv("BENCH_UUID")
local token = os.getenv("BENCH_TOKEN")
local counter = 0
function setup(thread)
   counter = counter + 1
   thread:set("tid", counter)
end
local seq = 0
local endpoints = {
   '{"method":"GET","name":"/","requests":240,"failures":0,"responseTimes":{"8":60,"9":80,"11":50,"14":30,"22":15,"48":5}}',
   '{"method":"GET","name":"/cart","requests":120,"failures":2,"responseTimes":{"12":40,"15":50,"19":20,"230":10},"errors":{"HTTPError 500":2}}',
   '{"method":"POST","name":"/cart/items","requests":60,"failures":1,"responseTimes":{"25":20,"31":25,"44":10,"120":5}}',
   '{"method":"GET","name":"/products/[id]","requests":300,"failures":0,"responseTimes":{"6":100,"7":120,"9":50,"13":20,"40":10}}',
   '{"method":"POST","name":"/checkout","requests":30,"failures":0,"responseTimes":{"180":10,"210":12,"260":6,"900":2}}'
}
local ep = table.concat(endpoints, ",")
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Token " .. token }
local path = "/apiv0.1/events/" .. uuid .. "/stats"
function request()
   seq = seq + 1
   local body = string.format('{"source":"wrk-%d","seq":%d,"timestamp":"%s","users":50,"endpoints":[%s]}',
      tid or 0, seq, os.date("!%Y-%m-%dT%H:%M:%SZ"), ep)
   return wrk.format("POST", path, headers, body)
end
