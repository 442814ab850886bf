#!/usr/bin/env python3
"""`make bench`: the API's figures as ratios to baselines measured side by side in the same run.

The machine is shared and noisy, so no absolute time is a result on its own: every HTTP figure is
divided by the bare minimal-API app's, measured in alternating rounds just before it, and the bulk
import by `sqlite3 .import` of the same file. Standard library only; wrk and sqlite3 are installed
from the Debian packages when missing. See bench/README.md.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import os
import platform
import random
import resource
import re
import secrets
import select
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WRK_DIR = BENCH / "wrk"
WORK = BENCH / ".work"
RESULTS = BENCH / "results"
# BENCH_API_PORT/BENCH_BARE_PORT let two benches share a machine (their figures then mean little).
API_PORT = int(os.environ.get("BENCH_API_PORT", "5190"))
BARE_PORT = int(os.environ.get("BENCH_BARE_PORT", "5191"))
HOST = "127.0.0.1"
CONNECTIONS = 32
POST_FEW_TERMS = "POST /api/v1/projects (few terms)"
QUEUE_LINE = "GET /api/v1/accompaniment/queue?limit=50"

# seed: schools imported before the HTTP measures; schools: the measured import, after warm_import
# other schools have warmed the import path (as warm_s warms the endpoints); big_import: the memory
# measure. Each import runs in a fresh API, stopped before its events are dispatched.
# queue: submitted projects in Accompaniment's queue, listed by GET /api/v1/accompaniment/queue.
FULL = dict(rounds=5, round_s=3, warm_s=15, seed=10_000, schools=100_000, warm_import=50_000, big_import=1_000_000, projects=2_000,
            submissions=1_000, submit_rate=50.0, sqlite_runs=3, queue=5_000, eval_projects=2_000, eval_indicators=5, eval_periods=100,
            starts=5, ceiling_s=6.0, import_rounds=3)
SMOKE = dict(rounds=1, round_s=1, warm_s=2, seed=2_000, schools=5_000, warm_import=1_000, big_import=20_000, projects=100,
             submissions=30, submit_rate=50.0, sqlite_runs=1, queue=100, eval_projects=20, eval_indicators=5, eval_periods=10,
             starts=1, ceiling_s=1.0, import_rounds=1)

PROJECT_BODY = {
    "title": "Classe flexible et numérique __REF__",
    "summary": "Aménager une salle en espaces de travail modulables et mesurer l'effet sur l'autonomie.",
    "academie": "25",
    "schools": ["__UAI__"],
    "themes": ["digitalAndAi"],
    "tags": [],
    "levels": ["cycle3"],
    "pupilsConcerned": 120,
    "plannedStart": "2026-09-01",
    "plannedEnd": "2027-06-30",
    "isPublic": True,
    "externalReference": "__REF__",
    "team": [{"role": "carrier", "name": "Ada Lovelace", "email": "ada@ac-versailles.fr"}],
    "canvas": {
        "needs": "Des élèves peu autonomes en fin de cycle 3.",
        "objectives": "Développer l'autonomie et la coopération.",
        "actors": "Deux professeurs des écoles, le conseiller pédagogique.",
        "resources": "Mobilier modulable, six tablettes.",
        "keySteps": "Aménagement en septembre, bilan d'étape en février.",
        "evaluationIndicators": "Grille d'autonomie remplie trois fois dans l'année.",
    },
}

# The same project with one word in each text: about a tenth of the search terms of PROJECT_BODY
# (ADR 0013). POSTed beside it, it shows what the terms cost a project write.
FEW_TERMS_BODY = dict(PROJECT_BODY, title="Projet __REF__", summary="Résumé.", canvas={k: "Texte." for k in PROJECT_BODY["canvas"]})


def search_terms(body: dict) -> int:
    """How many distinct terms the API indexes for a body (title, summary, canvas; __REF__ as one run's)."""
    texts = [body["title"].replace("__REF__", "r-0-1"), body["summary"], *body["canvas"].values()]
    folded = "".join(c for c in unicodedata.normalize("NFD", " ".join(texts).lower()) if unicodedata.category(c) != "Mn")
    return len({w[:64] for w in re.findall(r"[^\W_]+", folded)})


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, text=True, **kwargs)


# ---------------------------------------------------------------- tools and machine

def ensure_tools() -> None:
    missing = [p for p, b in (("wrk", "wrk"), ("sqlite3", "sqlite3"), ("curl", "curl")) if shutil.which(b) is None]
    if missing:
        log(f"installing {' '.join(missing)} from the Debian packages")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def machine_info() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))

    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[0]
        except Exception:  # noqa: BLE001 - informational only
            return None

    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memoryGiB": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": out(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "dotnet": out(["dotnet", "--version"]),
        "wrk": out(["sh", "-c", "wrk -v 2>&1 | head -1"]),
        "sqlite3": out(["sqlite3", "--version"]),
        "commit": out(["git", "rev-parse", "--short", "HEAD"]),
        "loadAverageAtStart": os.getloadavg()[0],
    }


# ---------------------------------------------------------------- processes

# The API as the Dockerfile publishes it (Release, ReadyToRun: ADR 0031); the bare app as built.
API_DLL = ROOT / "src/Innovation.Api/bin/Release/publish/Innovation.Api.dll"
BARE_DLL = ROOT / "bench/baseline/bin/Release/net10.0/Baseline.dll"


def build_api() -> None:
    log("publishing the API (Release, ReadyToRun)")
    run(["dotnet", "publish", "-c", "Release", "-o", str(API_DLL.parent), "--nologo", "-v", "q", "-clp:ErrorsOnly",
         str(ROOT / "src/Innovation.Api/Innovation.Api.csproj")], cwd=ROOT)


def build() -> None:
    build_api()
    log("building the baseline (Release)")
    run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly", str(ROOT / "bench/baseline/Baseline.csproj")], cwd=ROOT)


def production_env(key: str) -> dict:
    """The API as in production on a data directory under WORK, with `key` as its bootstrap key."""
    return {
        "ASPNETCORE_ENVIRONMENT": "Production", "Auth__BootstrapApiKey": key,
        "Database__DataDirectory": str(WORK / "data"),
        # One credential drives the whole load: the per-credential limit would measure the limiter.
        "RateLimiting__PermitsPerSecond": "10000000", "RateLimiting__Burst": "10000000",
    }


class Server:
    """A Release build started with `dotnet <dll>` from its output folder (its content root)."""

    def __init__(self, name: str, dll: Path, port: int, env: dict, log_path: Path):
        self.name, self.port = name, port
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(["dotnet", str(dll)], cwd=dll.parent, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(os.environ, ASPNETCORE_URLS=f"http://{HOST}:{port}", **env),
                                     start_new_session=True)

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.proc.returncode}; see {self.log.name}")
            try:
                status, _, _ = request(self.port, "GET", path, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"{self.name} did not answer {path} within {timeout} s; see {self.log.name}")

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process so far: what a loaded machine disturbs least (ADR 0010)."""
        fields = open(f"/proc/{self.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kb(self, field: str = "VmRSS") -> int:
        try:
            for line in open(f"/proc/{self.proc.pid}/status"):
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


class RssSampler(threading.Thread):
    """Polls a process's resident set every 20 ms; the kernel's high-water mark is read as well."""

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server, self.peak_kb, self._halt = server, 0, threading.Event()
        self.samples: list[int] = []

    def run(self):
        while not self._halt.is_set():
            self.samples.append(self.server.rss_kb())
            self.peak_kb = max(self.peak_kb, self.samples[-1])
            time.sleep(0.02)

    def halves_mb(self) -> tuple[float, float]:
        """The peak of the first and of the second half of the samples: memory that grows with the file shows as a second
        half above the first."""
        half = len(self.samples) // 2
        return max(self.samples[:half] or [0]) / 1024, max(self.samples[half:] or [0]) / 1024

    def finish(self) -> int:
        self._halt.set()
        self.join()
        return self.peak_kb


_connections: dict[int, http.client.HTTPConnection] = {}


def _closed_by_peer(sock) -> bool:
    """Whether the server closed this idle connection: it is readable (end of stream) with no request in flight."""
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def request(port: int, method: str, path: str, body=None, headers=None, timeout: float = 30):
    """One keep-alive request per calling thread and port; returns (status, headers, parsed body)."""
    key = (threading.get_ident(), port)
    conn = _connections.get(key)
    if conn is None:
        conn = _connections[key] = http.client.HTTPConnection(HOST, port, timeout=timeout)
    elif conn.sock is not None and _closed_by_peer(conn.sock):
        # Kestrel closes a keep-alive connection idle for two minutes (while wrk runs, for instance): a new one is opened
        # rather than a request sent into a closed socket.
        conn.close()
    conn.timeout = timeout  # the connection is reused: each request brings its own timeout
    if conn.sock is not None:
        conn.sock.settimeout(timeout)
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    hdrs = dict(headers or {})
    if isinstance(body, (dict, list)):
        hdrs["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        raw = resp.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        _connections.pop(key, None)
        raise
    parsed = None
    if raw and "json" in (resp.getheader("Content-Type") or ""):
        parsed = json.loads(raw)
    return resp.status, resp, parsed


# ---------------------------------------------------------------- data

def departements() -> list[tuple[str, str, str]]:
    """(code, name, académie) from the territory migration, so the generated rows are valid."""
    sql = (ROOT / "db-migrations/sqlite/networks/0002_territory_reference.sql").read_text(encoding="utf-8")
    part = sql.split("INSERT INTO departement", 1)[1]
    return [(c, n.replace("''", "'"), a) for c, n, a in re.findall(r"\('([0-9AB]{3})', '((?:[^']|'')*)', '([0-9]{2})'\)", part)]


def uai_prefix(departement: str) -> str:
    return {"02A": "620", "02B": "720"}.get(departement, departement)


def check_letter(seven: str) -> str:
    return "ABCDEFGHJKLMNPRSTUVWXYZ"[int(seven) % 23]


FIRST = ["Jean", "Marie", "Louis", "Jules", "Victor", "Paul", "Simone", "Pierre", "Anne", "Jacques", "Lucie", "Émile"]
LAST = ["Jaurès", "Curie", "Pasteur", "Ferry", "Hugo", "Moulin", "Veil", "Camus", "Zola", "Brassens", "Prévert", "Galois"]
KINDS = [("ecole", "École élémentaire"), ("ecole", "École maternelle"), ("ecole", "École primaire"),
         ("college", "Collège"), ("lycee", "Lycée"), ("lycee", "Lycée professionnel"), ("erea", "EREA")]
STREETS = ["rue", "avenue", "boulevard", "place", "allée", "chemin"]


def write_schools_csv(path: Path, count: int, seed: int = 5, first: int = 0) -> list[str]:
    """`count` valid schools in realistic proportions: 10,000 UAIs per département prefix, every
    département in turn (Versailles' first, so a small file still has schools there). Returns
    the UAIs of académie 25 (Versailles). `first` is the first number used under each prefix: files
    written with distant `first`s share no UAI."""
    rng = random.Random(seed)
    deps = sorted(departements(), key=lambda d: (d[2] != "25", d[0]))
    per = -(-count // len(deps))
    if first + per > 10_000:
        raise SystemExit(f"{count} schools exceed the 10,000 UAIs per département prefix")
    versailles: list[str] = []
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["uai", "name", "type", "sector", "address", "postcode", "commune", "departement", "academie",
                    "circonscription", "priorityEducation", "latitude", "longitude", "status"])
        for code, dep_name, academie in deps:
            prefix = uai_prefix(code)
            for i in range(first, first + per):
                if written == count:
                    break
                seven = f"{prefix}{i:04d}"
                uai = seven + check_letter(seven)
                kind, label = KINDS[rng.randrange(len(KINDS))] if rng.random() < 0.5 else KINDS[0]
                person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                commune = f"{dep_name} {i % 300 + 1}"
                postcode = (code[1:] if code[0] == "0" and code[1:].isdigit() else "20" if code[:2] == "02" else code) 
                postcode = (postcode + f"{rng.randrange(1000):03d}")[:5].ljust(5, "0")
                w.writerow([uai, f"{label} {person}", kind, "public" if rng.random() < 0.8 else "private",
                            f"{rng.randrange(1, 200)} {rng.choice(STREETS)} {person}", postcode, commune, code, academie,
                            f"Circonscription de {commune}", rng.choice(["none"] * 8 + ["rep", "repPlus"]),
                            f"{rng.uniform(42.0, 51.0):.5f}", f"{rng.uniform(-4.5, 8.0):.5f}", "open"])
                written += 1
                if academie == "25":
                    versailles.append(uai)
    return versailles


# ---------------------------------------------------------------- measures

def wrk(script: str, port: int, seconds: float, env: dict, connections: int = CONNECTIONS) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
           "-s", str(WRK_DIR / script), f"http://{HOST}:{port}"]
    out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, BENCH_WRK_DIR=str(WRK_DIR), **env))
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if out.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({out.returncode}): {out.stdout}\n{out.stderr}")
    r = json.loads(line[len("BENCH_JSON "):])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["errors"] = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["status_errors"]
    return r


def measure_endpoint(name: str, script: str, env: dict, cfg: dict, bare: list) -> dict:
    """Alternating rounds: the bare app, then the endpoint, so each ratio compares neighbours in time."""
    rounds = []
    for i in range(cfg["rounds"]):
        b = wrk("bare.lua", BARE_PORT, cfg["round_s"], {"BENCH_PATH": "/json"})
        bare.append(b)
        e = wrk(script, API_PORT, cfg["round_s"], dict(env, BENCH_RUN=f"{name}-{i}-{secrets.token_hex(3)}"))
        if e["errors"]:
            log(f"  {name}: round {i + 1} had {e['errors']} errors (status {e['status_errors']})")
        rounds.append({"bareRps": b["rps"], "rps": e["rps"], "p50Ms": e["p50_us"] / 1000, "p99Ms": e["p99_us"] / 1000,
                       "errors": e["errors"], "ratio": e["rps"] / b["rps"], "bareP99Ms": b["p99_us"] / 1000,
                       "p99Ratio": e["p99_us"] / max(1, b["p99_us"])})
    result = {
        "rps": statistics.median(r["rps"] for r in rounds),
        "p50Ms": statistics.median(r["p50Ms"] for r in rounds),
        "p99Ms": statistics.median(r["p99Ms"] for r in rounds),
        "ratioToBare": statistics.median(r["ratio"] for r in rounds),
        # p99 against the bare app's p99 of the same round: the machine's own scheduling shows in both
        "p99RatioToBare": statistics.median(r["p99Ratio"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
        "rounds": rounds,
    }
    log(f"  {name}: {result['rps']:.0f} req/s, p99 {result['p99Ms']:.2f} ms, ratio {result['ratioToBare']:.3f}")
    return result


def terms_cost(full: dict, few: dict) -> dict:
    """What the search terms cost a project write: the two POSTs' ratios to bare, side by side."""
    kept = full["ratioToBare"] / few["ratioToBare"]
    return {"terms": search_terms(PROJECT_BODY), "termsFew": search_terms(FEW_TERMS_BODY),
            "postRatioToFewTerms": kept, "termsShareOfWrite": 1 - kept}


def curl_import(path: str, csv_path: Path, key: str, server: Server) -> dict:
    before = server.rss_kb()
    sampler = RssSampler(server)
    sampler.start()
    cpu = server.cpu_seconds()
    started = time.perf_counter()
    out = subprocess.run(["curl", "-sS", "-X", "POST", "-T", str(csv_path), "-H", f"X-Api-Key: {key}",
                          "-H", "Content-Type: text/csv", "-o", str(WORK / "import-report.json"),
                          "-w", "%{http_code}", f"http://{HOST}:{API_PORT}{path}"], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    cpu = server.cpu_seconds() - cpu
    peak = sampler.finish()
    report = json.loads((WORK / "import-report.json").read_text() or "null")
    if out.stdout != "200":
        raise SystemExit(f"import answered {out.stdout}: {json.dumps(report)[:2000]} {out.stderr}")
    first_half, second_half = sampler.halves_mb()
    return {"seconds": elapsed, "cpuSeconds": cpu, "report": report, "rssBeforeMB": before / 1024, "peakRssMB": peak / 1024,
            "vmHwmMB": server.rss_kb("VmHWM") / 1024, "firstHalfPeakRssMB": first_half, "secondHalfPeakRssMB": second_half}


def sqlite_import(csv_path: Path) -> float:
    return sqlite_import_timed(csv_path)[0]


def sqlite_import_timed(csv_path: Path) -> tuple[float, float]:
    """Seconds and CPU seconds of `sqlite3 .import` of the file into an empty table."""
    db = WORK / "sqlite-import.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with open(csv_path, encoding="utf-8") as f:
        columns = next(csv.reader(f))
    script = (f"CREATE TABLE school ({', '.join(c + ' TEXT' for c in columns)});\n"
              f".import --csv --skip 1 '{csv_path}' school\n")
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run(["sqlite3", str(db)], input=script, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def wait_dispatched(key: str, timeout: float) -> float:
    """Waits until the outbox has nothing left to deliver (the readiness probe's lag is 0)."""
    started = time.time()
    while time.time() - started < timeout:
        try:
            _, _, body = request(API_PORT, "GET", "/health/ready", timeout=60)
        except (OSError, http.client.HTTPException) as error:  # a stalled probe under heavy load: ask again
            log(f"  /health/ready did not answer ({error!r}); asking again")
            continue
        lag = json.dumps(body)
        match = re.search(r'"lagSeconds":\s*([0-9.]+)', lag)
        if match and float(match.group(1)) == 0:
            return time.time() - started
        time.sleep(0.5)
    log(f"  the outbox still had events after {timeout:.0f} s; measuring anyway")
    return time.time() - started


def seed_projects(key: str, versailles: list[str], count: int, list_available: bool) -> tuple[list[str], str]:
    """Projects through the import endpoint (NDJSON, the POST body's field names), their ids read
    back from the list; when the import or the list is absent, or the import refuses that shape,
    through POST /api/v1/projects instead, keeping the ids it answers."""
    hdr = {"X-Api-Key": key}
    rng = random.Random(11)
    rows = [json.loads(json.dumps(PROJECT_BODY).replace("__REF__", f"SEED-{i:06d}").replace("__UAI__", rng.choice(versailles)))
            for i in range(count)]
    if list_available:
        ndjson = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
        status, _, report = request(API_PORT, "POST", "/api/v1/imports/projects", body=ndjson,
                                    headers=dict(hdr, **{"Content-Type": "application/x-ndjson"}), timeout=300)
        if status == 200:
            ids, cursor = [], None
            while True:
                path = "/api/v1/projects?limit=200" + (f"&cursor={cursor}" if cursor else "")
                s, _, page = request(API_PORT, "GET", path, headers=hdr)
                if s != 200:
                    raise SystemExit(f"GET {path} answered {s}: {page}")
                ids += [p["id"] for p in page["items"]]
                cursor = page.get("nextCursor")
                if not cursor:
                    return ids, "import"
        log(f"  project import answered {status} ({json.dumps(report)[:300]}); seeding with POST instead")
    ids = []
    for r in rows:
        s, _, b = request(API_PORT, "POST", "/api/v1/projects", body=r, headers=hdr)
        if s != 201:
            raise SystemExit(f"POST /api/v1/projects answered {s}: {b}")
        ids.append(b["id"])
    return ids, "post"


def seed_queue(key: str, versailles: list[str], count: int) -> int | None:
    """Accompaniment's queue of `count` projects: imports drafts with a complete canvas (titled QUEUE-…; a submission
    needs one, and the import takes the canvas as flat fields, which the seeded projects lack), submits `count` of them
    (the queue lists submitted projects with no diagnosis) and waits until the events reached the queue. None when the
    queue's route is absent or a step fails: the line is then skipped, not the bench."""
    hdr = {"X-Api-Key": key}
    s, _, _ = request(API_PORT, "GET", "/api/v1/accompaniment/queue?limit=1", headers=hdr)
    if s != 200:
        log(f"  GET /api/v1/accompaniment/queue answered {s}: the queue line is skipped")
        return None
    drafts, cursor = [], None
    while True:
        path = "/api/v1/projects?limit=200&status=draft" + (f"&cursor={cursor}" if cursor else "")
        s, _, page = request(API_PORT, "GET", path, headers=hdr)
        if s != 200:
            log(f"  GET {path} answered {s}: the queue line is skipped")
            return None
        drafts += [(p["id"], p["version"]) for p in page["items"] if "QUEUE-" in p["title"]]
        cursor = page.get("nextCursor")
        if not cursor:
            break
    missing = count - len(drafts)
    if missing > 0:
        rng = random.Random(31)
        rows = []
        for i in range(len(drafts), count):
            row = json.loads(json.dumps(PROJECT_BODY).replace("__REF__", f"QUEUE-{i:06d}").replace("__UAI__", rng.choice(versailles)))
            row.update(row.pop("canvas"))
            rows.append(row)
        ndjson = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
        s, _, report = request(API_PORT, "POST", "/api/v1/imports/projects", body=ndjson,
                               headers=dict(hdr, **{"Content-Type": "application/x-ndjson"}), timeout=300)
        if s != 200 or report.get("created") != missing:
            log(f"  project import answered {s} ({json.dumps(report)[:300]}): the queue line is skipped")
            return None
        return seed_queue(key, versailles, count)
    for pid, version in drafts[:count]:
        s, _, b = request(API_PORT, "POST", f"/api/v1/projects/{pid}/submit", headers=dict(hdr, **{"If-Match": f'"{version}"'}))
        if s != 200:
            log(f"  POST /api/v1/projects/{pid}/submit answered {s} ({json.dumps(b)[:300]}): the queue line is skipped")
            return None
    wait_dispatched(key, 300)
    s, _, page = request(API_PORT, "GET", "/api/v1/accompaniment/queue?limit=200", headers=hdr)
    if s != 200 or len(page["items"]) < min(count, 200):
        log(f"  the queue lists {len(page.get('items', []))} projects after the submissions: the queue line is skipped")
        return None
    return count


class FeedWatcher(threading.Thread):
    """Follows /api/v1/events from its current end, noting when each event id is first seen."""

    def __init__(self, key: str, types: set[str]):
        super().__init__(daemon=True)
        self.key, self.types, self.seen, self._halt = key, types, {}, threading.Event()
        self.after = None
        while True:  # skip to the end of the feed
            path = "/api/v1/events?limit=200" + (f"&after={self.after}" if self.after else "")
            _, _, page = request(API_PORT, "GET", path, headers={"X-Api-Key": key})
            if page["items"]:
                self.after = page["items"][-1]["id"]
            if not page.get("nextCursor"):
                break

    def run(self):
        while not self._halt.is_set():
            path = "/api/v1/events?limit=200" + (f"&after={self.after}" if self.after else "")
            _, _, page = request(API_PORT, "GET", path, headers={"X-Api-Key": self.key})
            now = time.time()
            for e in page["items"]:
                if e["type"] in self.types:
                    self.seen[e["id"]] = (now, parse_time(e["occurredAt"]), e)
                self.after = e["id"]
            if not page.get("nextCursor"):
                time.sleep(0.002)

    def finish(self):
        self._halt.set()
        self.join()


def parse_time(text: str) -> float:
    # occurredAt carries 7 fractional digits; Python parses up to 6.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text.replace("Z", "+00:00"))
    return dt.datetime.fromisoformat(text).timestamp()


def dispatch_latency(key: str, versailles: list[str], cfg: dict, projects_available: bool) -> dict:
    """Each submission's event: time from its `occurredAt` (stamped inside the committing
    transaction) to the moment the feed first shows it, both read from this machine's clock."""
    hdr = {"X-Api-Key": key}
    n = cfg["submissions"]
    rng = random.Random(23)
    run_id = secrets.token_hex(3)
    targets: list = []
    if projects_available:
        kind = "ProjectSubmitted"
        for i in range(n):
            body = json.loads(json.dumps(PROJECT_BODY).replace("__REF__", f"EVT-{run_id}-{i}").replace("__UAI__", rng.choice(versailles)))
            s, resp, b = request(API_PORT, "POST", "/api/v1/projects", body=body, headers=hdr)
            if s != 201:
                raise SystemExit(f"POST /api/v1/projects answered {s}: {b}")
            targets.append((b["id"], resp.getheader("ETag")))
        wait_dispatched(key, 120)
        pid, etag = targets[0]
        s, _, _ = request(API_PORT, "POST", f"/api/v1/projects/{pid}/submit", headers=dict(hdr, **{"If-Match": "\"0\""}))
        if s in (404, 405):  # the project exists, so a 404 means the route does not
            projects_available = False
    if not projects_available:
        kind = "SchoolRegistered"
        targets = list(range(n))
    watcher = FeedWatcher(key, {kind})
    watcher.start()
    interval = 1 / cfg["submit_rate"]
    next_at = time.perf_counter()
    for i, target in enumerate(targets):
        next_at += interval
        if projects_available:
            pid, etag = target
            s, _, b = request(API_PORT, "POST", f"/api/v1/projects/{pid}/submit", headers=dict(hdr, **{"If-Match": etag}))
            ok = s == 200
        else:
            seven = f"980{i + 1000 * (int(run_id, 16) % 9):04d}"  # prefix 980: no département check
            s, _, b = request(API_PORT, "POST", "/api/v1/schools", headers=hdr, body={
                "uai": seven + check_letter(seven), "name": f"École bench {run_id} {i}", "type": "ecole",
                "sector": "public", "departement": "095"})
            ok = s == 201
        if not ok:
            raise SystemExit(f"{kind} write answered {s}: {b}")
        time.sleep(max(0.0, next_at - time.perf_counter()))
    deadline = time.time() + 30
    while len(watcher.seen) < n and time.time() < deadline:
        time.sleep(0.05)
    watcher.finish()
    latencies = sorted((seen - occurred) * 1000 for seen, occurred, _ in watcher.seen.values())
    if not latencies:
        raise SystemExit(f"no {kind} event reached the feed")
    pct = lambda q: latencies[min(len(latencies) - 1, int(round(q * (len(latencies) - 1))))]
    result = {"event": kind, "submissions": n, "seen": len(latencies), "ratePerSecond": cfg["submit_rate"],
              "p50Ms": pct(0.50), "p99Ms": pct(0.99), "maxMs": latencies[-1]}
    log(f"  {kind}: p50 {result['p50Ms']:.1f} ms, p99 {result['p99Ms']:.1f} ms ({len(latencies)}/{n} seen)")
    return result


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="seconds, not minutes: checks the bench still works")
    parser.add_argument("--no-build", action="store_true", help="reuse the last Release build")
    parser.add_argument("--only", choices=("http", "dispatch", "import", "queue", "evaluation", "start"), action="append",
                        help="run only these parts (repeatable; queue: the queue's line of the HTTP part alone; start: the cold starts); "
                             "for working on one figure, not a result")
    args = parser.parse_args()
    parts = set(args.only or ("http", "dispatch", "import", "evaluation", "start"))
    cfg = dict(SMOKE if args.smoke else FULL)
    for k in cfg:  # BENCH_ROUNDS=3 etc. override
        if f"BENCH_{k.upper()}" in os.environ:
            cfg[k] = type(cfg[k])(os.environ[f"BENCH_{k.upper()}"])
    started = time.time()
    ensure_tools()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    RESULTS.mkdir(exist_ok=True)
    machine = machine_info()
    log(f"{machine['nproc']} × {machine['cpu']}, {machine['memoryGiB']} GiB, load {machine['loadAverageAtStart']:.2f}")

    if not args.no_build:
        build()
    api_dll, bare_dll = API_DLL, BARE_DLL

    key = "bench-" + secrets.token_hex(24)
    api_env = production_env(key)
    servers: list[Server] = []
    results: dict = {"machine": machine, "settings": dict(cfg, connections=CONNECTIONS, smoke=args.smoke)}
    try:
        api = Server("API", api_dll, API_PORT, api_env, WORK / "api.log")
        servers.append(api)
        bare = Server("baseline", bare_dll, BARE_PORT, {"ASPNETCORE_ENVIRONMENT": "Production"}, WORK / "baseline.log")
        servers.append(bare)
        api.wait_ready("/health/live")
        bare.wait_ready("/json")
        hdr = {"X-Api-Key": key}

        schools_csv, warm_csv, big_csv = WORK / "schools.csv", WORK / "schools-warm.csv", WORK / "schools-big.csv"

        def write_import_files() -> None:
            if "import" in parts:
                write_schools_csv(schools_csv, cfg["schools"], seed=5)
                write_schools_csv(warm_csv, cfg["warm_import"], seed=6, first=5_000)
                write_schools_csv(big_csv, cfg["big_import"], seed=7)

        if parts & {"http", "dispatch", "queue"}:
            # ---- seed: schools through the import endpoint, delivered to the Projects read model
            log(f"seeding {cfg['seed']:,} schools")
            seed_csv = WORK / "seed.csv"
            versailles = write_schools_csv(seed_csv, cfg["seed"], seed=3)
            all_uais = [row[0] for row in csv.reader(open(seed_csv, encoding="utf-8"))][1:]
            (WORK / "uais.txt").write_text("\n".join(all_uais) + "\n")
            (WORK / "versailles.txt").write_text("\n".join(versailles) + "\n")
            seeded = curl_import("/api/v1/imports/schools", seed_csv, key, api)
            if seeded["report"].get("created") != cfg["seed"]:
                raise SystemExit(f"the seed import created {seeded['report'].get('created')}: {seeded['report']}")
            # The import files are written while the dispatcher delivers the seed's events.
            write_import_files()
            log("waiting for the seed's events to reach the Projects read model")
            results["seed"] = {"schools": cfg["seed"], "importSeconds": seeded["seconds"],
                               "dispatchSeconds": wait_dispatched(key, 300)}

            # ---- projects (they need the schools in the Projects read model)
            s, _, _ = request(API_PORT, "GET", "/api/v1/projects?limit=1", headers=hdr)
            list_available = s == 200
            s, _, _ = request(API_PORT, "POST", "/api/v1/projects", body={}, headers=hdr)
            projects_available = s not in (404, 405)  # the route exists (an empty project is refused)
            project_ids: list[str] = []
            if projects_available:
                log(f"seeding {cfg['projects']:,} projects")
                project_ids, how = seed_projects(key, versailles, cfg["projects"], list_available)
                results["projectSeed"] = {"count": len(project_ids), "through": how}
                (WORK / "projects.txt").write_text("\n".join(project_ids) + "\n")
                (WORK / "project.json").write_text(json.dumps(PROJECT_BODY, ensure_ascii=False))
                (WORK / "project-few-terms.json").write_text(json.dumps(FEW_TERMS_BODY, ensure_ascii=False))
            else:
                log(f"POST /api/v1/projects answered {s}: the projects measures are skipped (endpoints not on this branch)")

            endpoints = [("GET /api/v1/schools/{uai}", "get-by-id.lua",
                          {"BENCH_KEY": key, "BENCH_IDS": str(WORK / "uais.txt"), "BENCH_PREFIX": "/api/v1/schools/"})]
            if projects_available:
                endpoints.append(("GET /api/v1/projects/{id}", "get-by-id.lua",
                                  {"BENCH_KEY": key, "BENCH_IDS": str(WORK / "projects.txt"), "BENCH_PREFIX": "/api/v1/projects/"}))
            if list_available:
                endpoints.append(("GET /api/v1/projects?limit=50", "walk-pages.lua", {"BENCH_KEY": key, "BENCH_PATH": "/api/v1/projects?limit=50"}))
            else:
                log("GET /api/v1/projects answered 404: the list is measured on GET /api/v1/schools?limit=50 instead")
                endpoints.append(("GET /api/v1/schools?limit=50", "walk-pages.lua",
                                  {"BENCH_KEY": key, "BENCH_PATH": "/api/v1/schools?limit=50"}))
            if projects_available and parts & {"http", "queue"}:
                log(f"seeding a queue of {cfg['queue']:,} submitted projects")
                if (queued := seed_queue(key, versailles, cfg["queue"])) is not None:
                    results["queueSeed"] = {"count": queued}
                    endpoints.append((QUEUE_LINE, "walk-pages.lua", {"BENCH_KEY": key, "BENCH_PATH": "/api/v1/accompaniment/queue?limit=50"}))
            if projects_available:
                endpoints.append(("POST /api/v1/projects", "post.lua",
                                  {"BENCH_KEY": key, "BENCH_PATH": "/api/v1/projects", "BENCH_IDS": str(WORK / "versailles.txt"),
                                   "BENCH_BODY": str(WORK / "project.json")}))
                endpoints.append((POST_FEW_TERMS, "post.lua",
                                  {"BENCH_KEY": key, "BENCH_PATH": "/api/v1/projects", "BENCH_IDS": str(WORK / "versailles.txt"),
                                   "BENCH_BODY": str(WORK / "project-few-terms.json")}))

            if "queue" in parts and "http" not in parts:  # --only queue: the queue's line alone
                endpoints = [e for e in endpoints if e[0] == QUEUE_LINE]
            # ---- warm-up: every measured endpoint at once, for warm_s seconds
            log(f"warming {len(endpoints) + 1} endpoints for {cfg['warm_s']} s")
            warmers = [threading.Thread(target=wrk, args=("bare.lua", BARE_PORT, cfg["warm_s"], {"BENCH_PATH": "/json"}, 4))]
            warmers += [threading.Thread(target=wrk, args=(script, API_PORT, cfg["warm_s"], dict(env, BENCH_RUN=f"warm-{i}"), 4))
                        for i, (_, script, env) in enumerate(endpoints)]
            for t in warmers:
                t.start()
            for t in warmers:
                t.join()
            wait_dispatched(key, 120)

            if parts & {"http", "queue"}:
                # ---- HTTP: alternating rounds, the bare app then the endpoint
                log(f"measuring: {cfg['rounds']} rounds × {cfg['round_s']} s, {CONNECTIONS} connections")
                bare_rounds: list = []
                http_results = {}
                for name, script, env in endpoints:
                    if name.startswith("POST"):
                        wait_dispatched(key, 120)
                    http_results[name] = measure_endpoint(name, script, env, cfg, bare_rounds)
                bare_result = {"rps": statistics.median(b["rps"] for b in bare_rounds),
                               "p50Ms": statistics.median(b["p50_us"] for b in bare_rounds) / 1000,
                               "p99Ms": statistics.median(b["p99_us"] for b in bare_rounds) / 1000, "ratioToBare": 1.0,
                               "errors": sum(b["errors"] for b in bare_rounds), "rounds": len(bare_rounds)}
                results["http"] = {"GET /json (bare baseline)": bare_result, **http_results}
                if POST_FEW_TERMS in http_results:
                    results["projectTerms"] = terms_cost(http_results["POST /api/v1/projects"], http_results[POST_FEW_TERMS])

            if "dispatch" in parts:
                # ---- event dispatch latency
                log("waiting for the outbox to drain before the dispatch-latency run")
                wait_dispatched(key, 180)
                log(f"event dispatch: {cfg['submissions']:,} submissions at {cfg['submit_rate']:.0f}/s")
                results["dispatch"] = dispatch_latency(key, versailles, cfg, projects_available)
        else:
            write_import_files()
        api.stop()
        bare.stop()

        if "start" in parts:
            results["start"] = cold_starts(api_env, cfg["starts"])
        if "http" in parts and "POST /api/v1/projects" in results.get("http", {}):
            log(f"the project write's ceiling: SQLite alone, {cfg['ceiling_s']:.0f} s twice, on a copy of the API's projects.db")
            rates = [ceilings.project_writes(WORK / "data" / "projects.db", cfg["ceiling_s"], True) for _ in range(2)]
            post = results["http"]["POST /api/v1/projects"]
            results["ceilings"] = {"projectWritesPerSecond": rates}
            post["ceilingPerSecond"] = statistics.median(rates)
            post["ratioToCeiling"] = post["rps"] / post["ceilingPerSecond"]
            log(f"  SQLite alone {post['ceilingPerSecond']:,.0f} project writes a second; the POST {post['rps']:,.0f}: "
                f"{post['ratioToCeiling']:.3f} of its ceiling")

        # ---- bulk import: the API against sqlite3 .import of the same file, then the memory of a
        # big import; each in a fresh API (empty database), stopped before it dispatches the events
        def fresh_api(name: str) -> Server:
            shutil.rmtree(WORK / "data", ignore_errors=True)
            server = Server(name, api_dll, API_PORT, api_env, WORK / f"{name}.log")
            servers.append(server)
            server.wait_ready("/health/live")
            return server

        if "import" in parts:
            # Rounds of one import through a fresh API and, right after, its ceiling: the same rows written by SQLite alone
            # with the look-ups, then without them. The API's and SQLite's timings alternate, so that a slower minute of the
            # machine weighs on both (between two runs minutes apart, the ceiling alone moved from 30,654 to 42,722 rows/s).
            log(f"the import, {cfg['import_rounds']} rounds: a fresh API warmed, the measured import, then its ceiling: the same "
                f"rows, their events and audit entries written by SQLite alone after the API's look-up of each key, then without "
                f"the look-ups")
            imports, ceiling_runs, unchecked_runs, sqlite_runs = [], [], [], []
            for round_ in range(cfg["import_rounds"]):
                importer = fresh_api(f"api-import-{round_}")
                # The JIT compiles and recompiles the import path during its first batches in a new
                # process (thousands of methods; ADR 0010): other schools warm it first.
                log(f"warming the import path with {cfg['warm_import']:,} other schools")
                warm = curl_import("/api/v1/imports/schools", warm_csv, key, importer)
                if warm["report"].get("created") != cfg["warm_import"]:
                    raise SystemExit(f"the warm-up import created {warm['report'].get('created')} schools, not {cfg['warm_import']}")
                # Its events are delivered before the measure, which would otherwise share the machine with that work.
                log(f"  delivered its events in {wait_dispatched(key, 300):.1f} s")
                sqlite_runs.append(sqlite_import_timed(schools_csv))
                log(f"importing {cfg['schools']:,} schools through the API")
                imp = curl_import("/api/v1/imports/schools", schools_csv, key, importer)
                importer.stop()
                if imp["report"].get("created") != cfg["schools"]:
                    raise SystemExit(f"the import created {imp['report'].get('created')} schools, not {cfg['schools']}: {imp['report']}")
                imports.append(imp)
                # The judged ceiling runs the API's statements (its existence check included); the one without the look-ups
                # shows what that check costs.
                ceiling_runs.append(ceilings.import_rows(WORK / "data" / "networks.db", schools_csv, True, True, True))
                unchecked_runs.append(ceilings.import_rows(WORK / "data" / "networks.db", schools_csv, True, True))
                log(f"  API {cfg['schools'] / imp['seconds']:,.0f} rows/s, SQLite alone {ceiling_runs[-1]:,.0f} "
                    f"(without the look-ups {unchecked_runs[-1]:,.0f})")
            # Medians of the rounds: one timing alone is noise.
            imp = sorted(imports, key=lambda i: i["seconds"])[len(imports) // 2]
            ceiling_rows, unchecked_rows = statistics.median(ceiling_runs), statistics.median(unchecked_runs)
            sqlite_s, sqlite_cpu = [r[0] for r in sqlite_runs], [r[1] for r in sqlite_runs]
            api_rows = cfg["schools"] / imp["seconds"]
            sqlite_rows = cfg["schools"] / statistics.median(sqlite_s)
            results["import"] = {"rows": cfg["schools"], "warmupRows": cfg["warm_import"], "apiSeconds": imp["seconds"], "apiRowsPerSecond": api_rows,
                                 "sqliteSeconds": sqlite_s, "sqliteRowsPerSecond": sqlite_rows,
                                 "ratioToSqlite": api_rows / sqlite_rows, "peakRssMB": imp["peakRssMB"],
                                 "ceilingRowsPerSecond": ceiling_rows, "ceilingRuns": ceiling_runs, "ratioToCeiling": api_rows / ceiling_rows,
                                 "uncheckedCeilingRowsPerSecond": unchecked_rows, "uncheckedCeilingRuns": unchecked_runs,
                                 "ratioToUncheckedCeiling": api_rows / unchecked_rows,
                                 "apiRuns": [cfg["schools"] / i["seconds"] for i in imports],
                                 "apiCpuRuns": [i["cpuSeconds"] for i in imports],
                                 # Rows per CPU second against sqlite3's: what the neighbours' load disturbs least.
                                 "apiCpuSeconds": imp["cpuSeconds"], "sqliteCpuSeconds": sqlite_cpu,
                                 "cpuRatioToSqlite": statistics.median(sqlite_cpu) / imp["cpuSeconds"],
                                 "rssBeforeMB": imp["rssBeforeMB"]}
            log(f"  API {api_rows:,.0f} rows/s, SQLite alone {ceiling_rows:,.0f} rows/s (median of "
                f"{', '.join(f'{r:,.0f}' for r in ceiling_runs)}; ratio {api_rows / ceiling_rows:.3f}; without the look-ups "
                f"{unchecked_rows:,.0f}, ratio {api_rows / unchecked_rows:.3f}), "
                f"sqlite3 .import {sqlite_rows:,.0f} rows/s, ratio {api_rows / sqlite_rows:.3f}, "
                f"peak RSS {imp['peakRssMB']:.0f} MB; CPU {imp['cpuSeconds']:.2f} s against {statistics.median(sqlite_cpu):.2f} s, "
                f"ratio {results['import']['cpuRatioToSqlite']:.3f}")

            big = fresh_api("api-big-import")
            idle = big.rss_kb() / 1024
            log(f"importing {cfg['big_import']:,} schools (idle RSS {idle:.0f} MB)")
            bigimp = curl_import("/api/v1/imports/schools", big_csv, key, big)
            big.stop()
            if bigimp["report"].get("created") != cfg["big_import"]:
                raise SystemExit(f"the big import created {bigimp['report'].get('created')}: {bigimp['report']}")
            results["bigImport"] = {"rows": cfg["big_import"], "seconds": bigimp["seconds"], "cpuSeconds": bigimp["cpuSeconds"],
                                    "rowsPerSecond": cfg["big_import"] / bigimp["seconds"], "idleRssMB": idle,
                                    "peakRssMB": bigimp["peakRssMB"], "vmHwmMB": bigimp["vmHwmMB"],
                                    "firstHalfPeakRssMB": bigimp["firstHalfPeakRssMB"], "secondHalfPeakRssMB": bigimp["secondHalfPeakRssMB"],
                                    "growthSecondHalf": bigimp["secondHalfPeakRssMB"] / bigimp["firstHalfPeakRssMB"],
                                    "csvMB": big_csv.stat().st_size / 1e6}
            big_csv.unlink()  # 160 MB; the servers' logs and the smaller files stay in bench/.work/
            shutil.rmtree(WORK / "data", ignore_errors=True)
            log(f"  {cfg['big_import'] / bigimp['seconds']:,.0f} rows/s, peak RSS {bigimp['peakRssMB']:.0f} MB "
                f"(VmHWM {bigimp['vmHwmMB']:.0f} MB, idle {idle:.0f} MB)")

        if "evaluation" in parts:
            def restart(name: str) -> Server:
                return restart_api(name, api_dll, api_env, servers)
            results["evaluation"] = evaluation_bench(key, cfg, fresh_api, restart, results.get("bigImport"))
    finally:
        for s in servers:
            s.stop()

    results["durationSeconds"] = round(time.time() - started, 1)
    results["machine"]["loadAverageAtEnd"] = os.getloadavg()[0]
    if args.only:  # a part alone is a working figure, not a result: no targets, no latest.json
        write_results(results, "partial.json")
        print(json.dumps({k: v for k, v in results.items() if k not in ("machine", "settings")}, indent=1)[:6000])
        return 0
    results["targets"] = targets(results)
    write_results(results, "smoke.json" if args.smoke else "latest.json")
    print_table(results)
    return 0


def start_seconds(name: str, dll: Path, port: int, env: dict, path: str) -> tuple[float, float]:
    """Seconds from the process's start to the first 200 of `path` (asked every 10 ms), and the process's CPU seconds by
    then (user and system, every thread: the figure the neighbours' load disturbs least); the process is then stopped."""
    started = time.perf_counter()
    server = Server(name, dll, port, env, WORK / f"{name}.log")
    try:
        while time.perf_counter() - started < 120:
            if server.proc.poll() is not None:
                raise SystemExit(f"{name} exited with {server.proc.returncode}; see {server.log.name}")
            try:
                if request(port, "GET", path, timeout=5)[0] == 200:
                    return time.perf_counter() - started, server.cpu_seconds()
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.01)
        raise SystemExit(f"{name} did not answer {path} within 120 s; see {server.log.name}")
    finally:
        server.stop()


def cold_starts(api_env: dict, runs: int) -> dict:
    """From process start to /health/ready: on the database the HTTP part left (migrated, seeded) and on an empty data directory
    (every migration of every module applied), each against the bare app's start to its first answer (median of runs); the
    CPU seconds of each start beside it."""
    migrated_dir = WORK / "data"
    if not (migrated_dir / "projects.db").exists():  # --only start: a first start migrates it
        start_seconds("api-start-first", API_DLL, API_PORT, api_env, "/health/ready")
    # One of each per round, so that a slower phase of the machine (the same binary's start moves by a quarter from one
    # minute to the next here) weighs on the three alike.
    bare, migrated, fresh = [], [], []
    for i in range(runs):
        bare.append(start_seconds(f"baseline-start-{i}", BARE_DLL, BARE_PORT, {"ASPNETCORE_ENVIRONMENT": "Production"}, "/json"))
        migrated.append(start_seconds(f"api-start-migrated-{i}", API_DLL, API_PORT, api_env, "/health/ready"))
        directory = WORK / f"fresh-{i}"
        fresh.append(start_seconds(f"api-start-fresh-{i}", API_DLL, API_PORT, dict(api_env, Database__DataDirectory=str(directory)),
                                   "/health/ready"))
        shutil.rmtree(directory, ignore_errors=True)
    starts = {"bare": bare, "migrated": migrated, "fresh": fresh}
    result = {f"{name}Seconds": statistics.median(wall for wall, _ in runs_of) for name, runs_of in starts.items()}
    result |= {f"{name}CpuSeconds": statistics.median(cpu for _, cpu in runs_of) for name, runs_of in starts.items()}
    result["runs"] = {name: [wall for wall, _ in runs_of] for name, runs_of in starts.items()}
    result["cpuRuns"] = {name: [cpu for _, cpu in runs_of] for name, runs_of in starts.items()}
    result["migratedRatioToBare"] = result["migratedSeconds"] / result["bareSeconds"]
    result["freshRatioToBare"] = result["freshSeconds"] / result["bareSeconds"]
    log(f"  start to /health/ready: migrated {result['migratedSeconds']:.2f} s ({result['migratedCpuSeconds']:.2f} s CPU), fresh "
        f"{result['freshSeconds']:.2f} s ({result['freshCpuSeconds']:.2f} s CPU); bare app to its first answer {result['bareSeconds']:.2f} s "
        f"({result['bareCpuSeconds']:.2f} s CPU)")
    return result


def restart_api(name: str, api_dll: Path, api_env: dict, servers: list) -> Server:
    """The API again on the same data directory."""
    server = Server(name, api_dll, API_PORT, api_env, WORK / f"{name}.log")
    servers.append(server)
    server.wait_ready("/health/live")
    return server


def evaluation_bench(key: str, cfg: dict, fresh_api, restart, schools_import: dict | None) -> dict:
    """Issue 16's two figures: importing projects × indicators × periods measurements over HTTP (rows/s against the
    school import of the same run, peak RSS), then the dashboard's roll-up by département over those values, approved,
    against the dashboard's own SQL (GetDashboard.IndicatorsSql, read from the source) run alone by sqlite3 on the same
    file. The values are approved with one UPDATE in the stopped API's database: approving them one by one is not
    what is measured."""
    hdr = {"X-Api-Key": key}
    server = fresh_api("api-evaluation")
    schools_csv = WORK / "eval-schools.csv"
    versailles = write_schools_csv(schools_csv, 2_000, seed=13)
    curl_import("/api/v1/imports/schools", schools_csv, key, server)
    wait_dispatched(key, 300)
    # Through POST: the project import's rows lack the canvas a submission needs.
    projects, _ = seed_projects(key, versailles, cfg["eval_projects"], False)
    log(f"submitting {len(projects):,} projects and declaring {cfg['eval_indicators']} indicators each")
    for pid in projects:
        s, _, b = request(API_PORT, "POST", f"/api/v1/projects/{pid}/submit", headers=dict(hdr, **{"If-Match": '"1"'}))
        if s != 200:
            raise SystemExit(f"POST /api/v1/projects/{pid}/submit answered {s}: {b}")
    wait_dispatched(key, 300)
    for pid in projects:
        for k in range(cfg["eval_indicators"]):
            body = {"code": f"IND-{k}", "label": f"Indicateur {k}", "unit": "percent", "direction": "higherIsBetter",
                    "scope": "project", "scopeId": pid, "baseline": {"value": 20, "date": "2025-09-01"},
                    "target": {"value": 80, "date": "2027-09-01"}}
            s, _, b = request(API_PORT, "POST", "/api/v1/evaluation/indicators", body=body, headers=hdr)
            if s != 201:
                raise SystemExit(f"POST /api/v1/evaluation/indicators answered {s}: {b}")
    # The indicators' events delivered first, as before the school import: the import is timed alone.
    wait_dispatched(key, 300)
    rows = len(projects) * cfg["eval_indicators"] * cfg["eval_periods"]
    measurements_csv = WORK / "measurements.csv"
    first = dt.date(2025, 9, 1)
    rng = random.Random(17)
    with open(measurements_csv, "w", encoding="utf-8") as f:
        f.write("scope,scopeId,indicator,date,value\n")
        for pid in projects:
            for k in range(cfg["eval_indicators"]):
                for d in range(cfg["eval_periods"]):
                    f.write(f"project,{pid},IND-{k},{first + dt.timedelta(days=d)},{rng.randint(0, 100)}\n")
    log(f"importing {rows:,} measurements")
    imp = curl_import("/api/v1/imports/measurements", measurements_csv, key, server)
    if imp["report"].get("created") != rows:
        raise SystemExit(f"the measurement import created {imp['report'].get('created')}, not {rows}: {imp['report']}")
    measurements_csv.unlink()
    server.stop()
    evaluation_db = WORK / "data" / "evaluation.db"
    run(["sqlite3", str(evaluation_db)], input="UPDATE measurement SET status = 'approved';\n", capture_output=True)

    server = restart("api-dashboard")
    path = "/api/v1/evaluation/dashboard?by=departement&details=false"
    for _ in range(2):
        s, _, b = request(API_PORT, "GET", path, headers=hdr, timeout=600)
        if s != 200 or not any(d["withData"] for d in b["rollups"]["departements"]):
            raise SystemExit(f"GET {path} answered {s} without approved values: {json.dumps(b)[:500]}")
    api_s = []
    for _ in range(max(3, cfg["rounds"])):
        started = time.perf_counter()
        request(API_PORT, "GET", path, headers=hdr, timeout=600)
        api_s.append(time.perf_counter() - started)
    server.stop()
    dashboard_cs = ROOT / "src/Modules/Evaluation/Innovation.Modules.Evaluation/Features/Dashboard/GetDashboard.cs"
    source = dashboard_cs.read_text(encoding="utf-8")
    sql = re.search(r'IndicatorsSql = """(.*?)"""', source, re.S).group(1).replace("@Academie", "NULL").replace("@SchoolYear", "NULL")
    script = f"ATTACH '{evaluation_db}' AS evaluation;\n.output /dev/null\n{sql};\n"
    sqlite_s = []
    for _ in range(max(3, cfg["sqlite_runs"])):
        started = time.perf_counter()
        run(["sqlite3", ":memory:"], input=script, capture_output=True)
        sqlite_s.append(time.perf_counter() - started)
    api_rows = rows / imp["seconds"]
    result = {"measurements": rows, "importSeconds": imp["seconds"], "importRowsPerSecond": api_rows, "importPeakRssMB": imp["peakRssMB"],
              "schoolImportRowsPerSecond": schools_import["rowsPerSecond"] if schools_import else None,
              "importRatioToSchools": api_rows / schools_import["rowsPerSecond"] if schools_import else None,
              "dashboardSeconds": statistics.median(api_s), "sqliteSeconds": statistics.median(sqlite_s),
              "dashboardRatioToSqlite": statistics.median(api_s) / statistics.median(sqlite_s)}
    log(f"  import {api_rows:,.0f} rows/s (peak RSS {imp['peakRssMB']:.0f} MB), dashboard {result['dashboardSeconds']:.2f} s, "
        f"sqlite3 {result['sqliteSeconds']:.2f} s, ratio {result['dashboardRatioToSqlite']:.2f}")
    shutil.rmtree(WORK / "data", ignore_errors=True)
    return result


P99_TO_BARE = 1.5  # a read's p99 at most this many times the bare app's p99 of the same round


def targets(r: dict) -> list[dict]:
    """The target table (issue 22): reads against bare, writes against their SQLite-alone ceilings, memory, starts.
    A row whose limit is None is printed for reading beside the others, not judged."""
    http_ = r.get("http", {})

    def row(name, figure, value, op, limit):
        met = None if value is None or limit is None else (value >= limit if op == ">=" else value <= limit)
        return {"measure": name, "figure": figure, "value": value, "target": f"{op} {limit}" if limit is not None else "", "met": met}

    rows = []
    for name, floor in (("GET /api/v1/schools/{uai}", 0.40), ("GET /api/v1/projects/{id}", 0.40), ("GET /api/v1/projects?limit=50", 0.11)):
        h = http_.get(name) or {}
        rows += [row(name, "ratio to bare", h.get("ratioToBare"), ">=", floor),
                 row(name, "p99 ÷ bare's p99", h.get("p99RatioToBare"), "<=", P99_TO_BARE)]
    post = http_.get("POST /api/v1/projects") or {}
    rows += [row("POST /api/v1/projects", "ratio to bare", post.get("ratioToBare"), ">=", None),
             row("POST /api/v1/projects", "ratio to its SQLite-alone ceiling", post.get("ratioToCeiling"), ">=", 0.9)]
    if i := r.get("import"):
        rows += [row(f"import {i['rows']:,} CSV rows", "ratio to sqlite3 .import", i["ratioToSqlite"], ">=", None),
                 row(f"import {i['rows']:,} CSV rows", "ratio to its SQLite-alone ceiling", i.get("ratioToCeiling"), ">=", 0.9)]
    if b := r.get("bigImport"):
        rows += [row(f"import {b['rows']:,} rows", "peak RSS MB", b["peakRssMB"], "<=", 250),
                 row(f"import {b['rows']:,} rows", "2nd half's peak RSS ÷ 1st half's", b.get("growthSecondHalf"), "<=", 1.1)]
    if st := r.get("start"):
        rows += [row("start to /health/ready, migrated database", "seconds", st["migratedSeconds"], "<=", 1.5),
                 row("start to /health/ready, migrated database", "ratio to the bare app's start", st["migratedRatioToBare"], "<=", None),
                 row("start to /health/ready, empty directory", "seconds", st["freshSeconds"], "<=", 3.0),
                 row("start to /health/ready, empty directory", "ratio to the bare app's start", st["freshRatioToBare"], "<=", None)]
    if d := r.get("dispatch"):
        rows.append(row(f"event dispatch ({d['event']})", "p99 ms", d["p99Ms"], "<=", 250))
    if ev := r.get("evaluation"):
        rows += [
            row(f"import {ev['measurements']:,} measurements", "ratio to the school import's rows/s", ev["importRatioToSchools"], ">=", 0.8),
            row(f"import {ev['measurements']:,} measurements", "peak RSS MB", ev["importPeakRssMB"], "<=", 250),
            row("evaluation dashboard by département", "ratio to its SQL in sqlite3", ev["dashboardRatioToSqlite"], "<=", 1.5),
        ]
    return rows


def write_results(r: dict, name: str) -> None:
    path = RESULTS / name
    path.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {path.relative_to(ROOT)}")


def print_table(r: dict) -> None:
    m = r["machine"]
    print(f"\nInnovation API bench — {m['date']} — {m['nproc']} × {m['cpu']}, {m['memoryGiB']} GiB, "
          f".NET {m['dotnet']}, commit {m['commit']}, load {m['loadAverageAtStart']:.1f}→{m['loadAverageAtEnd']:.1f}"
          f"{' (SMOKE: not a result)' if r['settings']['smoke'] else ''}")
    print(f"{'endpoint (32 connections, median of rounds)':<46}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99÷bare':>9}{'× bare':>9}"
          f"{'× ceiling':>10}{'errors':>8}")
    for name, h in r.get("http", {}).items():
        ceiling = f"{h['ratioToCeiling']:>10.3f}" if "ratioToCeiling" in h else f"{'':>10}"
        print(f"{name:<46}{h['rps']:>10,.0f}{h['p50Ms']:>9.2f}{h['p99Ms']:>9.2f}{h.get('p99RatioToBare', 1.0):>9.2f}{h['ratioToBare']:>9.3f}"
              f"{ceiling}{h['errors']:>8}")
    if post := r.get("http", {}).get("POST /api/v1/projects", {}).get("ceilingPerSecond"):
        print(f"POST's ceiling: SQLite alone writes {post:,.0f} projects a second (its statements, groups of {ceilings.GROUP} per commit)")
    if i := r.get("import"):
        print(f"\nimport {i['rows']:,} CSV rows over HTTP: {i['apiRowsPerSecond']:,.0f} rows/s; {i['ratioToCeiling']:.3f} of its ceiling "
              f"(SQLite alone looking up each key and writing the rows, their events and audit entries: {i['ceilingRowsPerSecond']:,.0f} "
              f"rows/s; {i['ratioToUncheckedCeiling']:.3f} of the same writes without the look-ups, "
              f"{i['uncheckedCeilingRowsPerSecond']:,.0f} rows/s); "
              f"{i['ratioToSqlite']:.3f} of sqlite3 .import ({i['sqliteRowsPerSecond']:,.0f} rows/s); peak RSS {i['peakRssMB']:.0f} MB")
    if b := r.get("bigImport"):
        print(f"import {b['rows']:,} CSV rows ({b['csvMB']:.0f} MB): {b['rowsPerSecond']:,.0f} rows/s; peak RSS {b['peakRssMB']:.0f} MB "
              f"(idle {b['idleRssMB']:.0f} MB; peak of the first half {b['firstHalfPeakRssMB']:.0f} MB, of the second "
              f"{b['secondHalfPeakRssMB']:.0f} MB)")
    if st := r.get("start"):
        print(f"start to /health/ready: migrated database {st['migratedSeconds']:.2f} s ({st['migratedRatioToBare']:.1f} × the bare app's "
              f"{st['bareSeconds']:.2f} s), empty directory {st['freshSeconds']:.2f} s ({st['freshRatioToBare']:.1f} ×); CPU "
              f"{st.get('migratedCpuSeconds', 0):.2f} s, {st.get('freshCpuSeconds', 0):.2f} s and {st.get('bareCpuSeconds', 0):.2f} s")
    if d := r.get("dispatch"):
        print(f"event dispatch ({d['event']}, {d['seen']}/{d['submissions']} at {d['ratePerSecond']:.0f}/s): "
              f"p50 {d['p50Ms']:.1f} ms, p99 {d['p99Ms']:.1f} ms, max {d['maxMs']:.1f} ms")
    if t := r.get("projectTerms"):
        print(f"search terms of a project write: {t['terms']} terms against {t['termsFew']}: the POST runs at "
              f"{t['postRatioToFewTerms']:.3f} of the few-terms POST, so the terms are {t['termsShareOfWrite']:.0%} of its cost")
    print(f"\n{'target':<72}{'value':>10}  {'target':<10}{'met':>5}")
    for t in r["targets"]:
        v = "n/a" if t["value"] is None else f"{t['value']:.3f}" if t["value"] < 10 else f"{t['value']:.2f}" if t["value"] < 100 \
            else f"{t['value']:.0f}"
        met = "—" if not t["target"] else "n/a" if t["met"] is None else "yes" if t["met"] else "NO"
        print(f"{t['measure'] + ' — ' + t['figure']:<72}{v:>10}  {t['target']:<10}{met:>5}")
    print(f"\ntotal {r['durationSeconds']:.0f} s")


if __name__ == "__main__":
    sys.modules.setdefault("bench", sys.modules[__name__])  # ceilings.py imports this module by name: the running one
    import ceilings  # noqa: E402 - the SQLite-alone ceilings, measured in the same run
    sys.exit(main())
