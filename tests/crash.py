#!/usr/bin/env python3
"""Driver for the reliability tests (tests/it_crash.sh, it_overlap.sh,
it_disk.sh): seeded worlds with known changes, kill moments chosen from a
crashshim trace, and the checks that run on a database after a crash.

usage:
  crash.py worlds BASE OUTDIR SEED COUNT PER
      Write OUTDIR/world-0.json (BASE) ... world-COUNT.json, each the one
      before with PER seeded mutations, and OUTDIR/expected.txt: one line
      "I REGION KIND SUBJECT" per change world I must produce.  No subject
      is mutated twice, so each expected change happens exactly once.
  crash.py plan TRACE SEED CATEGORY
      Print "N LINE": a seeded event number N of the crashshim TRACE whose
      moment is of CATEGORY (see classify()), and the trace line.
  crash.py moment TRACE MOMENT
      Check that the event the shim killed at (MOMENT) is the one the
      calibration TRACE has at that number; print its category.
  crash.py halfcheck DB OLD NEW PREV_MAX_RUN [failed-ok]
      After a kill: integrity, and no half region.  Every state row and
      change belongs to an 'ok' region_run row; in the run the kill
      interrupted (run_id > PREV_MAX_RUN, if any) every 'ok' region holds
      exactly the NEW world and every other region exactly the OLD one
      ("-": nothing, for a database that was new).  A region recorded as
      failed in that run is an error unless "failed-ok" is given (a store
      error such as a full disk records one); "partial-ok" allows a
      partial one (what it did learn is committed), compared, as a region
      that did not commit, with the OLD world: the test's NEW world
      differs from OLD only in what the partial region did not learn.
  crash.py partialworld OLD OUT EXPECTED I SEED
      Write OUT: world OLD with one quota's applied value raised in a
      seeded region (a quota whose applied value equals its default and
      whose code EXPECTED does not name), append "I REGION
      quota_value_changed CODE" to EXPECTED and print the region.  A
      fault on that region's ListServiceQuotas leaves the change unknown.
  crash.py unknown DB
      No change was recorded for a part a region did not learn
      (region_run_unknown) in that run: a partial region's unknown part
      never produces a change.  Prints "N unknown parts".
  crash.py expected DB EXPECTED UPTO
      Every expected change of worlds 1..UPTO appears exactly once in the
      changes view, and no change is recorded twice.
  crash.py same DB REF
      The two databases hold the same current state and the same change
      records (ignoring run numbers and times).
  crash.py delay SEED MAX_MS
      Print a seeded delay in seconds, between 5% and 80% of MAX_MS.
  crash.py runs DB
      Check every run row: one per collect that took the lock, none left
      'running'; print "RUNS COMPLETE".

Exit status 0 when the check holds, 1 when it does not (with the reasons
on stdout), 2 on a usage error.
"""
import json
import os
import random
import sqlite3
import sys

sys.dont_write_bytecode = True     # no __pycache__ in tests/ or sim/
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "sim"))

import scenario  # noqa: E402
import verify_db  # noqa: E402

STATE_TABLES = ("model_state", "quota_state", "profile_state",
                "quota_request_state")
# Change columns that do not depend on run numbering or the clock.
CHANGE_COLS = ("region", "kind", "subject", "subject_name", "old_value",
               "new_value", "path", "severity", "old_applied",
               "new_applied", "new_default", "applied_followed",
               "adjustable", "entitlement", "quota_code", "alt_regions",
               "alt_profiles")
CATEGORIES = ("open", "migration", "run", "read", "region", "region-write",
              "commit", "checkpoint", "close")
WRITES = ("INSERT", "UPDATE", "DELETE")


def connect(db):
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True)


# --- worlds ---------------------------------------------------------------

def candidates(scn, used):
    """Every mutation that yields exactly one known change, as
    (region, subject, steps, kind)."""
    out = []
    for region, r in sorted(scn["regions"].items()):
        for m in r.get("models", []):
            mid = m["modelId"]
            if (region, mid) in used:
                continue
            if m.get("authorizationStatus", "AUTHORIZED") == "AUTHORIZED":
                out.append((region, mid, [("revoke_access", [region, mid])],
                            "access_lost"))
            else:
                out.append((region, mid, [("grant_access", [region, mid])],
                            "access_granted"))
            out.append((region, mid, [("remove_model", [region, mid])],
                        "model_removed"))
        for q in r.get("quotas", []):
            code = q["code"]
            if (region, code) in used or q.get("applied") is None or \
                    q.get("default") is None:
                continue
            if q["default"] >= 2:
                out.append((region, code,
                            [("lower_default", [region, code])],
                            "quota_default_changed"))
            if q.get("adjustable", True):
                out.append((region, code,
                            [("make_non_adjustable", [region, code])],
                            "quota_adjustable_changed"))
            if q["applied"] == q["default"]:
                out.append((region, code,
                            [("set_applied", [region, code,
                                              q["applied"] + 7])],
                            "quota_value_changed"))
        for q in r.get("requests", []):
            rid = q["id"]
            if (region, rid) in used:
                continue
            new = "CASE_CLOSED" if q["status"] != "CASE_CLOSED" else "DENIED"
            out.append((region, rid, [("request_status", [region, rid, new])],
                        "quota_request_status_changed"))
    return out


def cmd_worlds(base, outdir, seed, count, per):
    rng = random.Random(int(seed))
    scn = scenario.load(base)
    used = set()
    os.makedirs(outdir, exist_ok=True)
    scenario.dump(scn, os.path.join(outdir, "world-0.json"))
    lines = []
    for i in range(1, int(count) + 1):
        steps = []
        for k in range(int(per)):
            if k == 0:
                # One new model per world: an insert, not only updates.
                region = rng.choice(sorted(scn["regions"]))
                mid = "amazon.crash-test-%d-v1:0" % i
                steps.append(("add_model", [region, mid]))
                used.add((region, mid))
                lines.append("%d %s model_added %s" % (i, region, mid))
                continue
            pool = candidates(scn, used)
            region, subject, more, kind = rng.choice(pool)
            steps.extend(more)
            used.add((region, subject))
            lines.append("%d %s %s %s" % (i, region, kind, subject))
        scn = scenario.apply_all(scn, steps)
        scenario.dump(scn, os.path.join(outdir, "world-%d.json" % i))
    with open(os.path.join(outdir, "expected.txt"), "w") as f:
        f.write("".join(line + "\n" for line in lines))
    return 0


# --- kill moments -----------------------------------------------------------

def parse_trace(path):
    """[(n, kind, txn, file, sql)] of a crashshim trace or moment file."""
    out = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 4)
            if len(parts) < 5:
                parts += [""] * (5 - len(parts))
            out.append((int(parts[0]), parts[1], parts[2], parts[3],
                        parts[4]))
    return out


def file_class(name):
    for suffix in ("-wal", "-shm", "-journal"):
        if name.endswith(suffix):
            return suffix[1:]
    if name == "-":
        return "-"
    return "db" if name.endswith(".db") else "dir"


def classify(events):
    """The category of every event, by its place in the transactions.

    open: before the first migration transaction (journal mode, checks);
    migration: the migration transaction, its COMMIT writes included;
    run: run rows (begin transaction, account, finish, failed regions);
    read: a read transaction (store_load_current);
    region: inside a region's write transaction, before its COMMIT;
    region-write: the same, at a statement that writes (INSERT, UPDATE);
    commit: the COMMIT of a region's transaction and the WAL writes and
    syncs it makes; checkpoint: writes to the database file itself (WAL
    pages copied back); close: anything after the last run statement.
    """
    cats = [None] * len(events)
    groups = []             # (first index, last index, kind of group)
    i = 0
    while i < len(events):
        n, kind, txn, fname, sql = events[i]
        if kind == "step" and sql.startswith("BEGIN"):
            j = i + 1
            body = []
            while j < len(events):
                ev = events[j]
                if ev[1] == "step" and ev[4] in ("COMMIT", "ROLLBACK"):
                    break
                body.append(ev[4])
                j += 1
            # The COMMIT's own writes and syncs follow its step.
            k = j + 1
            while k < len(events) and events[k][1] != "step":
                k += 1
            text = " ".join(body)
            if "0001-init" in text or "PRAGMA user_version =" in text:
                g = "migration"
            elif text == "PRAGMA user_version":
                g = "open"      # the version check of an up-to-date file
            elif "INSERT INTO region_run (run_id, account_id, region, status)" \
                    in text:
                g = "region"
            elif "INSERT INTO run" in text:
                g = "run"
            elif sql == "BEGIN":
                g = "read"
            else:
                g = "run"
            groups.append((i, j, k - 1, g))
            i = k
        else:
            k = i + 1
            if kind == "step" and ("UPDATE run" in sql or
                                   "INSERT INTO region_run" in sql):
                # An autocommit statement: its writes follow its step.
                while k < len(events) and events[k][1] != "step":
                    k += 1
                groups.append((i, i, k - 1, "run"))
            i = k
    first_work = min([g[0] for g in groups
                      if g[3] in ("migration", "run")] or [0])
    last_work = max([g[2] for g in groups] or [len(events)])
    for a, commit, b, g in groups:
        for x in range(a, b + 1):
            if g == "region" and x >= commit:
                cats[x] = "commit"
            elif g == "region" and events[x][1] == "step" and \
                    events[x][4].startswith(WRITES):
                cats[x] = "region-write"
            else:
                cats[x] = g
    for x, ev in enumerate(events):
        if cats[x] is None:
            if x < first_work:
                cats[x] = "open"
            elif x > last_work:
                cats[x] = "close"
            else:
                cats[x] = "run"
        if ev[1] == "write" and file_class(ev[3]) == "db" and \
                cats[x] not in ("open", "migration"):
            cats[x] = "checkpoint"
    return cats


def cmd_plan(trace, seed, category):
    if category not in CATEGORIES:
        print("unknown category %s" % category)
        return 2
    events = parse_trace(trace)
    cats = classify(events)
    pool = [ev for ev, c in zip(events, cats) if c == category]
    if not pool:
        print("no %s event in %s" % (category, trace))
        return 1
    ev = random.Random(int(seed)).choice(pool)
    print("%d %s %s %s %s" % ev)
    return 0


def same_event(a, b):
    return (a[0], a[1], a[2], file_class(a[3]), a[4]) == \
        (b[0], b[1], b[2], file_class(b[3]), b[4])


def cmd_moment(trace, moment):
    events = parse_trace(trace)
    got = parse_trace(moment)
    if len(got) != 1:
        print("moment file has %d lines, wanted 1" % len(got))
        return 1
    n = got[0][0]
    if not 1 <= n <= len(events):
        print("event %d is not in the calibration trace" % n)
        return 1
    cat = classify(events)[n - 1]
    if not same_event(events[n - 1], got[0]):
        print("killed at %r, calibration had %r" % (got[0],
                                                    events[n - 1]))
        return 1
    print("%s: event %d/%d %s %s %s" % (cat, n, len(events), got[0][1],
                                       got[0][3], got[0][4][:48]))
    return 0


# --- checks -----------------------------------------------------------------

def load_world(path):
    with open(path) as f:
        return json.load(f)


def state_diff(db, world, skip):
    want = verify_db.expected(world, skip)
    got = verify_db.actual(db, skip)
    bad = []
    for k in want:
        for row in sorted(want[k] - got[k], key=repr)[:5]:
            bad.append("missing %s %r" % (k, row))
        for row in sorted(got[k] - want[k], key=repr)[:5]:
            bad.append("unexpected %s %r" % (k, row))
    return bad


def orphan_rows(con):
    """State rows and changes whose run has no 'ok' or 'partial' row for
    the region (a partial region commits what it learnt)."""
    bad = []
    ok = set(con.execute(
        "SELECT run_id, region FROM region_run WHERE status IN ('ok',"
        " 'partial')"))
    for t in STATE_TABLES:
        for col in ("since_run", "until_run"):
            for run, region, n in con.execute(
                    "SELECT %s, region, count(*) FROM %s WHERE %s IS NOT"
                    " NULL GROUP BY 1, 2" % (col, t, col)):
                if (run, region) not in ok:
                    bad.append("%d %s rows of %s with %s %d, no ok row" % (
                        n, t, region, col, run))
    for run, region, n in con.execute(
            "SELECT run_id, region, count(*) FROM change_log GROUP BY 1, 2"):
        if (run, region) not in ok:
            bad.append("%d changes of %s in run %d, no ok row" % (
                n, region, run))
    return bad


def cmd_halfcheck(db, old, new, prev_max, failed_ok=None):
    if not os.path.exists(db) or os.path.getsize(db) == 0:
        print("no database yet")
        return 0
    con = connect(db)
    bad = []
    try:
        ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
    except sqlite3.OperationalError as e:
        # Killed while switching a new file to WAL: a hot rollback
        # journal, which only a writer may roll back.  The next opener
        # (a collect) does; so do we, then check.
        print("read-only open refused (%s): hot journal %s" % (
            e, "present" if os.path.exists(db + "-journal") else "absent"))
        con.close()
        sqlite3.connect(db).execute("PRAGMA user_version").fetchall()
        con = connect(db)
        ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
    if ic != ["ok"]:
        bad.append("integrity_check: %s" % "; ".join(ic[:3]))
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        n = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if n:
            bad.append("user_version 0 with %d schema objects: half a "
                       "migration" % n)
        con.close()
        print("\n".join(bad) if bad else "empty database (user_version 0)")
        return 1 if bad else 0
    latest = len([n for n in os.listdir(os.path.join(HERE, "..", "schema"))
                  if n[:4].isdigit() and n.endswith(".sql")])
    if version < latest:
        # Stopped between two migrations, each its own transaction: the
        # next opener applies the rest.  No run can have begun.
        n = con.execute("SELECT count(*) FROM run").fetchone()[0]
        if n:
            bad.append("%d runs at schema version %d of %d" % (
                n, version, latest))
        con.close()
        print("\n".join(bad) if bad else "migrated to version %d of %d" % (
            version, latest))
        return 1 if bad else 0
    bad += orphan_rows(con)
    wnew = load_world(new)
    wold = load_world(old) if old != "-" else {"regions": {}}
    regions = set(wnew["regions"]) | set(wold["regions"])
    killed = con.execute("SELECT run_id, status FROM run WHERE run_id > ?"
                         " ORDER BY run_id", (int(prev_max),)).fetchall()
    done = set()
    if len(killed) > 1:
        bad.append("%d runs after run %s" % (len(killed), prev_max))
    if killed:
        done = {r for (r,) in con.execute(
            "SELECT region FROM region_run WHERE run_id = ? AND status ="
            " 'ok'", (killed[0][0],))}
        failed = con.execute("SELECT count(*) FROM region_run WHERE run_id"
                             " = ? AND status NOT IN ('ok', ?)",
                             (killed[0][0], "partial" if failed_ok ==
                              "partial-ok" else "ok")).fetchone()[0]
        if failed and failed_ok != "failed-ok":
            bad.append("%d failed regions in the killed run" % failed)
    con.close()
    bad += state_diff(db, wnew, regions - done)
    bad += state_diff(db, wold, done)
    for line in bad:
        print(line)
    if killed:
        print("run %d %s: %d of %d regions committed, %d failed" % (
            killed[0][0], killed[0][1], len(done), len(regions), failed))
    else:
        print("no run row: killed before the run began")
    return 1 if bad else 0


# A change kind -> the part of a region whose reply it comes from.
PART_OF_KIND = {
    "model_added": "models", "model_removed": "models",
    "model_lifecycle_changed": "models",
    "model_lifecycle_date_changed": "models",
    "model_inference_types_changed": "models",
    "access_granted": "model_access", "access_lost": "model_access",
    "entitlement_changed": "model_access",
    "agreement_changed": "model_access",
    "region_availability_changed": "model_access",
    "quota_added": "quotas", "quota_removed": "quotas",
    "quota_default_changed": "quotas", "quota_value_changed": "quotas",
    "quota_adjustable_changed": "quotas",
    "quota_request_created": "requests",
    "quota_request_status_changed": "requests",
    "profile_added": "profiles", "profile_removed": "profiles",
}


def cmd_partialworld(old, out, expected, i, seed):
    scn = scenario.load(old)
    with open(expected) as f:
        named = {tuple(line.split()[1:4:2]) for line in f}
    pool = []
    for region, r in sorted(scn["regions"].items()):
        for q in r.get("quotas", []):
            if q.get("applied") is not None and \
                    q.get("applied") == q.get("default") and \
                    (region, q["code"]) not in named:
                pool.append((region, q["code"], q["applied"]))
    if not pool:
        print("no quota to change in %s" % old)
        return 1
    region, code, applied = random.Random(int(seed)).choice(pool)
    scn = scenario.apply_all(scn, [("set_applied", [region, code,
                                                   applied + 7])])
    scenario.dump(scn, out)
    with open(expected, "a") as f:
        f.write("%s %s quota_value_changed %s\n" % (i, region, code))
    print(region)
    return 0


def cmd_unknown(db):
    con = connect(db)
    unknown = con.execute("SELECT run_id, region, part, subject FROM"
                          " region_run_unknown").fetchall()
    changes = con.execute("SELECT run_id, region, kind, subject FROM"
                          " change_log").fetchall()
    con.close()
    bad = []
    for run, region, part, subject in unknown:
        for c in changes:
            if c[:2] == (run, region) and PART_OF_KIND.get(c[2]) == part \
                    and (subject == "" or subject == c[3]):
                bad.append("run %d %s: %s %s recorded, its part %s unknown"
                           % (run, region, c[2], c[3], part))
    for line in bad:
        print(line)
    print("%d unknown parts" % len(unknown))
    return 1 if bad else 0


def change_rows(db):
    con = connect(db)
    rows = con.execute("SELECT %s FROM changes" % ", ".join(CHANGE_COLS))
    out = [tuple(r) for r in rows]
    con.close()
    return out


def cmd_expected(db, expected, upto):
    rows = change_rows(db)
    bad = []
    counts = {}
    for r in rows:
        counts[r] = counts.get(r, 0) + 1
    for r, n in sorted(counts.items(), key=repr):
        if n > 1:
            bad.append("recorded %d times: %r" % (n, r[:6]))
    keys = {}
    for r in rows:
        keys[r[:3]] = keys.get(r[:3], 0) + 1
    want = 0
    with open(expected) as f:
        for line in f:
            i, region, kind, subject = line.split()
            if int(i) > int(upto):
                continue
            want += 1
            n = keys.get((region, kind, subject), 0)
            if n != 1:
                bad.append("%s %s %s: recorded %d times, wanted once" % (
                    region, kind, subject, n))
    for line in bad:
        print(line)
    print("%d expected changes, %d change records" % (want, len(rows)))
    return 1 if bad else 0


def cmd_same(db, ref):
    bad = []
    a, b = verify_db.actual(db, set()), verify_db.actual(ref, set())
    for k in b:
        if a[k] != b[k]:
            bad.append("%s differ: %d only here, %d only in the reference"
                       % (k, len(a[k] - b[k]), len(b[k] - a[k])))
    ca, cb = sorted(change_rows(db), key=repr), sorted(change_rows(ref),
                                                       key=repr)
    if ca != cb:
        bad.append("changes differ: %d here, %d in the reference" % (
            len(ca), len(cb)))
        for r in [r for r in ca if r not in cb][:5]:
            bad.append("  only here: %r" % (r[:6],))
        for r in [r for r in cb if r not in ca][:5]:
            bad.append("  only in the reference: %r" % (r[:6],))
    for line in bad:
        print(line)
    print("%d models, %d quotas, %d changes compared" % (
        len(b["models"]), len(b["quotas"]), len(cb)))
    return 1 if bad else 0


def cmd_runs(db):
    con = connect(db)
    rows = con.execute("SELECT run_id, status, finished_at FROM run"
                       " ORDER BY run_id").fetchall()
    con.close()
    bad = ["run %d still running" % r[0] for r in rows if r[1] == "running"]
    bad += ["run %d %s without an end time" % (r[0], r[1]) for r in rows
            if r[1] in ("complete", "partial") and not r[2]]
    for line in bad:
        print(line)
    print("%d %d" % (len(rows), sum(1 for r in rows if r[1] == "complete")))
    return 1 if bad else 0


def cmd_delay(seed, max_ms):
    top = max(20, int(max_ms))
    ms = random.Random(int(seed)).randint(top // 20, top * 4 // 5)
    print("%.3f" % (ms / 1000.0))
    return 0


COMMANDS = {
    "worlds": (cmd_worlds, 5), "plan": (cmd_plan, 3),
    "moment": (cmd_moment, 2), "halfcheck": (cmd_halfcheck, 4),
    "expected": (cmd_expected, 3), "same": (cmd_same, 2),
    "delay": (cmd_delay, 2), "runs": (cmd_runs, 1),
    "partialworld": (cmd_partialworld, 5), "unknown": (cmd_unknown, 1),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS or \
            len(argv) - 2 not in (COMMANDS[argv[1]][1],
                                  COMMANDS[argv[1]][1] + (argv[1] ==
                                                          "halfcheck")):
        sys.stderr.write(__doc__)
        return 2
    return COMMANDS[argv[1]][0](*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
