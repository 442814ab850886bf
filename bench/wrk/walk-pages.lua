-- GET {BENCH_PATH} (e.g. /api/v1/projects?limit=50), following nextCursor to the last page and
-- starting again; the cursor is shared by the thread's connections.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local path = os.getenv("BENCH_PATH")
local cursor = nil

function request()
  if cursor then
    return wrk.format("GET", path .. "&cursor=" .. cursor)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  cursor = body and body:match('"nextCursor":"([^"]+)"') or nil
end
