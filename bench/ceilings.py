#!/usr/bin/env python3
"""`make bench-ceilings`: what SQLite itself costs for the writes the bench measures, with no API around it.

Answers "is the POST (or the import) far from its target because of the API, or because of what it
asks SQLite to do?" (ADR 0010). The API creates a fresh SQLite database and seeds it through its
import endpoints, as the bench does, then stops; Python's sqlite3 module then runs, on copies of its
files and with its settings (WAL, synchronous = FULL, temporary store in memory, foreign keys on,
wal_autocheckpoint 10,000):
- the statements of one project creation, in groups of 9 per durable commit (the bench's groups),
  with and without the search terms;
- the bench's 100,000-school CSV written into the school table, the outbox and the audit trail, every
  value computed beforehand, each key first looked up with the import's statement (or not), against
  `sqlite3 .import` of the same file.
The SQL repeats the API's (ProjectTable with its search terms, SchoolTable, Outbox, AuditTrail): it measures the
engine alone. The test CeilingStatementsTests (tests/Innovation.Api.Tests/Bench) keeps it in step: every INSERT here
must name the columns of the API's INSERT into the same table, the tables written here for a project creation
(schema projects) and for a school import (schema networks) must be the ones the API writes, and SCHOOL_PROBE must be
the statement the import looks each key up with. `make bench` runs
project_writes and import_rows in its own run (the write measures' ceilings). Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import sqlite3
import statistics
import time
import unicodedata

import bench

PORT = 5192
GROUP = 9
PRAGMAS = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;"

PROJECT_INSERT = """INSERT INTO projects.project (id, academie, title, summary, status, external_reference, levels, pupils_concerned,
    planned_start, planned_end, is_public, needs, objectives, actors, resources, key_steps, evaluation_indicators, has_experimentation,
    version, created_by, created_at, updated_by, updated_at, listing, document)
    VALUES (?, '25', ?, ?, 'draft', ?, 'cycle3', 120, '2026-09-01', '2027-06-30', 1, ?, ?, ?, ?, ?, ?, 0, 1, 'k', ?, 'k', ?, ?, ?)"""
TRANSITION = """INSERT INTO projects.project_transition (project_id, sequence, action, from_status, to_status, reason, actor, occurred_at)
    SELECT ?, COALESCE(MAX(sequence), 0) + 1, 'create', NULL, 'draft', NULL, 'k', ? FROM projects.project_transition WHERE project_id = ?"""
SCHOOL_INSERT = """INSERT INTO networks.school (uai, name, type, sector, address, postcode, commune, departement, academie,
    circonscription, priority_education, latitude, longitude, status, search_text, version, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"""
OUTBOX_INSERT = """INSERT INTO networks.outbox_message (event_id, type, aggregate_key, academie, payload, occurred_at, attempts)
    VALUES (?, 'SchoolRegistered', ?, ?, ?, ?, 0)"""
# The import's existence check: SchoolTable.FindSql, which KeyLookup runs for each key of a batch before writing it.
SCHOOL_PROBE = """SELECT uai AS Uai, name AS Name, type AS Type, sector AS Sector, address AS Address, postcode AS Postcode, commune AS Commune,
    departement AS Departement, academie AS Academie, circonscription AS Circonscription, priority_education AS PriorityEducation,
    latitude AS Latitude, longitude AS Longitude, status AS Status, version AS Version
    FROM networks.school
    WHERE uai = CAST(? AS VARCHAR(8000))"""
AUDIT_INSERT = """INSERT INTO networks.audit_entry (id, occurred_at, academie, actor, resource_type, resource_id, parent_id, action,
    changes, subjects) VALUES (?, ?, ?, 'bench-key', 'school', ?, NULL, 'import', ?, NULL)"""
PROJECT_AUDIT_INSERT = """INSERT INTO projects.audit_entry (id, occurred_at, academie, actor, resource_type, resource_id, parent_id, action,
    changes, subjects) VALUES (?, ?, '25', 'k', 'project', ?, NULL, 'create', ?, ?)"""
MEMBER_INSERT = """INSERT INTO projects.project_member (project_id, position, role, name, email, email_key, erased_at)
    VALUES (?, 1, 'carrier', 'Ada Lovelace', 'ada@ac-versailles.fr', ?, NULL)"""
SCHOOL_LINK_INSERT = "INSERT INTO projects.project_school (project_id, uai, position) VALUES (?, ?, 1)"
THEME_INSERT = "INSERT INTO projects.project_theme (project_id, theme) VALUES (?, 'digitalAndAi')"
TERM_INSERT = "INSERT INTO projects.project_search_term (project_id, term, weight) VALUES (?, ?, ?)"
NOW = "2026-12-03T18:00:00.0000000+00:00"
CANVAS = ("needs", "objectives", "actors", "resources", "keySteps", "evaluationIndicators")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()


def words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split()]


def time_ordered_id() -> str:
    """A version-7-like id, as the API's: new rows land at the end of their indexes."""
    h = f"{time.time_ns() // 1_000_000:012x}{secrets.token_hex(10)}"
    return f"{h[:8]}-{h[8:12]}-7{h[13:16]}-{h[16:20]}-{h[20:32]}"


def connect(schema: str, path) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.execute(f"ATTACH DATABASE '{path}' AS {schema}")
    con.executescript(f"{PRAGMAS} PRAGMA {schema}.synchronous = FULL;")
    return con


def project_writes(source, seconds: float, with_terms: bool) -> float:
    """Project creations a second, one thread, GROUP per commit."""
    db = bench.WORK / "ceiling-projects.db"
    for suffix in ("", "-wal", "-shm"):
        (bench.WORK / f"ceiling-projects.db{suffix}").unlink(missing_ok=True)
    shutil.copy(source, db)
    con = connect("projects", db)
    uais = [r[0] for r in con.execute("SELECT uai FROM projects.school WHERE academie = '25' LIMIT 2000")]
    body = bench.PROJECT_BODY
    listing, document = "x" * 290, "y" * 1400  # the sizes of the API's stored views for this body
    # The audit entry (ADR 0020): the project as created, each field's change from null, and its carrier's e-mail key.
    changes = json.dumps([{"field": k, "before": None, "after": v} for k, v in sorted(body.items()) if v not in (None, [])],
                         ensure_ascii=False, separators=(",", ":"))
    subjects = json.dumps(["a" * 64])
    n, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        con.execute("BEGIN IMMEDIATE")
        for _ in range(GROUP):
            n += 1
            pid, ref, uai = time_ordered_id(), f"ceiling-{n}", uais[n % len(uais)]
            title = body["title"].replace("__REF__", ref)
            con.execute("SELECT uai, academie FROM projects.school WHERE uai = ?", (uai,)).fetchall()
            con.execute("SELECT id FROM projects.project WHERE academie = '25' AND external_reference = ?", (ref,)).fetchall()
            con.execute("SELECT uai, name, departement, type, status FROM projects.school WHERE uai = ?", (uai,)).fetchall()
            con.execute(PROJECT_INSERT, (pid, title, body["summary"], ref, *(body["canvas"][k] for k in CANVAS), NOW, NOW, listing, document))
            con.execute(SCHOOL_LINK_INSERT, (pid, uai))
            con.execute(THEME_INSERT, (pid,))
            con.execute(MEMBER_INSERT, (pid, "a" * 64))
            if with_terms:
                con.execute("DELETE FROM projects.project_search_term WHERE project_id = ?", (pid,))
                # Each term with the weight of the best field it occurs in: 2 for the title, 1 otherwise.
                terms = {w[:64]: 1 for t in [body["summary"], *(body["canvas"][k] for k in CANVAS)] for w in words(t)}
                terms.update({w[:64]: 2 for w in words(title)})
                con.executemany(TERM_INSERT, [(pid, t, weight) for t, weight in terms.items()])
            con.execute(TRANSITION, (pid, NOW, pid))
            con.execute(PROJECT_AUDIT_INSERT, (time_ordered_id(), NOW, pid, changes.replace("__REF__", ref), subjects))
        con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return n / elapsed


def import_rows(source, csv_path, with_events: bool, with_audit: bool = False, with_probe: bool = False) -> float:
    """Rows a second written into the school table (and the outbox, and the audit trail), values computed beforehand; with
    `with_probe`, each key first looked up as the API's import does (one statement per key, in the same transaction)."""
    db = bench.WORK / "ceiling-networks.db"
    for suffix in ("", "-wal", "-shm"):
        (bench.WORK / f"ceiling-networks.db{suffix}").unlink(missing_ok=True)
    shutil.copy(source, db)
    con = connect("networks", db)
    con.executescript("DELETE FROM networks.outbox_message; DELETE FROM networks.school; DELETE FROM networks.audit_entry;")
    schools, events, audits = [], [], []
    with open(csv_path, encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for uai, name, kind, sector, address, postcode, commune, dep, academie, circ, priority, lat, lon, status in rows:
            schools.append((uai, name, kind, sector, address, postcode, commune, dep, academie, circ, priority,
                            float(lat), float(lon), status, fold(f"{name} {commune}"), NOW, NOW))
            school = {"uai": uai, "name": name, "type": kind, "sector": sector, "commune": commune, "postcode": postcode,
                      "departement": dep, "academie": academie, "priorityEducation": priority, "latitude": float(lat),
                      "longitude": float(lon), "status": status, "version": 1}
            events.append((time_ordered_id(), uai, academie, json.dumps({"school": school}), NOW))
            # A new row's changes as AuditChanges.Created writes them: each non-null field in name order.
            shown = dict(school, address=address or None, circonscription=circ or None, commune=commune or None, postcode=postcode or None)
            del shown["version"]
            changes = [{"field": k, "before": None, "after": v} for k, v in sorted(shown.items()) if v is not None]
            audits.append((time_ordered_id(), NOW, academie, uai, json.dumps(changes, separators=(",", ":"))))
    audits.sort()  # a batch's entries are written in id order (AuditTrail.RecordManyAsync)
    started = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    if with_probe:
        probe = con.execute
        for school in schools:
            probe(SCHOOL_PROBE, school[:1]).fetchone()
    con.executemany(SCHOOL_INSERT, schools)
    if with_events:
        con.executemany(OUTBOX_INSERT, events)
    if with_audit:
        con.executemany(AUDIT_INSERT, audits)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return len(schools) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="reuse the last Release build")
    parser.add_argument("--seconds", type=float, default=6, help="length of each project-write run")
    args = parser.parse_args()
    bench.ensure_tools()
    bench.WORK = bench.BENCH / ".work-ceilings"
    bench.API_PORT = PORT
    shutil.rmtree(bench.WORK, ignore_errors=True)
    bench.WORK.mkdir(parents=True)
    if not args.no_build:
        bench.build_api()
    key = "ceilings-" + secrets.token_hex(24)
    data = bench.WORK / "data"
    env = {"ASPNETCORE_ENVIRONMENT": "Production", "Auth__BootstrapApiKey": key, "Database__DataDirectory": str(data),
           "RateLimiting__PermitsPerSecond": "10000000", "RateLimiting__Burst": "10000000"}
    api = bench.Server("API", bench.API_DLL, PORT, env, bench.WORK / "api.log")
    try:
        api.wait_ready("/health/live")
        bench.log("seeding 5,000 schools and 1,000 projects through the API")
        seed_csv = bench.WORK / "seed.csv"
        versailles = bench.write_schools_csv(seed_csv, 5_000, seed=3)
        bench.curl_import("/api/v1/imports/schools", seed_csv, key, api)
        bench.wait_dispatched(key, 300)
        bench.seed_projects(key, versailles, 1_000, True)
    finally:
        api.stop()

    bench.log(f"project writes, {args.seconds:.0f} s each, groups of {GROUP} per commit")
    with_terms = [project_writes(data / "projects.db", args.seconds, True) for _ in range(2)]
    without = [project_writes(data / "projects.db", args.seconds, False) for _ in range(2)]
    bench.log("100,000 CSV schools: sqlite3 .import, then the school table, its events and its audit entries")
    csv_path = bench.WORK / "schools.csv"
    bench.write_schools_csv(csv_path, 100_000, seed=5)
    sqlite_rate = 100_000 / min(bench.sqlite_import(csv_path) for _ in range(2))
    # Each the median of 3 timings: one alone is noise.
    schools_only, with_events, with_audit, with_probe = ([import_rows(data / "networks.db", csv_path, *variant) for _ in range(3)]
                                                         for variant in ((False,), (True,), (True, True), (True, True, True)))

    print(f"\nSQLite alone (Python sqlite3, SQLite {sqlite3.sqlite_version}), on the API's schema and settings")
    print(f"project writes a second, as the API writes them:  {', '.join(f'{r:,.0f}' for r in with_terms)}")
    print(f"the same without the search terms:              {', '.join(f'{r:,.0f}' for r in without)}")
    for label, runs in (("school rows only:      ", schools_only), ("school rows and events:", with_events),
                        ("rows, events and audit:", with_audit), ("and each key looked up:", with_probe)):
        rate = statistics.median(runs)
        print(f"import, {label} {rate:,.0f} rows/s (median of {', '.join(f'{r:,.0f}' for r in runs)}), "
              f"{rate / sqlite_rate:.3f} of sqlite3 .import ({sqlite_rate:,.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
