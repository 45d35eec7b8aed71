-- The warm-up curve for bench/webhook-bench.sh: the same POST as mutate.lua, counting the answers
-- in each wall-clock second (os.time()), printed by done() as "CURVE <epoch second> <answers>".
-- Use with one wrk thread (-t1): the counts are per thread.
local f = assert(io.open(os.getenv("WINFLEET_BENCH_REVIEW"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

counts = {}
response = function(status, headers, body)
  if status == 200 then
    local s = os.time()
    counts[s] = (counts[s] or 0) + 1
  end
end

done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    local seconds = {}
    for s, _ in pairs(c) do table.insert(seconds, s) end
    table.sort(seconds)
    for _, s in ipairs(seconds) do
      io.write(string.format("CURVE %d %d\n", s, c[s]))
    end
  end
end
