-- GET {BENCH_PATH} with the API key, the same request every time (a page, a search, a filtered list).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
wrk.path = os.getenv("BENCH_PATH")
