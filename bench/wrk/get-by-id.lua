-- GET {BENCH_PREFIX}{id}, the id drawn at random from the seeded ids in BENCH_IDS (one per line).
-- Every request is formatted once, at start-up: per request, wrk then only picks one, so the load
-- generator's own work (it shares the cores with the API) is as small as for the bare baseline.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local prefix = os.getenv("BENCH_PREFIX")
local requests = {}

function init(args)
  math.randomseed(tid * 7919 + os.time())
  for _, id in ipairs(read_lines(os.getenv("BENCH_IDS"))) do
    requests[#requests + 1] = wrk.format("GET", prefix .. id)
  end
end

function request()
  return requests[math.random(#requests)]
end
