#!/usr/bin/env python3
"""`make bench-scale`: how the cost of finding projects grows with their number (issue 22).

One API on a fresh data directory and the bare baseline beside it. Schools are imported and delivered to
Projects' read model, then projects are imported through `POST /api/v1/imports/projects` (NDJSON) in steps
up to each size (2,000, 20,000, 200,000), a few of them submitted; at each size the same reads are measured:
- GET by id, the first list page, a deep list page (a cursor 90 % into the set), a selective search (two
  words that match a handful of projects at every size) and a list filtered on one académie, each as a ratio
  to the bare app in alternating wrk rounds (bench.py's method); their cost is 1 / ratio, and the growth of
  that cost from the smallest size to the largest is judged against 1.5;
- the facets (a national caller, no filter), the funnel and the map: aggregates, timed one request at a time
  (median of rounds), reported with their growth and their cost per project.
Writes bench/results/scale.json (scale-smoke.json with --smoke). Standard library only; see bench/README.md.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import random
import secrets
import shutil
import statistics
import sys
import time
import urllib.parse

import bench

SIZES = (2_000, 20_000, 200_000)
SMOKE_SIZES = (100, 200, 400)
SCHOOLS, SMOKE_SCHOOLS = 30_000, 1_500
GROWTH_LIMIT = 1.5  # cost at the largest size ÷ cost at the smallest, for the reads that must be an index range
FACETS_LIMIT_S = 1.0  # a national caller's unfiltered facets at the largest size
SUBMITTED_SHARE = 0.03  # of the imported projects, submitted (so the statuses vary)
CHUNK = 20_000  # projects per import request

THEMES = ["digitalAndAi", "orientation", "scienceAndGenderMix", "inclusiveSchool", "wellBeing", "schoolForm"]
LEVELS = ["cycle1", "cycle2", "cycle3", "cycle4", "generalHighSchool", "vocationalHighSchool"]
ACTIONS = ["Classe", "Atelier", "Laboratoire", "Parcours", "Projet", "Club", "Résidence", "Chantier", "Festival", "Rallye",
           "Carnet", "Journal", "Forum", "Défi", "Jardin", "Studio"]
SUBJECTS = ["mathématiques", "sciences", "lecture", "écriture", "oral", "théâtre", "musique", "robotique", "codage", "philosophie",
            "histoire", "géographie", "anglais", "allemand", "espagnol", "arts plastiques", "cinéma", "photographie", "radio",
            "biodiversité", "climat", "alimentation", "sport", "danse", "citoyenneté", "médias", "patrimoine", "astronomie",
            "chimie", "physique", "économie", "entrepreneuriat", "orientation", "mémoire", "architecture", "botanique"]
SETTINGS = ["dehors", "flexible", "coopérative", "inversée", "numérique", "itinérante", "bilingue", "collaborative", "inclusive",
            "solidaire", "connectée", "ouverte", "nomade", "partagée"]
VERBS = ["développer", "renforcer", "favoriser", "améliorer", "encourager", "construire", "valoriser", "accompagner", "mesurer",
         "stimuler", "consolider", "diversifier"]
GOALS = ["l'autonomie", "la coopération", "la confiance en soi", "l'esprit critique", "la persévérance", "la créativité",
         "l'expression orale", "la lecture fluide", "le raisonnement", "la curiosité scientifique", "le climat scolaire",
         "l'engagement des familles", "la mixité", "l'égalité filles-garçons", "le bien-être", "l'assiduité"]
ACTORS = ["professeurs des écoles", "conseiller pédagogique", "professeur documentaliste", "infirmière scolaire", "CPE",
          "assistant d'éducation", "parents d'élèves", "association de quartier", "médiathèque", "mairie", "université", "musée"]
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "ka", "lu", "mo", "ne", "pi", "ro"]
NAMED_EVERY = 8  # projects per partner name: a name is found in about that many projects at every size


def partner(n: int) -> str:
    """A distinct invented name of 8 letters for each n (a partner association, a town twinning): as rare at 200,000
    projects as at 2,000, and no name is the start of another, so a search for two of them stays selective."""
    letters = ""
    for _ in range(4):
        n, k = divmod(n, len(SYLLABLES))
        letters += SYLLABLES[k]
    return letters


def project_row(i: int, rng: random.Random, schools_by_dep: list[list[str]]) -> dict:
    """Project i: a varied title and canvas, one or two schools of one département, one or two themes; two partner names
    that only a handful of other projects share."""
    schools = rng.choice(schools_by_dep)
    uais = rng.sample(schools, min(len(schools), 1 if rng.random() < 0.8 else 2))
    first, second = partner(i // NAMED_EVERY), partner(10_000 + (i * 7 + 3) // NAMED_EVERY)
    action, subject, setting = rng.choice(ACTIONS), rng.choice(SUBJECTS), rng.choice(SETTINGS)
    start_year = rng.choice([2023, 2024, 2025, 2026, 2027])
    return {
        "externalReference": f"SCALE-{i:07d}",
        "title": f"{action} {subject} {setting}",
        "summary": f"{rng.choice(VERBS).capitalize()} {rng.choice(GOALS)} par {subject} avec l'association {first.capitalize()}.",
        "schools": uais,
        "themes": rng.sample(THEMES, 1 if rng.random() < 0.7 else 2),
        "tags": [],
        "levels": [rng.choice(LEVELS)],
        "pupilsConcerned": rng.randrange(12, 400),
        "plannedStart": f"{start_year}-09-01",
        "plannedEnd": f"{start_year + 1}-06-30",
        "isPublic": rng.random() < 0.6,
        "team": [{"role": "carrier", "name": "Ada Lovelace", "email": f"porteur{i % 5000}@ac-versailles.fr"}],
        "needs": f"Des élèves qui manquent de {rng.choice(GOALS)[2:] if rng.random() < 0.5 else 'repères'} en {subject}.",
        "objectives": f"{rng.choice(VERBS).capitalize()} {rng.choice(GOALS)} et {rng.choice(GOALS)}.",
        "actors": f"Deux {rng.choice(ACTORS)}, le {rng.choice(ACTORS)} et le jumelage {second.capitalize()}.",
        "resources": f"{rng.randrange(2, 30)} tablettes, un {rng.choice(['tableau', 'studio', 'jardin', 'atelier', 'robot'])} partagé.",
        "keySteps": f"Lancement en {rng.choice(['septembre', 'octobre', 'novembre'])}, bilan en {rng.choice(['février', 'mars', 'juin'])}.",
        "evaluationIndicators": f"Grille de {rng.choice(GOALS)[2:] if rng.random() < 0.5 else 'suivi'} remplie trois fois dans l'année.",
    }


def import_projects(key: str, first: int, last: int, rng: random.Random, schools_by_dep: list[list[str]]) -> float:
    """Projects first..last-1 through the import endpoint, CHUNK a request; returns the seconds taken."""
    hdr = {"X-Api-Key": key, "Content-Type": "application/x-ndjson"}
    started = time.perf_counter()
    for start in range(first, last, CHUNK):
        end = min(last, start + CHUNK)
        body = "\n".join(json.dumps(project_row(i, rng, schools_by_dep), ensure_ascii=False) for i in range(start, end)).encode()
        s, _, report = bench.request(bench.API_PORT, "POST", "/api/v1/imports/projects", body=body, headers=hdr, timeout=3600)
        if s != 200 or report.get("created") != end - start:
            raise SystemExit(f"the project import answered {s}: {json.dumps(report)[:1000]}")
    return time.perf_counter() - started


def new_ids(key: str, after: str | None) -> list[tuple[str, int]]:
    """(id, version) of the projects after `after` in id order (the import's, since ids follow creation order)."""
    hdr, found = {"X-Api-Key": key}, []
    cursor = bench_cursor(after) if after else None
    while True:
        path = "/api/v1/projects?limit=200&sort=id" + (f"&cursor={cursor}" if cursor else "")
        s, _, page = bench.request(bench.API_PORT, "GET", path, headers=hdr)
        if s != 200:
            raise SystemExit(f"GET {path} answered {s}: {page}")
        found += [(p["id"], p["version"]) for p in page["items"]]
        if not (cursor := page.get("nextCursor")):
            return found


def bench_cursor(project_id: str) -> str:
    """The cursor the API issues for a page ending at `project_id` (base64url of the id, unpadded)."""
    return base64.urlsafe_b64encode(project_id.encode()).decode().rstrip("=")


def submit(key: str, projects: list[tuple[str, int]]) -> int:
    hdr, done = {"X-Api-Key": key}, 0
    for pid, version in projects:
        s, _, b = bench.request(bench.API_PORT, "POST", f"/api/v1/projects/{pid}/submit", headers=dict(hdr, **{"If-Match": f'"{version}"'}))
        if s != 200:
            raise SystemExit(f"POST /api/v1/projects/{pid}/submit answered {s}: {json.dumps(b)[:500]}")
        done += 1
    return done


def timed(key: str, path: str, rounds: int) -> dict:
    """One request at a time: the median of `rounds` after one warm-up, in seconds."""
    hdr = {"X-Api-Key": key}
    s, _, body = bench.request(bench.API_PORT, "GET", path, headers=hdr, timeout=600)
    if s != 200:
        raise SystemExit(f"GET {path} answered {s}: {json.dumps(body)[:500]}")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        bench.request(bench.API_PORT, "GET", path, headers=hdr, timeout=600)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "rounds": times}


def selective_query(size: int) -> tuple[str, str]:
    """Two names that a few projects of the first `size` share: the first project's partner and the second name of a
    project in the middle of the set (whose first name is shared by the projects around it)."""
    i = size // 2
    return partner(i // NAMED_EVERY), partner(10_000 + (i * 7 + 3) // NAMED_EVERY)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the scale bench still works")
    parser.add_argument("--no-build", action="store_true", help="reuse the last Release build")
    parser.add_argument("--sizes", help="comma-separated project counts, ascending (default 2000,20000,200000)")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else SMOKE_SIZES if args.smoke else SIZES
    cfg = dict(bench.SMOKE if args.smoke else bench.FULL)
    cfg.update(rounds=int(os.environ.get("BENCH_ROUNDS", 1 if args.smoke else 3)), round_s=float(os.environ.get("BENCH_ROUND_S", 1 if args.smoke else 3)))
    schools = int(os.environ.get("BENCH_SCALE_SCHOOLS", SMOKE_SCHOOLS if args.smoke else SCHOOLS))
    timed_rounds = 2 if args.smoke else 5
    started = time.time()
    bench.ensure_tools()
    bench.WORK = bench.BENCH / ".work-scale"
    shutil.rmtree(bench.WORK, ignore_errors=True)
    bench.WORK.mkdir(parents=True)
    machine = bench.machine_info()
    bench.log(f"scale: sizes {', '.join(f'{s:,}' for s in sizes)}, {schools:,} schools; load {machine['loadAverageAtStart']:.2f}")
    if not args.no_build:
        bench.build()
    key = "scale-" + secrets.token_hex(24)
    servers = []
    results: dict = {"machine": machine, "settings": dict(sizes=sizes, schools=schools, rounds=cfg["rounds"], roundSeconds=cfg["round_s"],
                                                         timedRounds=timed_rounds, smoke=args.smoke), "sizes": []}
    try:
        api = bench.Server("API", bench.API_DLL, bench.API_PORT, bench.production_env(key), bench.WORK / "api.log")
        servers.append(api)
        bare = bench.Server("baseline", bench.BARE_DLL, bench.BARE_PORT, {"ASPNETCORE_ENVIRONMENT": "Production"}, bench.WORK / "baseline.log")
        servers.append(bare)
        api.wait_ready("/health/live")
        bare.wait_ready("/json")
        schools_csv = bench.WORK / "schools.csv"
        bench.write_schools_csv(schools_csv, schools, seed=41)
        by_dep: dict[str, list[str]] = {}
        with open(schools_csv, encoding="utf-8") as f:
            next(f)
            for line in f:
                cells = line.split(",")
                by_dep.setdefault(cells[7], []).append(cells[0])
        schools_by_dep = list(by_dep.values())
        bench.log(f"importing {schools:,} schools in {len(schools_by_dep)} départements")
        bench.curl_import("/api/v1/imports/schools", schools_csv, key, api)
        results["schoolsDeliveredSeconds"] = bench.wait_dispatched(key, 900)
        rng = random.Random(43)
        have, last_id, ids = 0, None, []
        for size in sizes:
            bench.log(f"importing projects {have + 1:,} to {size:,}")
            seconds = import_projects(key, have, size, rng, schools_by_dep)
            added = new_ids(key, last_id)
            if len(added) != size - have:
                raise SystemExit(f"the list shows {len(added)} new projects, not {size - have}")
            last_id = added[-1][0]
            submitted = submit(key, added[:: round(1 / SUBMITTED_SHARE)])
            ids += [pid for pid, _ in added]
            bench.log(f"  {size - have:,} projects imported in {seconds:.1f} s ({(size - have) / seconds:,.0f} a second), {submitted:,} submitted")
            have = size
            bench.wait_dispatched(key, 900)
            results["sizes"].append(measure(key, size, ids, cfg, timed_rounds, seconds, submitted))
    finally:
        for s in servers:
            s.stop()
    results["growth"] = growth(results["sizes"])
    results["durationSeconds"] = round(time.time() - started, 1)
    results["machine"]["loadAverageAtEnd"] = os.getloadavg()[0]
    bench.write_results(results, "scale-smoke.json" if args.smoke else "scale.json")
    print_table(results)
    return 0


def measure(key: str, size: int, ids: list[str], cfg: dict, timed_rounds: int, import_seconds: float, submitted: int) -> dict:
    (bench.WORK / "projects.txt").write_text("\n".join(ids) + "\n")
    deep = bench_cursor(ids[int(len(ids) * 0.9)])
    words = selective_query(size)
    q = urllib.parse.quote(" ".join(words))
    academie = "25"
    env = {"BENCH_KEY": key}
    reads = [
        ("GET /api/v1/projects/{id}", "get-by-id.lua", dict(env, BENCH_IDS=str(bench.WORK / "projects.txt"), BENCH_PREFIX="/api/v1/projects/")),
        ("first list page", "get-path.lua", dict(env, BENCH_PATH="/api/v1/projects?limit=50")),
        ("deep list page (90 %)", "get-path.lua", dict(env, BENCH_PATH=f"/api/v1/projects?limit=50&cursor={deep}")),
        ("selective search (q, two words)", "get-path.lua", dict(env, BENCH_PATH=f"/api/v1/projects?limit=50&q={q}")),
        ("filtered list (one académie)", "get-path.lua", dict(env, BENCH_PATH=f"/api/v1/projects?limit=50&academie={academie}")),
    ]
    s, _, found = bench.request(bench.API_PORT, "GET", f"/api/v1/projects?limit=200&q={q}", headers={"X-Api-Key": key})
    matches = len(found["items"]) if s == 200 else None
    bench.log(f"measuring at {size:,} projects (search '{' '.join(words)}' finds {matches})")
    for _, script, e in reads:  # a short warm-up of each read
        bench.wrk(script, bench.API_PORT, 1, dict(e, BENCH_RUN="warm"), 4)
    bare_rounds: list = []
    http = {name: bench.measure_endpoint(name, script, e, cfg, bare_rounds) for name, script, e in reads}
    aggregates = {
        "facets (national, no filter)": timed(key, "/api/v1/projects/facets", timed_rounds),
        "funnel (national)": timed(key, "/api/v1/projects/stats/funnel", timed_rounds),
        "map (national, 5,000 features at most)": timed(key, "/api/v1/projects/map", timed_rounds),
    }
    for name, a in aggregates.items():
        a["microsecondsPerProject"] = a["seconds"] / size * 1e6
        bench.log(f"  {name}: {a['seconds'] * 1000:.1f} ms, {a['microsecondsPerProject']:.2f} µs a project")
    return {"projects": size, "importSeconds": import_seconds, "submitted": submitted, "search": " ".join(words), "searchMatches": matches,
            "bareRps": statistics.median(b["rps"] for b in bare_rounds), "http": http, "aggregates": aggregates}


def growth(sizes: list[dict]) -> dict:
    """Cost at the largest size ÷ cost at the smallest: for wrk reads the cost is 1 / ratio to bare, for aggregates seconds."""
    first, last = sizes[0], sizes[-1]
    out = {}
    for name in first["http"]:
        g = first["http"][name]["ratioToBare"] / last["http"][name]["ratioToBare"]
        out[name] = {"growth": g, "limit": GROWTH_LIMIT, "met": g <= GROWTH_LIMIT}
    for name in first["aggregates"]:
        out[name] = {"growth": last["aggregates"][name]["seconds"] / first["aggregates"][name]["seconds"]}
    facets = last["aggregates"]["facets (national, no filter)"]["seconds"]
    out["facets (national, no filter)"].update(seconds=facets, limitSeconds=FACETS_LIMIT_S, met=facets < FACETS_LIMIT_S)
    return out


def print_table(r: dict) -> None:
    m = r["machine"]
    sizes = r["sizes"]
    print(f"\nInnovation API scale bench — {m['date']} — {m['nproc']} × {m['cpu']}, commit {m['commit']}, "
          f"load {m['loadAverageAtStart']:.1f}→{m['loadAverageAtEnd']:.1f}{' (SMOKE: not a result)' if r['settings']['smoke'] else ''}")
    head = "".join(f"{s['projects']:>16,}" for s in sizes)
    print(f"{'read: ratio to bare (p99 ms)':<40}{head}{'growth':>9}{'met':>5}")
    for name in sizes[0]["http"]:
        cells = "".join(f"{s['http'][name]['ratioToBare']:>8.3f} ({s['http'][name]['p99Ms']:>5.1f})" for s in sizes)
        g = r["growth"][name]
        print(f"{name:<40}{cells}{g['growth']:>9.2f}{'yes' if g['met'] else 'NO':>5}")
    print(f"{'aggregate: ms (µs a project)':<40}{head}{'growth':>9}")
    for name in sizes[0]["aggregates"]:
        cells = "".join(f"{s['aggregates'][name]['seconds'] * 1000:>8.0f} ({s['aggregates'][name]['microsecondsPerProject']:>5.2f})" for s in sizes)
        print(f"{name:<40}{cells}{r['growth'][name]['growth']:>9.2f}")
    f = r["growth"]["facets (national, no filter)"]
    print(f"\nfacets at {sizes[-1]['projects']:,} projects: {f['seconds'] * 1000:.0f} ms (target < {FACETS_LIMIT_S * 1000:.0f} ms: "
          f"{'met' if f['met'] else 'NOT met'}); search '{sizes[-1]['search']}' found {sizes[-1]['searchMatches']} projects")
    print(f"imports: " + ", ".join(f"{s['projects']:,} at {s['importSeconds']:.0f} s" for s in sizes) + f"; total {r['durationSeconds']:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
