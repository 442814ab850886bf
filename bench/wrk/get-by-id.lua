-- GET {BENCH_PREFIX}{id}, the id drawn at random from the seeded ids in BENCH_IDS (one per line).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids = read_lines(os.getenv("BENCH_IDS"))
local prefix = os.getenv("BENCH_PREFIX")

function init(args)
  math.randomseed(tid * 7919 + os.time())
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
