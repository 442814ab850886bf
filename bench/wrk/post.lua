-- POST {BENCH_PATH} with the JSON body of BENCH_BODY, where __REF__ becomes a reference unique to
-- the run, thread and request, and __UAI__ a school drawn at random from BENCH_IDS.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"
local template = io.open(os.getenv("BENCH_BODY")):read("*a")
local ids = read_lines(os.getenv("BENCH_IDS"))
local n = 0
wrk.headers["Content-Type"] = "application/json"

function init(args)
  math.randomseed(tid * 104729 + os.time())
end

function request()
  n = n + 1
  local body = template:gsub("__REF__", string.format("%s-%d-%d", run, tid, n)):gsub("__UAI__", ids[math.random(#ids)])
  return wrk.format("POST", path, nil, body)
end
