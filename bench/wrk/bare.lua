-- The baseline: the bare app's small JSON object (no credential).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.headers["X-Api-Key"] = nil
wrk.path = os.getenv("BENCH_PATH") or "/json"
